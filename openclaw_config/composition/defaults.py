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
    if type(cost) is dict:
        cost = {**_ZERO_COST, **cost}
        for name, price in cost.items():  # whole prices as integers, as JavaScript writes them (inline:
            if type(price) is float and price.is_integer() and -1e21 < price < 1e21:  # every model)
                cost[name] = int(price)
        out["cost"] = cost
    else:
        out["cost"] = dict(_ZERO_COST)
    window = out.get("contextWindow")
    if type(window) is not int or window <= 0:  # the usual case (a positive int) needs no call
        window = _positive_or(window, DEFAULT_CONTEXT_WINDOW)
    out["contextWindow"] = window
    max_tokens = out.get("maxTokens")
    if type(max_tokens) is not int or max_tokens <= 0:
        max_tokens = _positive_or(max_tokens, DEFAULT_MAX_TOKENS)
    out["maxTokens"] = max_tokens if max_tokens <= window else window
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
