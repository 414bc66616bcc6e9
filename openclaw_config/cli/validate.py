"""`validate [FILE ...]`: check files the way linters do, for editors, CI and pre-commit.

Each problem is one line, `FILE:LINE:COL: error: CONFIG.PATH: message`, on stdout (or a JSON list
with `--format json`). Exit 0 when every file is valid, 1 when a problem was found (argparse exits
2 on bad usage).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..errors import Problem
from ..schema.kinds import KINDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="*", metavar="FILE", help="files to check (default: the active config, with its includes)"
    )
    parser.add_argument(
        "--kind",
        choices=KINDS,
        help="what the files are (default: from the name: auth-profiles.json, models.json, else a config)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    from ..validation import validate_active_config, validate_files

    if args.files:
        problems = validate_files(args.files, args.kind)
    else:
        config_file, problems = validate_active_config(os.environ)
        if not config_file.exists():
            print(f"no config file at {config_file}: nothing to check", file=sys.stderr)
    if args.format == "json":
        json.dump([_as_dict(p) for p in problems], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.writelines(lint_line(p) + "\n" for p in problems)
    return 1 if problems else 0


def lint_line(problem: Problem) -> str:
    """`FILE:LINE:COL: error: CONFIG.PATH: message (hint)`, the form editors and CI annotate."""
    parts = [problem.location or "<unknown file>", "error"]
    if problem.config_path:
        parts.append(problem.config_path)
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    return ": ".join([*parts, message])


def _as_dict(problem: Problem) -> dict[str, object]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.config_path,
        "message": problem.message,
        "hint": problem.hint,
    }
