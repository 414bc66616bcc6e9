"""Checking files without resolving them: what `validate`, editors' CI and the pre-commit hook run.

No environment is needed: `${VAR}` is never substituted (a reference is a string like any other),
so a config validates on a machine without its secrets. A config's `$include`s are resolved
relative to it and confined to its folder; `auth-profiles.json` and `models.json` must be strict
JSON, as the engine reads them. Every problem found is returned, located by the same rule as the
resolution errors (`composition.source_map.locate_problem`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from .composition.includes import include_roots
from .composition.source_map import locate_problem
from .errors import ConfigError, ConfigWarning, Problem, in_file_order
from .paths import Locations
from .pipeline import ComposedConfig, compose_config, locate_active, read_config
from .schema.kinds import DocumentKind, kind_of
from .schema.validate import schema_problems
from .sources.json5_file import ParsedFile, read_text

CONFIG_NAME = "openclaw.json"
AUTH_STORE_NAME = "auth-profiles.json"
_WHAT = {"config": "config file", "auth-profiles": "auth profile store", "models-json": "models.json"}


@dataclass(frozen=True)
class FileCheck:
    """The problems of one named file, and the files its `$include`s brought in (real paths)."""

    path: Path
    problems: tuple[Problem, ...]
    included: frozenset[str] = frozenset()
    files: tuple[Path, ...] = ()  # every file read for it, the named one first
    warnings: tuple[ConfigWarning, ...] = ()

    @property
    def read(self) -> tuple[Path, ...]:
        return self.files or (self.path,)


@dataclass(frozen=True)
class ValidationReport:
    """What one `validate` run found: problems (errors), warnings, and every file it checked."""

    problems: tuple[Problem, ...]
    warnings: tuple[ConfigWarning, ...] = ()
    checked: tuple[Path, ...] = ()  # in the order they were read
    skipped: tuple[Path, ...] = ()  # named files that are not OpenClaw files (`openclaw_only`)

    @property
    def valid(self) -> bool:
        return not self.problems

    def findings(self) -> list[tuple[str, Problem]]:
        """Errors and warnings together, as ("error" | "warning", problem), in file and position order."""
        as_problems = [Problem(w.message, w.file, w.line, w.column, w.path) for w in self.warnings]
        severity = {id(p): "error" for p in self.problems} | {id(p): "warning" for p in as_problems}
        ordered = in_file_order([*self.problems, *as_problems])
        return [(severity[id(p)], p) for p in ordered]


def validate_file(path: Path | str, kind: DocumentKind | None = None) -> list[Problem]:
    """Every problem of the file at `path`; its kind comes from its name unless `kind` is given."""
    return list(check_file(Path(path), kind).problems)


def validate_files(paths: Iterable[Path | str], kind: DocumentKind | None = None) -> list[Problem]:
    """Every problem of the named files, each reported once (see `check_files`)."""
    return list(check_files(paths, kind).problems)


def check_files(
    paths: Iterable[Path | str], kind: DocumentKind | None = None, *, openclaw_only: bool = False
) -> ValidationReport:
    """Check the named files: every problem and warning, each once, and which files were read.

    A file that another named config includes is checked as part of that config, not on its own:
    a fragment such as `models.json5` is not a whole config (a pre-commit run names both). With
    `openclaw_only` (the pre-commit hook), a named file that is neither an `openclaw.json` nor an
    agent-dir file, nor included by an `openclaw.json` above it, is skipped: `renovate.json5` is
    some other tool's JSON5.
    """
    named = [Path(p) for p in paths]
    includes: dict[str, frozenset[str]] = {}  # config -> what it includes, for `_is_openclaw_file`
    skipped = [p for p in named if openclaw_only and kind is None and not _is_openclaw_file(p, includes)]
    checks = [check_file(p, kind) for p in named if p not in skipped]
    checks += _including_configs(checks, kind)
    covered = frozenset().union(*(check.included for check in checks))
    problems: dict[tuple[str | None, int | None, int | None, str], Problem] = {}
    warnings: dict[tuple[str | None, int | None, int | None, str], ConfigWarning] = {}
    for check in checks:
        if os.path.realpath(check.path) not in covered:
            for problem in check.problems:
                problems.setdefault((problem.file, problem.line, problem.column, problem.message), problem)
            for warning in check.warnings:
                warnings.setdefault((warning.file, warning.line, warning.column, warning.message), warning)
    checked = _unique(path for check in checks for path in check.read)
    return ValidationReport(tuple(in_file_order(problems.values())), tuple(warnings.values()), checked, tuple(skipped))


def _is_openclaw_file(path: Path, includes: dict[str, frozenset[str]]) -> bool:
    """An `openclaw.json`, an `auth-profiles.json`, or a fragment an `openclaw.json` above it includes.
    (Not a lone `models.json`: OpenClaw generates it, and other tools use the name too.)"""
    if path.name in (CONFIG_NAME, AUTH_STORE_NAME):
        return True
    real = os.path.realpath(path)
    for config in _configs_above(path):
        key = os.path.realpath(config)
        if key not in includes:
            includes[key] = _check_config(config).included
        if real in includes[key] or (not includes[key] and _mentions(config, path.name)):
            return True  # included; or the config does not compose, but names it: check rather than skip
    return False


def _mentions(config: Path, name: str) -> bool:
    try:
        return name in config.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _unique(paths: Iterable[Path]) -> tuple[Path, ...]:
    """`paths` without repeats (by real path), in order."""
    seen: dict[str, Path] = {}
    for path in paths:
        seen.setdefault(os.path.realpath(path), path)
    return tuple(seen.values())


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
    """The active config file and its problems (see `check_active`)."""
    locations = locate_active(environ)
    return locations.config_file, list(check_active(environ).problems)


def check_active(
    environ: Mapping[str, str], *, cwd: Path | str | None = None, home: Path | str | None = None
) -> ValidationReport:
    """What OpenClaw would read for `environ`: the active config with its includes, the auth
    profile store and both `.env` files (each only when it exists; a missing config is empty)."""
    locations = locate_active(environ, cwd=cwd, home=home)
    checks: list[FileCheck] = []
    if locations.config_file.exists():
        checks.append(_check_active_config(locations, environ))
    if locations.auth_store.exists():
        checks.append(_check_json_document(locations.auth_store, "auth-profiles"))
    for dotenv, workspace in ((locations.global_dotenv, False), (locations.workspace_dotenv, True)):
        if dotenv.exists():
            checks.append(_check_dotenv(dotenv, workspace=workspace))
    checked = _unique(path for check in checks for path in check.read)
    problems = in_file_order(p for check in checks for p in check.problems)
    warnings = tuple(w for check in checks for w in check.warnings)
    return ValidationReport(tuple(problems), warnings, checked)


def _check_active_config(locations: Locations, environ: Mapping[str, str]) -> FileCheck:
    try:
        composed = read_config(locations, environ)
    except ConfigError as exc:
        return FileCheck(locations.config_file, tuple(exc.problems))
    check = _composed_check(locations.config_file, composed)
    if check.problems:
        return check
    return replace(check, problems=tuple(_registry_problems(environ)))


def _registry_problems(environ: Mapping[str, str]) -> list[Problem]:
    """What OpenClaw's runtime would refuse in the models.json the active config produces. That
    depends on the environment (a key variable fills a missing apiKey), so it is only checked for
    the active config, and not when the config cannot be resolved here (a variable is missing)."""
    from .pipeline import resolve

    try:
        return list(resolve(env=environ).registry_problems)
    except ConfigError:
        return []


def _check_dotenv(path: Path, *, workspace: bool) -> FileCheck:
    """A `.env` file: each line that is not `KEY=value` (OpenClaw skips it) is a problem; a provider
    credential in the workspace `.env` (never read from there) is a warning."""
    from .providers.catalog import load_catalog
    from .sources.dotenv_syntax import assignments

    try:
        text = read_text(path, what=".env file")
    except ConfigError as exc:
        return FileCheck(path, tuple(exc.problems))
    problems, warnings = [], []
    catalog = load_catalog()
    found, skipped = assignments(text)
    for line in skipped:
        hint = "write it as NAME=value or NAME: value (a # starts a comment); OpenClaw skips this line"
        problems.append(Problem("this line is not a variable assignment", str(path), line, 1, hint=hint))
    for assignment in found:
        if workspace and catalog.is_credential_variable(assignment.name):
            message = (
                f"{assignment.name} is a provider credential, and OpenClaw never reads those from the workspace "
                ".env: put it in the process environment, the state-dir .env or an auth profile"
            )
            warnings.append(ConfigWarning(message, str(path), line=assignment.line, column=1))
    problems.sort(key=lambda p: p.line or 0)
    return FileCheck(path, tuple(problems), warnings=tuple(warnings))


def check_file(path: Path, kind: DocumentKind | None = None) -> FileCheck:
    """One file, standalone."""
    kind = kind or kind_of(path)
    if kind == "config":
        return _check_config(path)
    return _check_json_document(path, kind)


def _check_config(path: Path) -> FileCheck:
    try:
        # The process's include roots, as for the active config: the hint of an outside include says to set them.
        composed = compose_config(path, include_roots(path, os.environ.get("OPENCLAW_INCLUDE_ROOTS"), Path.home()))
    except ConfigError as exc:
        return FileCheck(path, tuple(exc.problems))
    return _composed_check(path, composed)


def _composed_check(path: Path, composed: ComposedConfig) -> FileCheck:
    from .composition.duplicate_keys import duplicate_key_warnings

    included = frozenset(os.path.realpath(f.path) for f in composed.included)
    problems = tuple(_located_schema_problems(composed, "config"))
    return FileCheck(path, problems, included, composed.files or (path,), tuple(duplicate_key_warnings(composed)))


def _check_json_document(path: Path, kind: DocumentKind) -> FileCheck:
    try:
        text = read_text(path, what=_WHAT[kind])
    except ConfigError as exc:
        return FileCheck(path, tuple(exc.problems))
    if _starts_with_bom(path):
        return FileCheck(path, (_bom_problem(path, kind),))
    from .sources.strict_json import StrictJsonError, load_strict_json

    try:
        value = load_strict_json(text)
    except StrictJsonError as exc:
        hint = "OpenClaw reads this file as strict JSON: no comments, single quotes or trailing commas"
        problem = Problem(f"JSON syntax error: {exc.message}", str(path), exc.line, exc.column, hint=hint)
        return FileCheck(path, (problem,))
    # A document without includes: the same locating rule then finds positions in this one file.
    document = ComposedConfig(value, ParsedFile(path, text, value), ())
    return FileCheck(path, tuple(_located_schema_problems(document, kind)))


def _starts_with_bom(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(3) == b"\xef\xbb\xbf"
    except OSError:
        return False


def _bom_problem(path: Path, kind: DocumentKind) -> Problem:
    """OpenClaw parses these files with JSON.parse, which rejects a byte-order mark: it then reads
    nothing of the file (no profile of an auth store counts)."""
    lost = "none of its profiles count" if kind == "auth-profiles" else "it is ignored"
    message = f"OpenClaw cannot read this file: it starts with a UTF-8 byte-order mark, so {lost}"
    return Problem(message, str(path), 1, 1, hint="save it as UTF-8 without a byte-order mark (BOM)")


def _located_schema_problems(composed: ComposedConfig, kind: DocumentKind) -> list[Problem]:
    """Located, in file and position order."""
    from .composition.non_finite import non_finite_problems

    texts = (f.text for f in (composed.root, *composed.included) if f is not None)
    problems = schema_problems(composed.value, kind)
    problems += non_finite_problems(composed.value, texts, problems)
    return in_file_order(locate_problem(p, composed) for p in problems)
