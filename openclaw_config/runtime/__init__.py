"""The runtime stage: the registry OpenClaw really runs on, built from the effective registry.

    EffectiveRegistry (the models.json document) + pi-ai's built-in catalog -> RuntimeRegistry

`registry.runtime`, `registry.model()`, `registry.runtime_models()` and `registry.registry_problems`
are the public way in; this module only wires the pieces the effective registry holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from ..explain.context import ResolutionContext
    from ..registry.model import EffectiveRegistry
    from .availability import ProviderAuth
    from .problems import Locate, ProviderSource, RegistryProblem
    from .registry import RuntimeRegistry

__all__ = [
    "OPENCLAW_RELEASE", "ProviderSource", "RegistryProblem", "RuntimeRegistry", "provider_auth_for", "runtime_for",
]  # fmt: skip

OPENCLAW_RELEASE = "2026.2.9"  # the release this engine resolves for: its data files are keyed by it


def __getattr__(name: str) -> Any:
    # Imported on first use: `show` only needs the document checked, not the whole stage.
    if name in ("ProviderSource", "RegistryProblem"):
        from . import problems

        return getattr(problems, name)
    if name == "RuntimeRegistry":
        from .registry import RuntimeRegistry

        return RuntimeRegistry
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def runtime_for(registry: EffectiveRegistry, context: ResolutionContext | None) -> RuntimeRegistry:
    """The runtime registry over the models.json OpenClaw will load for `registry`."""
    from ..providers.catalog import load_catalog
    from .registry import RuntimeRegistry

    catalog = context.catalog if context is not None else load_catalog()
    env = context.env.values if context is not None else {}
    common: dict[str, Any] = {"locate": _locator(registry, context), "key_variables": catalog.key_variables}
    if registry.providers:
        # The blocks as merged (their models' defaults are filled in only for the custom models).
        sources = {pid: _source(p.origin) for pid, p in registry.providers.items()}
        sources.update(dict.fromkeys(registry.kept_as_is, "models.json"))
        blocks = {pid: _block(registry, pid) for pid in registry.document_order or registry.providers}
        trusted = frozenset(pid for pid, source in sources.items() if source != "models.json")
        return RuntimeRegistry(blocks, env, sources, document=registry.to_models_json, trusted=trusted, **common)
    # No provider at all: OpenClaw writes nothing, and its runtime reads whatever models.json is
    # already there (with `models.mode: "replace"`, say).
    existing = context.existing if context is not None else None
    if existing is None or not existing.readable or not existing.providers:
        return RuntimeRegistry(None, env, {}, **common)
    return RuntimeRegistry(existing.providers, env, dict.fromkeys(existing.providers, "models.json"), **common)


def _block(registry: EffectiveRegistry, pid: str) -> Any:
    provider = registry.providers.get(pid)
    return provider.block if provider is not None else registry.kept_as_is[pid]


def _source(origin: str) -> ProviderSource:
    return "models.json" if origin == "models.json" else "implicit" if origin == "implicit" else "config"


def _locator(registry: EffectiveRegistry, context: ResolutionContext | None) -> Locate | None:
    if context is None:
        return None
    models_json = registry.locations.models_json
    texts: list[str | None] = []  # read once, on the first problem found there

    def locate(problem: RegistryProblem) -> RegistryProblem:
        from ..composition.source_map import locate_problem
        from .problems import RegistryProblem, located_in_text

        if problem.source == "config":
            found = locate_problem(problem, context.composed)
            return found if isinstance(found, RegistryProblem) else problem
        if problem.source == "models.json":
            if not texts:
                texts.append(_text_of(models_json))
            text = texts[0]
            return problem if text is None else located_in_text(problem, str(models_json), text)
        return problem  # injected from the provider catalog: not written anywhere by the user

    return locate


def _text_of(models_json: Path) -> str | None:
    from ..errors import ConfigError
    from ..sources.bounded_read import STORE_MAX_BYTES
    from ..sources.json5_file import read_text

    try:
        return read_text(models_json, what="models.json", max_bytes=STORE_MAX_BYTES)
    except ConfigError:
        return None


def provider_auth_for(registry: EffectiveRegistry, context: ResolutionContext | None) -> ProviderAuth:
    """Whether each provider has auth, as `models list` says it (see `availability`)."""
    from ..providers.catalog import load_catalog
    from .availability import ProviderAuth
    from .builtin import release_pins

    if context is None:
        return ProviderAuth(registry.config, lambda _name: None, (), load_catalog(), release_pins())
    return ProviderAuth(registry.config, context.env.get, context.store.profiles, context.catalog, release_pins())
