"""Provenance of keys: a provider's `apiKey` field in models.json, and the credential in effect.

`apiKey` is what the document holds (a key variable's name, a profile's key, a literal).
`credential` is what the next call sends, as the credentials stage decides it (auth profiles in
their effective order, then the key variables, then the config's apiKey): every candidate that lost
is listed with the reason, and a provider without a credential lists everything that was checked.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..composition.environment import EffectiveEnvironment
from ..errors import ConfigPath
from ..outputs.redact import redact
from ..outputs.status import shown_key
from ..providers.merge import find_key
from ..sources.auth_profiles import AuthProfile, AuthStore
from .records import Origin, Overridden, ProvenanceRecord

if TYPE_CHECKING:
    from ..credentials.resolve import CredentialCandidate
    from ..registry.model import Credential, Provider
    from .providers import ProviderSources
    from .trace import Tracer

_NO_ENV = EffectiveEnvironment({}, {})


def credential_records(tracer: Tracer, src: ProviderSources) -> list[ProvenanceRecord]:
    provider = tracer.registry.providers[src.pid]
    records = []
    if "apiKey" in provider.raw:
        records.append(_api_key(tracer, src, provider))
    records.append(_credential(tracer, src.pid, src.record_path))
    return records


def in_use_credential_records(tracer: Tracer) -> list[ProvenanceRecord]:
    """The credential of each provider of the model chain that has no provider block (a built-in
    provider such as anthropic): it is used all the same."""
    registry = tracer.registry
    refs = [registry.resolved_default, *(registry.resolve_ref(f) for f in registry.fallbacks)]
    providers = dict.fromkeys(ref.partition("/")[0].strip() for ref in refs)
    return [
        _credential(tracer, pid, ("models", "providers", pid))
        for pid in providers
        if pid and pid not in registry.providers
    ]


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
    placeholder = tracer.context.provider_set.injection_profiles.get(src.pid)
    if placeholder is not None and src.implicit is not None and src.implicit.get("apiKey") == provider.raw["apiKey"]:
        rule = f"a placeholder: auth profile {placeholder} exists, and its OAuth token is looked up per call"
        origin = tracer.locate.catalog(("providers", src.pid, "placeholder"), rule)
        return ProvenanceRecord(path, value, (origin,), (), src.pid)
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


def _credential(tracer: Tracer, pid: str, record_path: ConfigPath) -> ProvenanceRecord:
    """The credential the next call uses (redacted), where it came from, and every other candidate
    with the reason it lost; with no credential, everything that was checked and why it failed."""
    resolution = tracer.registry.credentials(pid)
    chosen = resolution.credential
    path = (*record_path, "credential")
    if chosen is None:
        origin = Origin("default", rule=resolution.problem or "no credential")
        checked = tuple(lost for c in resolution.candidates for lost in _lost(tracer, c, everything=True))
        return ProvenanceRecord(path, None, (origin,), checked, pid, note="no credential: the call cannot authenticate")
    origins, overridden = _origin(tracer, chosen)
    overridden += [lost for c in resolution.candidates if c is not chosen for lost in _lost(tracer, c)]
    value = None if chosen.value is None or chosen.kind == "aws-sdk" else shown_key(chosen.value, False, chosen.plain)
    note = f"the credential the next call uses: {chosen.reason}"
    if chosen.needs_refresh:
        value = f"OAuth profile {chosen.name}, refreshed first"
    return ProvenanceRecord(path, value, origins, tuple(overridden), pid, note=note)


def _origin(tracer: Tracer, candidate: CredentialCandidate) -> tuple[tuple[Origin, ...], list[Overridden]]:
    """Where the candidate in use came from (and values its variable had in lower sources)."""
    if candidate.kind == "profile":
        return (tracer.locate.profile(candidate.name),), []
    if candidate.kind == "env" and candidate.source == f"env: {candidate.name}":
        origin, lost = tracer.env_sources(candidate.from_variable or candidate.name)
        return (origin,), lost
    if candidate.kind == "config":
        return _config_origins(tracer, candidate, None), []
    return (Origin("default", rule=candidate.reason),), []


def _lost(tracer: Tracer, candidate: CredentialCandidate, everything: bool = False) -> list[Overridden]:
    """A candidate that was not used, as an overridden value; unset ones only with `everything`
    (when there is no credential, the explanation lists all that was checked)."""
    value = None if candidate.value is None else shown_key(candidate.value, False, candidate.plain)
    if candidate.kind == "profile":
        origin = tracer.locate.profile(candidate.name)
        profile = tracer.context.store.profile(candidate.name)
        shown = redact(profile.secret) if profile is not None and profile.secret else None
        return [Overridden(origin, shown, _reason(candidate))]
    if candidate.value is None and not everything:
        return []
    if candidate.kind == "env" and candidate.value is not None and candidate.source == f"env: {candidate.name}":
        origin, shadowed = tracer.env_sources(candidate.from_variable or candidate.name)
        return [Overridden(origin, value, _reason(candidate)), *shadowed]
    if candidate.kind == "config" and candidate.value is not None:
        return [Overridden(o, value, _reason(candidate)) for o in _config_origins(tracer, candidate, None)]
    what = "the config's apiKey" if candidate.kind == "config" else f"the variable {candidate.name}"
    return [Overridden(Origin("default", rule=f"looked for {what}"), value, _reason(candidate))]


def _reason(candidate: CredentialCandidate) -> str:
    return f"next: {candidate.reason}" if candidate.status == "next" else f"not used: {candidate.reason}"


def _config_origins(tracer: Tracer, candidate: CredentialCandidate, rule: str | None) -> tuple[Origin, ...]:
    path = tuple(candidate.name.split("."))
    written = tuple(w.origin for w in tracer.locate.written(path) if w.effective)
    if not written:
        return (Origin("default", rule=rule or candidate.name),)
    return tuple(replace(o, rule=rule) for o in written) if rule else written


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


def _unused_profiles(tracer: Tracer, pid: str) -> list[Overridden]:
    """The provider's profiles, for a built-in provider that was not injected: why none gave a key."""
    context = tracer.context
    wanted = context.catalog.normalize_id(pid)
    found = []
    for profile in context.store.profiles:
        if context.catalog.normalize_id(profile.provider) != wanted:
            continue
        reason = _unusable(tracer, pid, profile) or "the provider has no key"
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


def absent_implicit_records(tracer: Tracer) -> list[ProvenanceRecord]:
    """Built-in providers that were not injected, with the keys that were found but not usable."""
    records = []
    for entry in tracer.catalog.implicit_providers():
        if entry.id in tracer.registry.providers:
            continue
        lost = [*_unused_variables(tracer, entry.id, None), *_unused_profiles(tracer, entry.id)]
        if not lost:
            continue  # nothing was even close: not worth a line
        origin = Origin("default", rule="a built-in provider is injected only when a usable key exists")
        note = "not injected: no usable key"
        records.append(
            ProvenanceRecord(("models", "providers", entry.id), None, (origin,), tuple(lost), entry.id, note=note)
        )
    return records
