"""Checking files without resolving them: what `validate`, editors' CI and the pre-commit hook run.

No environment is needed: `${VAR}` is never substituted (a reference is a string like any other),
so a config validates on a machine without its secrets. A config's `$include`s are resolved
relative to it and confined to its folder; `auth-profiles.json` and `models.json` must be strict
JSON, as the engine reads them. Every problem found is returned, located by the same rule as the
resolution errors (`composition.source_map.locate_problem`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .composition.includes import include_roots
from .composition.source_map import locate_problem
from .errors import ConfigError, Problem
from .pipeline import ComposedConfig, compose_config, locate_active, read_config
from .schema.kinds import DocumentKind, kind_of
from .schema.validate import schema_problems
from .sources.json5_file import ParsedFile, read_text

CONFIG_NAME = "openclaw.json"
_WHAT = {"config": "config file", "auth-profiles": "auth profile store", "models-json": "models.json"}


@dataclass(frozen=True)
class FileCheck:
    """The problems of one named file, and the files its `$include`s brought in (real paths)."""

    path: Path
    problems: tuple[Problem, ...]
    included: frozenset[str] = frozenset()


def validate_file(path: Path | str, kind: DocumentKind | None = None) -> list[Problem]:
    """Every problem of the file at `path`; its kind comes from its name unless `kind` is given."""
    return list(check_file(Path(path), kind).problems)


def validate_files(paths: Iterable[Path | str], kind: DocumentKind | None = None) -> list[Problem]:
    """Every problem of the named files, each reported once.

    A file that another named config includes is checked as part of that config, not on its own:
    a fragment such as `models.json5` is not a whole config (a pre-commit run names both).
    """
    checks = [check_file(Path(p), kind) for p in paths]
    checks += _including_configs(checks, kind)
    covered = frozenset().union(*(check.included for check in checks))
    problems: dict[tuple[str | None, int | None, int | None, str], Problem] = {}
    for check in checks:
        if os.path.realpath(check.path) not in covered:
            for problem in check.problems:
                problems.setdefault((problem.file, problem.line, problem.column, problem.message), problem)
    return list(problems.values())


def _including_configs(checks: list[FileCheck], kind: DocumentKind | None) -> list[FileCheck]:
    """Checks of the `openclaw.json` files above a lone fragment that include it.

    A commit that changes only `providers/local.json5` names only that file; it is no whole config,
    so it is checked through the config that includes it, found in its folder or the ones above.
    """
    named = {os.path.realpath(c.path) for c in checks}
    covered = frozenset().union(*(c.included for c in checks))
    found: dict[str, FileCheck] = {}
    for check in checks:
        fragment = os.path.realpath(check.path)
        if not check.problems or fragment in covered or check.path.name == CONFIG_NAME:
            continue
        if (kind or kind_of(check.path)) != "config":
            continue
        for config in _configs_above(check.path):
            real = os.path.realpath(config)
            if real in named or real in found:
                continue
            candidate = _check_config(config)
            if fragment in candidate.included:
                found[real] = candidate
    return list(found.values())


def _configs_above(path: Path, levels: int = 10) -> list[Path]:
    """`openclaw.json` files in the folders holding `path`, nearest first, up to a repository root."""
    found = []
    for folder in list(path.resolve().parents)[:levels]:
        if (folder / CONFIG_NAME).is_file():
            found.append(folder / CONFIG_NAME)
        if (folder / ".git").exists():
            break
    return found


def validate_active_config(environ: Mapping[str, str]) -> tuple[Path, list[Problem]]:
    """The active config file (SPEC section 1) and its problems; a missing file is an empty config."""
    locations = locate_active(environ)
    try:
        composed = read_config(locations, environ)
    except ConfigError as exc:
        return locations.config_file, list(exc.problems)
    return locations.config_file, _located_schema_problems(composed, "config") or _registry_problems(environ)


def _registry_problems(environ: Mapping[str, str]) -> list[Problem]:
    """What OpenClaw's runtime would refuse in the models.json the active config produces. That
    depends on the environment (a key variable fills a missing apiKey), so it is only checked for
    the active config, and not when the config cannot be resolved here (a variable is missing)."""
    from .pipeline import resolve

    try:
        return list(resolve(env=environ).registry_problems)
    except ConfigError:
        return []


def check_file(path: Path, kind: DocumentKind | None = None) -> FileCheck:
    """One file, standalone."""
    kind = kind or kind_of(path)
    if kind == "config":
        return _check_config(path)
    return _check_json_document(path, kind)


def _check_config(path: Path) -> FileCheck:
    try:
        composed = compose_config(path, include_roots(path, None, Path.home()))
    except ConfigError as exc:
        return FileCheck(path, tuple(exc.problems))
    included = frozenset(os.path.realpath(f.path) for f in composed.included)
    return FileCheck(path, tuple(_located_schema_problems(composed, "config")), included)


def _check_json_document(path: Path, kind: DocumentKind) -> FileCheck:
    try:
        text = read_text(path, what=_WHAT[kind])
    except ConfigError as exc:
        return FileCheck(path, tuple(exc.problems))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        from .sources.json5_positions import line_col

        line, column = line_col(text, exc.pos)
        hint = "OpenClaw reads this file as strict JSON: no comments, single quotes or trailing commas"
        return FileCheck(path, (Problem(f"JSON syntax error: {exc.msg}", str(path), line, column, hint=hint),))
    # A document without includes: the same locating rule then finds positions in this one file.
    document = ComposedConfig(value, ParsedFile(path, text, value), ())
    return FileCheck(path, tuple(_located_schema_problems(document, kind)))


def _located_schema_problems(composed: ComposedConfig, kind: DocumentKind) -> list[Problem]:
    located = (locate_problem(p, composed) for p in schema_problems(composed.value, kind))
    return sorted(located, key=_position)


def _position(problem: Problem) -> tuple[str, int, int]:
    """Document order, file by file, as linters list their findings."""
    return problem.file or "", problem.line or 0, problem.column or 0
