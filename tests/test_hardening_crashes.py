"""Issue 12, crashes: inputs that gave a traceback or "internal error" get a clear message instead.

The output cases run the real program in a child process: only there do the standard streams have
the encoding (and the closed or full descriptors) a user's shell gives them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config import ConfigError
from openclaw_config.composition.deep_merge import deep_merge

PROFILE = {"type": "api_key", "provider": "openai", "key": "sk-test-key-0123456789"}


def run_cli(
    world: World, *args: str, shell_redirect: str = "", encoding: str = "utf-8"
) -> subprocess.CompletedProcess[str]:
    """The program as a user's shell runs it (`shell_redirect`: `>&-`, `> /dev/full`...)."""
    env = {**world.env, "HOME": str(world.home), "PYTHONIOENCODING": encoding, "PATH": os.environ.get("PATH", "")}
    command = " ".join([sys.executable, "-m", "openclaw_config", *args]) + " " + shell_redirect
    return subprocess.run(
        ["/bin/sh", "-c", command], cwd=world.cwd, env=env, capture_output=not shell_redirect, text=True, timeout=60,
        stdin=subprocess.DEVNULL, **({"stderr": subprocess.PIPE} if shell_redirect else {}),
    )  # fmt: skip


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in (done.stderr or "") and "internal error" not in (done.stderr or ""), done.stderr


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("content", [f'{{"profiles": {nested(5000)}}}', f'{{"profiles": {{"a": {nested(300)}}}}}'])
def test_a_deeply_nested_auth_store_is_empty_with_a_warning(world: World, content: str) -> None:
    world.write(world.agent_dir / "auth-profiles.json", content)
    registry = world.resolve()
    assert any("nested more than" in w.message and "treated as empty" in w.message for w in registry.warnings)


def test_a_store_with_a_huge_number_still_gives_its_profiles(world: World) -> None:
    store = '{"version": 1, "profiles": {"openai:a": %s}, "usageStats": {"openai:a": {"errorCount": %s}}}'
    profile = {**PROFILE, "provider": "xiaomi"}
    world.write(world.agent_dir / "auth-profiles.json", store % (json.dumps(profile), "9" * 5000))
    registry = world.resolve()
    assert "xiaomi" in registry.providers  # implicit: from the profile
    assert not registry.warnings


def test_a_deeply_nested_models_json_is_ignored_with_a_warning(world: World) -> None:
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    world.models_json('{"providers": {"x": {"models": ' + nested(3000) + "}}}")
    registry = world.resolve()
    assert any("models.json ignored" in w.message for w in registry.warnings)


def test_validate_of_a_deeply_nested_store_is_a_located_problem(world: World) -> None:
    path = world.write(world.agent_dir / "auth-profiles.json", f'{{"profiles": {nested(3000)}}}')
    done = run_cli(world, "validate", str(path))
    no_traceback(done)
    assert done.returncode == 1 and "nested more than" in done.stdout


def test_deep_merge_is_not_limited_by_the_recursion_limit() -> None:
    def deep(depth: int, leaf: Any) -> dict[str, Any]:
        value: dict[str, Any] = {"leaf": leaf}
        for _ in range(depth):
            value = {"a": value}
        return value

    merged = deep_merge(deep(5000, [1]), deep(5000, [2]))
    for _ in range(5000):
        merged = merged["a"]
    assert merged == {"leaf": [1, 2]}


def test_nesting_spread_over_merged_includes_gives_an_answer_not_a_crash(world: World) -> None:
    """Two chains of includes, each file nesting 30 levels (within the parser's limit), merged at one
    node: the merge meets the same keys 300 levels down."""

    def chain(prefix: str) -> None:
        for level in range(10):
            inner: dict[str, Any] = {"$include": f"./{prefix}{level + 1}.json5"} if level < 9 else {"end": [1]}
            for _ in range(30):
                inner = {"k": inner}
            world.write(world.state_dir / f"{prefix}{level}.json5", inner)

    chain("a")
    chain("b")
    world.config({"notes": {"$include": "./a0.json5", "k": {"$include": "./b0.json5"}}})
    with pytest.raises(ConfigError) as caught:  # the keys are unknown to the schema: located problems
        world.resolve()
    assert caught.value.problems and caught.value.problems[0].file


