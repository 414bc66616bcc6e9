"""The checks OpenClaw makes beyond its published JSON Schema: one case per rule, and its valid twin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from openclaw_config.schema.json_schema import generate_json_schema
from openclaw_config.schema.validate import schema_problems
from openclaw_config.validation import validate_file

# rule -> (a config OpenClaw refuses, the path reported, what the message says, the same config made valid)
RULES: dict[str, tuple[dict[str, Any], str, str, dict[str, Any]]] = {
    "allow and alsoAllow in tools": (
        {"tools": {"allow": ["a"], "alsoAllow": ["b"]}}, "tools", "tools cannot set both allow and alsoAllow",
        {"tools": {"alsoAllow": ["b"]}}),
    "allow and alsoAllow in an agent's provider policy": (
        {"agents": {"list": [{"id": "a", "tools": {"byProvider": {"openai": {"allow": ["x"], "alsoAllow": ["y"]}}}}]}},
        "agents.list.0.tools.byProvider.openai", "cannot set both allow and alsoAllow",
        {"agents": {"list": [{"id": "a", "tools": {"byProvider": {"openai": {"allow": ["x", "y"]}}}}]}}),
    "allow and alsoAllow in a group's tools": (
        {"channels": {"telegram": {"groups": {"g": {"tools": {"allow": ["x"], "alsoAllow": ["y"]}}}}}},
        "channels.telegram.groups.g.tools", "cannot set both allow and alsoAllow",
        {"channels": {"telegram": {"groups": {"g": {"tools": {"allow": ["x"]}}}}}}),
    "a heartbeat duration": (
        {"agents": {"defaults": {"heartbeat": {"every": "1h30m"}}}}, "agents.defaults.heartbeat.every",
        'every must be a duration such as 30m, 90s or 1.5h, not the string "1h30m"',
        {"agents": {"defaults": {"heartbeat": {"every": " 1.5H"}}}}),
    "an agent's heartbeat duration": (
        {"agents": {"list": [{"id": "a", "heartbeat": {"every": "30 m"}}]}}, "agents.list.0.heartbeat.every",
        "every must be a duration", {"agents": {"list": [{"id": "a", "heartbeat": {"every": "90"}}]}}),
    "an empty heartbeat target": (
        {"agents": {"defaults": {"heartbeat": {"target": "  "}}}}, "agents.defaults.heartbeat.target",
        "target must not be empty", {"agents": {"defaults": {"heartbeat": {"target": "last"}}}}),
    "open direct messages": (
        {"channels": {"telegram": {"dmPolicy": "open", "allowFrom": ["123"]}}}, "channels.telegram.allowFrom",
        'dmPolicy "open" needs allowFrom to include "*"',
        {"channels": {"telegram": {"dmPolicy": "open", "allowFrom": ["*"]}}}),
    "open direct messages of an account": (
        {"channels": {"whatsapp": {"accounts": {"x": {"dmPolicy": "open"}}}}}, "channels.whatsapp.accounts.x.allowFrom",
        'dmPolicy "open" needs allowFrom', {"channels": {"whatsapp": {"accounts": {"x": {"dmPolicy": "pairing"}}}}}),
    "an open dm block": (
        {"channels": {"discord": {"dm": {"policy": "open"}}}}, "channels.discord.dm.allowFrom",
        'policy "open" needs allowFrom to include "*"',
        {"channels": {"discord": {"dm": {"policy": "open", "allowFrom": ["*"]}}}}),
    "a telegram webhook": (
        {"channels": {"telegram": {"webhookUrl": "https://x.example/h"}}}, "channels.telegram.webhookSecret",
        "webhookUrl needs webhookSecret",
        {"channels": {"telegram": {"webhookUrl": "https://x.example/h", "webhookSecret": "s"}}}),
    "a telegram account's webhook": (
        {"channels": {"telegram": {"accounts": {"a": {"webhookUrl": "https://x.example/h"}}}}},
        "channels.telegram.accounts.a.webhookSecret", "webhookUrl needs webhookSecret",
        {"channels": {"telegram": {"webhookSecret": "s", "accounts": {"a": {"webhookUrl": "https://x.example/h"}}}}}),
    "slack over http": (
        {"channels": {"slack": {"mode": "http"}}}, "channels.slack.signingSecret", 'mode "http" needs signingSecret',
        {"channels": {"slack": {"mode": "http", "signingSecret": "s"}}}),
}  # fmt: skip


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_is_reported_and_its_valid_twin_passes(rule: str) -> None:
    refused, path, words, valid = RULES[rule]
    [problem] = schema_problems(refused)
    assert problem.config_path == path
    assert words in problem.message
    assert problem.hint
    assert schema_problems(valid) == []


def test_a_secret_named_by_a_rule_is_not_quoted(tmp_path: Path) -> None:
    config = tmp_path / "openclaw.json"
    config.write_text('{\n  channels: {\n    telegram: { webhookUrl: "https://x.example/secret-path" },\n  },\n}\n')
    [problem] = validate_file(config)
    assert "secret-path" not in str(problem)
    assert (problem.line, problem.column) == (3, 5)  # the object that lacks the secret


def test_a_value_of_the_wrong_kind_is_reported_once() -> None:
    problems = schema_problems({"agents": {"defaults": {"heartbeat": {"every": 5}}}})
    assert [p.config_path for p in problems] == ["agents.defaults.heartbeat.every"]


# The rules a JSON Schema can state are in the committed one too, so a pre-commit hook refuses them.
IN_THE_JSON_SCHEMA = [
    "allow and alsoAllow in tools", "allow and alsoAllow in an agent's provider policy",
    "allow and alsoAllow in a group's tools", "a heartbeat duration", "an agent's heartbeat duration",
    "an empty heartbeat target",
]  # fmt: skip


@pytest.mark.parametrize("rule", IN_THE_JSON_SCHEMA)
def test_a_json_schema_validator_refuses_the_same_place(rule: str) -> None:
    refused, path, _, valid = RULES[rule]
    validator = Draft202012Validator(generate_json_schema("config"))
    assert {".".join(map(str, e.absolute_path)) for e in validator.iter_errors(refused)} == {path}
    assert list(validator.iter_errors(valid)) == []
