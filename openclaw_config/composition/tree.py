"""Copy-on-write for the walks over the config tree (`$include`, `${VAR}`).

A walk returns the very node it was given when nothing below it changed, so a large config with
nothing to replace is walked but never copied. Nodes are shared, never mutated afterwards: the deep
merge of includes copies what it changes.
"""

from __future__ import annotations

from typing import Any


def with_children(node: dict[Any, Any] | list[Any], changed: dict[Any, Any]) -> Any:
    """`node` with the children in `changed` (key, or index for a list -> new value) replaced.

    Returns `node` itself when `changed` is empty; otherwise a new node, keys in their places.
    """
    if not changed:
        return node
    if isinstance(node, dict):
        return {**node, **changed}
    return [changed.get(index, child) for index, child in enumerate(node)]
