"""The pure logic of issue 15's benchmark rows (bench/targets15.py, bench/floor.py): how a row is
decided and skipped, and the .env the reference's in-process loop is given. No timing here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from floor import dotenv_variables
from generate import write_home
from measure import Stats
from targets15 import targets_15


def _stats(median: float, unit: str = "ms") -> Stats:
    return Stats(runs=3, median=median, min=median, max=median, unit=unit)


def _measured(*, reference: bool, ours_big: float = 50.0) -> dict[str, Stats]:
    found = {
        "ours seed": _stats(0.4),
        "floor seed": _stats(0.2),
        "floor paused seed": _stats(0.2),
        "ours big": _stats(ours_big),
        "floor big": _stats(35.0),
        "floor paused big": _stats(32.0),
        "ours big10": _stats(ours_big * 10.5),
        "floor big10": _stats(400.0),
        "floor paused big10": _stats(320.0),
        "show --json seed (15)": _stats(60.0),
        "import floor process (15)": _stats(50.0),
    }
    if reference:
        found["reference in-process big"] = _stats(400.0)
        found["reference in-process seed"] = _stats(2.0)
        found["reference models status --json seed"] = _stats(2400.0)
    return found


def _facts(*, reference: bool, loads: int = 0) -> dict[str, object]:
    return {
        "reference installed": reference,
        "reference": "/tmp/oc/pkg/package on node" if reference else "the reference is not installed (x)",
        "catalog loads during the runs": loads,
        "catalog in place": True,
        "probe sees a direct load": True,
    }


def test_without_the_reference_its_rows_are_skipped_saying_why() -> None:
    rows = targets_15(_measured(reference=False), _facts(reference=False))
    verdicts = {row.work: row.verdict for row in rows}
    skipped = [row for row in rows if row.verdict == "SKIP"]
    assert len(skipped) == 2
    assert all("the reference is not installed" in (row.skipped or "") for row in skipped)
    show = next(row for row in rows if row.work.startswith("show --json"))
    assert show.limit == pytest.approx(1.5 * 50.0)  # the import floor's rule, not the reference's
    assert verdicts["0.79 MB config, resolve()+write_models_json(), steady state"] == "PASS"  # 50 <= 1.6 x 32


def test_n_times_faster_is_ours_at_most_the_reference_over_n() -> None:
    fast = {row.work: row for row in targets_15(_measured(reference=True, ours_big=50.0), _facts(reference=True))}
    slow = {row.work: row for row in targets_15(_measured(reference=True, ours_big=51.0), _facts(reference=True))}
    name = "0.79 MB config, resolve()+write_models_json(), vs the reference in-process"
    assert fast[name].limit == pytest.approx(400.0 / 8)
    assert (fast[name].verdict, slow[name].verdict) == ("PASS", "FAIL")
    show = fast["show --json whole process, seed config, vs the reference"]
    assert (show.limit, show.verdict) == (pytest.approx(80.0), "PASS")
    seed = fast["seed config, resolve()+write_models_json(), vs the reference in-process"]
    assert seed.verdict == "FAIL"  # 0.4 ms is not 6x faster than 2.0 ms


def test_a_catalog_load_fails_its_row_and_growth_is_checked_against_11x() -> None:
    rows = {row.work: row for row in targets_15(_measured(reference=True), _facts(reference=True, loads=1))}
    assert rows["resolve()+write_models_json() never loads the built-in catalog"].verdict == "FAIL"
    growth = rows["10x the providers (big10 over big), resolve()+write_models_json()"]
    assert (growth.measured, growth.verdict) == (pytest.approx(10.5), "PASS")


def test_dotenv_variables_read_the_generated_cases_env_file(tmp_path: Path) -> None:
    case = write_home(tmp_path / "big", {"PATH": "/usr/bin:/bin"})
    variables = dotenv_variables((case.home / ".openclaw" / ".env").read_text(encoding="utf-8"))
    assert variables["GATEWAY_KEY_0"] == "sk-gateway-00-" + "x" * 24
    assert sorted(variables) == [f"GATEWAY_KEY_{i}" for i in range(8)]


def test_dotenv_variables_skip_comments_and_unquote() -> None:
    text = "# a comment\n\nexport A=1\nB = 'two words'\nC=\"x=y\"\nnot a pair\n"
    assert dotenv_variables(text) == {"A": "1", "B": "two words", "C": "x=y"}
