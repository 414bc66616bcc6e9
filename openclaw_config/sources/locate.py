"""Positions of config paths inside one file's text, computed only when a message needs them."""

from __future__ import annotations

from ..errors import ConfigPath


def position_of(text: str, path: ConfigPath) -> tuple[int, int] | None:
    """`(line, column)` of the key at `path` (or the nearest existing parent) in `text`."""
    from .json5_positions import Json5SyntaxError, index_positions

    try:
        position = index_positions(text).nearest(path)
    except Json5SyntaxError:
        return None
    return None if position is None else (position.line, position.column)
