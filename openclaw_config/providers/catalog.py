"""The built-in provider catalog: ids, aliases and key variables (`catalog.json`), and the providers
OpenClaw injects without being configured (`data/<OpenClaw version>.json`)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

OPENCLAW_VERSION = "2026.2.9"
_CATALOG_FILE = Path(__file__).with_name("catalog.json")
IMPLICIT_FILE = Path(__file__).with_name("data") / f"{OPENCLAW_VERSION}.json"

# Variables that look like provider credentials or endpoints even when no catalog entry names them.
_CREDENTIAL_NAME = re.compile(r"(?:_API_KEY|_API_HOST|_BASE_URL|_ENDPOINT)$|^OPENCLAW_")


@dataclass(frozen=True)
class ImplicitRule:
    """How a provider is injected: `trigger` names a rule of `implicit_rules.py`, the rest is its data."""

    trigger: str  # key | oauth-placeholder | profile-metadata-base-url | github-token | aws-discovery
    placeholder: str | None = None  # oauth-placeholder: the apiKey written instead of a secret
    base_url: str | None = None  # profile-metadata-base-url: a template of profile metadata fields
    discovery: str | None = None  # what the reference asks the network for (a key of `discovery`)
    after_explicit: bool = False  # added after the configured providers are merged in


@dataclass(frozen=True)
class CatalogProvider:
    id: str
    key_variables: tuple[str, ...]
    implicit: Mapping[str, Any] | None  # the provider block injected (before its apiKey)
    rule: ImplicitRule | None = None  # None: never injected


@dataclass(frozen=True)
class Catalog:
    aliases: Mapping[str, str]
    providers: Mapping[str, CatalogProvider]
    key_variable_names: frozenset[str]
    discovery: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # name -> what it asks
    implicit_data: Mapping[str, Any] = field(default_factory=dict, repr=False)  # the rest of the data file

    def normalize_id(self, provider_id: str) -> str:
        """Compare form of a provider id: trimmed, lower-case, aliases applied."""
        key = provider_id.strip().lower()
        return self.aliases.get(key, key)

    def key_variables(self, provider_id: str) -> tuple[str, ...]:
        entry = self.providers.get(self.normalize_id(provider_id))
        return entry.key_variables if entry else ()

    def implicit_providers(self) -> tuple[CatalogProvider, ...]:
        """The providers that may be injected, in the order OpenClaw adds them."""
        return tuple(p for p in self.providers.values() if p.rule is not None)

    def is_credential_variable(self, name: str) -> bool:
        return name in self.key_variable_names or _CREDENTIAL_NAME.search(name) is not None


@cache
def load_catalog(path: Path = _CATALOG_FILE, implicit_path: Path = IMPLICIT_FILE) -> Catalog:
    data = json.loads(path.read_text(encoding="utf-8"))
    implicit = json.loads(implicit_path.read_text(encoding="utf-8"))
    key_variables = {pid: tuple(entry.get("keyVariables", ())) for pid, entry in data["providers"].items()}
    providers = {}
    for pid, entry in implicit["providers"].items():  # first: the order OpenClaw injects them in
        rule = ImplicitRule(
            trigger=entry["trigger"],
            placeholder=entry.get("placeholder"),
            base_url=entry.get("baseUrl"),
            discovery=entry.get("discovery"),
            after_explicit=bool(entry.get("afterExplicit")),
        )
        providers[pid] = CatalogProvider(pid, key_variables.get(pid, ()), entry.get("implicit"), rule)
    for pid, variables in key_variables.items():
        providers.setdefault(pid, CatalogProvider(pid, variables, None))
    names = frozenset(v for p in providers.values() for v in p.key_variables)
    return Catalog(
        aliases=dict(data.get("aliases", {})),
        providers=providers,
        key_variable_names=names,
        discovery=implicit.get("discovery", {}),
        implicit_data=implicit,
    )
