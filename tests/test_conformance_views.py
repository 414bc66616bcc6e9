"""The views of every conformance case (`status --json`, `list --json`, `list --all --json [--full]`)
against what the reference printed, as `views_check` describes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance_harness import Case, all_cases, prepare, run_commands
from views_check import VIEW_COMMANDS, leaked_secrets, view_problem

CASES = [case for case in all_cases() if case.expected.get("views")]


def test_every_case_records_its_views() -> None:
    # A few deviation cases (where this project is deliberately safer) record no views.
    assert len(CASES) >= 90
    assert all(set(case.expected["views"]) == set(VIEW_COMMANDS) for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_views(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    names = list(VIEW_COMMANDS)
    results = run_commands(prepared, *(VIEW_COMMANDS[name] for name in names))
    secrets = case.meta.get("secrets", [])
    problems = []
    for name, result in zip(names, results, strict=True):
        want = case.expected["views"][name]
        label = " ".join(VIEW_COMMANDS[name])
        if "Traceback" in result.stderr:
            problems.append(f"{label}: Python traceback")
        leaked = leaked_secrets(result.stdout + result.stderr, secrets)
        if leaked:
            problems.append(f"{label}: prints secrets in full: {leaked}")
        if want["exit"] != 0:
            if result.returncode != 1:
                problems.append(f"{label}: exit {result.returncode}, expected 1")
            continue
        if result.returncode != 0:
            problems.append(f"{label}: exit {result.returncode}: {result.stderr.strip()[:300]!r}")
            continue
        found = view_problem(name, want, result.stdout, str(prepared.root), secrets)
        if found:
            problems.append(f"{label}: {found}")
    assert problems == []
