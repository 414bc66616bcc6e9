"""`validate` says what it checked; without files it checks everything OpenClaw would read; the
hook's `--openclaw-files-only` leaves other tools' JSON5 alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from world import CliResult, World

from openclaw_config.validation import check_active, check_files

Cli = Callable[..., CliResult]
CANARY = "sk-canary-validate-0123456789abcdef"
FRAGMENT = "{ mode: 'merge' }\n"


def everything(world: World) -> None:
    """A home where OpenClaw reads five files: a config, its include, the store and both .env files."""
    world.write(world.state_dir / "models.json5", FRAGMENT)
    world.config('{ models: { $include: "./models.json5" } }\n')
    world.auth_store({"xiaomi:default": {"type": "api_key", "provider": "xiaomi", "key": CANARY}})
    world.write(world.state_dir / ".env", "LOCAL_HOST=localhost\n")
    world.write(world.cwd / ".env", "GREETING=hello\n")


def test_without_files_every_file_openclaw_reads_is_checked(world: World, cli: Cli) -> None:
    everything(world)
    result = cli("validate")
    assert (result.code, result.stdout) == (0, "")
    assert (
        result.stderr == "5 files valid: ~/.openclaw/openclaw.json, ~/.openclaw/models.json5, "
        "~/.openclaw/agents/main/agent/auth-profiles.json, ~/.openclaw/.env, .env\n"
    )  # fmt: skip (.env: in cwd)
    report = check_active({"HOME": str(world.home)}, cwd=world.cwd)
    assert set(report.checked) == {
        world.config_file, world.state_dir / "models.json5", world.agent_dir / "auth-profiles.json",
        world.state_dir / ".env", world.cwd / ".env",
    }  # fmt: skip


def test_a_broken_auth_store_and_env_line_are_problems_of_validate(world: World, cli: Cli) -> None:
    everything(world)
    world.auth_store({"xiaomi:default": {"type": "api_key", "provider": "xiaomi"}})  # no key
    world.write(world.state_dir / ".env", "LOCAL_HOST=localhost\nthis is not an assignment\n")
    result = cli("validate")
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("~/.openclaw/.env:2:1: error: this line is not a variable assignment (")
    assert lines[1].startswith(
        "~/.openclaw/agents/main/agent/auth-profiles.json:4:5: error: profiles.xiaomi:default.key: "
        "required field 'key' is missing"
    )
    assert result.stderr == "2 errors in 5 files checked\n"


def test_a_credential_in_the_workspace_env_is_a_warning(world: World, cli: Cli) -> None:
    everything(world)
    world.write(world.cwd / ".env", f"GREETING=hello\nXIAOMI_API_KEY={CANARY}\n")
    result = cli("validate")
    assert result.code == 0
    assert result.stdout.startswith(".env:2:1: warning: XIAOMI_API_KEY is a provider credential, and OpenClaw")
    assert CANARY not in result.stdout + result.stderr
    assert result.stderr.endswith("(1 warning)\n")


def test_named_files_say_how_many_were_valid(tmp_path: Path, cli: Cli, world: World) -> None:
    (world.cwd / "models.json5").write_text(FRAGMENT)
    (world.cwd / "openclaw.json").write_text('{ models: { $include: "./models.json5" } }\n')
    result = cli("validate", "openclaw.json")
    assert (result.code, result.stdout, result.stderr) == (0, "", "2 files valid: openclaw.json, models.json5\n")


def make_repository(root: Path) -> dict[str, Path]:
    (root / ".git").mkdir(parents=True)
    (root / "conf").mkdir()
    files = {
        "config": root / "conf" / "openclaw.json",
        "fragment": root / "conf" / "models.json5",
        "renovate": root / "renovate.json5",
        "package": root / "package.json",
        "models": root / "ml" / "models.json",
    }
    files["config"].write_text('{ models: { $include: "./models.json5" } }\n')
    files["fragment"].write_text("{ mode: 'sometimes' }\n")
    files["renovate"].write_text('{ extends: ["config:recommended"] }\n')
    files["package"].write_text('{ "name": "x" }\n')
    files["models"].parent.mkdir()
    files["models"].write_text('{ "resnet": 50 }\n')
    return files


def test_openclaw_files_only_checks_the_configs_and_their_fragments(tmp_path: Path) -> None:
    files = make_repository(tmp_path)
    names = [files[k] for k in ("renovate", "package", "models", "fragment")]
    report = check_files(names, openclaw_only=True)
    assert set(report.skipped) == {files["renovate"], files["package"], files["models"]}
    [problem] = report.problems  # the fragment, checked through the config that includes it
    assert (problem.file, problem.config_path) == (str(files["fragment"]), "models.mode")
    everything_named = check_files(names)
    assert len(everything_named.problems) > 1  # without the option, renovate.json5 is taken for a config


def test_the_hook_option_on_the_command_line(tmp_path: Path, world: World, cli: Cli) -> None:
    files = make_repository(world.cwd)
    alone = cli("validate", "--openclaw-files-only", "renovate.json5")
    assert (alone.code, alone.stdout) == (0, "")
    assert alone.stderr == "nothing to check: renovate.json5 is not an OpenClaw file\n"
    both = cli("validate", "--openclaw-files-only", "renovate.json5", "conf/openclaw.json")
    assert both.code == 1 and both.stdout.startswith("conf/models.json5:1:9: error: models.mode: ")
    assert both.stderr == "1 error in 2 files checked (1 skipped: not an OpenClaw file)\n"
    assert files["renovate"].exists()


def test_a_fragment_of_a_config_that_does_not_compose_is_checked_not_skipped(tmp_path: Path) -> None:
    files = make_repository(tmp_path)
    files["config"].write_text('{ models: { $include: ["./models.json5", "./missing.json5"] } }\n')
    report = check_files([files["fragment"], files["renovate"]], openclaw_only=True)
    assert report.skipped == (files["renovate"],)
    assert files["fragment"] in report.checked
