"""The deep merge of includes: objects merge key by key, arrays concatenate, anything else: later wins.

Iterative, not recursive: nesting spread over merged includes (each file within the parser's limit)
can be deeper than Python's recursion limit.
"""

from __future__ import annotations

from typing import Any


def deep_merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """`overlay` merged onto `base`, as a new object; neither input is changed (objects on the way to
    a merged key are copied, the rest is shared, so the walks can share the parsed values of files)."""
    merged = dict(base)
    pending: list[tuple[dict[str, Any], dict[str, Any]]] = [(merged, overlay)]
    while pending:
        target, source = pending.pop()
        for key, value in source.items():
            current = target.get(key) if key in target else None
            if isinstance(current, dict) and isinstance(value, dict):
                copy = dict(current)
                target[key] = copy
                pending.append((copy, value))
            elif isinstance(current, list) and isinstance(value, list):
                target[key] = current + value
            else:
                target[key] = value
    return merged
