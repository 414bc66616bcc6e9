"""The registry OpenClaw's runtime runs on: pi's ModelRegistry over the models.json document.

Built lazily, piece by piece: checking the document (`problems`) and its custom models cost
nothing like the built-in catalog, which is parsed only when a built-in model is asked for
(`model()` of a model no custom entry defines, or `models()`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..registry.model import Model, ModelSource
from .rules import violations

if TYPE_CHECKING:
    from .assembly import Assembled, ValueResolver
    from .builtin import BuiltinCatalog
    from .problems import Locate, ProviderSource, RegistryProblem

# What `show` needs of this stage is `problems` of a document that has none: the rest (problems,
# the merge rules, the catalog) is imported when first needed. (Their dataclasses cost about a
# millisecond each to create, a tenth of the budget of a `show`.)


class RuntimeRegistry:
    """Every model the runtime will have, where each came from, and why it would refuse models.json."""

    def __init__(
        self,
        providers: Mapping[str, Mapping[str, Any]] | None,
        env: Mapping[str, str],
        sources: Mapping[str, ProviderSource],
        *,
        document: Callable[[], Mapping[str, Any] | None] | None = None,
        trusted: Collection[str] = (),
        locate: Locate | None = None,
        key_variables: Callable[[str], tuple[str, ...]] = lambda _provider: (),
        release: str | None = None,
    ) -> None:
        """`providers`: the provider blocks of the models.json OpenClaw will load (None: no file),
        their models' defaults possibly not yet filled in; `document()` makes the whole document, for
        the custom models; `trusted`: the providers the config schema validated (see `rules`)."""
        from . import OPENCLAW_RELEASE

        self.providers = providers
        self.release = release or OPENCLAW_RELEASE
        self._make_document = document or (lambda: None if providers is None else {"providers": providers})
        self._trusted = trusted
        self._env = env
        self._sources = sources
        self._locate = locate
        self._key_variables = key_variables

    @cached_property
    def problems(self) -> tuple[RegistryProblem, ...]:
        """Why the runtime would refuse models.json (then it runs on the built-in catalog alone)."""
        if self.providers is None:
            return ()
        checked = {"providers": self.providers}
        found = violations(checked, self._trusted)
        if not found:
            return ()
        from .problems import Consequence, counted, describe

        consequence = Consequence(self.release, *counted(checked))
        described = (
            describe(v, self._sources.get(v.provider, "config"), consequence, self._key_variables(v.provider))
            for v in found
        )
        return tuple(self._locate(p) if self._locate else p for p in described)

    @property
    def accepted(self) -> bool:
        """False when the runtime refuses models.json: no custom model, no provider override."""
        return not self.problems

    @cached_property
    def _values(self) -> ValueResolver:
        from .assembly import ValueResolver  # the merge rules: only once a model is asked for

        return ValueResolver(self._env)

    @cached_property
    def builtin(self) -> BuiltinCatalog:
        from .builtin import load_builtin_catalog

        return load_builtin_catalog(self.release)

    def model(self, provider: str, model_id: str) -> Model | None:
        """The model `provider/model_id` as the runtime holds it (a custom one wins), or None."""
        found = self._custom.get((provider, model_id))
        if found is not None:
            return found
        base = self.builtin.model(provider, model_id)
        return None if base is None else self._builtin(base)

    def models(self) -> tuple[Model, ...]:
        """Every runtime model, in pi's order: the built-in catalog (custom models with a built-in
        id in its place), then the other custom models."""
        return self._all

    @cached_property
    def _all(self) -> tuple[Model, ...]:
        custom = dict(self._custom)
        merged = [
            custom.pop(key) if (key := (m["provider"], m["id"])) in custom else self._builtin(m)
            for m in self.builtin.models()
        ]
        return (*merged, *custom.values())

    @cached_property
    def _custom(self) -> dict[tuple[str, str], Model]:
        document = self._make_document() if self.providers is not None and self.accepted else None
        if document is None:
            return {}
        from .assembly import custom_models

        providers = document["providers"]
        return {
            (m.value["provider"], m.value["id"]): _model(m, _model_source(self._sources.get(m.value["provider"])))
            for m in custom_models(providers, self._values)
        }

    def _builtin(self, base: Mapping[str, Any]) -> Model:
        block = self.providers.get(base["provider"]) if self.providers is not None and self.accepted else None
        from .assembly import builtin_model

        return _model(builtin_model(base, block, self._values), "built-in")


def _model_source(source: ProviderSource | None) -> ModelSource:
    return "models.json" if source == "models.json" else "implicit" if source == "implicit" else "config"


def _model(assembled: Assembled, source: ModelSource) -> Model:
    value = assembled.value
    return Model(
        provider=value["provider"],
        id=value["id"],
        name=value["name"],
        api=value["api"],
        reasoning=value["reasoning"],
        input=tuple(value["input"]),
        cost=value["cost"],
        context_window=value["contextWindow"],
        max_tokens=value["maxTokens"],
        raw=value,
        base_url=value["baseUrl"],
        headers=value.get("headers") or {},
        compat=value.get("compat"),
        source=source,
        secret_headers=assembled.secret_headers,
    )
