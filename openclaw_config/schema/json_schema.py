"""JSON Schemas (draft 2020-12) for editors and CI, generated from the schema definitions.

The committed copies under `schemas/` must equal `render_json_schema(kind)` (a test checks it).
After changing a definition, regenerate them with:

    python -c "from openclaw_config.schema.json_schema import write_json_schemas; write_json_schemas('schemas')"
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..json_text import json_text
from .common import field_title
from .kinds import KINDS, SCHEMA_FILES, DocumentKind, root_type

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def generate_json_schema(kind: DocumentKind = "config") -> dict[str, Any]:
    """The JSON Schema of documents of `kind`, as data."""
    from pydantic import TypeAdapter

    body = TypeAdapter(root_type(kind)).json_schema(by_alias=True, mode="validation")
    if kind == "config":
        _with_reference_sections(body)
        _allow_includes(body)  # a config file may compose itself from others: `$include` in any object
    # `$schema` first, so a reader of the file sees at once which draft it follows.
    return {"$schema": DRAFT, **body}


def _with_reference_sections(body: dict[str, Any]) -> None:
    """The sections the engine passes through, with OpenClaw's own rules (the data `validate` checks
    them with), so that a JSON Schema validator rejects what OpenClaw rejects. Their inner fields
    get titles from their names; the reference's data has no text."""
    from .reference_refinements import json_schema_rules
    from .reference_sections import OWNED, reference_schema

    sections = reference_schema().get("properties", {})
    root = body["properties"]
    for name, section in sections.items():
        if name in root and (name,) not in OWNED:
            shown = {key: root[name][key] for key in ("title", "description") if key in root[name]}
            root[name] = {**shown, **_titled(section)}
    for place, rule in json_schema_rules():
        for node in _nodes_at(body, place):
            node.update(rule)
    definitions = body.pop("$defs", {})
    while True:  # drop the definitions no longer used (those of the sections replaced)
        used = json_text({**body, "$defs": definitions})
        kept = {name: d for name, d in definitions.items() if f'"#/$defs/{name}"' in used}
        if len(kept) == len(definitions):
            break
        definitions = kept
    body["$defs"] = definitions


def _nodes_at(body: dict[str, Any], place: tuple[str | int, ...]) -> list[dict[str, Any]]:
    """The schemas of the values at `place` (`*`: any key or item), through `anyOf` branches."""
    nodes = [body]
    for segment in place:
        following = []
        for node in nodes:
            options = [node, *node.get("anyOf", ())]
            for option in options:
                if segment == "*":
                    following += [
                        option[k] for k in ("items", "additionalProperties") if isinstance(option.get(k), dict)
                    ]
                elif isinstance(option.get("properties"), dict) and segment in option["properties"]:
                    following.append(option["properties"][segment])
        nodes = following
    return nodes


def _titled(node: Any) -> Any:
    """A copy of a reference schema whose every property has a title."""
    if isinstance(node, list):
        return [_titled(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _titled(value) for key, value in node.items() if key != "properties"}
    if isinstance(node.get("properties"), dict):
        copy["properties"] = {
            name: {"title": field_title(name), **_titled(value)} for name, value in node["properties"].items()
        }
    return copy


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
