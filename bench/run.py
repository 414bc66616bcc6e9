"""The benchmarks of issues 5 and 15: generate the inputs, measure, print every target with PASS/FAIL.

Usage: python bench/run.py [--runs N] [--json] [--out DIR]

    --runs N   runs per measurement (default 11; fast in-process ones repeat more, the 10x ones less)
    --json     print the measurements and the targets as JSON instead of tables
    --out DIR  generate the inputs into DIR and keep them (default: a temporary directory)

Exit status 0 when every target holds (a skipped one does not count), 1 otherwise. The floors and
readings: see targets.py (issue 5) and floor.py, targets15.py (issue 15). Issue 15's measurements run
last: they leave a models.json in each case's agent dir, which issue 5's runs must not find.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from floor import measure_issue_15
from generate import Case, generate
from measure import (
    Command,
    Stats,
    memory_tool,
    peak_memory,
    time_calls,
    time_first_calls,
    time_process,
    time_processes_side_by_side,
)
from targets import IMPORT_FLOOR, JSON_FLOOR, print_tables, readings, targets
from targets15 import information_15, print_section_15, targets_15

from openclaw_config import Resolver, resolve
from openclaw_config.gc_pause import cycle_collection_paused
from openclaw_config.resolver import SETTLE_SECONDS

HERE = Path(__file__).resolve().parent


def write_plain_json(cases: dict[str, Case]) -> None:
    """The config data of the cases the json floors parse (the seed one warms up first_call.py), as plain
    JSON, indented as the config is."""
    for case in (cases["seed"], cases["big"], cases["big10"]):
        value = resolve(env=case.env, cwd=case.cwd).config
        (case.root / "plain.json").write_text(json.dumps(value, indent=2), encoding="utf-8")


def measure_in_process(cases: dict[str, Case], runs: int) -> dict[str, Stats]:
    found: dict[str, Stats] = {}
    few = max(3, runs // 3)  # the 10x runs take a quarter of a second each
    for name, case_runs in (("seed", runs * 20), ("big", runs), ("tree", runs), ("big10", few)):
        case = cases[name]
        found[f"resolve {name}"] = time_calls(partial(resolve, env=case.env, cwd=case.cwd), case_runs)
    for name in ("big", "big10"):
        # In-process json.loads, under the same cycle-collector pause as `resolve_at` (see gc_pause),
        # so that both pay the same garbage-collection costs.
        text = (cases[name].root / "plain.json").read_text(encoding="utf-8")
        parse = cycle_collection_paused()(partial(json.loads, text))
        found[f"json.loads floor {name}"] = time_calls(parse, runs if name == "big" else few)
    for name in ("seed", "big", "tree"):
        found[f"cached {name}"] = time_calls(_cached(cases[name]), runs, batch=1000, unit="us")
    return found


def _cached(case: Case) -> Callable[[], object]:
    # Files modified less than SETTLE_SECONDS ago are read once more after that: wait that out first.
    newest = max(max(p.stat().st_mtime, p.stat().st_ctime) for p in case.root.rglob("*") if p.is_file())
    time.sleep(max(0.0, newest + SETTLE_SECONDS - time.time()))
    resolver = Resolver(env=case.env, cwd=case.cwd)
    first = resolver.resolve()

    def again() -> object:
        registry = resolver.resolve()
        if registry is not first:
            raise RuntimeError(f"{case.name}: the cached call resolved again")
        return registry

    return again


def measure_first_calls(cases: dict[str, Case], runs: int) -> dict[str, Stats]:
    """The 10x row: the first call of a fresh process, at 1x and at 10x (see first_call.py)."""
    found: dict[str, Stats] = {}
    for what in ("resolve", "json.loads"):
        for name in ("big", "big10"):
            args = [sys.executable, str(HERE / "first_call.py"), what, str(cases[name].root), str(cases["seed"].root)]
            found[f"first {what} {name}"] = time_first_calls(args, runs if name == "big" else max(5, runs // 2))
    return found


def measure_processes(cases: dict[str, Case], runs: int) -> dict[str, Stats]:
    def cli(case: Case, *args: str) -> Command:
        return Command([sys.executable, "-m", "openclaw_config", *args], _child_env(case), case.cwd)

    seed = cases["seed"]
    floor = Command([sys.executable, "-c", IMPORT_FLOOR], _child_env(seed), seed.cwd)
    plain = str(cases["big"].root / "plain.json")
    json_floor = Command([sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))", plain], {}, seed.cwd)
    found = {"import floor process": time_process(floor, runs), JSON_FLOOR: time_process(json_floor, runs)}
    memory_runs = max(3, runs // 3)
    for name in ("seed", "big", "big10"):
        command = cli(cases[name], "show", "--json")
        found[f"show --json {name}"] = time_process(command, runs if name != "big10" else max(3, runs // 3))
        found[f"show --json {name} peak"] = peak_memory(command, memory_runs)
    found["import floor peak"] = peak_memory(floor, memory_runs)
    # issue 11: `status --json` against `show --json` on the seed, measured side by side
    status, show = time_processes_side_by_side([cli(seed, "status", "--json"), cli(seed, "show", "--json")], runs)
    found["status --json seed"], found["show --json seed, beside status"] = status, show
    for name in ("seed", "big"):
        case = cases[name]
        agent_dir = case.root / "write-agent"  # not the case's own: the show runs must not find a models.json
        write = Command(
            cli(case, "models-json", "--write", "--agent-dir", str(agent_dir)).args,
            _child_env(case),
            case.cwd,
            before_each=partial(Path.unlink, agent_dir / "models.json", missing_ok=True),  # so that each run writes
        )
        found[f"models-json --write {name}"] = time_process(write, runs)
    return found


def _child_env(case: Case) -> dict[str, str]:
    passed = {k: os.environ[k] for k in ("PYTHONPATH",) if k in os.environ}
    return {**case.env, **passed}


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark openclaw-config against the targets of issues 5 and 15.")
    parser.add_argument("--runs", type=int, default=11, help="runs per measurement (default 11)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--out", type=Path, help="generate the inputs here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openclaw-bench-") as temporary:
        cases = generate(args.out or Path(temporary))
        write_plain_json(cases)
        sizes = {name: case.config_bytes() for name, case in cases.items()}
        measured = {
            **measure_in_process(cases, args.runs),
            **measure_first_calls(cases, args.runs),
            **measure_processes(cases, args.runs),
        }
        measured_15, facts_15 = measure_issue_15(cases, args.runs, _child_env)
    checks, strict = targets(measured), readings(measured)
    rows_15, information = targets_15(measured_15, facts_15), information_15(measured_15, facts_15)
    about = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "memory tool": memory_tool(),
        "config bytes": sizes,
    }
    if args.json:
        document = {
            "about": about,
            "measurements": {name: s.as_dict() for name, s in measured.items()},
            "targets": [{**asdict(t), "passed": t.passed} for t in checks],
            "stricter readings": [{**asdict(t), "passed": t.passed} for t in strict],
            "issue 15": {
                "measurements": {name: s.as_dict() for name, s in measured_15.items()},
                "facts": facts_15,
                "targets": [{**asdict(row), "passed": row.passed, "result": row.verdict} for row in rows_15],
                "information": information,
            },
        }
        print(json.dumps(document, indent=2))
    else:
        print_tables(measured, checks, strict, about)
        print_section_15(measured_15, rows_15, information)
    failed = [t for t in checks if not t.passed] + [row for row in rows_15 if row.passed is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
