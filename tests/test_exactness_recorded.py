"""Divergences of issue 16 recorded from OpenClaw 2026.2.9 (`fixtures/exactness_cases/`): what an
existing models.json holds besides provider objects.

- `models_json_non_object_entries_kept`: entries that are not objects (`5`, `"text"`, `[...]`,
  `true`) are written back as they are, in their place; the runtime then refuses the whole file.
- `models_json_null_entry_blocks_write`: a `null` entry makes the reference fail while rewriting the
  file, which stays as it was (its own `models list` then fails too, so only status is compared).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conformance_harness import Case, prepare, run_commands
from views_check import VIEW_COMMANDS, view_problem

CASES_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "exactness_cases"
CASES = sorted((Case(d) for d in CASES_ROOT.iterdir() if (d / "expected.json").is_file()), key=lambda c: c.name)


def _models_json(home: Path) -> Path:
    return home / ".openclaw" / "agents" / "main" / "agent" / "models.json"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_written_file_is_the_references_byte_for_byte(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    path = _models_json(prepared.root / "home")
    rewritten = json.loads(path.read_text(encoding="utf-8")) != case.expected["models_json"]
    (written,) = run_commands(prepared, ["models-json", "--write"])
    assert written.returncode == 0, written.stderr
    got = path.read_text(encoding="utf-8")
    assert json.loads(got) == case.expected["models_json"]
    if rewritten:  # the reference wrote it: the very bytes (a file it kept is checked below)
        assert got == json.dumps(case.expected["models_json"], indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_views_the_reference_could_print_are_its(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    names = [name for name in VIEW_COMMANDS if case.expected["views"][name]["exit"] == 0]
    if "registry" not in names:  # the reference crashed on it: its `models list` is no guide either
        names = ["status_full"]
    results = run_commands(prepared, *(VIEW_COMMANDS[name] for name in names))
    problems = []
    for name, result in zip(names, results, strict=True):
        assert result.returncode == 0, result.stderr
        found = view_problem(name, case.expected["views"][name], result.stdout, str(prepared.root), [])
        if found:
            problems.append(f"{name}: {found}")
    assert problems == []


def test_a_non_object_entry_is_a_registry_problem_and_nothing_else_is_lost(tmp_path: Path) -> None:
    (case,) = (c for c in CASES if c.name == "models_json_non_object_entries_kept")
    prepared = prepare(case, tmp_path)
    (shown,) = run_commands(prepared, ["show", "--json"])
    document = json.loads(shown.stdout)
    assert set(document["providers"]) == {"openai", "xiaomi"}  # the entries kept as is are no providers
    flagged = {p["provider"] for p in document["registryProblems"] if "must be an object" in p["message"]}
    assert flagged == {"num", "str", "arr", "flag"}


def test_a_null_entry_keeps_the_file_and_says_why(tmp_path: Path) -> None:
    (case,) = (c for c in CASES if c.name == "models_json_null_entry_blocks_write")
    prepared = prepare(case, tmp_path)
    before = _models_json(prepared.root / "home").read_bytes()
    shown, written = run_commands(prepared, ["show", "--json"], ["models-json", "--write"])
    warnings = [w["message"] for w in json.loads(shown.stdout)["warnings"]]
    assert any("providers.nul = null" in w and "keeps it as it is" in w for w in warnings), warnings
    assert "xiaomi" not in json.loads(shown.stdout)["providers"]  # configured now, but never reaches the runtime
    assert written.returncode == 0
    assert _models_json(prepared.root / "home").read_bytes() == before
