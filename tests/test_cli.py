"""The command line (`show`, `models-json`): output, options, exit codes. Run in-process except where
only a real process can tell (the `python -m` entry point and its exit status)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from world import LOCAL_PROVIDER, CliResult, World

Cli = Callable[..., CliResult]
XIAOMI_KEY = "sk-xiaomi-cli-test-000111"


def seeded(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = XIAOMI_KEY
    world.config(
        {
            "models": {"providers": {"local": LOCAL_PROVIDER}},
            "agents": {
                "defaults": {
                    "model": {"primary": "Xiaomi", "fallbacks": ["local/m1", "ghost/m"]},
                    "models": {"xiaomi/mimo-v2-flash": {"alias": "Xiaomi"}},
                }
            },
        }
    )


def tilde(world: World, path: Path) -> str:
    """How text output shows a file under the home directory."""
    return "~/" + str(path.relative_to(world.home))


def test_show_prints_a_summary_for_a_person(world: World, cli: Cli) -> None:
    seeded(world)
    result = cli("show")
    assert result.code == 0, result.stderr
    for expected in [
        tilde(world, world.config_file), tilde(world, world.agent_dir), "xiaomi", "anthropic-messages",
        "https://api.xiaomimimo.com/anthropic", "env XIAOMI_API_KEY (process)", "xiaomi/mimo-v2-flash",
        "Xiaomi MiMo V2 Flash", "262144", "8192", "text", "local/m1", "Xiaomi -> xiaomi/mimo-v2-flash",
        "ghost/m",
    ]:  # fmt: skip
        assert expected in result.stdout, expected
    assert XIAOMI_KEY not in result.stdout


def test_show_says_when_the_config_file_is_missing(world: World, cli: Cli) -> None:
    result = cli("show")
    assert result.code == 0
    assert "not found" in result.stdout and "(none)" in result.stdout


def test_show_json_has_the_documented_top_level(world: World, cli: Cli) -> None:
    seeded(world)
    result = cli("show", "--json")
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    required = {
        "configPath",
        "agentDir",
        "defaultModel",
        "resolvedDefault",
        "fallbacks",
        "aliases",
        "providers",
        "warnings",
    }
    assert required <= set(document)
    assert (document["configPath"], document["agentDir"]) == (str(world.config_file), str(world.agent_dir))
    assert (document["defaultModel"], document["resolvedDefault"]) == ("Xiaomi", "xiaomi/mimo-v2-flash")
    assert document["fallbacks"] == ["local/m1", "ghost/m"]
    assert document["aliases"] == {"Xiaomi": "xiaomi/mimo-v2-flash"}
    assert set(document["providers"]) == {"xiaomi", "local"}
    [ghost] = [w for w in document["warnings"] if "ghost/m" in w["message"]]
    assert ghost["file"] == str(world.config_file) and ghost["line"] and ghost["severity"] == "warning"
    assert ghost["path"] == "agents.defaults.model.fallbacks.1"


def test_models_json_prints_the_document(world: World, cli: Cli) -> None:
    seeded(world)
    result = cli("models-json")
    assert result.code == 0
    assert json.loads(result.stdout) == world.resolve().to_models_json()
    assert not (world.agent_dir / "models.json").exists()


def test_models_json_without_providers_prints_an_empty_document(world: World, cli: Cli) -> None:
    result = cli("models-json")
    assert (result.code, json.loads(result.stdout)) == (0, {"providers": {}})


def test_models_json_write_writes_once(world: World, cli: Cli) -> None:
    seeded(world)
    first = cli("models-json", "--write")
    target = world.agent_dir / "models.json"
    assert first.code == 0 and first.stderr == f"wrote {tilde(world, target)}\n"
    assert target.read_text() == first.stdout
    second = cli("models-json", "--write")
    assert second.code == 0 and second.stderr == f"{tilde(world, target)} unchanged\n"


def test_models_json_write_without_providers_writes_nothing(world: World, cli: Cli) -> None:
    result = cli("models-json", "--write")
    assert result.code == 0 and "nothing written" in result.stderr
    assert not world.agent_dir.exists()


def test_config_and_agent_dir_options_relative_to_the_working_directory(world: World, cli: Cli) -> None:
    world.write(world.cwd / "conf" / "my.json5", {"models": {"providers": {"local": LOCAL_PROVIDER}}})
    result = cli("models-json", "--write", "--config", "conf/my.json5", "--agent-dir", "agent")
    assert result.code == 0, result.stderr
    assert (
        json.loads((world.cwd / "agent" / "models.json").read_text())["providers"]["local"]["baseUrl"]
        == LOCAL_PROVIDER["baseUrl"]
    )
    shown = json.loads(cli("show", "--json", "--config", "conf/my.json5").stdout)
    assert shown["configPath"] == str(world.cwd / "conf" / "my.json5")


def test_a_config_file_named_like_a_command(world: World, cli: Cli) -> None:
    world.write(world.cwd / "show", {"models": {"providers": {"local": LOCAL_PROVIDER}}})
    result = cli("models-json", "--config", "show")
    assert result.code == 0, result.stderr
    assert list(json.loads(result.stdout)["providers"]) == ["local"]


def test_a_write_that_fails_is_a_clear_error(world: World, cli: Cli) -> None:
    seeded(world)
    blocker = world.write(world.root / "not-a-dir", "a file where the agent dir should be")
    result = cli("models-json", "--write", "--agent-dir", str(blocker))
    assert result.code == 1
    assert str(blocker) in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [[], ["bogus"], ["show", "--bogus"], ["models-json", "--config"], ["show", "extra"], ["--json"]],
    ids=["no command", "unknown command", "unknown option", "option without value", "extra argument", "option first"],
)
def test_bad_usage_exits_2(world: World, cli: Cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.code == 2
    assert "usage" in result.stderr


def test_help_exits_0(cli: Cli) -> None:
    result = cli("show", "--help")
    assert result.code == 0 and "--reveal" in result.stdout


def test_a_config_error_exits_1_with_the_message_on_stderr(world: World, cli: Cli) -> None:
    world.config({"models": {"mode": "append"}})
    for command in (["show"], ["show", "--json"], ["models-json"], ["models-json", "--write"]):
        result = cli(*command)
        assert result.code == 1
        assert f"{tilde(world, world.config_file)}:" in result.stderr and "models.mode" in result.stderr
        if command == ["show", "--json"]:  # and the same errors as JSON on stdout
            [error] = json.loads(result.stdout)["errors"]
            assert (error["file"], error["path"], error["severity"]) == (str(world.config_file), "models.mode", "error")
        else:
            assert result.stdout == ""


# --- a real process: `python -m openclaw_config` ------------------------------------------------


def run_module(world: World, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(world.home), **world.env}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    command = [sys.executable, "-m", "openclaw_config", *args]
    return subprocess.run(command, cwd=world.cwd, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_module_exit_codes(world: World) -> None:
    assert run_module(world, "show").returncode == 0
    usage = run_module(world, "nonsense")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    world.config("{ broken")
    error = run_module(world, "show")
    assert error.returncode == 1
    assert "Traceback" not in error.stderr and tilde(world, world.config_file) in error.stderr


def test_module_output_arrives_whole_although_the_process_skips_clean_up(world: World) -> None:
    # `python -m openclaw_config` ends with os._exit: what it printed (far more than a pipe holds)
    # and the file it wrote must be complete all the same.
    models = [{"id": f"m{j:02d}", "name": f"Model {j}"} for j in range(20)]
    world.config({"models": {"providers": {f"gw-{i:03d}": {**LOCAL_PROVIDER, "models": models} for i in range(150)}}})
    shown = run_module(world, "show", "--json")
    assert shown.returncode == 0, shown.stderr
    assert len(shown.stdout) > 200_000
    assert sum(len(p["models"]) for p in json.loads(shown.stdout)["providers"].values()) == 150 * 20
    written = run_module(world, "models-json", "--write")
    assert written.returncode == 0 and "wrote" in written.stderr
    assert (world.agent_dir / "models.json").read_text(encoding="utf-8") == written.stdout


def test_fallbacks_written_as_aliases_are_resolved_like_the_default(world: World, cli: Cli) -> None:
    world.config({"agents": {"defaults": {
        "model": {"primary": "Fast", "fallbacks": ["Fast", "openai/gpt-5.2", "claude-opus-4-6"]},
        "models": {"openai/gpt-5-mini": {"alias": "Fast"}},
    }}})  # fmt: skip
    registry = world.resolve()
    assert registry.resolved_fallbacks == ("openai/gpt-5-mini", "openai/gpt-5.2", "anthropic/claude-opus-4-6")
    document = json.loads(cli("show", "--json").stdout)
    assert document["fallbacks"] == ["Fast", "openai/gpt-5.2", "claude-opus-4-6"]
    assert document["resolvedFallbacks"] == list(registry.resolved_fallbacks)
    assert document["resolvedDefault"] == "openai/gpt-5-mini"
    text = cli("show").stdout
    assert (
        "Fallbacks      Fast -> openai/gpt-5-mini, openai/gpt-5.2, claude-opus-4-6 -> anthropic/claude-opus-4-6" in text
    )
