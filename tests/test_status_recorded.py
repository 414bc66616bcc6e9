"""`status --json --check [--agent ID]` against what OpenClaw 2026.2.9 printed on the same files.

The cases under `fixtures/status_cases/` (the conformance case format) were recorded from the
reference with `models status --json --check`: profile order and cooldowns, OAuth expiry, agents,
credentials that are not keys. Times in them are far from today (2100, or 1970), so they hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance_harness import Case, prepare, run_commands
from views_check import leaked_secrets, view_problem

STATUS_CASES = Path(__file__).resolve().parent.parent / "fixtures" / "status_cases"
CASES = sorted((Case(d) for d in STATUS_CASES.iterdir() if (d / "expected.json").is_file()), key=lambda c: c.name)
VIEWS = [(case, view) for case in CASES for view in case.expected["views"]]


def test_there_are_recorded_cases() -> None:
    assert len(VIEWS) >= 5


@pytest.mark.parametrize(("case", "view"), VIEWS, ids=[f"{c.name}: {v}" for c, v in VIEWS])
def test_status_prints_the_reference_document(case: Case, view: str, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    (result,) = run_commands(prepared, ["status", "--json", "--check", *view.split()[1:]])
    want = case.expected["views"][view]
    secrets = case.meta.get("secrets", [])
    assert "Traceback" not in result.stderr
    assert leaked_secrets(result.stdout + result.stderr, secrets) == []
    assert result.returncode == want["exit"], result.stderr
    assert view_problem("status_full", want, result.stdout, str(prepared.root), secrets) is None
