"""`status`: the auth overview as OpenClaw's `models status --json` document, and as text for people.

The document has OpenClaw's keys and values; where OpenClaw prints a key as its first and last 8
characters this prints the redacted form (`redact`), unless `reveal`. Values that are names, not
secrets (a variable name written as `apiKey`, `${NAME}`), are printed as they are. Extra top-level
keys: `credentials` (the next call's credential per provider) and `warnings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .findings import warning_dict
from .redact import redact, redact_text

if TYPE_CHECKING:
    from ..credentials.health import ProfileHealth, ProviderHealth
    from ..credentials.resolve import CredentialCandidate, CredentialResolution
    from ..credentials.status import AuthStatus, ProviderAuth


def shown_key(value: str | None, reveal: bool, plain: bool = False) -> str:
    """A key as `status` prints it: `missing` when blank; a secret redacted unless `reveal`; a value
    that is no secret (`plain`: a variable reference, the ADC marker) as it is."""
    text = (value or "").strip()
    if not text:
        return "missing"
    return text if reveal or plain else redact(text)


def status_document(status: AuthStatus, *, reveal: bool = False) -> dict[str, Any]:
    document: dict[str, Any] = {"configPath": str(status.config_path)}
    if status.agent is not None:
        document["agentId"] = status.agent.id
    document.update(
        agentDir=str(status.agent_dir),
        defaultModel=status.default_model,
        resolvedDefault=status.resolved_default,
        fallbacks=list(status.fallbacks),
        imageModel=status.image_model,
        imageFallbacks=list(status.image_fallbacks),
    )
    if status.agent is not None:
        document["modelConfig"] = {
            "defaultSource": "agent" if status.agent.primary else "defaults",
            "fallbacksSource": "agent" if status.fallbacks_from_agent else "defaults",
        }
    document.update(aliases=dict(status.aliases), allowed=list(status.allowed), auth=_auth(status, reveal))
    document["credentials"] = {pid: credential_dict(r, reveal) for pid, r in status.credentials.items()}
    secrets = [] if reveal else secrets_of(status)
    document["warnings"] = [warning_dict(w, lambda text: redact_text(text, secrets)) for w in status.warnings]
    return document


def _auth(status: AuthStatus, reveal: bool) -> dict[str, Any]:
    return {
        "storePath": str(status.store_path),
        "shellEnvFallback": {"enabled": status.shell_env_enabled, "appliedKeys": []},
        "providersWithOAuth": status.providers_with_oauth,
        "missingProvidersInUse": list(status.missing_in_use),
        "providers": [_provider(status, p, reveal) for p in status.providers],
        "unusableProfiles": [
            _drop_none(
                {
                    "profileId": u.profile_id,
                    "provider": u.provider,
                    "kind": u.kind,
                    "reason": u.reason,
                    "until": u.until,
                    "remainingMs": u.remaining_ms,
                }
            )
            for u in status.unusable
        ],
        "oauth": {
            "warnAfterMs": status.warn_after_ms,
            "profiles": [_health(h) for h in status.profile_health],
            "providers": [_provider_health(h) for h in status.provider_health],
        },
    }


def _provider(status: AuthStatus, entry: ProviderAuth, reveal: bool) -> dict[str, Any]:
    env_value = None
    if entry.env is not None:
        env_value = (
            "OAuth (env)" if entry.env.is_oauth else shown_key(entry.env.value, reveal, entry.env.variable is None)
        )
    detail = {
        "profiles": status.shorten(status.profiles_path),
        "env": env_value,
        "models.json": shown_key(entry.config_key, reveal, entry.config_key_plain),
        "missing": "missing",
    }[entry.effective]
    data: dict[str, Any] = {
        "provider": entry.provider,
        "effective": {"kind": entry.effective, "detail": detail},
        "profiles": {
            "count": len(entry.profiles), "oauth": entry.count("oauth"), "token": entry.count("token"),
            "apiKey": entry.count("api_key"), "labels": [profile_label(status, p, reveal) for p in entry.profiles],
        },
    }  # fmt: skip
    if entry.env is not None:
        data["env"] = {"value": env_value, "source": entry.env.source}
    if entry.config_key is not None:
        source = f"models.json: {status.shorten(status.agent_dir / 'models.json')}"
        data["modelsJson"] = {"value": shown_key(entry.config_key, reveal, entry.config_key_plain), "source": source}
    return data


def profile_label(status: AuthStatus, profile: Any, reveal: bool) -> str:
    """`openai:work=sk-o…89`, `anthropic:me=token:…`, `anthropic:me@x.com=OAuth (me@x.com)`, with the
    cooldown or disabled period it is in: `[cooldown 3h]`, `[disabled:billing 20h]`."""
    from ..credentials.health import remaining_text

    if profile.type == "api_key":
        text = f"{profile.id}={shown_key(profile.secret, reveal)}"
    elif profile.type == "token":
        text = f"{profile.id}=token:{shown_key(profile.secret, reveal)}"
    else:
        email = status.email(profile.id)
        text = f"{profile.id}=OAuth" + (f" ({email})" if email else "")
    blocked = status.blocked(profile.id)
    if blocked is None:
        return text
    what = "cooldown"
    if blocked.disabled:
        what = f"disabled:{blocked.reason}" if blocked.reason else "disabled"
    return f"{text} [{what} {remaining_text(blocked.until - status.now_ms)}]"


def _health(health: ProfileHealth) -> dict[str, Any]:
    return _drop_none({
        "profileId": health.profile_id, "provider": health.provider, "type": health.type, "status": health.status,
        "expiresAt": health.expires_at, "remainingMs": health.remaining_ms, "source": "store", "label": health.label,
    })  # fmt: skip


def _provider_health(health: ProviderHealth) -> dict[str, Any]:
    data: dict[str, Any] = {"provider": health.provider, "status": health.status,
                            "profiles": [_health(h) for h in health.profiles]}  # fmt: skip
    if health.expires_at is not None:
        data.update(expiresAt=health.expires_at, remainingMs=health.remaining_ms)
    return data


def credential_dict(resolution: CredentialResolution, reveal: bool) -> dict[str, Any]:
    """The next call's credential for a provider and every candidate, as JSON-able data."""
    chosen = resolution.credential
    return {
        "credential": _candidate(chosen, reveal) if chosen is not None else None,
        "problem": resolution.problem,
        "candidates": [_candidate(c, reveal) for c in resolution.candidates],
    }


def _candidate(candidate: CredentialCandidate, reveal: bool) -> dict[str, Any]:
    return _drop_none({
        "kind": candidate.kind, "name": candidate.name, "status": candidate.status, "reason": candidate.reason,
        "source": candidate.source, "mode": candidate.mode, "expiry": candidate.expiry,
        "value": None if candidate.value is None or candidate.kind == "aws-sdk" else _shown(candidate, reveal),
        "needsRefresh": candidate.needs_refresh or None,
    })  # fmt: skip


def _shown(candidate: CredentialCandidate, reveal: bool) -> str:
    return shown_key(candidate.value, reveal, candidate.plain)


def secrets_of(status: AuthStatus) -> list[str]:
    """Every secret the status holds (names are not secrets): what redaction must never let through."""
    found = [s for r in status.credentials.values() for s in r.secrets]
    for entry in status.providers:
        found += [p.secret for p in entry.profiles if p.secret]
        if entry.env is not None and entry.env.variable is not None:
            found.append(entry.env.value)
        if entry.config_key and not entry.config_key_plain:
            found.append(entry.config_key)
    return found


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None}
