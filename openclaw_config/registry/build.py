"""Turning the merged providers and the validated config into an `EffectiveRegistry`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..composition.environment import EffectiveEnvironment
from ..errors import ConfigWarning
from ..paths import Locations
from ..providers.merge import KeySource, ProviderOrigin, ProviderSet
from .model import Credential, EffectiveRegistry, Provider
from .refs import effective_aliases, resolve_primary

if TYPE_CHECKING:
    from ..explain.context import ResolutionContext

DEFAULT_PRIMARY = "anthropic/claude-opus-4-6"
_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]*\Z")


def build_registry(
    locations: Locations,
    config: Mapping[str, Any],
    provider_set: ProviderSet,
    env: EffectiveEnvironment,
    warnings: list[ConfigWarning],
    input_files: tuple[Path, ...],
    existing_readable: bool,
    context: ResolutionContext | None = None,
) -> EffectiveRegistry:
    providers = {
        pid: _placeholder(pid, block, provider_set)
        or _provider(
            pid, block, provider_set.origins.get(pid, "config"), provider_set.key_sources.get(pid), env, warnings
        )
        for pid, block in provider_set.providers.items()
    }
    defaults = _agent_defaults(config)
    model_choice: dict[str, Any] = defaults["model"] if isinstance(defaults.get("model"), dict) else {}
    # as OpenClaw does: aliases are trimmed (and matched case-insensitively), built-in ones added
    aliases = effective_aliases(defaults.get("models") or {})
    primary = (model_choice.get("primary") or "").strip() or DEFAULT_PRIMARY
    registry = EffectiveRegistry(
        locations=locations,
        providers=providers,
        default_model=primary,
        resolved_default=primary,
        fallbacks=tuple(model_choice.get("fallbacks") or ()),
        aliases=aliases,
        env_sources=tuple(env.contributing_sources()),
        config=config,
        existing_models_json_readable=existing_readable,
        kept_as_is=provider_set.kept_as_is,
        document_order=provider_set.order,
        input_files=input_files,
    )
    resolved = resolve_primary(primary, aliases, DEFAULT_PRIMARY)
    from ..runtime.unknown import unknown_model_warnings  # the built-in catalog is read only if needed

    warnings += unknown_model_warnings(registry, context.composed if context is not None else None)
    from dataclasses import replace

    return replace(registry, resolved_default=resolved, _warnings=tuple(warnings), _context=context)


def _agent_defaults(config: Mapping[str, Any]) -> dict[str, Any]:
    agents = config.get("agents")
    defaults = agents.get("defaults") if isinstance(agents, dict) else None
    return defaults if isinstance(defaults, dict) else {}


def _provider(
    pid: str,
    block: dict[str, Any],
    origin: ProviderOrigin,
    key: KeySource | None,
    env: EffectiveEnvironment,
    warnings: list[ConfigWarning],
) -> Provider:
    return Provider(
        id=pid,
        base_url=block.get("baseUrl"),
        api=block.get("api"),
        credential=_credential(pid, block.get("apiKey"), origin, key, env, warnings),
        origin=origin,
        block=block,
    )


def _placeholder(pid: str, block: dict[str, Any], provider_set: ProviderSet) -> Provider | None:
    """The provider, when its apiKey is still the OAuth placeholder of its implicit block."""
    api_key = block.get("apiKey")
    if pid not in provider_set.placeholders or api_key != provider_set.implicit_blocks[pid].get("apiKey"):
        return None
    credential = Credential("placeholder", str(api_key), profile_id=provider_set.placeholders[pid])
    origin = provider_set.origins.get(pid, "implicit")
    return Provider(pid, block.get("baseUrl"), block.get("api"), credential, origin, block=block)


def _credential(
    pid: str,
    api_key: Any,
    origin: ProviderOrigin,
    key: KeySource | None,
    env: EffectiveEnvironment,
    warnings: list[ConfigWarning],
) -> Credential | None:
    if not isinstance(api_key, str) or not api_key.strip():
        return None
    if key is not None and key.profile is not None:
        return Credential("profile", api_key, profile_id=key.profile.id, store=key.store)
    if _ENV_NAME.match(api_key):
        value = env.get(api_key)
        if value is not None:
            return Credential("env", value, env_var=api_key, env_origin=env.origins.get(api_key))
        warnings.append(
            ConfigWarning(
                f"provider {pid}: apiKey {api_key!r} looks like an environment variable name, but it is not set; "
                "it will be sent as a literal key",
                path=("models", "providers", pid, "apiKey"),
            )
        )
    return Credential("models.json" if origin == "models.json" else "config", api_key)
