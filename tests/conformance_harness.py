"""The conformance cases (`fixtures/conformance/`) and the command contract they are checked through.

A case folder holds `case.json` (description, env with `@CASE@` placeholders, `error_mentions`),
`expected.json` (exit, models_json, status), and the `home/` and `cwd/` trees (absent when empty).
`prepare()` copies a case to a scratch folder and computes the environment a run gets (only the
case's variables plus PATH, PYTHONPATH and HOME); `run_commands()` runs the CLI there. The contract
is the one of the shared conformance README: `models-json --reveal` prints the document (keys in
full), `show --json` the registry, and a configuration error exits 1 with a message (no traceback)
on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from layout import UserLayout

CASES_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "conformance"
STATUS_KEYS = ("defaultModel", "resolvedDefault", "fallbacks", "aliases")
PLACEHOLDER = "@CASE@"


@dataclass(frozen=True)
class Case:
    """One case folder as recorded: its metadata and the result it expects."""

    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @cached_property
    def meta(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "case.json").read_text(encoding="utf-8"))
        return data

    @cached_property
    def expected(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "expected.json").read_text(encoding="utf-8"))
        return data

    @property
    def is_error(self) -> bool:
        return bool(self.expected["exit"])

    @property
    def error_mentions(self) -> list[str]:
        mentions: list[str] = self.meta.get("error_mentions", [])
        return mentions


@dataclass(frozen=True)
class PreparedCase(UserLayout):
    """A case copied to a scratch folder, ready to run: its root and the environment of a run."""

    root: Path
    case_env: dict[str, str]

    def process_env(self) -> dict[str, str]:
        """What a run sees: PATH (and PYTHONPATH when set), HOME, then the case's own variables."""
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.home)}
        if os.environ.get("PYTHONPATH"):
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        env.update(self.case_env)
        return env


def all_cases() -> list[Case]:
    return sorted(
        (Case(d) for d in CASES_DIR.iterdir() if (d / "expected.json").is_file()),
        key=lambda case: case.name,
    )


def prepare(case: Case, scratch: Path) -> PreparedCase:
    """Copy `case` under `scratch`, create the folders git could not keep, fill in `@CASE@`."""
    root = scratch / "case"
    shutil.copytree(case.folder, root, symlinks=True)
    for folder in ("home", "cwd"):
        (root / folder).mkdir(exist_ok=True)
    env = {name: value.replace(PLACEHOLDER, str(root)) for name, value in case.meta.get("env", {}).items()}
    return PreparedCase(root, env)


def run_commands(prepared: PreparedCase, *commands: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """`python -m openclaw_config ARGS` for each command, side by side, in the case's cwd and env only."""
    running = [
        (
            arguments,
            subprocess.Popen(
                [sys.executable, "-m", "openclaw_config", *arguments],
                cwd=prepared.cwd,
                env=prepared.process_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for arguments in commands
    ]
    results = []
    for arguments, process in running:
        stdout, stderr = process.communicate(timeout=60)
        results.append(subprocess.CompletedProcess(arguments, process.returncode, stdout, stderr))
    return results


def status_of(document: dict[str, Any]) -> dict[str, Any]:
    """The four fields of `show --json` the cases record."""
    return {key: document.get(key) for key in STATUS_KEYS}