def kept_models_json(world: World, model: dict[str, Any]) -> None:
    block = {"baseUrl": "http://localhost:1/v1", "api": "openai-completions", "apiKey": "KEPT_KEY", "models": [model]}
    world.models_json({"providers": {"kept": block}})


@pytest.mark.parametrize("value", [5, None, [1], "text"])
def test_a_kept_models_json_input_of_any_shape_is_shown(world: World, value: Any) -> None:
    kept_models_json(world, {"id": "m", "name": "M", "input": value})
    done = run_cli(world, "show")
    no_traceback(done)
    assert done.returncode == 0
    assert "t+e+x+t" not in done.stdout
    json_done = run_cli(world, "show", "--json")
    no_traceback(json_done)
    assert json_done.returncode == 0


def test_a_lone_surrogate_is_escaped_in_every_output(world: World) -> None:
    kept_models_json(world, {"id": "m", "name": "bad \\ud800 name"})
    world.write(world.agent_dir / "models.json", (world.agent_dir / "models.json").read_text().replace("\\\\", "\\"))
    for args in (["show"], ["show", "--json"], ["list"], ["models-json"]):
        done = run_cli(world, *args)
        no_traceback(done)
        assert done.returncode == 0, (args, done.stderr)


def test_an_ascii_only_output_shows_redacted_secrets(world: World) -> None:
    world.auth_store({"openai:a": PROFILE})
    for args in (["show"], ["status"]):
        done = run_cli(world, *args, encoding="ascii")
        no_traceback(done)
        assert done.returncode == 0
        assert "0123456789" not in done.stdout


def test_a_closed_standard_output_is_said_cleanly(world: World) -> None:
    done = run_cli(world, "show", shell_redirect=">&-")
    no_traceback(done)
    assert done.returncode == 1 and "standard output is closed" in done.stderr


def test_a_full_disk_on_output_is_said_cleanly(world: World) -> None:
    done = run_cli(world, "show", shell_redirect="> /dev/full")
    no_traceback(done)
    assert done.returncode == 1 and "could not be written" in done.stderr


def test_a_symlink_loop_as_config_is_a_problem_naming_it(world: World) -> None:
    world.state_dir.mkdir(parents=True)
    world.config_file.symlink_to(world.config_file)
    error = world.error()
    assert error.problems[0].file == str(world.config_file)


def test_a_dangling_config_symlink_is_an_error_not_an_empty_config(world: World) -> None:
    world.state_dir.mkdir(parents=True)
    world.config_file.symlink_to(world.state_dir / "gone.json")
    error = world.error()
    assert "does not exist" in error.problems[0].message


def test_any_os_error_while_resolving_is_a_config_error_naming_the_file(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openclaw_config import pipeline

    def refuse(path: Path) -> Any:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(pipeline, "read_models_json", refuse)
    error = world.error()
    assert error.problems[0].file == str(world.agent_dir / "models.json")
    assert "Permission denied" in error.problems[0].message


def test_show_with_a_missing_explicit_config_is_an_error(world: World) -> None:
    done = run_cli(world, "show", "--config", "nowhere.json")
    no_traceback(done)
    assert done.returncode == 1 and "not found" in done.stderr and "nowhere.json" in done.stderr


def test_a_number_beyond_a_double_gets_a_located_message(world: World) -> None:
    text = '{models: {providers: {a: {baseUrl: "http://x", models: [{id: "m", contextWindow: 1e400}]}}}}'
    world.config(text)
    problem = world.error().problems[0]
    assert "too large" in problem.message and "1e400" in problem.message
    assert (problem.line, problem.column) == (1, text.index("1e400") + 1)
