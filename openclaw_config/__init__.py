"""openclaw-config: which models and credentials are in effect for OpenClaw, and why.

    from openclaw_config import ConfigError, resolve
    registry = resolve()               # reads ~/.openclaw the way OpenClaw does; never writes
    registry.resolved_default          # "xiaomi/mimo-v2-flash"
    registry.model("Xiaomi")           # a Model, by ref or alias
    registry.providers["xiaomi"]       # a Provider: base URL, api, credential (redacted when printed)
    registry.warnings                  # ConfigWarnings: worth knowing, did not stop resolution
    registry.explain("xiaomi")         # where each value came from, and what it overrode
    registry.credentials("openai")     # the credential the next call uses, and every candidate
    registry.auth_status()             # what `status` reports (missing, expiring, cooling down)
    resolve(agent="work")              # an agent of agents.list[]: its dir, auth store and models

`resolve()` raises `ConfigError` with every `Problem` found (file, line, column, config path, the
fix). `Resolver` takes the same arguments and keeps the result while nothing it read changes.
`onboard_xiaomi(key)` stores a key and configures the provider, as `openclaw onboard` does.
"""

from typing import TYPE_CHECKING, Any

from .errors import ConfigError, ConfigWarning, Problem
from .pipeline import resolve
from .registry.model import Credential, EffectiveRegistry, Model, Provider
from .resolver import Resolver

if TYPE_CHECKING:
    from .explain.records import ProvenanceRecord
    from .onboarding import OnboardResult, onboard_xiaomi
    from .runtime import RegistryProblem, RuntimeRegistry

__all__ = [
    "ConfigError",
    "ConfigWarning",
    "Credential",
    "EffectiveRegistry",
    "Model",
    "OnboardResult",
    "Problem",
    "ProvenanceRecord",
    "Provider",
    "RegistryProblem",
    "Resolver",
    "RuntimeRegistry",
    "onboard_xiaomi",
    "resolve",
]


def __getattr__(name: str) -> Any:
    # Onboarding (it writes files) is imported on first use: every CLI run imports this package,
    # and loading onboarding's modules would add a tenth to the start-up time of `show`.
    if name in ("OnboardResult", "onboard_xiaomi"):
        from . import onboarding

        return getattr(onboarding, name)
    if name in ("RegistryProblem", "RuntimeRegistry"):
        from . import runtime

        return getattr(runtime, name)
    if name == "ProvenanceRecord":
        from .explain.records import ProvenanceRecord

        return ProvenanceRecord
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
