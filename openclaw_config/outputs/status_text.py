"""`status` for people: the model chain, then per provider the credential the next call uses and
what else is there, then what is missing and how long OAuth and token profiles last."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .redact import redact_text
from .status import profile_label, secrets_of, shown_key

if TYPE_CHECKING:
    from ..credentials.resolve import CredentialCandidate, CredentialResolution
    from ..credentials.status import AuthStatus, ProviderAuth

_WIDTH = 16


def status_text(status: AuthStatus, *, reveal: bool = False) -> str:
    lines = [*_header(status), "", *_auth_lines(status, reveal)]
    if status.missing_in_use:
        lines += ["", "Missing auth (providers in use without any credential)"]
        lines += [f"  {p}{_in_use_for(status, p)}: {_missing_hint(status, p)}" for p in status.missing_in_use]
    lines += ["", *_expiry_lines(status)]
    if status.warnings:
        lines += ["", "Warnings", *(f"  - {w}" for w in status.warnings)]
    text = "\n".join(lines) + "\n"
    return text if reveal else redact_text(text, secrets_of(status))


def _row(label: str, value: str) -> str:
    return f"{label:<{_WIDTH}}{value}"


def _header(status: AuthStatus) -> list[str]:
    short = status.shorten
    agent = status.agent
    default = status.resolved_default
    if status.default_model != status.resolved_default:
        default += f"  (from {status.default_model})"
    own = " (the agent's own)" if agent is not None and agent.primary else ""
    lines = [_row("Config", short(status.config_path))]
    if agent is not None:
        lines.append(_row("Agent", agent.id + ("  (the default agent)" if agent.is_default else "")))
    lines += [
        _row("Agent dir", short(status.agent_dir)),
        _row("Default model", default + own),
        _row("Fallbacks", ", ".join(status.fallbacks) or "(none)")
        + (" (the agent's own)" if status.fallbacks_from_agent else ""),
        _row("Image model", status.image_model or "(none)"),
        _row("Image fallbacks", ", ".join(status.image_fallbacks) or "(none)"),
        _row("Aliases", ", ".join(f"{a} -> {r}" for a, r in status.aliases.items()) or "(none)"),
        _row("Allowed models", ", ".join(status.allowed) or "all"),
    ]
    return lines


def _auth_lines(status: AuthStatus, reveal: bool) -> list[str]:
    short = status.shorten
    lines = [_row("Auth store", short(status.store_path))]
    if status.inherited_store is not None:
        lines.append(_row("", f"(on top of the main agent's {short(status.inherited_store)})"))
    shell = "on: OpenClaw also reads missing keys from your login shell (not done here)"
    lines.append(_row("Shell env", shell if status.shell_env_enabled else "off"))
    if status.providers_with_oauth:
        lines.append(_row("OAuth/tokens", ", ".join(status.providers_with_oauth)))
    lines += ["", "Providers (the credential the next call uses, and what else is set)"]
    if not status.providers:
        lines.append("  (none has a credential)")
    for entry in status.providers:
        lines += _provider_lines(status, entry, reveal)
    return lines


def _provider_lines(status: AuthStatus, entry: ProviderAuth, reveal: bool) -> list[str]:
    resolution = status.credentials.get(entry.provider)
    lines = [f"  {entry.provider}"]
    lines.append(f"    next call  {_next_call(resolution, reveal)}")
    if entry.profiles:
        counts = f"oauth {entry.count('oauth')}, token {entry.count('token')}, api_key {entry.count('api_key')}"
        labels = ", ".join(profile_label(status, p, reveal) for p in entry.profiles)
        lines.append(f"    profiles   {len(entry.profiles)} ({counts}): {labels}")
    if entry.env is not None:
        value = "OAuth token" if entry.env.is_oauth else shown_key(entry.env.value, reveal, entry.env.variable is None)
        name = entry.env.variable or "application default credentials"
        lines.append(f"    env        {entry.env.source.removeprefix('env: ')} = {value}{_note(resolution, name)}")
    if entry.config_key is not None:
        config_name = next((c.name for c in resolution.candidates if c.kind == "config"), "") if resolution else ""
        value = shown_key(entry.config_key, reveal, entry.config_key_plain)
        lines.append(f"    apiKey     {value}  (the config's; written to models.json){_note(resolution, config_name)}")
    return lines


def _note(resolution: CredentialResolution | None, name: str) -> str:
    """How the candidate `name` fared: in use, or why not."""
    found = next((c for c in resolution.candidates if c.name == name), None) if resolution else None
    if found is None or found.status == "used":
        return "  in use" if found is not None else ""
    return f"  {found.reason}"


def _next_call(resolution: CredentialResolution | None, reveal: bool) -> str:
    if resolution is None:
        return "(not worked out)"
    chosen = resolution.credential
    if chosen is None:
        return f"none: {resolution.problem}"
    return describe_candidate(chosen, reveal)


def describe_candidate(candidate: CredentialCandidate, reveal: bool) -> str:
    """`profile openai:work (api_key, static) sk-o…89`, `env OPENAI_API_KEY sk-o…89`, ..."""
    if candidate.kind == "aws-sdk":
        return f"the AWS SDK ({candidate.name})"
    if candidate.kind == "env" and candidate.source != f"env: {candidate.name}":
        return f"{candidate.name} ({candidate.source})"
    what = {"profile": "profile", "env": "env", "config": "apiKey"}[candidate.kind]
    name = "" if candidate.kind == "config" else f" {candidate.name}"
    detail = f" ({candidate.mode}, {candidate.expiry})" if candidate.kind == "profile" else ""
    value = "" if candidate.value is None else f"  {shown_key(candidate.value, reveal, candidate.plain)}"
    refresh = "  (access token expired: OpenClaw refreshes it first)" if candidate.needs_refresh else ""
    return f"{what}{name}{detail}{value}{refresh}"


def _in_use_for(status: AuthStatus, provider: str) -> str:
    refs = status.in_use_refs.get(provider, ())
    bare = [r for r in refs if "/" not in r]
    if not bare:
        return f" (for {', '.join(refs)})" if refs else ""
    return f" (for {', '.join(refs)}: OpenClaw counts a ref without a provider as {provider})"


def _missing_hint(status: AuthStatus, provider: str) -> str:
    resolution = status.credentials.get(provider)
    chosen = resolution.credential if resolution else None
    if chosen is not None and chosen.kind == "aws-sdk":
        return f"OpenClaw reports no key, but the AWS SDK authenticates it at run time ({chosen.name})"
    variables = [c.name for c in resolution.candidates if c.kind == "env"] if resolution else []
    if variables:
        return f"set {' or '.join(variables)}, add an auth profile, or configure an apiKey"
    return "add an auth profile or configure an apiKey for it"


def _expiry_lines(status: AuthStatus) -> list[str]:
    from ..credentials.health import remaining_text

    hours = status.warn_after_ms / 3_600_000
    lines = [f"OAuth and token expiry (a warning within {hours:g}h)"]
    if not status.expirable:
        return [*lines, "  (no OAuth or token profiles)"]
    for health in status.expirable:
        if health.status == "static":
            when = "never expires"
        elif health.status == "missing":
            when = "expiry unknown"
        elif health.remaining_ms is not None and health.remaining_ms <= 0:
            when = "expired" if health.status == "expired" else "expired; its refresh token renews it on the next call"
        else:
            when = f"expires in {remaining_text(health.remaining_ms)}"
        lines.append(f"  {health.provider}  {health.label}  {health.status}: {when}")
    return lines
