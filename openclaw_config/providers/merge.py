"""Providers (SPEC section 8): implicit ones from the catalog, explicit ones from the config, and the
existing models.json, merged and normalized into the providers of the document OpenClaw writes.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..composition.environment import EffectiveEnvironment
from ..errors import ConfigWarning
from ..sources.auth_profiles import AuthProfile, AuthStore
from .catalog import Catalog

ProviderOrigin = Literal["config", "implicit", "config+implicit", "models.json"]


@dataclass(frozen=True)
class KeySource:
    """How a provider's `apiKey` was filled in: from an env variable name or from a profile."""

    env_var: str | None = None
    profile: AuthProfile | None = None
    store: str | None = None  # the auth store file the profile was read from


@dataclass
class ProviderSet:
    """The providers of the models.json document, with where each one and its key came from."""

    providers: dict[str, dict[str, Any]] = field(default_factory=dict)
    origins: dict[str, ProviderOrigin] = field(default_factory=dict)
    key_sources: dict[str, KeySource] = field(default_factory=dict)
    warnings: list[ConfigWarning] = field(default_factory=list)


def find_key(
    provider_id: str,
    env: EffectiveEnvironment,
    store: AuthStore,
    catalog: Catalog,
    now_ms: float,
    warnings: list[ConfigWarning],
) -> KeySource | None:
    """The first key a provider has: its key variables in order, then its first usable profile."""
    for name in catalog.key_variables(provider_id):
        if env.get(name) is not None:
            return KeySource(env_var=name)
    wanted = catalog.normalize_id(provider_id)
    for profile in store.profiles_of(wanted, catalog.normalize_id):
        if profile.type not in ("api_key", "token"):
            continue
        if not (profile.secret and profile.secret.strip()):
            continue
        if profile.type == "token" and profile.expires is not None and not _still_valid(profile.expires, now_ms):
            expired = ConfigWarning(
                f"token profile {profile.id} has expired or has an invalid `expires`; not used", str(store.path)
            )
            if expired not in warnings:  # the same profile is looked at for the implicit and the explicit provider
                warnings.append(expired)
            continue
        return KeySource(profile=profile, store=str(store.path))
    return None


def _still_valid(expires: Any, now_ms: float) -> bool:
    return isinstance(expires, int | float) and not isinstance(expires, bool) and expires > 0 and expires > now_ms


def implicit_providers(
    env: EffectiveEnvironment, store: AuthStore, catalog: Catalog, now_ms: float, result: ProviderSet
) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for entry in catalog.implicit_providers():
        key = find_key(entry.id, env, store, catalog, now_ms, result.warnings)
        if key is None or entry.implicit is None:
            continue
        block = copy.deepcopy(dict(entry.implicit))
        block["apiKey"] = key.env_var or (key.profile.secret if key.profile else None)
        found[entry.id] = block
        result.key_sources[entry.id] = key
    return found


def merge_providers(
    explicit: Mapping[str, dict[str, Any]],
    implicit: Mapping[str, dict[str, Any]],
    existing: Mapping[str, Any],
    mode: str,
    env: EffectiveEnvironment,
    store: AuthStore,
    catalog: Catalog,
    now_ms: float,
    result: ProviderSet,
) -> ProviderSet:
    """Implicit first, explicit fields over them; existing models.json underneath in merge mode."""
    produced: dict[str, dict[str, Any]] = dict(implicit)
    origins: dict[str, ProviderOrigin] = dict.fromkeys(implicit, "implicit")
    for raw_id, provider in explicit.items():
        pid = raw_id.strip()
        if pid in implicit:
            produced[pid] = _merge_pair(implicit[pid], provider)
            origins[pid] = "config+implicit"
        else:
            produced[pid] = provider
            origins[pid] = "config"
        _fill_missing_key(pid, produced[pid], env, store, catalog, now_ms, result)
    if mode == "merge":
        result.providers = {**existing, **produced}
        kept: dict[str, ProviderOrigin] = dict.fromkeys(existing, "models.json")
        result.origins = {**kept, **origins}
    else:
        result.providers, result.origins = produced, origins
    return result


def _merge_pair(implicit: dict[str, Any], explicit: dict[str, Any]) -> dict[str, Any]:
    explicit_models = explicit.get("models") or []
    named = {m.get("id") for m in explicit_models}
    models = [*explicit_models, *(m for m in implicit.get("models", []) if m.get("id") not in named)]
    return {**implicit, **explicit, "models": models}


def _fill_missing_key(
    pid: str,
    provider: dict[str, Any],
    env: EffectiveEnvironment,
    store: AuthStore,
    catalog: Catalog,
    now_ms: float,
    result: ProviderSet,
) -> None:
    api_key = provider.get("apiKey")
    if isinstance(api_key, str) and api_key.strip():
        if pid in result.key_sources and api_key != _key_value(result.key_sources[pid]):
            del result.key_sources[pid]  # the config's own key won over the implicit one
        return
    if not provider.get("models"):
        return
    key = find_key(pid, env, store, catalog, now_ms, result.warnings)
    if key is not None:
        provider["apiKey"] = _key_value(key)
        result.key_sources[pid] = key


def _key_value(key: KeySource) -> str | None:
    return key.env_var or (key.profile.secret if key.profile else None)
