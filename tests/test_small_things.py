"""The small things people expect: `--version`, onboarding's hints and backups, one signature for
`resolve()` and `Resolver`, docstrings for `help()`, rules said in words, paths shown one way, one
rule for the environment sources."""

from __future__ import annotations

import ast
import inspect
import json
import os
import pydoc
import subprocess
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from world import LOCAL_PROVIDER, CliResult, World

import openclaw_config
from openclaw_config import EffectiveRegistry, Model, Provider, Resolver, resolve

Cli = Callable[..., CliResult]
REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "openclaw_config"
CANARY = "sk-canary-small-things-0123456789"
SCRIPT = Path(sys.executable).parent / "openclaw-config"  # the console script of this environment


def run(args: list[str], home: Path, *, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": path or os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    return subprocess.run(args, cwd=home, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("command", [[sys.executable, "-m", "openclaw_config"], [str(SCRIPT)]])
def test_version(command: list[str], tmp_path: Path) -> None:
    if not Path(command[0]).exists():
        pytest.skip("the console script is not installed")
    result = run([*command, "--version"], tmp_path)
    assert (result.returncode, result.stdout) == (0, f"openclaw-config {version('openclaw-config')}\n")


def test_onboard_names_the_command_that_was_run_in_its_next_hint(tmp_path: Path) -> None:
    if not SCRIPT.exists():
        pytest.skip("the console script is not installed")
    as_module = run([sys.executable, "-m", "openclaw_config", "onboard", "--auth-choice", "xiaomi-api-key",
                     "--xiaomi-api-key", CANARY], tmp_path)  # fmt: skip
    assert as_module.returncode == 0, as_module.stderr
    assert as_module.stdout.endswith("Next: python -m openclaw_config show\n")
    on_path = f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    as_script = run(["openclaw-config", "onboard", "--auth-choice", "xiaomi-api-key", "--xiaomi-api-key", CANARY],
                    tmp_path, path=on_path)  # fmt: skip
    assert as_script.returncode == 0, as_script.stderr
    assert as_script.stdout.endswith("Next: openclaw-config show\n")
    by_path = run([str(SCRIPT), "onboard", "--auth-choice", "xiaomi-api-key", "--xiaomi-api-key", CANARY], tmp_path)
    assert by_path.stdout.endswith(f"Next: {SCRIPT} show\n")  # not on PATH: the way it was run


def test_ctrl_d_at_the_key_prompt_writes_nothing(world: World, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def end_of_input(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", end_of_input)
    result = cli("onboard", "--auth-choice", "xiaomi-api-key")
    assert (result.code, result.stderr) == (2, "error: no key entered; nothing was written\n")
    assert not world.state_dir.exists()


def test_one_backup_per_run(world: World, cli: Cli) -> None:
    world.config('{ agents: { defaults: { model: { primary: "a/b" } } } }\n')
    first_text = world.config_file.read_text()
    assert cli("onboard", "--auth-choice", "xiaomi-api-key", "--xiaomi-api-key", CANARY).code == 0
    after_first = world.config_file.read_text()
    assert 'primary: "xiaomi/mimo-v2-flash"' in after_first
    world.write(world.config_file, after_first.replace('primary: "xiaomi/mimo-v2-flash"', 'primary: "a/c"'))
    edited = world.config_file.read_text()
    second = cli("onboard", "--auth-choice", "xiaomi-api-key", "--xiaomi-api-key", CANARY + "-new")
    assert second.code == 0, second.stderr
    backups = sorted(p.name for p in world.state_dir.iterdir() if ".bak" in p.name)
    assert backups == ["openclaw.json.bak"]  # not .bak.1
    assert (world.state_dir / "openclaw.json.bak").read_text() == edited != first_text
    assert "(previous version kept as ~/.openclaw/openclaw.json.bak)" in second.stdout


def test_resolve_and_resolver_take_the_same_arguments() -> None:
    def params(function: Callable[..., object]) -> list[tuple[str, object]]:
        found = inspect.signature(function).parameters.values()
        return [(p.name, p.kind) for p in found if p.name != "self"]

    assert params(Resolver.__init__) == params(resolve)


def test_a_resolver_takes_a_fixed_time_like_resolve(world: World) -> None:
    store = {"t": {"type": "token", "provider": "xiaomi", "token": CANARY, "expires": 2_000_000_000_000}}
    world.auth_store(store)
    for now, injected in ((1_900_000_000, True), (2_100_000_000, False)):
        via_resolver = Resolver(env=world.env, cwd=world.cwd, home=world.home, now=now).resolve()
        assert ("xiaomi" in via_resolver.providers) is injected
        assert via_resolver.to_dict() == world.resolve(now=now).to_dict()


@pytest.mark.parametrize(
    ("documented", "words"),
    [
        (Model, ["context_window", "max_tokens", "reasoning", "registry.model("]),
        (Provider, ["base_url", "credential", "origin", "implicit"]),
        (EffectiveRegistry, ["safe to print", "the `provider/model` ref it stands for", "ConfigWarning"]),
        (openclaw_config, ["never writes", "Resolver` takes the same arguments", "every `Problem` found"]),
    ],
)
def test_help_explains_the_public_api(documented: object, words: list[str]) -> None:
    page = pydoc.render_doc(documented, renderer=pydoc.plaintext)
    assert [w for w in words if w not in page] == []


def _user_facing_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings (what it can print)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def test_no_rule_is_named_by_a_spec_section_number_where_a_user_reads_it() -> None:
    import re

    spec = re.compile(r"SPEC\s*(section\s*)?\d")
    found = [
        f"{path.relative_to(REPO)}:{line}: {text}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in _user_facing_strings(path)
        if spec.search(text)
    ]
    found += [f"README.md: {line}" for line in (REPO / "README.md").read_text().splitlines() if spec.search(line)]
    public = [Model, Provider, EffectiveRegistry, Resolver, resolve, openclaw_config]
    found += [f"help({getattr(o, '__name__', o)})" for o in public if spec.search(pydoc.render_doc(o))]
    assert found == []


def test_the_text_view_and_the_json_list_the_same_environment_sources(world: World, cli: Cli) -> None:
    world.env = {"HOME": str(world.home), "XIAOMI_API_KEY": CANARY}
    world.write(world.state_dir / ".env", "LOCAL_HOST=localhost\n")
    world.config({"env": {"vars": {"OTHER_HOST": "x"}}, "models": {"providers": {"local": LOCAL_PROVIDER}}})
    listed = json.loads(cli("show", "--json").stdout)["envSources"]
    assert listed == ["process", "state .env", "config env"]
    assert f"Env sources    {', '.join(listed)}\n" in cli("show").stdout
    world.env = {}  # nothing from the process (run in-process, the CLI still has HOME: resolve directly)
    assert world.resolve().env_sources == ("state .env", "config env")


def test_every_text_output_shows_the_config_the_same_way(world: World, cli: Cli) -> None:
    world.config('{ models: { mode: "merge" }, models: { mode: "merge" } }')  # valid, with a warning
    shown = "~/.openclaw/openclaw.json"
    assert f"Config file    {shown}\n" in cli("show").stdout
    assert f"  config file  {shown}\n" in cli("show", "--explain").stdout
    assert f"  - {shown}:1:30: models: key 'models' is written twice" in cli("show").stdout
    validated = cli("validate")
    assert validated.stdout.startswith(f"{shown}:1:30: warning: models: ")
    assert validated.stderr == f"1 file valid: {shown} (1 warning)\n"
    world.config("{ models: { mode: 1 } }")
    assert cli("show").stderr.startswith(f"error: {shown}:1:19: models.mode: ")
    assert cli("validate").stdout.startswith(f"{shown}:1:19: error: models.mode: ")


def test_in_process_main_keeps_working_without_a_console_script(world: World, cli: Cli) -> None:
    result = cli("onboard", "--auth-choice", "xiaomi-api-key", "--xiaomi-api-key", CANARY)
    assert result.code == 0 and result.stdout.endswith("Next: python -m openclaw_config show\n")
