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


def json_copy(value: Any) -> Any:
    """A deep copy of a JSON value (objects, arrays, scalars): several times faster than
    `copy.deepcopy`, which a resolution would otherwise pay for every injected provider block."""
    kind = type(value)
    if kind is dict:
        return {key: json_copy(child) for key, child in value.items()}
    if kind is list:
        return [json_copy(child) for child in value]
    return value
