"""Model refs (`provider/model`) as OpenClaw 2026.2.9 reads them, and its built-in aliases.

A ref is trimmed, and so are its two parts around the first `/`; the provider is lower-cased and
its aliases applied (`z.ai` -> `zai`, ...); some model ids are renamed (anthropic's `opus-4.6` ->
`claude-opus-4-6`, google's `gemini-3-pro` -> `gemini-3-pro-preview`); a ref without a provider
is an anthropic one. The renames are data: `data/<version>.json`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..providers.catalog import load_catalog

OPENCLAW_VERSION = "2026.2.9"
DEFAULT_PROVIDER = "anthropic"
_DATA = Path(__file__).parent / "data" / f"{OPENCLAW_VERSION}.json"


@cache
def _rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_DATA.read_text(encoding="utf-8"))
    return data


def default_model_aliases() -> Mapping[str, str]:
    """The aliases OpenClaw gives these refs when `agents.defaults.models` lists them without one."""
    aliases: dict[str, str] = _rules()["defaultModelAliases"]
    return aliases


def normalize_model_id(provider: str, model: str) -> str:
    renames: dict[str, str] = _rules()["modelIds"].get(provider, {})
    key = model.lower() if provider in _rules()["caseFoldedModelIds"] else model
    return renames.get(key, model)


def parse_ref(text: str, default_provider: str = DEFAULT_PROVIDER) -> str | None:
    """`provider/model` for a ref as written; None when a part is empty (`/x`, `anthropic/`)."""
    trimmed = text.strip()
    if not trimmed:
        return None
    provider_text, slash, model_text = trimmed.partition("/")
    if not slash:
        provider, model = load_catalog().normalize_id(default_provider), trimmed
    else:
        provider, model = load_catalog().normalize_id(provider_text), model_text.strip()
    if not provider or not model:
        return None
    return f"{provider}/{normalize_model_id(provider, model)}"


def effective_aliases(models: Mapping[str, Any]) -> dict[str, str]:
    """`agents.defaults.models` aliases (trimmed) -> their ref as written, the built-in ones added."""
    builtin = {target: alias for alias, target in default_model_aliases().items()}
    found: dict[str, str] = {}
    for ref, entry in models.items():
        written = entry.get("alias") if isinstance(entry, dict) else None
        if isinstance(entry, dict) and "alias" not in entry and ref in builtin:
            written = builtin[ref]
        if isinstance(written, str) and written.strip():
            found[written.strip()] = ref
    return found


def resolve_alias_or_ref(text: str, aliases: Mapping[str, str]) -> str | None:
    """What a ref or alias names: an alias (without `/`, any case) its target parsed, else the ref
    parsed; None when it names nothing."""
    trimmed = text.strip()
    return alias_target(trimmed, aliases) or parse_ref(trimmed)


def alias_target(text: str, aliases: Mapping[str, str]) -> str | None:
    """The parsed target of the alias `text` (trimmed, without `/`, any case); None if it is none."""
    if "/" in text:
        return None
    folded = {alias.lower(): ref for alias, ref in aliases.items() if parse_ref(ref) is not None}
    target = folded.get(text.lower())
    return parse_ref(target) if target is not None else None


def resolve_primary(text: str, aliases: Mapping[str, str], default: str) -> str:
    """The default model's ref: as `resolve_alias_or_ref`, but a bare id that is no alias is taken
    as `anthropic/<id>` unchanged, and an unreadable ref falls back to `default`, as OpenClaw does."""
    trimmed = text.strip()
    if trimmed and "/" not in trimmed:
        return alias_target(trimmed, aliases) or f"{DEFAULT_PROVIDER}/{trimmed}"
    return parse_ref(trimmed) or default
