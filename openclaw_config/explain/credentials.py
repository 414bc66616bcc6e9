"""Provenance of keys: a provider's `apiKey` field, the credential in effect, and every key that lost.

The four places a key can come from: a key variable (whose sources are layered: process first),
an auth profile, a literal in the config, an existing models.json. Everything that could have
supplied the key but did not is listed as overridden, with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..composition.environment import EffectiveEnvironment
from ..outputs.redact import redact
from ..providers.merge import find_key
from ..sources.auth_profiles import AuthProfile, AuthStore
from .records import Origin, Overridden, ProvenanceRecord

if TYPE_CHECKING:
    from ..registry.model import Credential, Provider
    from .providers import ProviderSources
    from .trace import Tracer

_NO_ENV = EffectiveEnvironment({}, {})


def credential_records(tracer: Tracer, src: ProviderSources) -> list[ProvenanceRecord]:
    provider = tracer.registry.providers[src.pid]
    records = []
    if "apiKey" in provider.raw:
        records.append(_api_key(tracer, src, provider))
    if provider.credential is not None:
        records.append(_credential(tracer, src, provider.credential))
    return records


def _api_key(tracer: Tracer, src: ProviderSources, provider: Provider) -> ProvenanceRecord:
    """The `apiKey` field as written to models.json: a variable name, or a key (redacted)."""
    path = (*src.record_path, "apiKey")
    value = tracer.shown(provider.raw["apiKey"], path, secret=True)
    explicit = (src.explicit or {}).get("apiKey")
    key = tracer.context.provider_set.key_sources.get(src.pid)
    if isinstance(explicit, str) and explicit.strip():
        origins, overridden = tracer.config_sources((*src.config_path, "apiKey"), secret=True)
        if src.implicit is not None:
            overridden += tuple(_implicit_key_lost(tracer, src.pid))
        return ProvenanceRecord(path, value, origins, overridden, src.pid)
    if key is not None:
        injected = src.explicit is None or (src.implicit is not None and "apiKey" not in (src.explicit or {}))
        what = "the implicit provider's apiKey is" if injected else "a provider without apiKey gets"
        if key.env_var:
            origin = tracer.env_sources(key.env_var, f"{what} the name of its key variable")[0]
        else:
            origin = tracer.locate.profile(key.profile.id if key.profile else "?", f"{what} the profile's key")
        lost: tuple[Overridden, ...] = ()
        if explicit is not None:
            written = tracer.config_sources((*src.config_path, "apiKey"))[0]
            lost = tuple(Overridden(o, explicit, "blank: counts as missing") for o in written if o.kind == "config")
        return ProvenanceRecord(path, value, (origin,), lost, src.pid)
    if src.origin == "models.json" or explicit is None:
        return ProvenanceRecord(
            path, value, (tracer.locate.models_json(("providers", src.pid, "apiKey")),), (), src.pid
        )
    origins, overridden = tracer.config_sources((*src.config_path, "apiKey"), secret=True)
    return ProvenanceRecord(path, value, origins, overridden, src.pid)


def _implicit_key_lost(tracer: Tracer, pid: str) -> list[Overridden]:
    context = tracer.context
    key = find_key(pid, context.env, context.store, context.catalog, context.now_ms, [])
    reason = "the config's apiKey overrides the implicit provider's key"
    if key is not None and key.env_var:
        return [Overridden(tracer.env_sources(key.env_var)[0], key.env_var, reason)]
    if key is not None and key.profile is not None:
        return [Overridden(tracer.locate.profile(key.profile.id), redact(key.profile.secret or ""), reason)]
    return []


def _credential(tracer: Tracer, src: ProviderSources, credential: Credential) -> ProvenanceRecord:
    """The key the provider will use (redacted), where it came from, and what lost to it."""
    overridden: list[Overridden] = []
    if credential.source == "env" and credential.env_var:
        origin, lost = tracer.env_sources(credential.env_var)
        origins: tuple[Origin, ...] = (origin,)
        overridden += lost
    elif credential.source == "profile":
        origins = (tracer.locate.profile(credential.profile_id or "?"),)
    elif credential.source == "config":
        written = tracer.config_sources((*src.config_path, "apiKey"), secret=True)[0]
        origins = tuple(o for o in written if o.kind == "config") or written
    else:
        origins = (tracer.locate.models_json(("providers", src.pid, "apiKey")),)
    overridden += _unused_variables(tracer, src.pid, credential)
    overridden += _unused_profiles(tracer, src.pid, credential)
    path = (*src.record_path, "credential")
    note = "the key the provider uses"
    return ProvenanceRecord(path, credential.redacted, origins, tuple(overridden), src.pid, note=note)


def _unused_variables(tracer: Tracer, pid: str, credential: Credential | None) -> list[Overridden]:
    """The provider's other key variables: set but not chosen, or only in lower or ignored sources."""
    chosen = credential.env_var if credential is not None and credential.source == "env" else None
    names = tracer.catalog.key_variables(pid)
    why = "the provider's apiKey is set"
    if chosen is not None and chosen in names:
        why = f"{chosen} comes first among the provider's key variables"
    elif chosen is not None:
        why = f"apiKey names {chosen}"
    found: list[Overridden] = []
    for name in names:
        if name == chosen:
            continue
        origin, lost = tracer.env_sources(name)
        value = tracer.context.env.get(name)
        if value is not None:
            found.append(Overridden(origin, redact(value), f"not used: {why}"))
        found += lost
    return found


