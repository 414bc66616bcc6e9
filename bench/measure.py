"""Timing helpers for the benchmark: repeated runs summarised as median, min and max.

In-process timings run `gc.collect()` before each run (never during it), for the work measured and
for its floor alike, so that garbage left by one run is not charged to the next. Whole-process
timings measure wall time around `subprocess.run`; peak memory comes from separate runs under
`/usr/bin/time -v`, or, without it, from a small Python parent reading its children's `ru_maxrss`.
"""

from __future__ import annotations

import gc
import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

TIME_BINARY = "/usr/bin/time"
_MAX_RSS = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_RSS_PARENT = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"  # kB on Linux
)


@dataclass(frozen=True)
class Stats:
    """Several runs of one measurement, in `unit` (ms, us or MiB)."""

    runs: int
    median: float
    min: float
    max: float
    unit: str

    @classmethod
    def of(cls, values: Sequence[float], unit: str) -> Stats:
        return cls(len(values), statistics.median(values), min(values), max(values), unit)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def time_calls(work: Callable[[], object], runs: int, *, batch: int = 1, unit: str = "ms") -> Stats:
    """`work()` timed `runs` times; with `batch`, each run is `batch` calls and counts their mean.

    Results are kept until the clock has stopped: freeing what a call returned is not the call's
    cost (a runtime keeps its registry, and frees it later, when it has a new one).
    """
    scale = {"ms": 1e3, "us": 1e6}[unit]
    work()  # warm-up: first-call costs (imports, compiled validator) are not what is measured
    values = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        results = [work() for _ in range(batch)]
        values.append((time.perf_counter() - start) / batch * scale)
        del results
    return Stats.of(values, unit)


def time_first_calls(args: Sequence[str], runs: int) -> Stats:
    """`runs` fresh processes that each time one call themselves and print its milliseconds
    (`first_call.py`): for calls whose cost depends on what earlier calls left in memory."""
    values = [float(subprocess.run(args, capture_output=True, text=True, check=True).stdout) for _ in range(runs)]
    return Stats.of(values, "ms")


@dataclass(frozen=True)
class Command:
    """A whole process to measure: its arguments, environment and working directory."""

    args: Sequence[str]
    env: Mapping[str, str]
    cwd: Path
    before_each: Callable[[], None] | None = None  # e.g. remove the file the command writes

    def run(self, prefix: Sequence[str] = ()) -> subprocess.CompletedProcess[str]:
        if self.before_each is not None:
            self.before_each()
        done = subprocess.run(
            [*prefix, *self.args], env=dict(self.env), cwd=self.cwd, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(self.args)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
        return done


def time_process(command: Command, runs: int) -> Stats:
    """Wall time of the whole process, in ms (one unmeasured run first: disk cache, .pyc files)."""
    command.run()
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        command.run()
        values.append((time.perf_counter() - start) * 1e3)
    return Stats.of(values, "ms")


def time_processes_side_by_side(commands: Sequence[Command], runs: int) -> list[Stats]:
    """Wall times of several processes, run in turn (a, b, a, b, ...) so that a change of machine load
    during the measurement falls on all of them alike; one unmeasured run of each first."""
    for command in commands:
        command.run()
    values: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            command.run()
            values[index].append((time.perf_counter() - start) * 1e3)
    return [Stats.of(found, "ms") for found in values]


def peak_memory(command: Command, runs: int) -> Stats:
    """Peak resident memory of the process, in MiB."""
    values = [_peak_kib(command) / 1024 for _ in range(runs)]
    return Stats.of(values, "MiB")


def memory_tool() -> str:
    return f"{TIME_BINARY} -v" if os.access(TIME_BINARY, os.X_OK) else "getrusage(RUSAGE_CHILDREN).ru_maxrss"


def _peak_kib(command: Command) -> float:
    if os.access(TIME_BINARY, os.X_OK):
        report = command.run([TIME_BINARY, "-v"]).stderr
        found = _MAX_RSS.search(report)
        if found is None:
            raise RuntimeError(f"no peak memory in the output of {TIME_BINARY} -v")
        return float(found.group(1))
    # A fresh parent per run, so that its children's maximum is this one command's peak.
    if command.before_each is not None:
        command.before_each()
    done = subprocess.run(
        [sys.executable, "-c", _RSS_PARENT, *command.args], env=dict(command.env), cwd=command.cwd,
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(done.stdout.strip())


def time_alternating(works: Sequence[Callable[[], object]], runs: int, *, unit: str = "ms") -> list[Stats]:
    """Each of `works` timed `runs` times, in turn (a, b, c, a, b, c, ...), so that a change of machine
    load falls on all of them alike; a warm-up call of each first, `gc.collect()` before every run and
    results kept until the clock has stopped, as in `time_calls`."""
    scale = {"ms": 1e3, "us": 1e6}[unit]
    for work in works:
        work()
    values: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for index, work in enumerate(works):
            gc.collect()
            start = time.perf_counter()
            result = work()
            values[index].append((time.perf_counter() - start) * scale)
            del result
    return [Stats.of(found, unit) for found in values]
