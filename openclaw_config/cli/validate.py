"""`validate [FILE ...]`: check files the way linters do, for editors, CI and pre-commit.

Each finding is one line, `FILE:LINE:COL: error: CONFIG.PATH: message (hint)` (or `warning:`), on
stdout, and a line on stderr says what was checked ("3 files valid: ..."); `--format json` prints a
JSON list instead. Exit 0
when no error was found (warnings do not fail), 1 otherwise (argparse exits 2 on bad usage).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from ..errors import Problem
from ..outputs.findings import problem_dict
from ..outputs.paths import PathStyle
from ..schema.kinds import KINDS

if TYPE_CHECKING:
    from ..validation import ValidationReport

_LISTED_FILES = 5  # a success line names the files when there are no more than this


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="files to check (default: the active config with its includes, the auth profile store and both "
        ".env files)",
    )
    parser.add_argument(
        "--kind",
        choices=KINDS,
        help="what the files are (default: from the name: auth-profiles.json, models.json, else a config)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--openclaw-files-only",
        action="store_true",
        help="skip named files that are not OpenClaw's: only openclaw.json, auth-profiles.json and the files an "
        "openclaw.json above them includes are checked (what the pre-commit hook does)",
    )


def run(args: argparse.Namespace) -> int:
    from ..validation import check_active, check_files

    shown = PathStyle.of_process()
    if args.files:
        report = check_files(args.files, args.kind, openclaw_only=args.openclaw_files_only)
    else:
        from ..pipeline import locate_active

        report = check_active(os.environ)
        config = locate_active(os.environ).config_file
        if not config.exists():  # OpenClaw then runs with an empty config
            rest = "nothing to check" if not report.checked else "an empty config"
            print(f"no config file at {shown(config)}: {rest}", file=sys.stderr)
    if args.format == "json":  # full paths: programs read it
        json.dump(
            [problem_dict(p, severity) for severity, p in report.findings()], sys.stdout, indent=2, ensure_ascii=False
        )
        sys.stdout.write("\n")
    else:
        sys.stdout.writelines(lint_line(shown.file_of(p), severity) + "\n" for severity, p in report.findings())
        # What was checked goes to stderr: stdout holds only findings, one per line, for tools to read.
        if report.checked:
            print(summary(report, shown), file=sys.stderr)
        elif report.skipped:
            what = shown(report.skipped[0]) if len(report.skipped) == 1 else "none of the files named"
            print(f"nothing to check: {what} is not an OpenClaw file", file=sys.stderr)
    return 0 if report.valid else 1


def lint_line(problem: Problem, severity: str = "error") -> str:
    """`FILE:LINE:COL: error: CONFIG.PATH: message (hint)`, the form editors and CI annotate."""
    parts = [problem.location or "<unknown file>", severity]
    if problem.config_path:
        parts.append(problem.config_path)
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    return ": ".join([*parts, message])


def summary(report: ValidationReport, shown: PathStyle) -> str:
    """What was checked and found: "3 files valid: a, b, c" or "2 errors in 3 files checked"."""
    count = len(report.checked)
    files = f"{count} file{'s' if count != 1 else ''}"
    notes = []
    if report.warnings:
        notes.append(_plural(len(report.warnings), "warning"))
    if report.skipped:
        skipped = len(report.skipped)
        notes.append(f"{skipped} skipped: not {'an OpenClaw file' if skipped == 1 else 'OpenClaw files'}")
    tail = f" ({'; '.join(notes)})" if notes else ""
    if not report.valid:
        return f"{_plural(len(report.problems), 'error')} in {files} checked{tail}"
    names = ""
    if count <= _LISTED_FILES:
        names = ": " + ", ".join(shown(path) for path in report.checked)
    return f"{files} valid{names}{tail}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"
