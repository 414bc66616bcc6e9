"""Root sections the engine does not model are checked to OpenClaw's own rules (its published config
JSON Schema, kept as data): one case per kind of rule, at real section paths."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pyjson5
import pytest
from jsonschema import Draft202012Validator

from openclaw_config.schema.json_schema import generate_json_schema
from openclaw_config.schema.validate import schema_problems
from openclaw_config.validation import validate_file

RECORDED = Path(__file__).resolve().parents[1] / "fixtures" / "section_cases"

# rule -> (config text, path reported, what the message says, the text its line:column points at)
RULES = {
    "type": ('{\n  browser: {\n    enabled: "yes",\n  },\n}\n', "browser.enabled",
             'enabled must be true or false, not the string "yes"', '"yes"'),
    "unknown key": ("{\n  gateway: {\n    prot: 18789,\n  },\n}\n", "gateway.prot",
                    "unknown key 'prot' in gateway (did you mean 'port'?)", "prot"),
    "enum": ('{\n  tools: {\n    exec: { host: "local" },\n  },\n}\n', "tools.exec.host",
             'host must be "sandbox", "gateway" or "node", not the string "local"', '"local"'),
    "anyOf of consts": ('{\n  update: {\n    channel: "nightly",\n  },\n}\n', "update.channel",
                        'channel must be "stable", "beta" or "dev", not the string "nightly"', '"nightly"'),
    "anyOf of kinds": ("{\n  agents: {\n    list: [{ id: \"a\", model: 5 }],\n  },\n}\n", "agents.list.0.model",
                       "model must be a string or an object, not 5", "5 }"),
    "anyOf branch of the value's kind": (
        '{\n  agents: {\n    list: [{ id: "a", model: { primary: 1 } }],\n  },\n}\n', "agents.list.0.model.primary",
        "primary must be a string, not 1", "1 }"),
    "exclusiveMinimum": ("{\n  gateway: {\n    port: 0,\n  },\n}\n", "gateway.port",
                         "port must be a whole number greater than 0, not 0", "0,"),
    "maximum": ("{\n  commands: {\n    bashForegroundMs: 40000,\n  },\n}\n", "commands.bashForegroundMs",
                "bashForegroundMs must be a whole number, 0 or more, 30000 or less, not 40000", "40000"),
    "minimum": ("{\n  commands: {\n    bashForegroundMs: -1,\n  },\n}\n", "commands.bashForegroundMs",
                "bashForegroundMs must be a whole number, 0 or more, 30000 or less, not -1", "-1"),
    "pattern": ('{\n  ui: {\n    seamColor: "red",\n  },\n}\n', "ui.seamColor",
                'seamColor must match ^#?[0-9a-fA-F]{6}$, not the string "red"', '"red"'),
    "maxLength": ('{\n  ui: {\n    assistant: { name: "' + "n" * 51 + '" },\n  },\n}\n', "ui.assistant.name",
                  "name must have at most 50 characters (it has 51)", '"nnn'),
    "minLength": ('{\n  approvals: {\n    exec: { targets: [{ channel: "x", to: "" }] },\n  },\n}\n',
                  "approvals.exec.targets.0.to", "to must be a non-empty string", '"" }'),
    "items": ("{\n  logging: {\n    redactPatterns: [\"ok\", 7],\n  },\n}\n", "logging.redactPatterns.1",
              "item 1 of redactPatterns must be a string, not 7", "7]"),
    "propertyNames": ('{\n  browser: {\n    profiles: { Bad_Name: { cdpPort: 9222, color: "#00AA00" } },\n  },\n}\n',
                      "browser.profiles.Bad_Name", "key 'Bad_Name' in browser.profiles must match ^[a-z0-9-]+$",
                      "Bad_Name"),
    "required": ('{\n  bindings: [\n    { agentId: "a", match: { accountId: "x" } },\n  ],\n}\n',
                 "bindings.0.match.channel", "required field 'channel' is missing", "match: {"),
}  # fmt: skip


def position_of(text: str, needle: str) -> tuple[int, int]:
    """The line and column of the last occurrence of `needle` (values come after their keys)."""
    offset = text.rindex(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_is_reported_at_its_path_and_place(rule: str, tmp_path: Path) -> None:
    text, path, words, needle = RULES[rule]
    config = tmp_path / "openclaw.json"
    config.write_text(text, encoding="utf-8")
    [problem] = validate_file(config)
    assert problem.config_path == path
    assert words in str(problem)
    assert problem.hint
    assert (problem.line, problem.column) == position_of(text, needle)


def test_the_cli_names_the_file_line_column_and_path(tmp_path: Path) -> None:
    text, path, words, needle = RULES["pattern"]
    (tmp_path / "openclaw.json").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "openclaw_config", "validate", "openclaw.json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    line, column = position_of(text, needle)
    assert done.returncode == 1
    assert f"openclaw.json:{line}:{column}: " in done.stdout + done.stderr
    assert f"{path}: {words}" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_every_problem_is_reported_at_once() -> None:
    config = {"ui": {"seamColor": "red"}, "gateway": {"port": 0, "prot": 1}, "update": {"channel": "x"}}
    paths = {p.config_path for p in schema_problems(config)}
    assert paths == {"ui.seamColor", "gateway.port", "gateway.prot", "update.channel"}


@pytest.mark.parametrize("number", [10**400, float("inf"), float("nan"), 1.5])
def test_a_number_openclaw_cannot_hold_is_refused_without_a_crash(number: float) -> None:
    [problem] = schema_problems({"gateway": {"port": number}})
    assert problem.config_path == "gateway.port"
    assert "must be a whole number greater than 0" in problem.message


def test_a_secret_is_never_quoted() -> None:
    [problem] = schema_problems({"gateway": {"auth": {"token": 12345}}})
    assert problem.config_path == "gateway.auth.token"
    assert "12345" not in str(problem)


VALID_SECTIONS: dict[str, Any] = {
    "ui": {"seamColor": "#ff8800", "assistant": {"name": "Claw", "avatar": "C"}},
    "gateway": {"port": 18789, "mode": "local", "bind": "loopback"},
    "logging": {"level": "info", "consoleStyle": "json", "redactPatterns": ["sk-.*"]},
    "update": {"channel": "beta", "checkOnStart": False},
    "browser": {"enabled": True, "profiles": {"work-1": {"cdpPort": 9222, "color": "#00AA00"}}},
    "agents": {
        "defaults": {"workspace": "/tmp/ws", "maxConcurrent": 2, "model": {"primary": "a/b"}},
        "list": [{"id": "main", "default": True, "model": "a/b"}, {"id": "work", "model": {"primary": "a/c"}}],
    },
    "bindings": [{"agentId": "work", "match": {"channel": "telegram", "peer": {"kind": "group", "id": "1"}}}],
    "commands": {"native": "auto", "bashForegroundMs": 30000},
    "tools": {"exec": {"host": "sandbox"}},
    "session": {"scope": "per-sender"},
    "discovery": {"mdns": {"mode": "minimal"}},
}


def test_a_valid_config_using_many_sections_passes(tmp_path: Path) -> None:
    assert schema_problems(VALID_SECTIONS) == []
    config = tmp_path / "openclaw.json"
    config.write_text(json.dumps(VALID_SECTIONS), encoding="utf-8")
    assert validate_file(config) == []


def test_the_parts_the_engine_checks_are_reported_once() -> None:
    config = {"agents": {"defaults": {"model": {"primary": 1}, "workspce": "/x"}}, "update": {"channel": "x"}}
    paths = sorted(p.config_path or "" for p in schema_problems(config))
    assert paths == ["agents.defaults.model.primary", "agents.defaults.workspce", "update.channel"]
    assert [p.config_path for p in schema_problems({"ui": []})] == ["ui"]


def test_the_rules_are_not_loaded_for_a_config_of_models_only() -> None:
    script = (
        "import sys; from openclaw_config.schema.validate import schema_problems; "
        "assert schema_problems({'models': {'mode': 'merge'}}) == []; "
        "print('openclaw_config.schema.reference_sections' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"


def test_the_data_is_not_read_when_only_parts_the_engine_checks_are_present() -> None:
    from openclaw_config.schema import reference_sections

    reference_sections.reference_schema.cache_clear()
    owned_only = {"models": {}, "auth": {}, "env": {"A": "b"}, "agents": {"defaults": {"model": {"primary": "a/b"}}}}
    assert schema_problems(owned_only) == []
    assert reference_sections.reference_schema.cache_info().currsize == 0
    assert schema_problems({**owned_only, "ui": {"seamColor": "red"}}) != []
    assert reference_sections.reference_schema.cache_info().currsize == 1


def test_hostile_input_neither_crashes_nor_hangs() -> None:
    deep: Any = "leaf"
    for _ in range(100_000):
        deep = {"x": deep}
    problems = schema_problems({"ui": {"assistant": deep}, "logging": {"redactPatterns": [1] * 100_000}})
    assert "ui.assistant.x" in {p.config_path for p in problems}
    assert len(problems) == 100_001


@pytest.mark.parametrize("name", sorted(p.name for p in RECORDED.iterdir() if p.is_dir()))
def test_the_verdicts_recorded_from_the_reference_are_ours(name: str) -> None:
    verdict = json.loads((RECORDED / name / "verdict.json").read_text(encoding="utf-8"))
    problems = validate_file(RECORDED / name / "openclaw.json")
    assert (problems == []) is verdict["accepted"]
    assert sorted(p.config_path or "" for p in problems) == sorted(verdict["problemPaths"])


@cache
def editor_schema() -> Draft202012Validator:
    return Draft202012Validator(generate_json_schema("config"))


def jsonschema_paths(config: Any) -> set[str]:
    """The config paths a third-party validator reports with the committed JSON Schema's rules."""
    paths = set()
    for found in editor_schema().iter_errors(config):
        # Of the branches of an anyOf, the one that got past the value's kind (as `validate` picks it).
        inner = [e for e in found.context or () if len(e.absolute_path) > len(found.absolute_path)
                 or e.validator in ("additionalProperties", "required")]  # fmt: skip
        error = inner[0] if found.validator == "anyOf" and inner else found
        where = tuple(error.absolute_path)
        if "propertyNames" in error.absolute_schema_path:
            paths.add((*where, error.instance))
        elif error.validator == "additionalProperties":
            paths |= {(*where, k) for k in error.instance if k not in error.schema.get("properties", {})}
        elif error.validator == "required":
            paths |= {(*where, k) for k in error.validator_value if k not in error.instance}
        else:
            paths.add(where)
    return {".".join(map(str, path)) for path in paths}


@pytest.mark.parametrize("rule", RULES)
def test_a_json_schema_validator_rejects_the_same_place(rule: str) -> None:
    text, path, _, _ = RULES[rule]
    assert jsonschema_paths(pyjson5.loads(text)) == {path}


def test_a_json_schema_validator_accepts_the_valid_sections() -> None:
    assert jsonschema_paths(VALID_SECTIONS) == set()
