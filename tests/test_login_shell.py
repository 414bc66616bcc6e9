"""The login-shell import (`env.shellEnv.enabled`): only with --shell-env, as OpenClaw 2026.2.9 runs it."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

from world import CliResult, World

from openclaw_config.sources.login_shell import import_login_shell_env

Cli = Callable[..., CliResult]
CANARY = "sk-shell-canary-0123456789abcdef"


def fake_shell(world: World, body: str) -> Path:
    """A `$SHELL` that answers `-l -c 'env -0'` with `body` (a shell script)."""
    script = world.root / "fake-shell"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def printing(pairs: dict[str, str]) -> str:
    return "printf '" + "".join(f"{k}={v}\\0" for k, v in pairs.items()) + "'"


def enabled(world: World, timeout_ms: int | None = None) -> None:
    shell_env: dict[str, object] = {"enabled": True, **({"timeoutMs": timeout_ms} if timeout_ms is not None else {})}
    world.config({"env": {"shellEnv": shell_env}})


def test_show_runs_no_shell_unless_asked_and_says_so(world: World, cli: Cli) -> None:
    enabled(world)
    marker = world.root / "ran"
    world.env["SHELL"] = str(fake_shell(world, f"touch {marker}\n" + printing({"OPENAI_API_KEY": CANARY})))
    shown = json.loads(cli("show", "--json").stdout)
    assert not marker.exists()
    assert any("--shell-env" in w["message"] for w in shown["warnings"])


def test_with_shell_env_the_unset_expected_keys_are_imported_and_stay_redacted(world: World, cli: Cli) -> None:
    enabled(world)
    world.env["SHELL"] = str(fake_shell(world, printing({"OPENAI_API_KEY": CANARY, "UNRELATED": "x"})))
    result = cli("status", "--json", "--shell-env")
    assert result.code == 0, result.stderr
    assert "login shell imported: OPENAI_API_KEY" in result.stderr
    document = json.loads(result.stdout)
    assert CANARY not in result.stdout + result.stderr
    assert "openai" in json.dumps(document["auth"]["providers"])


def test_nothing_is_run_when_an_expected_key_is_already_set(world: World) -> None:
    marker = world.root / "ran"
    env = {"SHELL": str(fake_shell(world, f"touch {marker}")), "ANTHROPIC_API_KEY": "sk-ant-set"}
    imported = import_login_shell_env({"env": {"shellEnv": {"enabled": True}}}, env)
    assert (imported.skipped, imported.applied, marker.exists()) == ("already-has-keys", (), False)
    assert import_login_shell_env({}, {"SHELL": env["SHELL"]}).skipped == "disabled"


def test_a_shell_that_hangs_or_floods_is_stopped(world: World) -> None:
    config = {"env": {"shellEnv": {"enabled": True, "timeoutMs": 300}}}
    hanging = import_login_shell_env(config, {"SHELL": str(fake_shell(world, "sleep 30"))})
    assert hanging.skipped is not None and "failed" in hanging.skipped and hanging.applied == ()
    flood = fake_shell(world, "yes OPENAI_API_KEY=x")
    flooded = import_login_shell_env({"env": {"shellEnv": {"enabled": True}}}, {"SHELL": str(flood)})
    assert flooded.skipped is not None and "more than" in flooded.skipped
