"""Positions of config paths inside one file's text, computed only when a message needs them."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import Anchor, ConfigPath

if TYPE_CHECKING:
    from .json5_positions import PositionIndex


def position_of(text: str, path: ConfigPath, anchor: Anchor = "value") -> tuple[int, int] | None:
    """`(line, column)` that a problem at `path` points at in `text`.

    `anchor` says where: "key" the key of `path`, "value" its value, "parent" the key (or, for an
    array item or the root, the value) of the object holding `path`. When `path` is not in the text,
    the nearest existing parent's key stands in. None when the text is not valid JSON5.
    """
    index = indexed(text)
    if index is None:
        return None
    if anchor == "parent":
        position = index.nearest(path[:-1])
    elif anchor == "value":
        position = index.value(path) or index.nearest(path)
    else:  # the key, or the value of an array item or the root, which have no key
        position = index.nearest(path)
    return None if position is None else (position.line, position.column)


@lru_cache(maxsize=32)
def indexed(text: str) -> PositionIndex | None:
    """The position index of `text`, built once: a run that locates a thousand problems in one file
    scans it once, not a thousand times. (A str caches its hash, and the same text object comes back
    for every problem, so the lookup is cheap.) None when the text is not valid JSON5."""
    from .json5_positions import Json5SyntaxError, index_positions

    try:
        return index_positions(text)
    except (Json5SyntaxError, RecursionError):
        return None
