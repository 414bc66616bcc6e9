"""Whether OpenClaw counts a provider as having auth: the `available` column of `models list`.

OpenClaw 2026.2.9 asks, in this order: a profile of that provider in the auth store (any type),
for amazon-bedrock one of its AWS credential groups in the environment, one of the provider's
key variables (`providers/catalog.json` keyVariables), then a non-blank `apiKey` on the provider
in the config itself (`models.providers`, not the generated models.json: an injected provider has
none there). This is the one place that rule lives.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..providers.catalog import Catalog
from ..sources.auth_profiles import AuthProfile
from .builtin import ReleasePins


class ProviderAuth:
    """`has_auth(provider)`, answered once per provider."""

    def __init__(
        self,
        config: Mapping[str, Any],
        env: Callable[[str], str | None],  # a variable's value when it is set and not blank
        profiles: tuple[AuthProfile, ...],
        catalog: Catalog,
        pins: ReleasePins,
    ) -> None:
        self._config = config
        self._env = env
        self._catalog = catalog
        self._pins = pins
        self._profile_providers = frozenset(catalog.normalize_id(p.provider) for p in profiles)
        self._answers: dict[str, bool] = {}

    def has_auth(self, provider: str) -> bool:
        answer = self._answers.get(provider)
        if answer is None:
            answer = self._answers[provider] = self._has_auth(provider)
        return answer

    def _has_auth(self, provider: str) -> bool:
        if self._catalog.normalize_id(provider) in self._profile_providers:
            return True
        if provider == self._pins.aws_provider and any(
            all(self._env(name) for name in group) for group in self._pins.aws_credential_variables
        ):
            return True
        if any(self._env(name) for name in self._catalog.key_variables(provider)):
            return True
        return configured_api_key(self._config, provider, self._catalog) is not None


def configured_api_key(config: Mapping[str, Any], provider: str, catalog: Catalog) -> str | None:
    """The non-blank `apiKey` the config itself gives `provider` (matched as OpenClaw matches ids)."""
    models = config.get("models")
    providers = models.get("providers") if isinstance(models, dict) else None
    if not isinstance(providers, dict):
        return None
    block = providers.get(provider)
    if block is None:
        wanted = catalog.normalize_id(provider)
        block = providers.get(wanted) if wanted != provider else None
        if block is None:
            block = next((b for key, b in providers.items() if catalog.normalize_id(key) == wanted), None)
    key = block.get("apiKey") if isinstance(block, dict) else None
    if not isinstance(key, str):
        return None
    cleaned = key.replace("\r", "").replace("\n", "").replace("\u2028", "").replace("\u2029", "").strip()
    return cleaned or None
