"""Every conformance case, through the command line (as a user runs it) and through `resolve()`."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conformance_harness import CASES_DIR, Case, all_cases, prepare, run_commands, status_of

from openclaw_config import ConfigError, EffectiveRegistry, resolve

CASES = all_cases()
REPO = CASES_DIR.parent.parent
SHARED_CASES = REPO.parent / "shared" / "conformance" / "cases"


CASE_NAMES = [case.name for case in CASES]


def test_the_fixtures_hold_the_cases() -> None:
    assert len(CASES) >= 50
    assert any((case.folder / "cwd" / ".env").is_file() for case in CASES), ".env files must be kept"


@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="not a git checkout")
def test_git_keeps_the_dotenv_files_of_the_cases() -> None:
    dotenvs = [str(p.relative_to(REPO)) for p in CASES_DIR.glob("*/**/.env")]
    ignored = subprocess.run(["git", "check-ignore", *dotenvs], cwd=REPO, capture_output=True, text=True, check=False)
    assert ignored.stdout == ""


def as_recorded(expected: dict[str, Any]) -> dict[str, Any]:
    """A fixture's expected.json as the reference first recorded it.

    Views re-recorded once models.json had settled (the reference's `list` races its own
    background models.json write) keep the first recording under `views_first_run`.
    """
    recorded = {key: value for key, value in expected.items() if key != "views_first_run"}
    if "views_first_run" in expected:
        recorded["views"] = {**expected["views"], **expected["views_first_run"]}
    return recorded


@pytest.mark.skipif(not SHARED_CASES.is_dir(), reason="the shared conformance cases are not next to the project")
def test_the_fixtures_are_a_copy_of_the_shared_cases() -> None:
    def differences(comparison: filecmp.dircmp[str], where: Path) -> list[str]:
        found = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
        for name in comparison.diff_files:
            ours, theirs = where / name, Path(comparison.right) / name
            if name != "expected.json" or as_recorded(json.loads(ours.read_text())) != json.loads(theirs.read_text()):
                found.append(str(where / name))
        return found + [d for key, sub in comparison.subdirs.items() for d in differences(sub, where / key)]

    assert differences(filecmp.dircmp(str(CASES_DIR), str(SHARED_CASES), ignore=[]), CASES_DIR) == []


def test_only_list_and_registry_views_are_re_recorded() -> None:
    for case in CASES:
        first_run = case.expected.get("views_first_run", {})
        assert set(first_run) <= {"list", "list_all", "registry"}, case.name
        if first_run:
            assert case.expected.get("exit", 0) == 0, f"{case.name}: an error case has nothing to settle"


@pytest.mark.parametrize("case", CASES, ids=CASE_NAMES)
def test_cli(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    models_json, show = run_commands(prepared, ["models-json", "--reveal"], ["show", "--json"])
    for result in (models_json, show):
        assert "Traceback" not in result.stderr
    if case.is_error:
        for result in (models_json, show):
            assert result.returncode == 1, result.stderr
            for mention in case.error_mentions:
                assert mention in result.stderr
        return
    assert models_json.returncode == 0, models_json.stderr
    assert json.loads(models_json.stdout) == (case.expected["models_json"] or {"providers": {}})
    assert show.returncode == 0, show.stderr
    assert status_of(json.loads(show.stdout)) == case.expected["status"]


@pytest.mark.parametrize("case", CASES, ids=CASE_NAMES)
def test_library(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)

    def resolve_case() -> EffectiveRegistry:
        return resolve(env=prepared.process_env(), cwd=prepared.cwd, home=prepared.home)

    if case.is_error:
        with pytest.raises(ConfigError) as caught:
            resolve_case()
        for mention in case.error_mentions:
            assert mention in str(caught.value)
        assert all(problem.file for problem in caught.value.problems), "every problem names its file"
        return
    registry = resolve_case()
    assert registry.to_models_json() == case.expected["models_json"]
    status = {
        "defaultModel": registry.default_model,
        "resolvedDefault": registry.resolved_default,
        "fallbacks": list(registry.fallbacks),
        "aliases": dict(registry.aliases),
    }
    assert status == case.expected["status"]
