"""Strict JSON (the auth store, `models.json`) parsed as OpenClaw's `JSON.parse` would, never crashing.

`json.loads` differs from `JSON.parse` at the edges, and crashes at some: it accepts `Infinity` and
`NaN` (which JSON does not have), raises a bare ValueError for an integer of more than 4300 digits
(JavaScript reads it as a number) and a RecursionError for values nested about 1000 deep. Here
every one of these is a `StrictJsonError` with the line it was found on, or a value.
"""

from __future__ import annotations

import json
from typing import Any

#: Deeper than this is refused: OpenClaw's files nest a few levels, and the walks that follow recurse.
MAX_DEPTH = 200


class StrictJsonError(ValueError):
    """Why a text is refused; `valid_json`: it is JSON that `JSON.parse` reads, refused only here
    (too deep, or a number too long to keep exactly)."""

    def __init__(
        self, message: str, line: int | None = None, column: int | None = None, *, valid_json: bool = False
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.valid_json = valid_json

    def __str__(self) -> str:
        return self.message if self.line is None else f"{self.message} at line {self.line}"


class _NotJson(Exception):
    def __init__(self, message: str, *, valid_json: bool = False) -> None:
        super().__init__(message)
        self.valid_json = valid_json


def _refuse_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON number")


def _integer(digits: str) -> int | float:
    # Python refuses to convert more than 4300 digits; JavaScript reads such a number as a double.
    return int(digits) if len(digits) <= 4000 else float(digits)


def load_strict_json(text: str, *, exact_numbers: bool = False) -> Any:
    """The JSON value of `text`. `exact_numbers`: also refuse integers too long to keep exactly (a
    caller that writes the value back must not change what it did not understand)."""
    if not exact_numbers:
        from pydantic_core import from_json

        try:  # the fast parser refuses all that json.loads does, and more (lone surrogates, long
            # integers, 201 levels): then json.loads below decides, and words the error
            return from_json(text, allow_inf_nan=False)
        except ValueError:
            pass
    try:
        value = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_exact_integer if exact_numbers else _integer
        )
    except json.JSONDecodeError as exc:
        raise StrictJsonError(exc.msg, exc.lineno, exc.colno) from None
    except _NotJson as exc:
        raise StrictJsonError(str(exc), valid_json=exc.valid_json) from None
    except RecursionError:
        raise StrictJsonError(f"it is nested more than {MAX_DEPTH} levels deep", valid_json=True) from None
    if _too_deep(text, value):
        raise StrictJsonError(f"it is nested more than {MAX_DEPTH} levels deep", valid_json=True)
    return value


def _exact_integer(digits: str) -> int:
    if len(digits) > 4000:
        raise _NotJson(f"it holds a number of {len(digits)} digits, more than can be kept exactly", valid_json=True)
    return int(digits)


def _too_deep(text: str, value: Any) -> bool:
    """Whether `value` nests deeper than MAX_DEPTH; only walked when the text has that many brackets."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in node.values() if isinstance(child, dict | list))
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node if isinstance(child, dict | list))
    return False
