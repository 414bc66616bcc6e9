"""openclaw-config: which models and credentials are in effect for OpenClaw, and why.

from openclaw_config import resolve
registry = resolve()
registry.resolved_default          # "xiaomi/mimo-v2-flash"
registry.model("Xiaomi")           # lookup by ref or alias
"""

from .errors import ConfigError, ConfigWarning, Problem
from .onboarding import OnboardResult, onboard_xiaomi
from .pipeline import resolve
from .registry.model import Credential, EffectiveRegistry, Model, Provider
from .resolver import Resolver

__all__ = [
    "ConfigError",
    "ConfigWarning",
    "Credential",
    "EffectiveRegistry",
    "Model",
    "OnboardResult",
    "Problem",
    "Provider",
    "Resolver",
    "onboard_xiaomi",
    "resolve",
]
