"""The generated schemas stay in sync with the definitions, and say what every field is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from openclaw_config.cli.main import main
from openclaw_config.schema.common import field_title
from openclaw_config.schema.compiled import STORED_SCHEMA, render_core_schema
from openclaw_config.schema.json_schema import DRAFT, generate_json_schema, render_json_schema
from openclaw_config.schema.kinds import KINDS, SCHEMA_FILES, DocumentKind

REPO = Path(__file__).resolve().parents[1]
REFERENCE_SECTIONS = {"agents", "bindings", "meta", "wizard", "diagnostics", "logging", "update", "browser", "ui",
                      "nodeHost", "tools", "broadcast", "audio", "media", "messages", "commands", "approvals",
                      "session", "cron", "hooks", "web", "channels", "discovery", "canvasHost", "talk", "gateway",
                      "memory", "skills", "plugins"}  # fmt: skip
REGENERATE = (
    'regenerate with: python -c "from openclaw_config.schema.json_schema import write_json_schemas; '
    "write_json_schemas('schemas')\""
)


def test_core_schema_matches_the_definitions() -> None:
    # The runtime validator is loaded from this file: a stale copy would validate an old schema.
    assert STORED_SCHEMA.read_text(encoding="utf-8") == render_core_schema(), (
        'core_schema.json drifted from definitions.py; regenerate with: python -c "from '
        "openclaw_config.schema.compiled import render_core_schema, STORED_SCHEMA; "
        'STORED_SCHEMA.write_text(render_core_schema())"'
    )


@pytest.mark.parametrize("kind", KINDS)
def test_committed_json_schema_matches_the_definitions(kind: DocumentKind) -> None:
    committed = REPO / "schemas" / SCHEMA_FILES[kind]
    assert committed.read_text(encoding="utf-8") == render_json_schema(kind), f"{committed} drifted; {REGENERATE}"


@pytest.mark.parametrize("kind", KINDS)
def test_schema_command_prints_the_committed_schema(kind: DocumentKind, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--kind", kind]) == 0
    assert capsys.readouterr().out == (REPO / "schemas" / SCHEMA_FILES[kind]).read_text(encoding="utf-8")


def test_schema_command_defaults_to_the_config(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "OpenClawConfig"


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_draft_2020_12(kind: DocumentKind) -> None:
    schema = generate_json_schema(kind)
    assert schema["$schema"] == DRAFT
    Draft202012Validator.check_schema(schema)


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (location, property schema) declared anywhere in a JSON Schema."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{where}/{i}")


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_a_title_and_a_one_line_description(kind: DocumentKind) -> None:
    fields = list(properties(generate_json_schema(kind)))
    assert len(fields) > 5
    for where, prop in fields:
        assert prop.get("title"), f"{where} has no title"
        if where.startswith("/properties/") and where.split("/")[2].split(".")[0] in REFERENCE_SECTIONS:
            continue  # inside a section checked to OpenClaw's rules: its data has titles, no text
        description = prop.get("description", "")
        assert description and "\n" not in description, f"{where} needs a one-line description"


def test_config_schema_is_strict_and_allows_a_root_schema_key() -> None:
    schema = generate_json_schema("config")
    validator = Draft202012Validator(schema)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["$schema"]["type"] == "string"
    assert validator.is_valid({"$schema": "./schemas/openclaw.schema.json", "models": {"mode": "merge"}})
    assert not validator.is_valid({"$schema": 1})
    assert not validator.is_valid({"models": {"providers": {"p": {"baseUrl": "u", "models": [], "typo": 1}}}})
    # Sections the engine passes through hold OpenClaw's own rules.
    assert validator.is_valid({"gateway": {"port": 18789}, "bindings": [{"agentId": "a", "match": {"channel": "x"}}]})
    assert not validator.is_valid({"gateway": {"anything": [1, {"goes": True}]}})
    assert not validator.is_valid({"bindings": [{"agentId": "a"}]})
    assert not validator.is_valid({"gateway": []})


def test_env_section_accepts_string_variables_only() -> None:
    validator = Draft202012Validator(generate_json_schema("config"))
    assert validator.is_valid({"env": {"XIAOMI_API_KEY": "sk", "vars": {"A": "b"}, "shellEnv": {"enabled": True}}})
    assert not validator.is_valid({"env": {"XIAOMI_API_KEY": 1}})


def test_auth_profile_schema_requires_the_secret_of_each_kind() -> None:
    validator = Draft202012Validator(generate_json_schema("auth-profiles"))
    store = {"version": 1, "profiles": {"x:a": {"type": "api_key", "provider": "x", "key": "k"}}}
    assert validator.is_valid(store)
    assert not validator.is_valid({"profiles": {"x:a": {"type": "api_key", "provider": "x"}}})
    assert not validator.is_valid({"profiles": {"x:t": {"type": "token", "provider": "x", "token": "t", "expires": 0}}})
    assert not validator.is_valid({"profiles": {"x:b": {"type": "password", "provider": "x"}}})
    # OpenClaw adds fields to its store over time: unknown ones are accepted.
    oauth = {"type": "oauth", "provider": "x", "access": "a", "refresh": "r", "expires": 1, "projectId": "p"}
    assert validator.is_valid({"profiles": {"x:o": oauth}, "lastGood": {"x": "x:o"}})


def test_models_json_schema_uses_the_provider_definition() -> None:
    validator = Draft202012Validator(generate_json_schema("models-json"))
    provider = {"baseUrl": "http://x/v1", "apiKey": "X_KEY", "models": [{"id": "m", "name": "M", "maxTokens": 8192}]}
    assert validator.is_valid({"providers": {"x": provider}})
    assert not validator.is_valid({"providers": {"x": {**provider, "baseUrl": ""}}})
    assert not validator.is_valid({"providers": {}, "extra": 1})
    assert not validator.is_valid({})


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("baseUrl", "Base URL"),
        ("apiKey", "API key"),
        ("timeoutMs", "Timeout (ms)"),
        ("cacheRead", "Cache read"),
        ("billingBackoffHoursByProvider", "Billing backoff hours by provider"),
        ("id", "ID"),
        ("ui", "UI"),
        ("models", "Models"),
    ],
)
def test_field_titles_read_like_words(name: str, title: str) -> None:
    assert field_title(name) == title


def test_the_config_schema_allows_include_wherever_an_object_stands() -> None:
    import pyjson5

    validator = Draft202012Validator(generate_json_schema("config"))
    team = Path(__file__).resolve().parent.parent / "fixtures" / "examples" / "team" / "openclaw.json"
    # the bundled team example as written (its includes not composed) passes its own $schema
    assert list(validator.iter_errors(pyjson5.decode(team.read_text(encoding="utf-8")))) == []
    # a provider that is only an include needs none of its required keys; one without still does
    assert validator.is_valid({"models": {"providers": {"p": {"$include": "./p.json5"}}}})
    assert validator.is_valid({"$include": ["./a.json5", "./b.json5"], "models": {"$include": "./m.json5"}})
    [missing] = validator.iter_errors({"models": {"providers": {"p": {"models": []}}}})
    assert missing.validator == "required" and "baseUrl" in missing.message
    assert not validator.is_valid({"models": {"$include": 5}})
