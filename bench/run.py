"""The benchmark of issue 5: generate the inputs, measure, print every target with PASS/FAIL.

Usage: python bench/run.py [--runs N] [--json] [--out DIR]

    --runs N   runs per measurement (default 11; fast in-process ones repeat more, the 10x ones less)
    --json     print the measurements and the targets as JSON instead of tables
    --out DIR  generate the inputs into DIR and keep them (default: a temporary directory)

Exit status 0 when every target holds, 1 otherwise.
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
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import Case, generate
from measure import Command, Stats, memory_tool, peak_memory, time_calls, time_process

from openclaw_config import Resolver, resolve
from openclaw_config.gc_pause import cycle_collection_paused
from openclaw_config.resolver import SETTLE_SECONDS

REFERENCE_SEED_MS = 3.6  # OpenClaw 2026.2.9 on Node 22, in-process load + registry, seed config
REFERENCE_PEAK_MIB = 343  # its `models status --json` on the 0.79 MB config
IMPORT_FLOOR = "import pydantic, pyjson5"


def measure_in_process(cases: dict[str, Case], runs: int) -> dict[str, Stats]:
    found: dict[str, Stats] = {}
    for name, case_runs in (("seed", runs * 20), ("big", runs), ("tree", runs), ("big10", max(3, runs // 3))):
        case = cases[name]
        found[f"resolve {name}"] = time_calls(partial(resolve, env=case.env, cwd=case.cwd), case_runs)
    for name in ("big", "big10"):
        # The floor: the same data as plain JSON, laid out as the config is (indented), parsed by the stdlib,
        # with the cycle collector paused the way `resolve_at` pauses it (see gc_pause). Otherwise the
        # floor alone would pay for collections (at 10x they add about 60% to its time).
        value = resolve(env=cases[name].env, cwd=cases[name].cwd).config
        text = json.dumps(value, indent=2)
        found[f"json.loads floor {name}"] = time_calls(
            cycle_collection_paused()(partial(json.loads, text)), runs if name == "big" else max(3, runs // 3)
        )
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


def measure_processes(cases: dict[str, Case], runs: int) -> dict[str, Stats]:
    def cli(case: Case, *args: str) -> Command:
        return Command([sys.executable, "-m", "openclaw_config", *args], _child_env(case), case.cwd)

    seed = cases["seed"]
    floor = Command([sys.executable, "-c", IMPORT_FLOOR], _child_env(seed), seed.cwd)
    found = {"import floor process": time_process(floor, runs)}
    memory_runs = max(3, runs // 3)
    for name in ("seed", "big", "big10"):
        command = cli(cases[name], "show", "--json")
        found[f"show --json {name}"] = time_process(command, runs if name != "big10" else max(3, runs // 3))
        found[f"show --json {name} peak"] = peak_memory(command, memory_runs)
    found["import floor peak"] = peak_memory(floor, memory_runs)
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


@dataclass(frozen=True)
class Target:
    work: str
    measured: float
    limit: float
    unit: str
    rule: str

    @property
    def passed(self) -> bool:
        return self.measured <= self.limit


def targets(m: dict[str, Stats]) -> list[Target]:
    def med(name: str) -> float:
        return m[name].median

    json_floor = med("json.loads floor big")
    floor_growth = med("json.loads floor big10") / json_floor  # context for the 10x row
    seed_limit = min(1.0, REFERENCE_SEED_MS / 3)
    return [
        Target("fresh in-process resolve, seed config", med("resolve seed"), seed_limit, "ms",
               f"<= 1 ms and <= 1/3 of {REFERENCE_SEED_MS} ms"),
        Target("cached Resolver.resolve(), nothing changed (seed)", med("cached seed"), 50, "us", "<= 50 us"),
        Target("cached Resolver.resolve(), nothing changed (0.79 MB)", med("cached big"), 50, "us", "<= 50 us"),
        Target("fresh in-process resolve, 0.79 MB config", med("resolve big"), 3 * json_floor, "ms",
               f"<= 3x json.loads floor ({json_floor:.2f} ms)"),
        Target("show --json whole process, seed config", med("show --json seed"), 1.5 * med("import floor process"),
               "ms", f"<= 1.5x `{IMPORT_FLOOR}` process ({med('import floor process'):.1f} ms)"),
        Target("show --json whole process, 0.79 MB config", med("show --json big"),
               med("show --json seed") + 3 * json_floor, "ms",
               f"<= seed show ({med('show --json seed'):.1f} ms) + 3x json floor ({json_floor:.2f} ms)"),
        Target("peak memory of show --json, 0.79 MB config", med("show --json big peak"), REFERENCE_PEAK_MIB / 3,
               "MiB", f"<= 1/3 of {REFERENCE_PEAK_MIB} MiB"),
        Target("10x the providers (fresh in-process resolve)", med("resolve big10") / med("resolve big"), 12, "x",
               f"<= 12x the 1x run ({med('resolve big'):.2f} ms); the json floor grew {floor_growth:.1f}x"),
    ]  # fmt: skip


def print_tables(m: dict[str, Stats], checks: list[Target], about: dict[str, Any]) -> None:
    print(f"python {about['python']} · {about['cpus']} CPUs · load average {about['load']}")
    print(f"config bytes {about['config bytes']} · peak memory from {about['memory tool']}\n")
    print("| measurement | median | min | max | runs |\n| --- | ---: | ---: | ---: | ---: |")
    for name, s in m.items():
        print(f"| {name} | {s.median:.3f} {s.unit} | {s.min:.3f} | {s.max:.3f} | {s.runs} |")
    print("\n| target | measured (median) | limit | rule | result |\n| --- | ---: | ---: | --- | --- |")
    for t in checks:
        verdict = "PASS" if t.passed else "FAIL"
        print(f"| {t.work} | {t.measured:.3f} {t.unit} | {t.limit:.3f} {t.unit} | {t.rule} | {verdict} |")


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark openclaw-config against the targets of issue 5.")
    parser.add_argument("--runs", type=int, default=11, help="runs per measurement (default 11)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--out", type=Path, help="generate the inputs here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openclaw-bench-") as temporary:
        cases = generate(args.out or Path(temporary))
        sizes = {name: case.config_bytes() for name, case in cases.items()}
        measured = {**measure_in_process(cases, args.runs), **measure_processes(cases, args.runs)}
    checks = targets(measured)
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
        }
        print(json.dumps(document, indent=2))
    else:
        print_tables(measured, checks, about)
    return 0 if all(t.passed for t in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
