"""`show --json`: its layout (indented for a person at a terminal, compact for programs, `--indent N`)
and the JSON form of models, made straight from the provider blocks."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import pytest
from world import LOCAL_PROVIDER, CliResult, World

Cli = Callable[..., CliResult]
MODEL_KEYS = [
    "ref", "id", "name", "api", "effectiveApi", "contextWindow", "maxTokens", "input", "reasoning", "cost",
    "headers", "compat",
]  # fmt: skip


def configured(world: World) -> None:
    world.env["HOME"] = str(world.home)  # what the command line runs with, so both see the same process
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    # Kept from an old models.json as it was: its model lacks every default, even its name.
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "models": [{"id": "o1", "reasoning": True}]}}})


def test_piped_or_redirected_output_is_compact_json_on_one_line(world: World, cli: Cli) -> None:
    configured(world)
    result = cli("show", "--json")  # captured: stdout is not a terminal
    assert result.code == 0, result.stderr
    body, end = result.stdout[:-1], result.stdout[-1]
    assert end == "\n" and "\n" not in body
    document = json.loads(body)
    assert document == world.resolve().to_dict()
    assert body == json.dumps(document, ensure_ascii=False, separators=(",", ":"))  # no spaces either


def test_a_terminal_gets_json_indented_by_two_spaces(world: World, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    configured(world)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    result = cli("show", "--json")
    assert result.code == 0, result.stderr
    assert result.stdout.startswith('{\n  "configPath": ')
    assert json.loads(result.stdout) == world.resolve().to_dict()


@pytest.mark.parametrize(("spaces", "second_line"), [("4", '    "configPath": '), ("0", '"configPath": ')])
def test_indent_forces_indentation_even_when_piped(world: World, cli: Cli, spaces: str, second_line: str) -> None:
    configured(world)
    result = cli("show", "--json", "--indent", spaces)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith(second_line)
    assert json.loads(result.stdout) == world.resolve().to_dict()


@pytest.mark.parametrize("bad", ["-1", "two", ""])
def test_indent_must_be_a_number_of_spaces(world: World, cli: Cli, bad: str) -> None:
    result = cli("show", "--json", "--indent", bad)
    assert result.code == 2
    assert "--indent" in result.stderr and "number of spaces" in result.stderr


def test_models_in_json_carry_their_defaults_for_config_and_kept_providers(world: World) -> None:
    configured(world)
    registry = world.resolve()
    providers = registry.to_dict()["providers"]
    assert registry.providers["old"].origin == "models.json"
    defaults = {"api": None, "contextWindow": 200_000, "maxTokens": 8192, "input": ["text"]}
    no_cost = {"input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0}
    unset = {"headers": None, "compat": None}
    assert providers["local"]["models"] == [
        {"ref": "local/m1", "id": "m1", "name": "M1", **defaults, "effectiveApi": LOCAL_PROVIDER["api"],
         "reasoning": False, "cost": no_cost, **unset}
    ]  # fmt: skip
    assert providers["old"]["models"] == [
        {"ref": "old/o1", "id": "o1", "name": "o1", **defaults, "effectiveApi": None, "reasoning": True,
         "cost": no_cost, **unset}
    ]  # fmt: skip
    assert all(list(m) == MODEL_KEYS for p in providers.values() for m in p["models"])


def test_models_in_json_agree_with_the_model_objects(world: World) -> None:
    configured(world)
    registry = world.resolve()
    for pid, shown in registry.to_dict()["providers"].items():
        made = registry.providers[pid].models
        assert [m["ref"] for m in shown["models"]] == [m.ref for m in made]
        assert [
            (m["name"], m["contextWindow"], m["maxTokens"], tuple(m["input"]), m["reasoning"]) for m in shown["models"]
        ] == [(m.name, m.context_window, m.max_tokens, m.input, m.reasoning) for m in made]


def test_the_json_is_a_copy_the_caller_may_change(world: World) -> None:
    configured(world)
    registry = world.resolve()
    shown = registry.to_dict()["providers"]["local"]["models"][0]
    shown["cost"]["input"] = 99
    shown["input"].append("audio")
    assert registry.to_dict()["providers"]["local"]["models"][0]["cost"]["input"] == 0
    assert registry.providers["local"].models[0].input == ("text",)


def test_every_provider_and_model_field_is_shown_with_credential_headers_redacted(world: World, cli: Cli) -> None:
    canary = "sk-canary-header-0123456789"
    world.config({"models": {"providers": {"gw": {
        "baseUrl": "http://gw", "apiKey": "GW_KEY_NAME", "api": "openai-completions", "auth": "api-key",
        "authHeader": True, "headers": {"X-Team": "blue", "Authorization": f"Bearer {canary}"},
        "models": [{"id": "m", "name": "M", "api": "anthropic-messages", "headers": {"X-Model": "one"},
                    "compat": {"supportsStore": False}}],
    }}}})  # fmt: skip
    registry = world.resolve()
    provider = registry.providers["gw"]
    assert (provider.auth, provider.auth_header, provider.headers["X-Team"]) == ("api-key", True, "blue")
    [model] = provider.models
    assert (model.api, dict(model.headers), model.compat) == ("anthropic-messages", {"X-Model": "one"},
                                                               {"supportsStore": False})  # fmt: skip
    shown = json.loads(cli("show", "--json").stdout)["providers"]["gw"]
    assert (shown["auth"], shown["authHeader"], shown["headers"]["X-Team"]) == ("api-key", True, "blue")
    assert shown["headers"]["Authorization"].startswith("Bearer sk-c") and canary not in json.dumps(shown)
    assert (
        shown["models"][0]["headers"] == {"X-Model": "one"}
        and shown["models"][0]["effectiveApi"] == "anthropic-messages"
    )
    text = cli("show").stdout
    assert "auth       api-key" in text and "X-Team: blue" in text and "X-Model: one" in text
    assert "api anthropic-messages" in text and "supportsStore=False" in text and canary not in text
    revealed = json.loads(cli("show", "--json", "--reveal").stdout)["providers"]["gw"]
    assert revealed["headers"]["Authorization"] == f"Bearer {canary}"
