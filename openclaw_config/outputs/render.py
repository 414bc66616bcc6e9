"""The registry for people (`show`) and for programs (`show --json`), secrets redacted by default."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..registry.model import printable_headers
from .findings import warning_dict
from .paths import AS_IS, PathStyle
from .redact import escape_controls, redact, redact_text, redact_url

if TYPE_CHECKING:
    from ..registry.model import Credential, EffectiveRegistry, Provider


def _credential_dict(credential: Credential | None, reveal: bool) -> dict[str, Any] | None:
    if credential is None:
        return None
    data: dict[str, Any] = {"source": credential.source, "description": credential.describe()}
    if credential.env_var:
        data["envVar"] = credential.env_var
        data["envSource"] = credential.env_origin.source if credential.env_origin else "process"
    if credential.profile_id:
        data["profile"] = credential.profile_id
        data["store"] = credential.store
    data["value"] = credential.value if reveal else redact(credential.value)
    return data


def _provider_dict(registry: EffectiveRegistry, provider: Provider, reveal: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "origin": provider.origin, "baseUrl": _shown_url(registry, provider.base_url, reveal), "api": provider.api,
        "credential": _credential_dict(provider.credential, reveal),
    }  # fmt: skip
    if registry._auth is not None:  # the credential the next call uses (`credential` is models.json's)
        from .status import credential_dict

        data["auth"] = credential_dict(registry.credentials(provider.id), reveal)
    data.update(headers=_printable(provider.headers, reveal), auth=provider.auth, authHeader=provider.auth_header)
    data["models"] = [
        {**m, "headers": _printable(m["headers"], reveal) if m["headers"] else m["headers"]}
        for m in provider.models_json()
    ]
    return data


def _printable(headers: Mapping[str, Any], reveal: bool) -> dict[str, Any]:
    return dict(headers) if reveal else printable_headers(headers)


def _shown_url(registry: EffectiveRegistry, url: str | None, reveal: bool) -> str | None:
    if url is None or reveal:
        return url
    from .models_json import secrets_in

    if _last_secrets and _last_secrets[0][0] is registry:
        secrets = _last_secrets[0][1]
    else:  # once per registry printed, not once per provider
        secrets = secrets_in(registry)
        _last_secrets[:] = [(registry, secrets)]
    return redact_url(url, secrets)


_last_secrets: list[tuple[EffectiveRegistry, list[str]]] = []


def registry_to_dict(registry: EffectiveRegistry, *, reveal: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "configPath": str(registry.config_path),
        "agentDir": str(registry.agent_dir),
        "envSources": list(registry.env_sources),
        "defaultModel": registry.default_model,
        "resolvedDefault": registry.resolved_default,
        "fallbacks": list(registry.fallbacks),
        "resolvedFallbacks": list(registry.resolved_fallbacks),
        "aliases": dict(registry.aliases),
        "providers": {pid: _provider_dict(registry, p, reveal) for pid, p in registry.providers.items()},
        "warnings": [warning_dict(w, _redactor(registry, reveal)) for w in registry.warnings],
        "discovery": [
            {"provider": n.provider, "what": n.what, "attempted": n.attempted, "outcome": n.outcome}
            for n in registry.discovery
        ],
        "registryProblems": [p.to_dict() for p in registry.registry_problems],
    }
    return data


def _redactor(registry: EffectiveRegistry, reveal: bool) -> Callable[[str], str]:
    if reveal:
        return str
    secrets = secrets_of(registry)
    return lambda text: redact_text(text, secrets)


def secrets_of(registry: EffectiveRegistry) -> list[str]:
    """Every credential value the registry holds: what redaction must never let through."""
    credentials = (p.credential for p in registry.providers.values())
    found = [c.value for c in credentials if c is not None and c.source != "placeholder"]
    if registry._auth is not None:
        found += [s for pid in registry.providers for s in registry.credentials(pid).secrets]
    return found


def render_text(registry: EffectiveRegistry, *, reveal: bool = False, paths: PathStyle = AS_IS) -> str:
    """What `show` prints; `paths` says how files are shown (the CLI: `~/...` under the home directory)."""
    config = paths(registry.config_path)
    lines = [
        f"Config file    {config}{'' if registry.config_path.exists() else '  (not found: empty)'}",
        f"Agent dir      {paths(registry.agent_dir)}",
        f"Env sources    {', '.join(registry.env_sources) or '(none)'}",
        "",
        "Providers" if registry.providers else "Providers      (none)",
    ]
    for provider in registry.providers.values():
        next_call = _next_call(registry, provider.id, reveal) if registry._auth is not None else None
        shown = [escape_controls(line) for line in _provider_lines(provider, reveal, next_call)]
        lines += (
            shown if reveal else [_shown_url(registry, line, reveal) or "" if "://" in line else line for line in shown]
        )
    lines += [
        "",
        f"Default model  {_as_resolved(registry.default_model, registry.resolved_default, '  ')}",
        f"Fallbacks      {', '.join(map(_as_resolved, registry.fallbacks, registry.resolved_fallbacks)) or '(none)'}",
        f"Aliases        {', '.join(f'{a} -> {r}' for a, r in registry.aliases.items()) or '(none)'}",
        f"Warnings       {'(none)' if not registry.warnings else ''}",
        *(f"  - {paths.file_of(w)}" for w in registry.warnings),
        *(["Discovery      (what OpenClaw would ask the network)"] if registry.discovery else []),
        *(f"  - {note}" for note in registry.discovery),
        *_registry_problem_lines(registry),
    ]
    text = "\n".join(lines) + "\n"
    return text if reveal else redact_text(text, secrets_of(registry))


def _as_resolved(written: str, resolved: str, gap: str = " ") -> str:
    """A model reference as written, and what it stands for when that differs: `Fast -> openai/gpt-5`."""
    return written if written == resolved else f"{written}{gap}-> {resolved}"


def _next_call(registry: EffectiveRegistry, provider_id: str, reveal: bool) -> str:
    """The credential the next call to the provider uses, or why there is none."""
    from .status_text import describe_candidate

    resolution = registry.credentials(provider_id)
    chosen = resolution.credential
    return describe_candidate(chosen, reveal) if chosen is not None else f"none: {resolution.problem}"


def _provider_lines(provider: Provider, reveal: bool, next_call: str | None = None) -> list[str]:
    credential = provider.credential
    shown = "(none)"
    if credential is not None:
        plain = reveal or credential.source == "placeholder"  # a placeholder is not a secret
        shown = f"{credential.describe()}  {credential.value if plain else credential.redacted}"
    lines = [
        f"  {provider.id}  [{provider.origin}]",
        f"    api        {provider.api or '(not set: each model names its own)'}",
        f"    baseUrl    {provider.base_url}",  # redacted by the caller (it knows the secrets)
        *([f"    auth       {provider.auth}"] if provider.auth else []),
        *(["    authHeader yes (the key is also sent as Authorization: Bearer)"] if provider.auth_header else []),
        *_header_lines("    headers    ", provider.headers, reveal),
        f"    credential {shown}",
        *([f"    next call  {next_call}"] if next_call is not None else []),
        "    models",
    ]
    for m in provider.models:
        own_api = f"  api {m.api}" if m.api != provider.api else ""
        lines.append(
            f'      {m.ref}  "{m.name}"  context {m.context_window}  max {m.max_tokens}  '
            f"input {'+'.join(m.input)}  reasoning {'yes' if m.reasoning else 'no'}{own_api}"
        )
        lines += _header_lines("        headers  ", m.headers, reveal)
        if m.compat:
            lines.append(f"        compat   {', '.join(f'{k}={v}' for k, v in m.compat.items())}")
    return lines


def _header_lines(label: str, headers: Mapping[str, Any], reveal: bool) -> list[str]:
    shown = _printable(headers, reveal)
    return [f"{label}{', '.join(f'{name}: {value}' for name, value in shown.items())}"] if shown else []


def _registry_problem_lines(registry: EffectiveRegistry) -> list[str]:
    """What the runtime will refuse: said after everything else, and loudly."""
    problems = registry.registry_problems
    if not problems:
        return []
    return ["", "Registry problems (OpenClaw will not load models.json)", *(f"  - {p}" for p in problems)]
