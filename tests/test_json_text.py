"""`json_text`: the JSON this package prints and writes is the stdlib's text, made faster."""

from __future__ import annotations

import json
from typing import Any

import pytest

from openclaw_config.json_text import json_text

DOCUMENTS: list[Any] = [
    {},
    [],
    {"providers": {}},
    {"a": [1, 2.0, 0.25, -0.0, 1e16, True, False, None, {}, [], {"x": []}], "b": {"c": {"d": "e"}}},
    {"text": 'quote " backslash \\ newline \n tab \t control \x01 del \x7f', "unicode": "é 中文 \u2028 😀"},
    {"big": 2**70, "negative": -(2**63), "inf": float("inf"), "nan_free": 1.5},
    ["top", "level", "list"],
]


@pytest.mark.parametrize("indent", [None, 0, 1, 2, 4])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_the_text_is_what_the_stdlib_writes(document: Any, indent: int | None) -> None:
    separators = (",", ":") if indent is None else None
    assert json_text(document, indent=indent) == json.dumps(
        document, ensure_ascii=False, indent=indent, separators=separators
    )


def test_small_numbers_may_be_spelled_differently_but_mean_the_same() -> None:
    document = {"cost": {"input": 1e-05, "output": 3e-07}}
    assert json.loads(json_text(document)) == document


def test_text_the_fast_encoder_refuses_goes_to_the_stdlib() -> None:
    # A lone surrogate: JSON5 escapes can produce one, UTF-8 cannot hold it.
    document = {"name": "broken \ud800 half"}
    assert json_text(document, indent=2) == json.dumps(document, ensure_ascii=False, indent=2)
    assert json.loads(json_text(document)) == document
