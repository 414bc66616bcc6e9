"""JSON Schemas (draft 2020-12) for editors and CI, generated from the schema definitions.

The committed copies under `schemas/` must equal `render_json_schema(kind)` (a test checks it).
After changing a definition, regenerate them with:

    python -c "from openclaw_config.schema.json_schema import write_json_schemas; write_json_schemas('schemas')"
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..json_text import json_text
from .kinds import KINDS, SCHEMA_FILES, DocumentKind, root_type

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def generate_json_schema(kind: DocumentKind = "config") -> dict[str, Any]:
    """The JSON Schema of documents of `kind`, as data."""
    from pydantic import TypeAdapter

    body = TypeAdapter(root_type(kind)).json_schema(by_alias=True, mode="validation")
    if kind == "config":  # a config file may compose itself from others: `$include` in any object
        _allow_includes(body)
    # `$schema` first, so a reader of the file sees at once which draft it follows.
    return {"$schema": DRAFT, **body}


_INCLUDE_PROPERTY = {
    "title": "$include",
    "description": "A file (or list of files) whose content is merged into this object; siblings win.",
    "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
}


def _allow_includes(node: Any) -> None:
    """Let every object of the schema hold `$include`; an object that has one may leave out its
    required keys (the included file brings them). Required keys stay plain `required` errors
    (through `if`/`then`) for an object without `$include`, so editors say "missing" as before."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, list):
            stack.extend(current)
            continue
        if not isinstance(current, dict):
            continue
        stack.extend(v for k, v in current.items() if k != "required")
        if current.get("type") == "object" and isinstance(current.get("properties"), dict):
            current["properties"] = {**current["properties"], "$include": dict(_INCLUDE_PROPERTY)}
            required = current.pop("required", None)
            if required:
                current["if"] = {"not": {"required": ["$include"]}}
                current["then"] = {"required": required}


def render_json_schema(kind: DocumentKind = "config") -> str:
    """The exact text committed under `schemas/`: 2-space indentation and a trailing newline."""
    return json_text(generate_json_schema(kind), indent=2) + "\n"


def write_json_schemas(directory: Path | str) -> list[Path]:
    """Write every schema into `directory`; returns the files written."""
    written = []
    for kind in KINDS:
        target = Path(directory) / SCHEMA_FILES[kind]
        target.write_text(render_json_schema(kind), encoding="utf-8")
        written.append(target)
    return written
