"""The order OpenClaw writes the keys of a provider block and of a model in (data/<version>.json).

Its config schema's order: validating the config rebuilds each object in that order, so a block
written `{models, baseUrl}` is written back `{baseUrl, models}`; keys it does not know come last.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

OPENCLAW_VERSION = "2026.2.9"
_DATA = Path(__file__).parent / "data" / f"{OPENCLAW_VERSION}.json"

Kind = Literal["provider", "model"]


@cache
def _orders() -> dict[str, list[str]]:
    orders: dict[str, list[str]] = json.loads(_DATA.read_text(encoding="utf-8"))["keyOrder"]
    return orders


def in_openclaw_order(block: dict[str, Any], kind: Kind) -> dict[str, Any]:
    """`block` with its keys in OpenClaw's order for `kind`; `block` itself when they already are."""
    keys = order_of(kind, tuple(block))
    return block if keys is None else {k: block[k] for k in keys}


def order_of(kind: Kind, keys: tuple[str, ...]) -> tuple[str, ...] | None:
    """`keys` in OpenClaw's order for `kind`; None when they already are. Thousands of models share a
    few key orders: each is sorted once (up to a bound, so that distinct key sets cannot grow it)."""
    memo = _MEMO[kind]
    try:
        return memo[keys]
    except KeyError:
        pass
    order = _orders()[kind]
    rank = {key: i for i, key in enumerate(order)}
    ordered = tuple(sorted(keys, key=lambda k: rank.get(k, len(order))))
    found = None if ordered == keys else ordered
    if len(memo) < _MEMO_BOUND:
        memo[keys] = found
    return found


_MEMO_BOUND = 512
_MEMO: dict[str, dict[tuple[str, ...], tuple[str, ...] | None]] = {"provider": {}, "model": {}}
