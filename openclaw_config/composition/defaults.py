"""Model defaults (SPEC section 7), applied to every model of every provider.

Fields the user wrote keep their place; missing ones are appended in a fixed order, which is what
OpenClaw writes to models.json.
"""

from __future__ import annotations

from typing import Any

DEFAULT_CONTEXT_WINDOW = 200_000
DEFAULT_MAX_TOKENS = 8192
COST_FIELDS = ("input", "output", "cacheRead", "cacheWrite")


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def with_model_defaults(model: dict[str, Any]) -> dict[str, Any]:
    """A copy of `model` with every default filled in."""
    out = dict(model)
    out.setdefault("reasoning", False)
    out.setdefault("input", ["text"])
    cost = out.get("cost")
    given = cost if isinstance(cost, dict) else {}
    out["cost"] = {**{f: 0 for f in COST_FIELDS}, **given}
    if not _positive(out.get("contextWindow")):
        out["contextWindow"] = DEFAULT_CONTEXT_WINDOW
    max_tokens = out.get("maxTokens")
    out["maxTokens"] = min(max_tokens if _positive(max_tokens) else DEFAULT_MAX_TOKENS, out["contextWindow"])
    return out


def with_provider_defaults(provider: dict[str, Any]) -> dict[str, Any]:
    models = provider.get("models")
    if not isinstance(models, list):
        return provider
    return {**provider, "models": [with_model_defaults(m) if isinstance(m, dict) else m for m in models]}
