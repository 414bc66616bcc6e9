"""What one resolution read and decided, kept by reference for `registry.explain()`.

Building it costs one small object: no copies, no positions, no extra walks of the config.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..composition.environment import EffectiveEnvironment
    from ..pipeline import ComposedConfig
    from ..providers.catalog import Catalog
    from ..providers.merge import ProviderSet
    from ..sources.auth_profiles import AuthStore
    from ..sources.models_json import ExistingModelsJson


@dataclass(frozen=True)
class ResolutionContext:
    composed: ComposedConfig  # the root config and every included file, with their text
    env: EffectiveEnvironment  # values, their sources, and the values that lost
    store: AuthStore
    existing: ExistingModelsJson
    provider_set: ProviderSet  # where each provider and its key came from
    catalog: Catalog
    mode: str  # models.mode in effect
    now_ms: float  # the clock the token expiries were checked against
