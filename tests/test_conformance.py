"""Every conformance case, through the command line (as a user runs it) and through `resolve()`."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import pytest
from conformance_harness import CASES_DIR, Case, all_cases, prepare, run_command, status_of

from openclaw_config import ConfigError, EffectiveRegistry, resolve

CASES = all_cases()
SHARED_CASES = CASES_DIR.parent.parent.parent / "shared" / "conformance" / "cases"


CASE_NAMES = [case.name for case in CASES]


def test_the_fixtures_hold_the_cases() -> None:
    assert len(CASES) >= 50
    assert any((case.folder / "cwd" / ".env").is_file() for case in CASES), ".env files must be kept"


@pytest.mark.skipif(not SHARED_CASES.is_dir(), reason="the shared conformance cases are not next to the project")
def test_the_fixtures_are_an_exact_copy_of_the_shared_cases() -> None:
    def differences(comparison: filecmp.dircmp[str]) -> list[str]:
        found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files, *comparison.funny_files]
        return found + [d for sub in comparison.subdirs.values() for d in differences(sub)]

    assert differences(filecmp.dircmp(str(CASES_DIR), str(SHARED_CASES), ignore=[])) == []


@pytest.mark.parametrize("case", CASES, ids=CASE_NAMES)
def test_cli(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    models_json = run_command(prepared, "models-json")
    show = run_command(prepared, "show", "--json")
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
