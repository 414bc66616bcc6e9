"""Providers (SPEC section 8): implicit ones from the catalog, explicit ones from the config, and the
existing models.json, merged and normalized into the providers of the document OpenClaw writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..composition.environment import EffectiveEnvironment
from ..errors import ConfigWarning
from ..sources.auth_profiles import AuthProfile, AuthStore
from .catalog import Catalog
from .normalize import aws_key_variable, is_aws_sdk, normalized_api_key, with_google_ids

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
    implicit_blocks: dict[str, dict[str, Any]] = field(default_factory=dict)  # as injected, before the config's
    injection_reasons: dict[str, str] = field(default_factory=dict)  # why each implicit provider was injected
    injection_profiles: dict[str, str] = field(default_factory=dict)  # the profile whose presence injected it
    placeholders: dict[str, str] = field(default_factory=dict)  # apiKey is an OAuth placeholder: its profile
    discovery: list[Any] = field(default_factory=list)  # `DiscoveryNote`s: what was (not) asked of the network
    # Entries of an existing models.json that are not objects (`5`, `"x"`, `[]`): OpenClaw writes them
    # back as they are, in their place; `order` is every key of the document, in its order.
    kept_as_is: dict[str, Any] = field(default_factory=dict)
    order: tuple[str, ...] = ()


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


def produce_providers(
    explicit: Mapping[str, dict[str, Any]],
    implicit: Mapping[str, dict[str, Any]],
    env: EffectiveEnvironment,
    store: AuthStore,
    catalog: Catalog,
    result: ProviderSet,
    late: Callable[[], Mapping[str, dict[str, Any]]] = dict,
) -> ProviderSet:
    """The providers this resolution produces: implicit first, explicit fields over them, then the
    `late` implicit ones that are not configured; each normalized as OpenClaw's last pass does. The
    existing models.json goes under them afterwards (`existing.merge_existing`).

    As OpenClaw does, provider keys are trimmed: two equal after trimming merge, the later onto the
    earlier; a blank one is skipped.
    """
    produced: dict[str, dict[str, Any]] = dict(implicit)
    origins: dict[str, ProviderOrigin] = dict.fromkeys(implicit, "implicit")
    for raw_id, provider in explicit.items():
        pid = raw_id.strip()
        if not pid:
            continue
        if pid in produced:
            produced[pid] = _merge_pair(produced[pid], provider)
            origins[pid] = "config+implicit" if origins[pid] != "config" else "config"
        else:
            produced[pid] = provider
            origins[pid] = "config"
    for pid, block in late().items():
        if pid not in produced:
            produced[pid], origins[pid] = block, "implicit"
        else:  # a configured provider wins whole over a late implicit one
            result.implicit_blocks.pop(pid, None)
            result.injection_reasons.pop(pid, None)
    result.origins = origins
    set_entries(result, {pid: normalized(pid, p, env, store, catalog, result) for pid, p in produced.items()})
    return result


def set_entries(result: ProviderSet, entries: dict[str, Any]) -> None:
    """The document's entries, in order: the provider objects, and what is kept as it is."""
    result.order = tuple(entries)
    result.providers = {pid: p for pid, p in entries.items() if isinstance(p, dict)}
    result.kept_as_is = {pid: p for pid, p in entries.items() if not isinstance(p, dict)}
    for pid in result.kept_as_is:
        result.origins[pid] = "models.json"


def _merge_pair(implicit: dict[str, Any], explicit: dict[str, Any]) -> dict[str, Any]:
    """An explicit block over an implicit one; models matched by trimmed id, explicit ones first."""
    implicit_models = _models_list(implicit)
    if not implicit_models:
        return {**implicit, **explicit}
    explicit_models = _models_list(explicit)
    seen = {i for i in map(_model_id, explicit_models) if i}
    models = [*explicit_models]
    for model in implicit_models:
        model_id = _model_id(model)
        if model_id and model_id not in seen:
            seen.add(model_id)
            models.append(model)
    return {**implicit, **explicit, "models": models}


def _models_list(provider: Mapping[str, Any]) -> list[Any]:
    models = provider.get("models")
    return models if isinstance(models, list) else []


def _model_id(model: Any) -> str:
    model_id = model.get("id") if isinstance(model, dict) else None
    return model_id.strip() if isinstance(model_id, str) else ""


def normalized(
    pid: str,
    provider: dict[str, Any],
    env: EffectiveEnvironment,
    store: AuthStore,
    catalog: Catalog,
    result: ProviderSet,
) -> dict[str, Any]:
    """OpenClaw's last pass (see `normalize`): the apiKey normalized or filled in, google ids renamed."""
    api_key = provider.get("apiKey")
    if isinstance(api_key, str) and api_key and normalized_api_key(api_key) != api_key:
        provider = {**provider, "apiKey": normalized_api_key(api_key)}
        api_key = provider["apiKey"]
    source = result.key_sources.get(pid)
    if source is not None and api_key not in (_key_value(source), normalized_api_key(_key_value(source) or "")):
        del result.key_sources[pid]  # the config's own key won over the implicit one
    models = provider.get("models")
    if isinstance(models, list) and models and not (isinstance(api_key, str) and api_key.strip()):
        key = _key_to_fill(pid, provider, env, store, catalog)
        if key is not None:
            provider = {**provider, "apiKey": _key_value(key)}
            result.key_sources[pid] = key
    return with_google_ids(provider) if pid == "google" else provider


def _key_to_fill(
    pid: str, provider: dict[str, Any], env: EffectiveEnvironment, store: AuthStore, catalog: Catalog
) -> KeySource | None:
    """aws-sdk: the AWS variable; else the first key variable set, else the first key profile's key."""
    if is_aws_sdk(pid, provider):
        return KeySource(env_var=aws_key_variable(env))
    for name in catalog.key_variables(pid):
        if env.get(name) is not None:
            return KeySource(env_var=name)
    for profile in store.profiles_of(catalog.normalize_id(pid), catalog.normalize_id):
        if profile.type in ("api_key", "token"):
            usable = isinstance(profile.secret, str) and profile.secret.strip()
            return KeySource(profile=profile, store=str(store.path)) if usable else None
    return None


def _key_value(key: KeySource) -> str | None:
    return key.env_var or (key.profile.secret if key.profile else None)
