"""The existing models.json under the produced providers (SPEC section 8, `models.mode`).

OpenClaw 2026.2.9, when it produced any provider: in `merge` mode, the file's entries stay under the
produced ones (in the file's order, produced ones in their place, new ones after; kept provider
objects normalized, entries of other kinds kept as they are); in `replace` mode the file is not read.
When it produced none, it writes nothing, and the file stays in effect as it is, whatever the mode.

The usual case is the file being exactly the document produced without it (nothing changed since it
was written): then merging it changes nothing, and it is never parsed. That check costs the encoding
of the document, which `write_models_json` then uses instead of encoding it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..composition.defaults import with_provider_defaults
from ..composition.environment import EffectiveEnvironment
from ..composition.tree import with_js_numbers
from ..errors import ConfigWarning
from ..sources.auth_profiles import AuthStore
from ..sources.models_json import ExistingModelsJson, models_json_text
from .catalog import Catalog
from .merge import ProviderOrigin, ProviderSet, normalized, set_entries


def merge_existing(
    result: ProviderSet,
    existing: ExistingModelsJson,
    mode: str,
    env: EffectiveEnvironment,
    store: AuthStore,
    catalog: Catalog,
) -> tuple[ExistingModelsJson, str | None]:
    """`existing` applied to the produced providers of `result`; returns the file (known to hold the
    document, when it is exactly that) and the document's text when it was made on the way."""
    if result.providers and mode != "merge":
        return existing, None  # OpenClaw does not read it
    if result.providers and existing.text is not None:
        document = {"providers": {pid: with_provider_defaults(block) for pid, block in result.providers.items()}}
        text = models_json_text(document)
        if text == existing.text:
            return existing.known_to_hold(document["providers"]), text
    keep_existing(result, existing.providers, mode, env, store, catalog)
    return existing, None


def keep_existing(
    result: ProviderSet,
    existing: Mapping[str, Any],
    mode: str,
    env: EffectiveEnvironment,
    store: AuthStore,
    catalog: Catalog,
) -> ProviderSet:
    """The entries of an existing models.json (`existing`) applied to the produced providers."""
    kept: dict[str, ProviderOrigin] = dict.fromkeys(existing, "models.json")
    if result.providers and mode == "merge" and any(v is None for v in existing.values()):
        result.warnings.append(_null_entry_blocks_write(next(k for k, v in existing.items() if v is None)))
        result.providers, result.key_sources = {}, {}  # OpenClaw fails while rewriting the file, and keeps it
    if not result.providers:
        set_entries(result, dict(existing))
        result.origins = kept
        if mode == "replace" and existing:
            result.warnings.append(_replace_keeps_existing())
        return result
    if mode != "merge":
        return result
    produced = result.providers
    entries = {
        pid: produced[pid] if pid in produced else _kept(pid, v, env, store, catalog, result)
        for pid, v in existing.items()
    }
    entries.update((pid, block) for pid, block in produced.items() if pid not in entries)
    result.origins = {**kept, **result.origins}
    set_entries(result, entries)
    return result


def _kept(
    pid: str, entry: Any, env: EffectiveEnvironment, store: AuthStore, catalog: Catalog, result: ProviderSet
) -> Any:
    """An entry of the old file, as OpenClaw writes it back: parsed and printed by JavaScript (`2.0` is
    `2`), a provider object normalized like a produced one."""
    entry = with_js_numbers(entry)
    return normalized(pid, entry, env, store, catalog, result) if isinstance(entry, dict) else entry


def _null_entry_blocks_write(pid: str) -> ConfigWarning:
    return ConfigWarning(
        f"the existing models.json has providers.{pid} = null: OpenClaw 2026.2.9 fails while rewriting "
        f"the file, so it keeps it as it is and nothing configured now reaches its runtime; remove providers.{pid} "
        "from models.json"
    )


def _replace_keeps_existing() -> ConfigWarning:
    return ConfigWarning(
        'models.mode is "replace" but no provider is configured or injected: OpenClaw writes nothing, '
        "so the existing models.json stays in effect as it is",
        path=("models", "mode"),
    )
