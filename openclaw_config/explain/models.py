"""Provenance of each model and each model field: the config, the catalog, models.json or a default."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ..composition.defaults import DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_TOKENS, with_model_defaults
from ..errors import ConfigPath
from .records import Origin, Overridden, ProvenanceRecord

if TYPE_CHECKING:
    from .providers import ProviderSources
    from .trace import Tracer

_DEFAULT_RULES = {
    "reasoning": "reasoning is false unless set",
    "input": 'input is ["text"] unless set',
    "cost": "a cost field that is not set is 0",
    "contextWindow": f"contextWindow is {DEFAULT_CONTEXT_WINDOW} unless set to a positive number",
    "maxTokens": f"maxTokens = min({DEFAULT_MAX_TOKENS}, contextWindow) unless set",
}
_CAPPED_RULE = "maxTokens = min(maxTokens, contextWindow): never more than the context window"

Sources = tuple[tuple[Origin, ...], tuple[Overridden, ...]]


@dataclass(frozen=True)
class ModelSource:
    """Where one model of the registry was written, before defaults."""

    kind: Literal["config", "catalog", "models.json"]
    given: dict[str, Any]  # the model as written there
    path: ConfigPath  # its config path, or its path inside catalog.json / models.json


def model_records(tracer: Tracer, src: ProviderSources) -> list[ProvenanceRecord]:
    records: list[ProvenanceRecord] = []
    for i, model in enumerate(tracer.registry.providers[src.pid].raw.get("models") or ()):
        if isinstance(model, dict):
            source = _source(src, i, model)
            records += _ModelTrace(tracer, src, i, model, source).records()
    return records


def _source(src: ProviderSources, index: int, model: dict[str, Any]) -> ModelSource:
    if src.origin == "models.json":
        return ModelSource("models.json", model, ("providers", src.pid, "models", index))
    explicit = (src.explicit or {}).get("models") or []
    if index < len(explicit):  # explicit models come first
        return ModelSource("config", explicit[index], (*src.config_path, "models", index))
    catalog_models = (src.implicit or {}).get("models") or []
    j = next((j for j, m in enumerate(catalog_models) if m.get("id") == model.get("id")), 0)
    given = catalog_models[j] if catalog_models else model
    return ModelSource("catalog", given, ("providers", src.pid, "implicit", "models", j))


class _ModelTrace:
    """The records of one model: the model itself, then each field of it."""

    def __init__(self, tracer: Tracer, src: ProviderSources, index: int, model: dict[str, Any], source: ModelSource):
        self.tracer, self.src, self.source = tracer, src, source
        self.full = with_model_defaults(model)
        self.ref = f"{src.pid}/{self.full.get('id', '')}"
        self.path = (*src.record_path, "models", index)

    def records(self) -> list[ProvenanceRecord]:
        found = [self._model()]
        for key, value in self.full.items():
            if key == "cost" and isinstance(value, dict):
                found += [self._field(("cost", name), v, self._given_cost(name)) for name, v in value.items()]
            elif key == "contextWindow":
                found.append(self._context_window(value))
            elif key == "maxTokens":
                found.append(self._max_tokens(value))
            else:
                found.append(self._field((key,), value, key in self.source.given))
        return found

    def _record(self, field: ConfigPath, value: Any, sources: Sources) -> ProvenanceRecord:
        path = (*self.path, *field)
        shown = self.tracer.shown(value, path, secret=False)
        return ProvenanceRecord(path, shown, sources[0], sources[1], self.src.pid, self.ref)

    def _written(self, field: ConfigPath) -> Sources:
        """Where the model's source wrote `field` (`()`: the model itself)."""
        path = (*self.source.path, *field)
        if self.source.kind == "config":
            return self.tracer.config_sources(path, variables=bool(field))
        if self.source.kind == "catalog":
            return (self.tracer.locate.catalog(path),), ()
        return (self.tracer.locate.models_json(path),), ()

    def _model(self) -> ProvenanceRecord:
        origins, overridden = self._written(())
        implicit_models = (self.src.implicit or {}).get("models") or []
        if self.source.kind == "config":
            model_id = self.full.get("id")
            for j, catalog_model in enumerate(implicit_models):
                if catalog_model.get("id") == model_id:
                    origin = self.tracer.locate.catalog(("providers", self.src.pid, "implicit", "models", j))
                    reason = "an explicit model with the same id replaces the catalog's model"
                    overridden += (Overridden(origin, model_id, reason),)
        return self._record((), self.full.get("id"), (origins, overridden))

    def _given_cost(self, name: str) -> bool:
        cost = self.source.given.get("cost")
        return isinstance(cost, dict) and name in cost

    def _field(self, field: ConfigPath, value: Any, given: bool) -> ProvenanceRecord:
        if given:
            return self._record(field, value, self._written(field))
        rule = _DEFAULT_RULES.get(str(field[0]), "a default")
        return self._record(field, value, ((Origin("default", rule=rule),), ()))

    def _context_window(self, value: Any) -> ProvenanceRecord:
        given = self.source.given.get("contextWindow")
        if given == value and given is not None:
            return self._record(("contextWindow",), value, self._written(("contextWindow",)))
        default = (Origin("default", rule=_DEFAULT_RULES["contextWindow"]),)
        lost = self._lost("contextWindow", "not a positive number") if given is not None else ()
        return self._record(("contextWindow",), value, (default, lost))

    def _max_tokens(self, value: Any) -> ProvenanceRecord:
        given = self.source.given.get("maxTokens")
        if given == value:
            return self._record(("maxTokens",), value, self._written(("maxTokens",)))
        if given is None or not _positive(given):
            default = (Origin("default", rule=_DEFAULT_RULES["maxTokens"]),)
            lost = self._lost("maxTokens", "not a positive number") if given is not None else ()
            return self._record(("maxTokens",), value, (default, lost))
        capped = (Origin("default", rule=_CAPPED_RULE),)
        reason = f"larger than contextWindow ({self.full.get('contextWindow')}): capped"
        return self._record(("maxTokens",), value, (capped, self._lost("maxTokens", reason)))

    def _lost(self, key: str, reason: str) -> tuple[Overridden, ...]:
        origins, _ = self._written((key,))
        return tuple(Overridden(o, self.source.given.get(key), reason) for o in origins if o.kind != "env")


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
