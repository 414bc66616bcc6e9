"""Model defaults (SPEC section 7), applied to every model of every provider.

The fields the user wrote come in OpenClaw's key order; missing ones are appended in a fixed order,
which is what OpenClaw writes to models.json.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .key_order import order_of
from .tree import js_number

DEFAULT_CONTEXT_WINDOW = 200_000
DEFAULT_MAX_TOKENS = 8192
COST_FIELDS = ("input", "output", "cacheRead", "cacheWrite")


_ZERO_COST = dict.fromkeys(COST_FIELDS, 0)


def with_model_defaults(model: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of `model` with every default filled in. It runs once per model of the document, so it
    is written for speed: exact type tests (JSON values are never subclasses; a bool is no number)."""
    keys = order_of("model", tuple(model))  # the config's keys in OpenClaw's order, then the defaults
    out = dict(model) if keys is None else {key: model[key] for key in keys}
    if "reasoning" not in out:
        out["reasoning"] = False
    if "input" not in out:
        out["input"] = ["text"]
    cost = out.get("cost")
    out["cost"] = _cost(cost) if type(cost) is dict else dict(_ZERO_COST)
    window = _positive_or(out.get("contextWindow"), DEFAULT_CONTEXT_WINDOW)
    out["contextWindow"] = window
    max_tokens = _positive_or(out.get("maxTokens"), DEFAULT_MAX_TOKENS)
    out["maxTokens"] = max_tokens if max_tokens <= window else window
    return out


def _cost(cost: dict[str, Any]) -> dict[str, Any]:
    """Every price (0 when missing), whole ones as integers: OpenClaw writes `3.0` as `3`."""
    out = {**_ZERO_COST, **cost}
    for name, price in out.items():  # js_number, inline: this runs for every model
        if type(price) is float and price.is_integer() and -1e21 < price < 1e21:
            out[name] = int(price)
    return out


def _positive_or(value: Any, default: int) -> int | float:
    """`value` if it is a positive number, else `default`; a whole float (`1e5`, `8192.0`) as the int
    JavaScript prints it (`100000`, `8192`)."""
    kind = type(value)
    if kind is float:
        value = js_number(value)
        kind = type(value)
        if kind is float and not value > 0:  # NaN too
            return default
    if (kind is int and value > 0) or kind is float:
        return value  # type: ignore[no-any-return]
    return default


def with_provider_defaults(provider: Mapping[str, Any]) -> Mapping[str, Any]:
    """`provider` with the defaults filled into each of its models (a copy, when it has models)."""
    models = provider.get("models")
    if not isinstance(models, list):
        return provider
    return {**provider, "models": [with_model_defaults(m) if isinstance(m, dict) else m for m in models]}
