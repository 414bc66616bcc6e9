"""What `onboard --auth-choice xiaomi-api-key` changes in the config (SPEC section 11), as edits.

Pure: it looks at the composed config (before `${VAR}` substitution) and the catalog, and returns
the smallest list of edits, each with a sentence for the user. Anything already as wanted gives no
edit, so a second run plans nothing. The provider block (baseUrl, api, models) comes from the
catalog; an auth choice only names the provider, its default model and the alias to add.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigPath, format_path
from ..providers.catalog import Catalog
from .json5_edit import AppendItems, Edit, SetValue


@dataclass(frozen=True)
class ApiKeyChoice:
    """An `--auth-choice` that stores an API key for one built-in provider and makes it the default."""

    name: str  # the --auth-choice value
    provider: str  # catalog id
    model_id: str  # the default model, one of the catalog's models of that provider
    alias: str  # added for the default model unless it already has one
    label: str  # how the prompt names the key

    @property
    def profile_id(self) -> str:
        return f"{self.provider}:default"

    @property
    def model_ref(self) -> str:
        return f"{self.provider}/{self.model_id}"


XIAOMI = ApiKeyChoice("xiaomi-api-key", "xiaomi", "mimo-v2-flash", "Xiaomi", "Xiaomi MiMo API key")
AUTH_CHOICES: Mapping[str, ApiKeyChoice] = {XIAOMI.name: XIAOMI}


@dataclass(frozen=True)
class ConfigChange:
    """One edit of the config and what it means, in words."""

    edit: Edit
    description: str


@dataclass(frozen=True)
class ConfigPlan:
    changes: tuple[ConfigChange, ...]
    notes: tuple[str, ...]  # things left alone on purpose that the user should know


MISSING: Any = object()


def plan_config(config: Mapping[str, Any], choice: ApiKeyChoice, catalog: Catalog) -> ConfigPlan:
    """The edits that make `config` use `choice`; empty when it already does."""
    notes: list[str] = []
    changes = [
        *_profile_changes(config, choice),
        *_provider_changes(config, choice, catalog, notes),
        *_primary_changes(config, choice),
        *_alias_changes(config, choice, notes),
    ]
    return ConfigPlan(tuple(changes), tuple(notes))


def value_at(node: Any, path: ConfigPath) -> Any:
    """The value at `path` in decoded config data, or `MISSING`."""
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return MISSING
        node = node[key]
    return node


def _set(path: ConfigPath, value: Any, old: Any) -> ConfigChange:
    shown = _show(value)
    description = (
        f"{format_path(path)}: added {shown}" if old is MISSING else f"{format_path(path)}: {_show(old)} -> {shown}"
    )
    return ConfigChange(SetValue(path, value), description)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _profile_changes(config: Mapping[str, Any], choice: ApiKeyChoice) -> list[ConfigChange]:
    path = ("auth", "profiles", choice.profile_id)
    wanted = {"provider": choice.provider, "mode": "api_key"}
    entry = value_at(config, path)
    if not isinstance(entry, dict):
        return [_set(path, wanted, MISSING)]
    return [_set((*path, k), v, entry.get(k, MISSING)) for k, v in wanted.items() if entry.get(k) != v]


def _provider_changes(
    config: Mapping[str, Any], choice: ApiKeyChoice, catalog: Catalog, notes: list[str]
) -> list[ConfigChange]:
    """baseUrl and api as in the catalog; the catalog models the provider lacks; the rest is the user's."""
    block = _catalog_block(choice, catalog)
    path = ("models", "providers", choice.provider)
    existing = value_at(config, path)
    if not isinstance(existing, dict):
        models = ", ".join(m["id"] for m in block["models"])
        description = (
            f"{format_path(path)}: added (baseUrl {block['baseUrl']}, api {block.get('api')}, models {models})"
        )
        return [ConfigChange(SetValue(path, block), description)]
    if isinstance(existing.get("apiKey"), str) and existing["apiKey"].strip():
        notes.append(f"kept {format_path((*path, 'apiKey'))}: it is used before the stored auth profile")
    changes = [
        _set((*path, field), value, existing.get(field, MISSING))
        for field, value in block.items()
        if field != "models" and existing.get(field) != value
    ]
    return changes + _model_changes((*path, "models"), existing.get("models"), block["models"])


def _catalog_block(choice: ApiKeyChoice, catalog: Catalog) -> dict[str, Any]:
    entry = catalog.providers.get(choice.provider)
    block = dict(entry.implicit) if entry is not None and entry.implicit is not None else None
    if block is None or not any(m.get("id") == choice.model_id for m in block.get("models", [])):
        raise LookupError(f"the catalog has no model {choice.model_ref}")  # a broken catalog.json: our bug
    return block


def _model_changes(path: ConfigPath, current: Any, catalog_models: list[dict[str, Any]]) -> list[ConfigChange]:
    if not isinstance(current, list):
        return [_set(path, catalog_models, MISSING)]
    known = {m.get("id") for m in current if isinstance(m, dict)}
    added = [m for m in catalog_models if m.get("id") not in known]
    if not added:
        return []
    ids = ", ".join(m["id"] for m in added)
    kept = f" (kept the {len(current)} already there)" if current else ""
    return [ConfigChange(AppendItems(path, tuple(added)), f"{format_path(path)}: added {ids}{kept}")]


def _alias_changes(config: Mapping[str, Any], choice: ApiKeyChoice, notes: list[str]) -> list[ConfigChange]:
    entries = value_at(config, ("agents", "defaults", "models"))
    entries = entries if isinstance(entries, dict) else {}
    current = entries.get(choice.model_ref)
    alias = current.get("alias") if isinstance(current, dict) else None
    if isinstance(alias, str) and alias.strip():
        return []  # the user's alias stays
    owner = next(
        (
            ref
            for ref, entry in entries.items()
            if isinstance(entry, dict)
            and isinstance(entry.get("alias"), str)
            and entry["alias"].strip().lower() == choice.alias.lower()
        ),
        None,
    )
    if owner is not None:
        notes.append(f"alias {choice.alias!r} not added for {choice.model_ref}: it already names {owner}")
        return []
    path = ("agents", "defaults", "models", choice.model_ref, "alias")
    return [_set(path, choice.alias, MISSING if alias is None else alias)]


def _primary_changes(config: Mapping[str, Any], choice: ApiKeyChoice) -> list[ConfigChange]:
    path = ("agents", "defaults", "model", "primary")
    current = value_at(config, path)
    if isinstance(current, str) and _names(current, choice, config):
        return []
    return [_set(path, choice.model_ref, current)]


def _names(primary: str, choice: ApiKeyChoice, config: Mapping[str, Any]) -> bool:
    """Whether `primary` already stands for the choice's model: its ref, or an alias of it."""
    text = primary.strip()
    if text == choice.model_ref:
        return True
    entry = value_at(config, ("agents", "defaults", "models", choice.model_ref))
    alias = entry.get("alias") if isinstance(entry, dict) else None
    return isinstance(alias, str) and alias.strip().lower() == text.lower()
