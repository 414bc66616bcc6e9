"""Positions of config paths inside one file's text, computed only when a message needs them."""

from __future__ import annotations

from ..errors import Anchor, ConfigPath


def position_of(text: str, path: ConfigPath, anchor: Anchor = "value") -> tuple[int, int] | None:
    """`(line, column)` that a problem at `path` points at in `text`.

    `anchor` says where: "key" the key of `path`, "value" its value, "parent" the key (or, for an
    array item or the root, the value) of the object holding `path`. When `path` is not in the text,
    the nearest existing parent's key stands in. None when the text is not valid JSON5.
    """
    from .json5_positions import Json5SyntaxError, index_positions

    try:
        index = index_positions(text)
    except Json5SyntaxError:
        return None
    if anchor == "parent":
        position = index.nearest(path[:-1])
    elif anchor == "value":
        position = index.value(path) or index.nearest(path)
    else:  # the key, or the value of an array item or the root, which have no key
        position = index.nearest(path)
    return None if position is None else (position.line, position.column)
