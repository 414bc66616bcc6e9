"""The rules that decide whether a built-in provider is injected, and with which apiKey.

Each rule type is named by `trigger` in the data file (`data/<version>.json`); the blocks, the
placeholders and the URL templates are data. No rule touches the network: where OpenClaw would ask
it something, the rule gives what OpenClaw ends up with when nothing answers, and a `DiscoveryNote`
says so (`discovery.py` asks, when the caller opts in).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..composition.environment import EffectiveEnvironment
from ..composition.tree import json_copy
from ..errors import ConfigWarning
from ..sources.auth_profiles import AuthProfile, AuthStore
from .catalog import Catalog, CatalogProvider
from .merge import KeySource, find_key


@dataclass(frozen=True)
class DiscoveryNote:
    """What OpenClaw would ask the network for a provider, and what was done instead."""

    provider: str
    what: str  # what is asked: "the models of the local ollama server (http://...)"
    attempted: bool
    outcome: str  # "not attempted: ..." / "3 models" / "no answer: ..."

    def __str__(self) -> str:
        return f"{self.provider}: {self.what}: {self.outcome}"


@dataclass(frozen=True)
class RuleInputs:
    env: EffectiveEnvironment
    store: AuthStore
    catalog: Catalog
    now_ms: float
    config: Mapping[str, Any]  # the validated config (models.bedrockDiscovery)
    warnings: list[ConfigWarning]


@dataclass(frozen=True)
class Injection:
    """A provider block to inject, where its key came from and why it was injected."""

    block: dict[str, Any]
    key: KeySource | None
    reason: str
    profile_id: str | None = None  # the profile that made it (its existence, or its metadata)


def key_value(key: KeySource) -> str | None:
    """What goes into `apiKey`: the variable's name, or the profile's key itself."""
    return key.env_var or (key.profile.secret if key.profile else None)


def _block(entry: CatalogProvider) -> dict[str, Any]:
    block: dict[str, Any] = json_copy(dict(entry.implicit or {}))
    return block


def _profiles(entry: CatalogProvider, inputs: RuleInputs) -> list[AuthProfile]:
    wanted = inputs.catalog.normalize_id(entry.id)
    return [p for p in inputs.store.profiles if p.known and inputs.catalog.normalize_id(p.provider) == wanted]


def _by_key(entry: CatalogProvider, inputs: RuleInputs) -> Injection | None:
    """`key`: a key variable that is set (its name is written), else a profile's key (the key)."""
    key = find_key(entry.id, inputs.env, inputs.store, inputs.catalog, inputs.now_ms, inputs.warnings)
    if key is None:
        return None
    reason = (
        f"{key.env_var} is set" if key.env_var else f"auth profile {key.profile.id if key.profile else '?'} holds a key"
    )
    return Injection({**_block(entry), "apiKey": key_value(key)}, key, reason)


def _by_oauth_profile(entry: CatalogProvider, inputs: RuleInputs) -> Injection | None:
    """`oauth-placeholder`: any profile of the provider; the apiKey is a fixed placeholder, as the
    OAuth token is looked up per call."""
    profiles = _profiles(entry, inputs)
    if not profiles:
        return None
    placeholder = entry.rule.placeholder if entry.rule else None
    reason = f"auth profile {profiles[0].id} exists (apiKey is the placeholder {placeholder!r})"
    return Injection({**_block(entry), "apiKey": placeholder}, None, reason, profiles[0].id)


def _by_profile_metadata(entry: CatalogProvider, inputs: RuleInputs) -> Injection | None:
    """`profile-metadata-base-url`: the first api_key profile whose metadata fills the base URL template."""
    template = entry.rule.base_url if entry.rule else None
    for profile in _profiles(entry, inputs):
        if profile.type != "api_key" or not template:
            continue
        fields = {k: v.strip() for k, v in profile.metadata.items() if isinstance(v, str) and v.strip()}
        try:
            base_url = template.format_map(fields)
        except KeyError:
            continue  # a field the template needs is missing or blank
        variable = next((n for n in entry.key_variables if inputs.env.get(n) is not None), None)
        api_key = variable or (profile.secret or "").strip()
        if not api_key:
            continue
        key = KeySource(env_var=variable) if variable else KeySource(profile=profile, store=str(inputs.store.path))
        block = {"baseUrl": base_url, **_block(entry), "apiKey": api_key}
        return Injection(block, key, f"auth profile {profile.id} has the gateway metadata", profile.id)
    return None


def _by_github_token(entry: CatalogProvider, inputs: RuleInputs) -> Injection | None:
    """`github-token`: a GitHub token variable or any profile; models come from the token exchange."""
    variable = next((n for n in entry.key_variables if inputs.env.get(n) is not None), None)
    profiles = _profiles(entry, inputs)
    if variable is None and not profiles:
        return None
    reason = f"{variable} is set" if variable else f"auth profile {profiles[0].id} exists"
    return Injection(_block(entry), None, reason)


def _by_aws_credentials(entry: CatalogProvider, inputs: RuleInputs) -> Injection | None:
    """`aws-discovery`: only Bedrock's model list makes the provider; offline it never answers."""
    return None


def github_token_present(entry: CatalogProvider, inputs: RuleInputs) -> bool:
    """Whether the Copilot token exchange would be tried (a token variable, or a token profile)."""
    if any(inputs.env.get(n) is not None for n in entry.key_variables):
        return True
    profiles = _profiles(entry, inputs)
    return bool(profiles) and profiles[0].type == "token" and bool(profiles[0].secret)


def bedrock_region(inputs: RuleInputs) -> str | None:
    """The region Bedrock discovery would ask, or None when OpenClaw would not try it."""
    settings = (inputs.config.get("models") or {}).get("bedrockDiscovery") or {}
    data = inputs.catalog.implicit_data.get("awsDiscovery", {})
    enabled = settings.get("enabled") if isinstance(settings, dict) else None
    if enabled is False:
        return None
    has_credentials = any(all(inputs.env.get(n) is not None for n in names) for names in data.get("chain", ()))
    if enabled is not True and not has_credentials:
        return None
    region = settings.get("region") if isinstance(settings, dict) else None
    variables = (inputs.env.get(n) for n in data.get("regionVariables", ()))
    return str(region or next((v for v in variables if v), None) or data.get("defaultRegion", "us-east-1"))


Rule = Callable[[CatalogProvider, RuleInputs], "Injection | None"]

RULES: dict[str, Rule] = {
    "key": _by_key,
    "oauth-placeholder": _by_oauth_profile,
    "profile-metadata-base-url": _by_profile_metadata,
    "github-token": _by_github_token,
    "aws-discovery": _by_aws_credentials,
}
