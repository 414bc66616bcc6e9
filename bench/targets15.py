"""The targets of issue 15, checked against the measurements of floor.py, and how they are printed.

Every "ours" figure is resolve() + write_models_json() in one warm process, in steady state (the
models.json of the previous run in place). "N x faster than the reference" is checked as
ours <= reference / N. A row that needs the reference is skipped, saying so, when it is not installed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from measure import Stats

FLOOR_FACTOR = 1.6
BIG_SPEEDUP = 8
SEED_SPEEDUP = 6
SHOW_SPEEDUP = 30
SHOW_IMPORT_FACTOR = 1.5
GROWTH_LIMIT = 11
IMPORT_FLOOR_15 = "import pydantic_core, pyjson5"


@dataclass(frozen=True)
class Row:
    """One row: measured <= limit, or skipped (with the reason)."""

    work: str
    measured: float | None
    limit: float | None
    unit: str
    rule: str
    skipped: str | None = None

    @property
    def passed(self) -> bool | None:
        if self.measured is None or self.limit is None:
            return None
        return self.measured <= self.limit

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "SKIP"}[self.passed]


def targets_15(m: Mapping[str, Stats], facts: Mapping[str, Any]) -> list[Row]:
    """Every target of issue 15."""
    med = {name: s.median for name, s in m.items()}
    big, floor, plain = med["ours big"], med["floor paused big"], med["floor big"]
    installed = bool(facts.get("reference installed"))
    skipped = f"skipped: {facts.get('reference')}"
    rows = [
        Row(
            "0.79 MB config, resolve()+write_models_json(), steady state",
            big,
            FLOOR_FACTOR * floor,
            "ms",
            f"<= {FLOOR_FACTOR}x the floor under cycle_collection_paused() ({floor:.2f} ms; "
            f"the plain floor, gc as normal: {plain:.2f} ms)",
        ),
        _against_reference(
            "0.79 MB config, resolve()+write_models_json(), vs the reference in-process",
            big,
            med.get("reference in-process big"),
            BIG_SPEEDUP,
            installed,
            skipped,
        ),
        _against_reference(
            "seed config, resolve()+write_models_json(), vs the reference in-process",
            med["ours seed"],
            med.get("reference in-process seed"),
            SEED_SPEEDUP,
            installed,
            skipped,
        ),
    ]
    show = med["show --json seed (15)"]
    if installed:
        status = med["reference models status --json seed"]
        rows.append(
            Row(
                "show --json whole process, seed config, vs the reference",
                show,
                status / SHOW_SPEEDUP,
                "ms",
                f">= {SHOW_SPEEDUP}x faster than `openclaw models status --json` ({status:.0f} ms): "
                f"{status / show:.1f}x",
            )
        )
    else:
        imports = med["import floor process (15)"]
        rows.append(
            Row(
                "show --json whole process, seed config",
                show,
                SHOW_IMPORT_FACTOR * imports,
                "ms",
                f'<= {SHOW_IMPORT_FACTOR}x `python -c "{IMPORT_FLOOR_15}"` ({imports:.1f} ms; '
                "the reference is not installed)",
            )
        )
    growth, floor_growth = med["ours big10"] / big, med["floor paused big10"] / floor
    rows.append(
        Row(
            "10x the providers (big10 over big), resolve()+write_models_json()",
            growth,
            GROWTH_LIMIT,
            "x",
            f"<= {GROWTH_LIMIT}x ({big:.1f} ms -> {med['ours big10']:.1f} ms); the paused floor grew "
            f"{floor_growth:.1f}x",
        )
    )
    loads = facts["catalog loads during the runs"]
    in_place = facts["catalog in place"] and facts["probe sees a direct load"]
    rows.append(
        Row(
            "resolve()+write_models_json() never loads the built-in catalog",
            loads if in_place else None,
            0,
            "loads",
            "load_builtin_catalog() called 0 times over every run, the catalog file in place "
            "and a direct load afterwards seen by the same probe",
            None if in_place else "the catalog file is missing or the probe does not see a load",
        )
    )
    return rows  # fmt: skip


def _against_reference(
    work: str, ours: float, reference: float | None, speedup: float, installed: bool, skipped: str
) -> Row:
    if not installed or reference is None:
        return Row(work, None, None, "ms", f">= {speedup}x faster than the reference", skipped)
    return Row(work, ours, reference / speedup, "ms",
               f">= {speedup}x faster than the reference ({reference:.2f} ms): {reference / ours:.1f}x")  # fmt: skip


def information_15(m: Mapping[str, Stats], facts: Mapping[str, Any]) -> list[str]:
    """What a reader needs beside the rows: is 8x reachable at all, and the other readings."""
    med = {name: s.median for name, s in m.items()}
    lines = []
    reference = med.get("reference in-process big")
    if reference is not None:
        paused, plain = reference / med["floor paused big"], reference / med["floor big"]
        lines.append(
            f"the floor's own speed-up over the reference in-process, 0.79 MB: {paused:.1f}x (paused floor), "
            f"{plain:.1f}x (plain floor); the target for ours is {BIG_SPEEDUP}x"
        )
        seed_paused = med["reference in-process seed"] / med["floor paused seed"]
        lines.append(
            f"the floor's own speed-up over the reference in-process, seed: {seed_paused:.1f}x "
            f"(paused floor); the target for ours is {SEED_SPEEDUP}x"
        )
        imports = med["import floor process (15)"]
        lines.append(
            f'show --json seed against `python -c "{IMPORT_FLOOR_15}"` ({imports:.1f} ms), the rule '
            f"without the reference: {med['show --json seed (15)'] / imports:.2f}x (<= {SHOW_IMPORT_FACTOR}x)"
        )
        rewrote = facts["ours rewrote the reference's models.json"]
        lines.append(f"after the reference's runs, our write changed its models.json (False = identical): {rewrote}")
    lines.append(
        f"ours against the paused floor, seed: {med['ours seed'] / med['floor paused seed']:.2f}x; "
        f"big10: {med['ours big10'] / med['floor paused big10']:.2f}x"
    )
    lines.append(
        f"timed writes that changed models.json (0 = steady state throughout): "
        f"{facts['timed writes that changed models.json']}"
    )
    lines.append(f"reference: {facts['reference']}; catalog: {facts['catalog file']}")
    return lines  # fmt: skip


def print_section_15(m: Mapping[str, Stats], rows: list[Row], information: list[str]) -> None:
    print("\nIssue 15: the floor and the reference, measured in this run")
    print("| measurement | median | min | max | runs |\n| --- | ---: | ---: | ---: | ---: |")
    for name, s in m.items():
        print(f"| {name} | {s.median:.3f} {s.unit} | {s.min:.3f} | {s.max:.3f} | {s.runs} |")
    print("\nTargets (issue 15):")
    print("| target | measured (median) | limit | rule | result |\n| --- | ---: | ---: | --- | --- |")
    for row in rows:
        if row.passed is None:
            print(f"| {row.work} | | | {row.rule}; {row.skipped} | SKIP |")
        else:
            print(f"| {row.work} | {row.measured:.3f} {row.unit} | {row.limit:.3f} {row.unit} | {row.rule} | "
                  f"{row.verdict} |")  # fmt: skip
    print("\nInformation (issue 15):")
    for line in information:
        print(f"- {line}")
