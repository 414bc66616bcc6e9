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


def with_js_numbers(value: Any) -> Any:
    """`value` with every whole float JavaScript prints as an integer (`3.0`, `1e5`, `-0.0`: below
    1e21) made that integer, as OpenClaw's `JSON.parse` then `JSON.stringify` writes them; `value`
    itself when it holds none."""
    kind = type(value)
    if kind is float:
        return js_number(value)
    if kind is dict:
        changed = {k: new for k, child in value.items() if (new := with_js_numbers(child)) is not child}
        return with_children(value, changed)
    if kind is list:
        changed = {i: new for i, child in enumerate(value) if (new := with_js_numbers(child)) is not child}
        return with_children(value, changed)
    return value


def js_number(value: float) -> int | float:
    """A float as JavaScript holds it for printing: whole ones below 1e21 as integers."""
    return int(value) if value.is_integer() and abs(value) < 1e21 else value
