"""JSON text for what this package prints and writes, made by pydantic-core's encoder.

It writes the same text as the stdlib's `json.dumps(data, ensure_ascii=False)` with the same
`indent` (compact `,`/`:` separators without one), several times faster: on a registry of thousands
of models the stdlib's C encoder takes 4x as long, and its indenting one, in pure Python, 20x. The
only difference is the spelling of some numbers (`0.00001` for `1e-05`): the same values. Text the
encoder refuses (a lone surrogate, which JSON5 escapes can produce) goes to the stdlib instead.
"""

from __future__ import annotations

import json
from typing import Any


def json_text(data: Any, *, indent: int | None = None) -> str:
    """`data` as JSON: compact when `indent` is None, else indented by `indent` spaces per level."""
    from pydantic_core import PydanticSerializationError, to_json

    try:
        return to_json(data, indent=indent).decode("utf-8")
    except PydanticSerializationError:
        separators = (",", ":") if indent is None else None
        return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
