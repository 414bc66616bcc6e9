"""Every conformance case, through the command line (as a user runs it) and through `resolve()`."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

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


@pytest.mark.skipif(not SHARED_CASES.is_dir(), reason="the shared conformance cases are not next to the project")
def test_the_fixtures_are_an_exact_copy_of_the_shared_cases() -> None:
    def differences(comparison: filecmp.dircmp[str]) -> list[str]:
        found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files, *comparison.funny_files]
        return found + [d for sub in comparison.subdirs.values() for d in differences(sub)]

    assert differences(filecmp.dircmp(str(CASES_DIR), str(SHARED_CASES), ignore=[])) == []


@pytest.mark.parametrize("case", CASES, ids=CASE_NAMES)
def test_cli(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    models_json, show = run_commands(prepared, ["models-json"], ["show", "--json"])
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
