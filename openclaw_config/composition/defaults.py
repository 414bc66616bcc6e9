"""Model defaults (SPEC section 7), applied to every model of every provider.

Fields the user wrote keep their place; missing ones are appended in a fixed order, which is what
OpenClaw writes to models.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULT_CONTEXT_WINDOW = 200_000
DEFAULT_MAX_TOKENS = 8192
COST_FIELDS = ("input", "output", "cacheRead", "cacheWrite")


_ZERO_COST = dict.fromkeys(COST_FIELDS, 0)


def _positive(value: Any) -> bool:
    # Exact types: a bool is not a number here (JSON values are never subclasses of int or float).
    return (type(value) is int or type(value) is float) and value > 0


def with_model_defaults(model: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `model` with every default filled in (runs once per model: kept lean)."""
    out = dict(model)
    if "reasoning" not in out:
        out["reasoning"] = False
    if "input" not in out:
        out["input"] = ["text"]
    cost = out.get("cost")
    out["cost"] = {**_ZERO_COST, **cost} if isinstance(cost, dict) else dict(_ZERO_COST)
    window: Any = _js_number(out.get("contextWindow"))
    if not _positive(window):
        window = DEFAULT_CONTEXT_WINDOW
    out["contextWindow"] = window
    max_tokens = _js_number(out.get("maxTokens"))
    out["maxTokens"] = min(max_tokens if _positive(max_tokens) else DEFAULT_MAX_TOKENS, window)
    return out


def _js_number(value: Any) -> Any:
    """A whole float (`1e5`, `8192.0`) as the int JavaScript prints it (`100000`, `8192`)."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def with_provider_defaults(provider: Mapping[str, Any]) -> Mapping[str, Any]:
    """`provider` with the defaults filled into each of its models (a copy, when it has models)."""
    models = provider.get("models")
    if not isinstance(models, list):
        return provider
    return {**provider, "models": [with_model_defaults(m) if isinstance(m, dict) else m for m in models]}
