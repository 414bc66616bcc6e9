"""The built-in provider catalog (`catalog.json`): ids, aliases, key variables, implicit entries."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_CATALOG_FILE = Path(__file__).with_name("catalog.json")

# Variables that look like provider credentials or endpoints even when no catalog entry names them.
_CREDENTIAL_NAME = re.compile(r"(?:_API_KEY|_API_HOST|_BASE_URL|_ENDPOINT)$|^OPENCLAW_")


@dataclass(frozen=True)
class CatalogProvider:
    id: str
    key_variables: tuple[str, ...]
    implicit: Mapping[str, Any] | None  # the provider block injected when a key exists


@dataclass(frozen=True)
class Catalog:
    aliases: Mapping[str, str]
    providers: Mapping[str, CatalogProvider]
    key_variable_names: frozenset[str]

    def normalize_id(self, provider_id: str) -> str:
        """Compare form of a provider id: trimmed, lower-case, aliases applied."""
        key = provider_id.strip().lower()
        return self.aliases.get(key, key)

    def key_variables(self, provider_id: str) -> tuple[str, ...]:
        entry = self.providers.get(self.normalize_id(provider_id))
        return entry.key_variables if entry else ()

    def implicit_providers(self) -> tuple[CatalogProvider, ...]:
        return tuple(p for p in self.providers.values() if p.implicit is not None)

    def is_credential_variable(self, name: str) -> bool:
        return name in self.key_variable_names or _CREDENTIAL_NAME.search(name) is not None


@cache
def load_catalog(path: Path = _CATALOG_FILE) -> Catalog:
    data = json.loads(path.read_text(encoding="utf-8"))
    providers = {
        pid: CatalogProvider(pid, tuple(entry.get("keyVariables", ())), entry.get("implicit"))
        for pid, entry in data["providers"].items()
    }
    names = frozenset(v for p in providers.values() for v in p.key_variables)
    return Catalog(aliases=dict(data.get("aliases", {})), providers=providers, key_variable_names=names)
