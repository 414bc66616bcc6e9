"""Credentials (the stage after providers): which credential each provider's next call uses, as
OpenClaw 2026.2.9 decides it, and the auth overview of `status`.

    resolution = registry.credentials("openai")
    resolution.credential            # the candidate in use (None: no credential), secret redacted in repr
    resolution.candidates            # every profile, variable and apiKey considered, with `status`/`reason`
    registry.auth_status()           # what `status` reports: profiles, expiry, cooldowns, missing providers
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_attributes

if TYPE_CHECKING:
    from .health import ExpiryStatus, ProfileHealth, ProviderHealth
    from .inputs import AuthInputs, EnvKey
    from .profiles import ProfileOrder, profile_order
    from .resolve import CredentialCandidate, CredentialResolution, resolve_credential
    from .rules import CredentialRules, load_rules
    from .status import AuthStatus, ProviderAuth, UnusableProfile, auth_status

# Where each name lives; imported on first use, so that resolving (which needs only `inputs`) does
# not load the rest of the stage.
_HOMES = {
    "ExpiryStatus": "health", "ProfileHealth": "health", "ProviderHealth": "health",
    "AuthInputs": "inputs", "EnvKey": "inputs",
    "ProfileOrder": "profiles", "profile_order": "profiles",
    "CredentialCandidate": "resolve", "CredentialResolution": "resolve", "resolve_credential": "resolve",
    "CredentialRules": "rules", "load_rules": "rules",
    "AuthStatus": "status", "ProviderAuth": "status", "UnusableProfile": "status", "auth_status": "status",
}  # fmt: skip

__all__ = [
    "AuthInputs",
    "AuthStatus",
    "CredentialCandidate",
    "CredentialResolution",
    "CredentialRules",
    "EnvKey",
    "ExpiryStatus",
    "ProfileHealth",
    "ProfileOrder",
    "ProviderAuth",
    "ProviderHealth",
    "UnusableProfile",
    "auth_status",
    "load_rules",
    "profile_order",
    "resolve_credential",
]


__getattr__ = lazy_attributes(__name__, _HOMES)
