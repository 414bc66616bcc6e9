"""Onboarding: store a provider's API key and point the config at it (`onboard --auth-choice ...`).

from openclaw_config import onboard_xiaomi
result = onboard_xiaomi(key)        # what changed, file by file (the key redacted)
"""

from .onboard import FileChange, OnboardResult, checked_key, onboard, onboard_xiaomi
from .xiaomi import AUTH_CHOICES, ApiKeyChoice

__all__ = ["AUTH_CHOICES", "ApiKeyChoice", "FileChange", "OnboardResult", "checked_key", "onboard", "onboard_xiaomi"]
