"""More implicit-provider situations, recorded from OpenClaw 2026.2.9 (`fixtures/implicit_cases/`):
the Qwen CLI's OAuth file, a portal profile beside a key, a gateway key variable, a configured
copilot, qianfan, AWS credentials (Bedrock discovery, which offline adds nothing), an alias id, and
a key from the legacy `<agent dir>/auth.json` (no auth-profiles.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conformance_harness import Case, prepare, run_commands
from views_check import view_problem

CASES_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "implicit_cases"
CASES = sorted((Case(d) for d in CASES_ROOT.iterdir() if (d / "expected.json").is_file()), key=lambda c: c.name)


def test_there_are_recorded_cases() -> None:
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_models_json_and_status_are_the_references(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    models_json, status = run_commands(prepared, ["models-json", "--reveal"], ["status", "--json"])
    assert models_json.returncode == 0, models_json.stderr
    assert json.loads(models_json.stdout) == (case.expected["models_json"] or {"providers": {}})
    want = case.expected["views"]["status_full"]
    assert view_problem("status_full", want, status.stdout, str(prepared.root), case.meta["secrets"]) is None
