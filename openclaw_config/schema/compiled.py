"""The validator the engine runs, compiled from `definitions.py` and stored as data.

Building pydantic models costs more than all the rest of a CLI run, so the pydantic-core schema
generated from the definitions is kept in `core_schema.json` (a test fails when it drifts) and
loaded straight into `pydantic_core.SchemaValidator`. If the installed pydantic-core cannot read
the stored schema, it is generated from the definitions instead: slower, never wrong.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic_core import SchemaValidator

from .kinds import DocumentKind, root_type

STORED_SCHEMA = Path(__file__).with_name("core_schema.json")
_DROPPED_KEYS = frozenset({"cls", "metadata"})


def _stable_ref(ref: str) -> str:
    # pydantic refs end in the class's memory address: keep only the qualified name.
    return re.sub(r":\d+$", "", ref)


def _sanitize(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: _stable_ref(v) if k in ("ref", "schema_ref") else _sanitize(v)
            for k, v in node.items()
            if k not in _DROPPED_KEYS
        }
    if isinstance(node, list):
        return [_sanitize(v) for v in node]
    return node


def generate_core_schema() -> dict[str, Any]:
    """The pydantic-core schema of the config, as plain JSON-able data."""
    from pydantic import TypeAdapter

    from .definitions import OpenClawConfig

    schema: dict[str, Any] = _sanitize(TypeAdapter(OpenClawConfig).core_schema)
    return schema


def render_core_schema() -> str:
    return json.dumps(generate_core_schema(), indent=1, sort_keys=True) + "\n"


@cache
def _config_schema_and_validator() -> tuple[dict[str, Any], SchemaValidator]:
    try:
        stored: dict[str, Any] = json.loads(STORED_SCHEMA.read_text(encoding="utf-8"))
        return stored, SchemaValidator(stored)
    except Exception:  # stale or unreadable stored schema: fall back to the source of truth
        generated = generate_core_schema()
        return generated, SchemaValidator(generated)


def config_validator() -> SchemaValidator:
    return _config_schema_and_validator()[1]


def config_core_schema() -> dict[str, Any]:
    """The schema `config_validator()` was built from (read by `messages` to say what a field takes)."""
    return _config_schema_and_validator()[0]


@cache
def provider_validator() -> SchemaValidator | None:
    """A validator of one `models.providers` entry, cut out of the config's schema (so it cannot
    disagree with it); None if the schema is not shaped as expected."""
    schema = _config_schema_and_validator()[0]
    try:
        providers = schema["schema"]["fields"]["models"]["schema"]["fields"]["providers"]["schema"]
        entry = providers["values_schema"]
    except (KeyError, TypeError):
        return None
    if schema.get("type") != "definitions" or providers.get("type") != "dict":
        return None
    return SchemaValidator({"type": "definitions", "schema": entry, "definitions": schema["definitions"]})


@cache
def document_validator(kind: DocumentKind) -> SchemaValidator:
    """The validator for documents of `kind`: the stored one for the config (the hot path); for the
    agent-dir files, which only `validate` checks, compiled from their definitions on first use."""
    if kind == "config":
        return config_validator()
    from pydantic import TypeAdapter

    return SchemaValidator(TypeAdapter(root_type(kind)).core_schema)