def _unused_profiles(tracer: Tracer, pid: str, credential: Credential | None) -> list[Overridden]:
    context = tracer.context
    wanted = context.catalog.normalize_id(pid)
    chosen = credential.profile_id if credential is not None and credential.source == "profile" else None
    found = []
    for profile in context.store.profiles:
        if context.catalog.normalize_id(profile.provider) != wanted or profile.id == chosen:
            continue
        reason = _unusable(tracer, pid, profile)
        if reason is None:
            reason = _not_chosen(credential)
        value = redact(profile.secret) if profile.secret else None
        found.append(Overridden(tracer.locate.profile(profile.id), value, f"not used: {reason}"))
    return found


def _unusable(tracer: Tracer, pid: str, profile: AuthProfile) -> str | None:
    """Why `profile` cannot supply a key at all, or None when it could."""
    context = tracer.context
    alone = AuthStore(context.store.path, (profile,))
    if find_key(pid, _NO_ENV, alone, context.catalog, context.now_ms, []) is not None:
        return None
    if profile.type == "oauth":
        return "OAuth profiles do not supply an API key"
    if profile.type not in ("api_key", "token"):
        return f"profile type {profile.type!r} supplies no key"
    if not (profile.secret and profile.secret.strip()):
        return "the profile holds no key"
    return "the token has expired, or its expires is not a positive number"


def _not_chosen(credential: Credential | None) -> str:
    if credential is None:
        return "the provider has no key"
    if credential.source == "env":
        return f"{credential.env_var} is set, and key variables come before auth profiles"
    if credential.source == "profile":
        return f"profile {credential.profile_id} comes first in the store"
    return "the provider's apiKey is set"


def absent_implicit_records(tracer: Tracer) -> list[ProvenanceRecord]:
    """Built-in providers that were not injected, with the keys that were found but not usable."""
    records = []
    for entry in tracer.catalog.implicit_providers():
        if entry.id in tracer.registry.providers:
            continue
        lost = [*_unused_variables(tracer, entry.id, None), *_unused_profiles(tracer, entry.id, None)]
        if not lost:
            continue  # nothing was even close: not worth a line
        origin = Origin("default", rule="a built-in provider is injected only when a usable key exists")
        note = "not injected: no usable key"
        records.append(
            ProvenanceRecord(("models", "providers", entry.id), None, (origin,), tuple(lost), entry.id, note=note)
        )
    return records
