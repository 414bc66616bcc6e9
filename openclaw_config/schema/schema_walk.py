"""Reading the compiled schema: what the value at a place of a document may be, and which keys an
object there may have. The messages use it to say what a field takes, with the constraints checked.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .kinds import DocumentKind

Schema = dict[str, Any]


@cache
def _document_schema(kind: DocumentKind) -> Schema:
    """The pydantic-core schema documents of `kind` are validated with."""
    if kind == "config":
        from .compiled import config_core_schema

        return config_core_schema()
    from pydantic import TypeAdapter

    from .kinds import root_type

    return dict(TypeAdapter(root_type(kind)).core_schema)


def schema_at(kind: DocumentKind, loc: tuple[str | int, ...]) -> Schema | None:
    """The schema of the value at pydantic location `loc` (tags of tagged unions included), or None."""
    try:
        return _schema_at(_document_schema(kind), loc)
    except Exception:  # an unexpected schema shape: the messages then say less, never fail
        return None


def _schema_at(root: Schema, loc: tuple[str | int, ...]) -> Schema | None:
    definitions = {d.get("ref"): d for d in root.get("definitions", ())} if root.get("type") == "definitions" else {}
    node: Schema | None = root["schema"] if definitions or root.get("type") == "definitions" else root
    for segment in loc:
        node = _unwrapped(node, definitions)
        if node is None:
            return None
        node = _child(node, segment)
    return _unwrapped(node, definitions)


def _unwrapped(node: Schema | None, definitions: dict[Any, Schema]) -> Schema | None:
    """`node` without references and wrappers that do not change the kind of value."""
    for _ in range(32):  # bounded: a reference cycle cannot loop forever
        if node is None:
            return None
        kind = node.get("type")
        if kind == "definition-ref":
            node = definitions.get(node.get("schema_ref"))
        elif kind in ("default", "function-after", "function-before", "function-wrap") and "schema" in node:
            node = node["schema"]
        else:
            return node
    return None


def _child(node: Schema, segment: str | int) -> Schema | None:
    kind = node.get("type")
    if kind == "typed-dict":
        for name, field in node.get("fields", {}).items():
            if segment in (name, field.get("validation_alias")):
                return dict(field.get("schema") or {})
        extras = node.get("extras_schema")
        return dict(extras) if isinstance(extras, dict) else None
    if kind in ("dict", "list"):
        items = node.get("values_schema" if kind == "dict" else "items_schema")
        return dict(items) if isinstance(items, dict) else {"type": "any"}
    if kind == "tagged-union":
        choice = node.get("choices", {}).get(segment)
        return dict(choice) if isinstance(choice, dict) else None
    if kind == "nullable":
        inner = node.get("schema")
        return _child(inner, segment) if isinstance(inner, dict) else None
    return None


def known_keys(kind: DocumentKind, loc: tuple[str | int, ...]) -> list[str]:
    """The keys an object at `loc` may have (its aliases, such as `$schema`, as written)."""
    node = schema_at(kind, loc)
    if node is None or node.get("type") != "typed-dict":
        return []
    return [str(field.get("validation_alias") or name) for name, field in node.get("fields", {}).items()]
