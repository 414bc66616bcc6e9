"""The last pass over the providers of the models.json document, as OpenClaw 2026.2.9 makes it.

It runs over every provider that is written, the ones kept from an existing models.json too:
the `apiKey` is trimmed and a `${NAME}` marker becomes `NAME`; a provider with models and no key
gets the AWS variable (aws-sdk auth), else its key variable's name, else the key of its first
api_key/token profile (even an empty one: then nothing is filled); google's `gemini-3-pro` and
`gemini-3-flash` are renamed `-preview`. A provider entry that is not an object is kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..composition.environment import EffectiveEnvironment

_MARKER = re.compile(r"\$\{([A-Z0-9_]+)\}\Z")
# The AWS SDK's variables in the order OpenClaw names them (AWS_PROFILE when none is set).
_AWS_CHAIN: tuple[tuple[str, ...], ...] = (
    ("AWS_BEARER_TOKEN_BEDROCK",),
    ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
    ("AWS_PROFILE",),
)


def normalized_api_key(value: str) -> str:
    """A written apiKey as OpenClaw stores it: trimmed, and `${NAME}` reduced to `NAME`."""
    trimmed = value.strip()
    marker = _MARKER.match(trimmed)
    return marker.group(1) if marker else trimmed


def google_model_id(model_id: Any) -> Any:
    from ..registry.refs import normalize_model_id

    return normalize_model_id("google", model_id) if isinstance(model_id, str) else model_id


def aws_key_variable(env: EffectiveEnvironment) -> str:
    """The AWS credential variable that is set, else `AWS_PROFILE` (what an aws-sdk provider is given)."""
    for names in _AWS_CHAIN:
        if all(env.get(name) for name in names):
            return names[0]
    return "AWS_PROFILE"


def is_aws_sdk(provider_id: str, provider: Mapping[str, Any]) -> bool:
    auth = provider.get("auth")
    return (auth if auth is not None else ("aws-sdk" if provider_id == "amazon-bedrock" else None)) == "aws-sdk"


def with_google_ids(provider: dict[str, Any]) -> dict[str, Any]:
    """google's provider with its `gemini-3-*` model ids renamed (a copy when one changes)."""
    models = provider.get("models")
    if not isinstance(models, list):
        return provider
    renamed = [_with_google_id(m) for m in models]
    changed = any(new is not old for new, old in zip(renamed, models, strict=True))
    return {**provider, "models": renamed} if changed else provider


def _with_google_id(model: Any) -> Any:
    if not isinstance(model, dict) or google_model_id(model.get("id")) == model.get("id"):
        return model
    return {**model, "id": google_model_id(model["id"])}
