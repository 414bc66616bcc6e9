"""Provenance of a provider and its fields: the config, the built-in catalog or models.json."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ConfigPath
from ..providers.merge import find_key
from .records import Origin, Overridden, ProvenanceRecord
from .trace import ENV_WORDS, dig

if TYPE_CHECKING:
    from ..providers.merge import ProviderOrigin
    from .trace import Tracer

_NOTES = {
    "config": "configured in the config",
    "implicit": "not configured: injected from the built-in catalog because a key for it exists",
    "config+implicit": "configured, and also injected from the built-in catalog: configured fields win",
    "models.json": "kept from the existing models.json (models.mode is merge)",
}


@dataclass(frozen=True)
class ProviderSources:
    """The blocks a provider of the registry was made from."""

    pid: str
    origin: ProviderOrigin
    config_id: str | None  # its id as written in the config (ids are trimmed)
    explicit: dict[str, Any] | None  # the block in the config, before model defaults
    implicit: dict[str, Any] | None  # the catalog's implicit block
    existing: dict[str, Any] | None  # the block of the existing models.json

    @property
    def config_path(self) -> ConfigPath:
        return ("models", "providers", self.config_id or self.pid)

    @property
    def record_path(self) -> ConfigPath:
        return ("models", "providers", self.pid)


def provider_sources(tracer: Tracer, pid: str) -> ProviderSources:
    origin = tracer.registry.providers[pid].origin
    configured = dig(tracer.registry.config, "models", "providers") or {}
    config_id = None
    if origin in ("config", "config+implicit"):  # of ids equal once trimmed, the last one wins
        config_id = next((k for k in reversed(list(configured)) if k.strip() == pid), None)
    implicit = None
    if origin in ("implicit", "config+implicit"):  # as injected (a gateway's base URL comes from its profile)
        implicit = tracer.context.provider_set.implicit_blocks.get(pid)
    explicit = configured.get(config_id) if config_id is not None else None
    return ProviderSources(pid, origin, config_id, explicit, implicit, tracer.context.existing.blocks.get(pid))


def provider_records(tracer: Tracer, src: ProviderSources) -> list[ProvenanceRecord]:
    """The provider itself, then each of its fields but `models` and `apiKey` (see credentials.py)."""
    block = tracer.registry.providers[src.pid].raw
    fields = [_field(tracer, src, key, value) for key, value in block.items() if key not in ("models", "apiKey")]
    return [_provider(tracer, src), *fields]


def _provider(tracer: Tracer, src: ProviderSources) -> ProvenanceRecord:
    origins: list[Origin] = []
    overridden: list[Overridden] = []
    if src.config_id is not None:
        written, lost = tracer.config_sources(src.config_path, variables=False)
        origins += written
        overridden += lost
    if src.implicit is not None:
        origins.append(tracer.locate.catalog(("providers", src.pid, "implicit"), injection_reason(tracer, src.pid)))
    existing = tracer.locate.models_json(("providers", src.pid))
    if src.origin == "models.json":
        origins.append(existing)
    elif src.existing is not None:
        reason = "replaced whole by the provider produced now (models.mode merge keeps only the others)"
        if tracer.context.mode != "merge":
            reason = "ignored: models.mode is replace"
        overridden.append(Overridden(existing, summary(src.existing), reason))
    note = _NOTES[src.origin]
    return ProvenanceRecord(src.record_path, src.origin, tuple(origins), tuple(overridden), src.pid, note=note)


def injection_reason(tracer: Tracer, pid: str) -> str:
    """Why the catalog's provider `pid` was injected: which key was found."""
    context = tracer.context
    if pid in context.provider_set.injection_reasons and pid not in context.provider_set.key_sources:
        return f"injected because {context.provider_set.injection_reasons[pid]}"  # no key: a placeholder or none
    key = find_key(pid, context.env, context.store, context.catalog, context.now_ms, [])
    if key is not None and key.env_var:
        origin = context.env.origins.get(key.env_var)
        where = ENV_WORDS.get(origin.source, f"the {origin.source}") if origin else "the environment"
        return f"injected because {key.env_var} is set in {where}"
    if key is not None and key.profile is not None:
        return f"injected because auth profile {key.profile.id} holds a key"
    return "injected because a key exists"


def _field(tracer: Tracer, src: ProviderSources, key: str, value: Any) -> ProvenanceRecord:
    path = (*src.record_path, key)
    shown = tracer.shown(value, path, secret=False)
    catalog_path = ("providers", src.pid, "implicit", key)
    if src.explicit is not None and key in src.explicit:
        origins, overridden = tracer.config_sources((*src.config_path, key))
        if src.implicit is not None and key in src.implicit:
            implicit_value = tracer.shown(src.implicit[key], path, secret=False)
            reason = "an explicit field overrides the implicit one"
            overridden += (Overridden(tracer.locate.catalog(catalog_path), implicit_value, reason),)
        return ProvenanceRecord(path, shown, origins, overridden, src.pid)
    static = tracer.catalog.providers[src.pid].implicit if src.pid in tracer.catalog.providers else None
    profile_id = tracer.context.provider_set.injection_profiles.get(src.pid)
    if src.implicit is not None and key in src.implicit and key not in (static or {}) and profile_id is not None:
        rule = f"built from the metadata of auth profile {profile_id}"  # a gateway's base URL
        origin = tracer.locate.catalog(("providers", src.pid, key), rule)
    elif src.implicit is not None and key in src.implicit:
        origin = tracer.locate.catalog(catalog_path)
    else:
        origin = tracer.locate.models_json(("providers", src.pid, key))
    return ProvenanceRecord(path, shown, (origin,), (), src.pid)


def summary(block: Any) -> Any:
    """A provider block without its key: what an explanation shows of a provider that lost."""
    if not isinstance(block, dict):
        return block
    models = [m.get("id") for m in block.get("models") or () if isinstance(m, dict)]
    return {"baseUrl": block.get("baseUrl"), "api": block.get("api"), "models": models}
