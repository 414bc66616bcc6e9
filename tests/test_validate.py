"""`validate`: every problem, one per line, at the exact FILE:LINE:COL, without any environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from openclaw_config.cli.main import main
from openclaw_config.errors import ConfigError
from openclaw_config.pipeline import resolve
from openclaw_config.validation import validate_file

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "conformance"


def run_validate(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m openclaw_config validate ARGS` in `cwd`, with only PATH (and `env`) set."""
    environ = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "openclaw_config", "validate", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def text_at(path: Path, line: int, column: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1][column - 1 :]


# case -> (file reported, line, column, the line's start after "error: ", what the text there starts with)
CONFORMANCE_PROBLEMS = {
    "bad_mode_rejected": ("openclaw.json", 1, 19, 'models.mode: mode must be "merge" or "replace"', '"append"'),
    "unknown_key_rejected": ("openclaw.json", 1, 28, "models.bogus: unknown key 'bogus' in models", "bogus"),
    "unknown_root_key_rejected": ("openclaw.json", 1, 3, "notASection: unknown key 'notASection'", "notASection"),
    "model_name_required": ("openclaw.json", 1, 125, "models.providers.foo.models.0.name: required", '{ id: "m1"'),
    "wrong_type_rejected": (
        "openclaw.json",
        1,
        163,
        "models.providers.foo.models.0.contextWindow: contextWindow must be a number",
        '"big"',
    ),
    "json5_syntax_error": ("openclaw.json", 3, 18, "JSON5 syntax error: expected a key or '}'", ",, }"),
    "include_cycle_error": ("b.json5", 1, 13, "models.$include: include cycle: ", '"./a.json5"'),
    "include_escape_error": ("openclaw.json", 1, 23, "models.$include: include '../../outside.json5'", '"../../'),
    "include_missing_file_error": ("openclaw.json", 1, 23, "models.$include: included file not found", '"./nope'),
}


@pytest.mark.parametrize("name", sorted(CONFORMANCE_PROBLEMS))
def test_conformance_problems_are_reported_at_the_exact_position(name: str) -> None:
    state_dir = CASES / name / "home" / ".openclaw"
    file, line, column, message, token = CONFORMANCE_PROBLEMS[name]
    result = run_validate("openclaw.json", cwd=state_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stdout.splitlines()) == 1, "one problem, one line"
    assert result.stdout.startswith(f"{file}:{line}:{column}: error: {message}")
    assert text_at(state_dir / file, line, column).startswith(token)


