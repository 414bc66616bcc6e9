"""Warnings for model references that name no model OpenClaw knows, where they are written.

A primary, fallback, image model, image fallback or alias target is known when a configured
provider (the config's, an injected one, or one kept from models.json) has that model, or when
the built-in catalog lists it. The catalog is read only for references no provider has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import Anchor, ConfigPath, ConfigWarning, Problem

if TYPE_CHECKING:
    from ..pipeline import ComposedConfig
    from ..registry.model import EffectiveRegistry

_Reference = tuple[str, str, ConfigPath, Anchor]  # what it is, as written, where, what to point at


def unknown_model_warnings(registry: EffectiveRegistry, composed: ComposedConfig | None) -> list[ConfigWarning]:
    found = []
    for label, written, path, anchor in _references(registry.config):
        ref = registry.resolve_ref(written)
        if _known(registry, ref):
            continue
        from .builtin import release_pins

        message = (
            f"{label} {written!r} names no model OpenClaw knows: no configured provider has {ref}, and the "
            f"built-in catalog (pi-ai {release_pins().pi_ai}) does not list it; OpenClaw will report it missing "
            "(check the spelling: `openclaw-config list --all` lists every model)"
        )
        found.append(_located(message, path, anchor, registry, composed))
    return found


def _references(config: Mapping[str, Any]) -> Iterator[_Reference]:
    agents = config.get("agents")
    defaults = agents.get("defaults") if isinstance(agents, dict) else None
    if not isinstance(defaults, dict):
        return
    at: ConfigPath = ("agents", "defaults")
    for key, label in (("model", "primary model"), ("imageModel", "image model")):
        choice = defaults.get(key)
        if not isinstance(choice, dict):
            continue
        primary = choice.get("primary")
        if isinstance(primary, str) and primary.strip():
            yield label, primary, (*at, key, "primary"), "value"
        fallbacks = choice.get("fallbacks")
        for index, fallback in enumerate(fallbacks if isinstance(fallbacks, list) else ()):
            if isinstance(fallback, str) and fallback.strip():
                fallback_label = "fallback" if key == "model" else "image fallback"
                yield fallback_label, fallback, (*at, key, "fallbacks", index), "value"
    models = defaults.get("models")
    for ref, entry in (models if isinstance(models, dict) else {}).items():
        alias = entry.get("alias") if isinstance(entry, dict) else None
        if isinstance(alias, str) and alias.strip():
            yield f"the target of alias {alias.strip()!r},", ref, (*at, "models", ref), "key"


def _known(registry: EffectiveRegistry, ref: str) -> bool:
    provider_id, _, model_id = ref.partition("/")
    provider = registry.providers.get(provider_id)
    if provider is not None:
        entries = provider.block.get("models") or ()
        if any(isinstance(e, dict) and e.get("id") == model_id for e in entries):
            return True
    from .builtin import load_builtin_catalog

    return load_builtin_catalog().model(provider_id, model_id) is not None


def _located(
    message: str, path: ConfigPath, anchor: Anchor, registry: EffectiveRegistry, composed: ComposedConfig | None
) -> ConfigWarning:
    if composed is None:
        return ConfigWarning(message, str(registry.config_path), path)
    from ..composition.source_map import locate_problem

    located = locate_problem(Problem(message, path=path, anchor=anchor), composed)
    return ConfigWarning(message, located.file or str(registry.config_path), path, located.line, located.column)
