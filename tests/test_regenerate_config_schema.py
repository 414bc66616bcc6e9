"""scripts/regenerate_config_schema.py: the reference's config JSON Schema -> its structural rules as data."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from script_module import load_script

DATA = Path(__file__).resolve().parent.parent / "openclaw_config" / "schema" / "data"


def _script() -> ModuleType:
    return load_script("regenerate_config_schema")


def test_defaults_and_text_are_dropped_and_a_defaulted_key_is_not_required() -> None:
    published = {
        "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "required": ["commands"],
        "properties": {
            "commands": {"default": {"native": "auto"}, "type": "object", "required": ["native", "text"],
                         "properties": {"native": {"default": "auto", "type": "string"},
                                        "text": {"type": "boolean", "description": "words"}}},
            "default": {"title": "a key named default stays", "type": "string"},
        },
    }  # fmt: skip
    assert _script().structural(published) == {
        "type": "object",
        "properties": {
            "commands": {"type": "object", "required": ["text"],
                         "properties": {"native": {"type": "string"}, "text": {"type": "boolean"}}},
            "default": {"type": "string"},
        },
    }  # fmt: skip


def test_the_committed_data_is_structural_and_keyed_by_the_version() -> None:
    document = json.loads((DATA / "openclaw-config-2026.2.9.json").read_text(encoding="utf-8"))
    assert document["openclaw"] == "2026.2.9"
    assert _script().structural(document["schema"]) == document["schema"]
    assert "gateway" in document["schema"]["properties"]