def test_json_format_lists_the_same_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "openclaw.json"
    config.write_text('{\n  models: { mode: "append", bogus: 1 },\n  nope: {},\n}\n')
    assert main(["validate", str(config)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert main(["validate", "--format", "json", str(config)]) == 1
    listed = json.loads(capsys.readouterr().out)
    assert [(p["file"], p["line"], p["column"], p["path"]) for p in listed] == [
        (str(config), 2, 19, "models.mode"),
        (str(config), 2, 29, "models.bogus"),
        (str(config), 3, 3, "nope"),
    ]
    assert [f"{p['file']}:{p['line']}:{p['column']}: error: {p['path']}: {p['message']}" for p in listed] == [
        line.rsplit(" (", 1)[0] for line in lines
    ]


def test_a_valid_file_prints_nothing_and_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "openclaw.json"
    config.write_text('{ "$schema": "./schemas/openclaw.schema.json", models: { mode: "replace" } }')
    assert main(["validate", str(config)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["validate", "--format", "json", str(config)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_variables_are_accepted_without_any_environment(tmp_path: Path) -> None:
    (tmp_path / "openclaw.json").write_text(
        '{ models: { providers: { foo: { baseUrl: "${FOO_URL}", apiKey: "${FOO_KEY}",'
        ' models: [{ id: "m", name: "$${LITERAL}" }] } } } }'
    )
    result = run_validate("openclaw.json", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "1 file valid: openclaw.json\n")


def test_every_file_is_checked_and_the_exit_code_covers_them_all(tmp_path: Path) -> None:
    (tmp_path / "good.json5").write_text("{ models: { mode: 'merge' } }")
    (tmp_path / "bad.json5").write_text("{ models: { mode: 'sometimes' } }")
    result = run_validate("good.json5", "bad.json5", "missing.json5", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'bad.json5:1:19: error: models.mode: mode must be "merge" or "replace", not the string "sometimes" '
        '(use "merge" or "replace")',
        "missing.json5: error: config file not found (check the path)",
    ]


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    result = run_validate("--kind", "yaml", "x.json", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_problems_in_an_included_file_point_into_it(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "openclaw.json").write_text('{\n  models: { $include: "./conf/models.json5" },\n}\n')
    (tmp_path / "conf" / "models.json5").write_text(
        "{\n  providers: {\n    p: { baseUrl: 'http://p', models: [{ id: 'm', name: 'M', input: ['audio'] }] },\n"
        "  },\n  typo: true,\n}\n"
    )
    problems = validate_file(tmp_path / "openclaw.json")
    assert [(Path(p.file or "").name, p.line, p.column, p.config_path) for p in problems] == [
        ("models.json5", 3, 70, "models.providers.p.models.0.input.0"),
        ("models.json5", 5, 3, "models.typo"),
    ]


def test_a_fragment_named_with_its_config_is_checked_through_it(tmp_path: Path) -> None:
    (tmp_path / "openclaw.json").write_text('{ models: { $include: "./models.json5" } }')
    (tmp_path / "models.json5").write_text("{ mode: 'merge', providers: {} }")
    both = run_validate("openclaw.json", "models.json5", cwd=tmp_path)
    assert (both.returncode, both.stdout) == (0, "")
    alone = run_validate("models.json5", cwd=tmp_path)  # found through the openclaw.json beside it
    assert (alone.returncode, alone.stdout) == (0, "")
    (tmp_path / "openclaw.json").write_text("{}")  # now nothing includes it: on its own it is no config
    orphan = run_validate("models.json5", cwd=tmp_path)
    assert orphan.returncode == 1
    assert orphan.stdout.startswith("models.json5:1:3: error: mode: unknown key 'mode' at the root")


def test_includes_are_confined_to_the_folder_of_the_named_file(tmp_path: Path) -> None:
    (tmp_path / "shared.json5").write_text("{ mode: 'merge' }")
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "openclaw.json").write_text('{ models: { $include: ["./x.json5", "../shared.json5"] } }')
    (tmp_path / "conf" / "x.json5").write_text("{}")
    result = run_validate("conf/openclaw.json", cwd=tmp_path)
    assert result.returncode == 1
    # The position is that of the refused item of the $include list.
    assert result.stdout.startswith("conf/openclaw.json:1:37: error: models.$include: include '../shared.json5'")
    # OPENCLAW_INCLUDE_ROOTS, which the message suggests, is honoured as for the active config (issue 12).
    allowed = run_validate("conf/openclaw.json", cwd=tmp_path, env={"OPENCLAW_INCLUDE_ROOTS": str(tmp_path)})
    assert allowed.returncode == 0, allowed.stdout


def test_kind_comes_from_the_file_name_or_the_option(tmp_path: Path) -> None:
    store = '{"version": 1, "profiles": {"x:a": {"type": "api_key", "provider": "x"}}}'
    (tmp_path / "auth-profiles.json").write_text(store)
    (tmp_path / "backup.json").write_text(store)
    expected = ":1:29: error: profiles.x:a.key: required field 'key' is missing"  # at the profile's key
    assert run_validate("auth-profiles.json", cwd=tmp_path).stdout.startswith("auth-profiles.json" + expected)
    as_config = run_validate("backup.json", cwd=tmp_path).stdout
    assert as_config.startswith("backup.json:1:2: error: version: unknown key 'version' at the root")
    as_store = run_validate("--kind", "auth-profiles", "backup.json", cwd=tmp_path).stdout
    assert as_store.startswith("backup.json" + expected)


def test_auth_profile_store_problems_are_located_and_secrets_never_shown(tmp_path: Path) -> None:
    secret = "sk-live-0123456789abcdefghijklmnop"
    store = tmp_path / "auth-profiles.json"
    store.write_text(
        '{\n  "version": 1,\n  "profiles": {\n'
        f'    "xiaomi:default": {{"type": "{secret}", "provider": "xiaomi"}},\n'
        f'    "xiaomi:tok": {{"type": "token", "provider": "xiaomi", "token": "{secret}", "expires": -5}}\n'
        "  }\n}\n"
    )
    result = run_validate("auth-profiles.json", cwd=tmp_path)
    assert result.returncode == 1
    assert secret not in result.stdout + result.stderr
    assert [line.split(": error: ")[0] for line in result.stdout.splitlines()] == [
        "auth-profiles.json:4:32",
        "auth-profiles.json:5:117",
    ]
    assert text_at(store, 4, 32).startswith(f'"{secret}"')  # the bad type
    assert text_at(store, 5, 117).startswith("-5}")  # the expiry, which must be positive


def test_agent_dir_files_must_be_strict_json(tmp_path: Path) -> None:
    models = tmp_path / "models.json"
    models.write_text('{\n  "providers": {\n    // written by hand\n    "p": {}\n  }\n}\n')
    result = run_validate("models.json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("models.json:3:5: error: JSON syntax error")


def test_models_json_problems_use_the_provider_rules(tmp_path: Path) -> None:
    (tmp_path / "models.json").write_text(
        json.dumps({"providers": {"p": {"baseUrl": "", "models": [{"id": "m"}]}}}, indent=2)
    )
    lines = run_validate("models.json", cwd=tmp_path).stdout.splitlines()
    assert [line.split(": error: ")[0] for line in lines] == ["models.json:4:18", "models.json:6:9"]
    assert "providers.p.baseUrl" in lines[0]
    assert "providers.p.models.0.name: required field 'name' is missing" in lines[1]


def test_without_files_the_active_config_is_checked(tmp_path: Path) -> None:
    config = tmp_path / "alt.json5"
    config.write_text("{ models: { mode: 1 } }")
    result = run_validate(cwd=tmp_path, env={"HOME": str(tmp_path), "OPENCLAW_CONFIG_PATH": str(config)})
    assert result.returncode == 1
    assert result.stdout.startswith("~/alt.json5:1:19: error: models.mode: ")  # under the home: shown as ~/...
    no_config = run_validate(cwd=tmp_path, env={"HOME": str(tmp_path)})
    assert no_config.returncode == 0
    assert "nothing to check" in no_config.stderr


def test_resolution_errors_point_where_validate_does(tmp_path: Path) -> None:
    state = tmp_path / ".openclaw"
    state.mkdir()
    config = state / "openclaw.json"
    config.write_text(
        "{\n  models: {\n    providers: { p: { baseUrl: 'u', models: [{ id: 'm' }], extra: 1 } },\n  },\n}"
    )
    with pytest.raises(ConfigError) as raised:
        resolve(env={}, home=tmp_path, cwd=tmp_path)
    located = [(p.file, p.line, p.column, p.config_path) for p in raised.value.problems]
    assert located == [(p.file, p.line, p.column, p.config_path) for p in validate_file(config)]
    assert sorted(located) == [
        (str(config), 3, 46, "models.providers.p.models.0.name"),
        (str(config), 3, 60, "models.providers.p.extra"),
    ]
    assert text_at(config, 3, 46).startswith("{ id: 'm' }")  # the model that lacks a name
    assert text_at(config, 3, 60).startswith("extra: 1")
