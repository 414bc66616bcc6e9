"""Problems and warnings as JSON objects: one shape for `validate --format json`, `show --json`
and `status --json`, so a program reads every finding the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..errors import ConfigWarning, Problem, format_path


def problem_dict(problem: Problem, severity: str = "error") -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.config_path,
        "severity": severity,
        "message": problem.message,
        "hint": problem.hint,
    }


def warning_dict(warning: ConfigWarning, redact: Callable[[str], str] = str) -> dict[str, Any]:
    """A warning as `problem_dict` shapes a problem; `redact` cleans its message of secrets."""
    return {
        "file": warning.file,
        "line": warning.line,
        "column": warning.column,
        "path": None if warning.path is None else format_path(warning.path),
        "severity": "warning",
        "message": redact(warning.message),
        "hint": None,
    }


def errors_document(problems: Sequence[Problem]) -> dict[str, Any]:
    """What a failing `show --json` / `status --json` prints: every error, in file order."""
    return {"errors": [problem_dict(p) for p in problems]}


def print_errors_as_json(problems: Sequence[Problem]) -> None:
    """A failing `--json` command still prints JSON on stdout (the messages also go to stderr)."""
    import json
    import sys

    json.dump(errors_document(problems), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
