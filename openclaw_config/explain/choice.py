"""Provenance of the model choice: models.mode, the default model, fallbacks and aliases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ConfigPath
from .records import Origin, Overridden, ProvenanceRecord
from .trace import dig

if TYPE_CHECKING:
    from .trace import Tracer

DEFAULT_PRIMARY_RULE = "OpenClaw's own default model, used when agents.defaults.model.primary is unset"
DEFAULT_MODE_RULE = "models.mode is merge unless set"


def choice_records(tracer: Tracer) -> list[ProvenanceRecord]:
    registry = tracer.registry
    records = [_mode(tracer), _primary(tracer)]
    model_path = _agent_model_path(tracer, "fallbacks") or ("agents", "defaults", "model")
    for i, ref in enumerate(registry.fallbacks):
        fallback = (*model_path, "fallbacks", i)
        records.append(tracer.from_config(fallback, fallback, ref, model=registry.resolve_ref(ref)))
    for ref, entry in (dig(registry.config, "agents", "defaults", "models") or {}).items():
        alias = entry.get("alias") if isinstance(entry, dict) else None
        if isinstance(alias, str) and registry.aliases.get(alias) == ref:  # of duplicates, the last wins
            path = ("agents", "defaults", "models", ref, "alias")
            records.append(tracer.from_config(path, path, alias, note=f"alias for {ref}", model=ref))
    return records


def _mode(tracer: Tracer) -> ProvenanceRecord:
    from .providers import summary

    path = ("models", "mode")
    mode = tracer.context.mode
    dropped = tuple(
        Overridden(tracer.locate.models_json(("providers", pid)), summary(block), "dropped: models.mode is replace")
        for pid, block in tracer.context.existing.blocks.items()
        if mode == "replace" and pid not in tracer.registry.providers
    )
    if dig(tracer.registry.config, "models", "mode") is None:
        return ProvenanceRecord(path, mode, (Origin("default", rule=DEFAULT_MODE_RULE),), dropped)
    origins, overridden = tracer.config_sources(path)
    return ProvenanceRecord(path, mode, origins, overridden + dropped)


def _agent_model_path(tracer: Tracer, what: str) -> ConfigPath | None:
    """Where the agent of `--agent` sets its own primary or fallbacks (`agents.list.N.model`)."""
    agent = tracer.registry.agent
    if agent is None or agent.index is None or (agent.primary if what == "primary" else agent.fallbacks) is None:
        return None
    return ("agents", "list", agent.index, "model")


def _primary(tracer: Tracer) -> ProvenanceRecord:
    registry = tracer.registry
    own = _agent_model_path(tracer, "primary")
    if own is not None:  # the agent's own model: a ref, or an object with `primary`
        path = own if isinstance(_agent_entry_model(tracer), str) else (*own, "primary")
        return tracer.from_config(path, path, registry.default_model, model=registry.resolved_default,
                                  note=_resolution(tracer))  # fmt: skip
    path = ("agents", "defaults", "model", "primary")
    written = dig(registry.config, *path)
    ref, note = registry.resolved_default, _resolution(tracer)
    if isinstance(written, str) and written.strip():
        return tracer.from_config(path, path, registry.default_model, model=ref, note=note)
    origins = (Origin("default", rule=DEFAULT_PRIMARY_RULE),)
    lost = tracer.config_sources(path)[0] if written is not None else ()
    overridden = tuple(Overridden(o, written, "blank: counts as unset") for o in lost if o.kind == "config")
    return ProvenanceRecord(path, registry.default_model, origins, overridden, model=ref, note=note)


def _agent_entry_model(tracer: Tracer) -> object:
    agent = tracer.registry.agent
    listed = dig(tracer.registry.config, "agents", "list")
    if agent is None or agent.index is None or not isinstance(listed, list) or agent.index >= len(listed):
        return None
    entry = listed[agent.index]
    return entry.get("model") if isinstance(entry, dict) else None


def _resolution(tracer: Tracer) -> str | None:
    """How the default model as written turns into a model ref, when it is not one already."""
    registry = tracer.registry
    if registry.resolved_default == registry.default_model:
        return None
    aliases = {alias.lower() for alias in registry.aliases}
    if registry.default_model.strip().lower() in aliases:
        return f"resolves to {registry.resolved_default}: an alias"
    return f"resolves to {registry.resolved_default}: a model id without a provider means an anthropic model"
