"""`show --explain` is quiet by default, explains a variable by name, and lays JSON out like `--json`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

import pytest
from world import LOCAL_PROVIDER, CliResult, World

Cli = Callable[..., CliResult]
CANARY = "sk-canary-explain-0123456789abcdef"
# A provider whose model sets only id and name: every other model field is a default.
SPARSE = {"models": {"providers": {"local": {**LOCAL_PROVIDER, "baseUrl": "http://${LOCAL_HOST}/v1"}}}}


def sparse(world: World) -> None:
    world.env = {"HOME": str(world.home), "LOCAL_HOST": "localhost:4000", "XIAOMI_API_KEY": CANARY}
    world.config(SPARSE)


def test_defaults_are_left_out_and_counted_unless_all_is_asked(world: World, cli: Cli) -> None:
    sparse(world)
    quiet, everything = cli("show", "--explain", "local"), cli("show", "--explain", "local", "--all")
    assert quiet.code == everything.code == 0
    assert "  baseUrl = " in quiet.stdout and "  name = " in quiet.stdout  # set in the config
    assert "  contextWindow = 200000" not in quiet.stdout and "cost.input" not in quiet.stdout
    assert "  contextWindow = 200000" in everything.stdout and "cost.input" in everything.stdout
    records = world.resolve().explain("local")
    omitted = sum(1 for r in records if r.is_default)
    assert omitted >= 7  # reasoning, input, four costs, contextWindow, maxTokens...
    assert quiet.stdout.endswith(f"\n{omitted} values that are only defaults are not shown (--all shows every value)\n")
    assert "not shown" not in everything.stdout


def test_a_default_that_overrode_something_is_kept(world: World, cli: Cli) -> None:
    world.env = {"HOME": str(world.home)}
    model = {"id": "m1", "name": "M1", "contextWindow": 1000, "maxTokens": 9999}  # capped: it overrode 9999
    world.config({"models": {"providers": {"local": {**LOCAL_PROVIDER, "models": [model]}}}})
    result = cli("show", "--explain", "local")
    assert "  maxTokens = 1000" in result.stdout
    assert "overrode  9999 from config" in result.stdout


def test_json_explanations_are_quiet_too_and_say_how_many_were_left_out(world: World, cli: Cli) -> None:
    sparse(world)
    quiet = json.loads(cli("show", "--explain", "--json").stdout)
    everything = json.loads(cli("show", "--explain", "--all", "--json").stdout)
    assert everything["defaultsOmitted"] == 0
    assert quiet["defaultsOmitted"] == len(everything["records"]) - len(quiet["records"]) > 0
    assert all(any(o["kind"] != "default" for o in r["origins"]) or r["overridden"] for r in quiet["records"])


def test_json_explanations_follow_the_json_indentation_rule(
    world: World, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    sparse(world)
    piped = cli("show", "--explain", "--json").stdout
    assert piped.count("\n") == 1 and piped.startswith('{"configPath":')
    assert cli("show", "--explain", "--json", "--indent", "4").stdout.startswith('{\n    "configPath": ')
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert cli("show", "--explain", "--json").stdout.startswith('{\n  "configPath": ')


@pytest.mark.parametrize("selection", ["LOCAL_HOST", "env.vars.LOCAL_HOST", "env.LOCAL_HOST"])
def test_explaining_a_variable_shows_where_it_was_set_and_what_used_it(world: World, selection: str) -> None:
    sparse(world)
    world.write(world.state_dir / ".env", "LOCAL_HOST=from-state-dotenv:1\n")
    records = world.resolve().explain(selection)
    variable, *users = records
    assert (variable.dotted_path, variable.value) == ("env.LOCAL_HOST", "localhost:4000")
    assert [(o.kind, o.env_source) for o in variable.origins] == [("env", "process")]
    [lost] = variable.overridden
    assert (lost.value, lost.origin.env_source, lost.origin.line) == ("from-state-dotenv:1", "state .env", 1)
    assert [r.dotted_path for r in users] == ["models.providers.local.baseUrl"]


def test_a_secret_variable_is_redacted_and_its_users_listed(world: World, cli: Cli) -> None:
    sparse(world)
    result = cli("show", "--explain", "XIAOMI_API_KEY", "--reveal")
    assert result.code == 0 and CANARY not in result.stdout
    assert 'Variable XIAOMI_API_KEY\n  XIAOMI_API_KEY = "sk-c…ef"\n' in result.stdout
    assert "      from      env XIAOMI_API_KEY (set in the process environment)" in result.stdout
    assert "Provider xiaomi" in result.stdout and "  credential = " in result.stdout


def test_a_variable_set_nowhere_says_so(world: World, cli: Cli) -> None:
    sparse(world)
    result = cli("show", "--explain", "ANTHROPIC_API_KEY")
    assert result.code == 0
    assert (
        "  ANTHROPIC_API_KEY = (none)  (not set in the process environment, the workspace .env, the state .env or "
        "the config env block)"
    ) in result.stdout


def test_a_provider_id_is_still_a_provider(world: World) -> None:
    sparse(world)
    assert {r.provider for r in world.resolve().explain("local")} == {"local"}


def test_all_without_explain_is_a_usage_error(world: World, cli: Cli) -> None:
    result = cli("show", "--all")
    assert result.code == 2 and "--all goes with --explain" in result.stderr
