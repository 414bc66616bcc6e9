"""`$include` (SPEC section 3): replace `{"$include": ...}` objects with the content of other files.

Safer than OpenClaw 2026.2.9: an included file must lie (after following symlinks) inside the
directory of the top-level config or one of the extra include roots, and is size-limited.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ConfigPath, Problem, format_path
from ..sources.json5_file import ParsedFile, read_json5
from .tree import with_children

INCLUDE_KEY = "$include"
MAX_DEPTH = 10
MAX_INCLUDE_BYTES = 2_000_000
MAX_PATH_CHARS = 4096
#: The bound on the work of one composition: a file listing another ten times, ten levels down,
#: would otherwise mean 10^10 expansions. Each distinct file is read and parsed once.
MAX_EXPANSIONS = 1000
MAX_EXPANDED_BYTES = 64_000_000


@dataclass
class IncludeContext:
    """What every level of the walk shares: the allowed roots, the files read so far (by real path)
    and the work done."""

    roots: tuple[Path, ...]  # as configured: their real paths are worked out when an include is met
    files: list[ParsedFile] = field(default_factory=list)
    read: dict[str, ParsedFile] = field(default_factory=dict)
    expansions: int = 0
    expanded_bytes: int = 0
    problems: list[Problem] = field(default_factory=list)  # every include problem, reported at once

    def outside(self, real: str) -> str | None:
        """Why the opened file at `real` is refused, or None when it lies inside a root."""
        if any(_is_within(real, root) for root in self.real_roots):
            return None
        return f"resolves to {real}, outside the config directory"

    @cached_property
    def real_roots(self) -> tuple[Path, ...]:
        return tuple(Path(os.path.realpath(r)) for r in self.roots)


class _WorkBoundExceeded(ConfigError):
    """Expansion past the bound: the walk stops here (other problems could be 10^9 repeats)."""


def include_roots(config_file: Path, extra: str | None, home: Path) -> tuple[Path, ...]:
    """The config's own directory plus `OPENCLAW_INCLUDE_ROOTS` (a path list, `~` expanded), as
    written (symbolic links are followed only when an include is checked against them).

    Relative entries are taken relative to the config's directory, not the process's, so the
    answer does not depend on where the command happens to run.
    """
    roots = [config_file.parent]
    for entry in (extra or "").split(os.pathsep):
        entry = entry.strip()
        if entry == "~" or entry.startswith("~/"):
            roots.append(home / entry[2:])
        elif entry:
            roots.append(config_file.parent / entry)
    return tuple(roots)


def resolve_includes(root: ParsedFile, roots: tuple[Path, ...]) -> tuple[Any, list[ParsedFile]]:
    """The composed config value, and every included file read (for caches and explanations)."""
    if not root.may_contain(INCLUDE_KEY):
        return root.value, []  # the common case: nothing to expand, no path to resolve
    context = IncludeContext(roots)
    try:
        value = _walk_file(root, (), (os.path.realpath(root.path),), context)
    except _WorkBoundExceeded as exc:
        raise ConfigError([*context.problems, *exc.problems]) from None
    if context.problems:
        raise ConfigError(context.problems)
    return value, context.files


def _walk_file(file: ParsedFile, path: ConfigPath, chain: tuple[str, ...], ctx: IncludeContext) -> Any:
    if not file.may_contain(INCLUDE_KEY):
        return file.value  # the common case: no `$include` in this file, nothing to walk
    return _walk(file.value, path, (), file, chain, ctx)


def _walk(
    value: Any, path: ConfigPath, in_file: ConfigPath, file: ParsedFile, chain: tuple[str, ...], ctx: IncludeContext
) -> Any:
    """`value` with its `$include`s expanded; `value` itself when it holds none."""
    if isinstance(value, dict):
        if INCLUDE_KEY in value:
            return _expand(value, path, in_file, file, chain, ctx)
        children: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return value
    # Paths are built only on the way to an `$include`; the other subtrees (most of a large file
    # that has one) are only read. A subtree that holds one always comes back changed.
    changed = {
        key: _walk(child, (*path, key), (*in_file, key), file, chain, ctx)
        for key, child in children
        if _holds_include(child)
    }
    return with_children(value, changed)


def _holds_include(node: Any) -> bool:
    """Whether `node` or any object below it has an `$include` key (stops at the first).

    The values come from the JSON5 parser, so exact type tests suffice (and are faster).
    """
    if type(node) is dict:
        if INCLUDE_KEY in node:
            return True
        children: Iterable[Any] = node.values()
    elif type(node) is list:
        children = node
    else:
        return False
    for child in children:  # a loop, not any(): this runs for every node of the file
        if type(child) is not dict and type(child) is not list:
            continue
        if _holds_include(child):
            return True
    return False


def _expand(
    node: dict[str, Any],
    path: ConfigPath,
    in_file: ConfigPath,
    file: ParsedFile,
    chain: tuple[str, ...],
    ctx: IncludeContext,
) -> Any:
    spec = node[INCLUDE_KEY]
    targets: Sequence[Any] = spec if isinstance(spec, list) else [spec]
    # `$include: []` merges nothing (the siblings alone), as in OpenClaw
    if not all(isinstance(t, str) for t in targets):
        message = "$include must be a file name or a list of file names"
        ctx.problems.append(_located(file, (*in_file, INCLUDE_KEY), path, message, None))
        return {}
    # Each target is located at its own string: the `$include` value, or its item in a list.
    here = (*in_file, INCLUDE_KEY)
    spots = [(*here, i) for i in range(len(targets))] if isinstance(spec, list) else [here]
    parts = [_each_include(t, (*path, INCLUDE_KEY), at, file, chain, ctx) for t, at in zip(targets, spots, strict=True)]
    siblings = {k: _walk(v, (*path, k), (*in_file, k), file, chain, ctx) for k, v in node.items() if k != INCLUDE_KEY}
    if len(parts) == 1 and not siblings:
        return parts[0]
    if not all(isinstance(p, dict) for p in parts):
        raise _problem(
            file,
            (*in_file, INCLUDE_KEY),
            path,
            "an included file merged with others or with sibling keys must hold an object",
        )
    from .deep_merge import deep_merge

    merged: dict[str, Any] = {}
    for part in [*parts, siblings]:
        merged = deep_merge(merged, part)
    return merged


def _each_include(
    target: str, path: ConfigPath, in_file: ConfigPath, file: ParsedFile, chain: tuple[str, ...], ctx: IncludeContext
) -> Any:
    """The included value; a problem with this include is kept for the report (an empty object
    stands in for it) so that the walk goes on and finds the others."""
    try:
        return _include_file(target, path, in_file, file, chain, ctx)
    except _WorkBoundExceeded:
        raise
    except ConfigError as exc:
        ctx.problems.extend(exc.problems)
        return {}


def _include_file(
    target: str, path: ConfigPath, in_file: ConfigPath, file: ParsedFile, chain: tuple[str, ...], ctx: IncludeContext
) -> Any:
    if "\0" in target or len(target) >= MAX_PATH_CHARS:
        raise _problem(
            file, in_file, path, "include path refused: it contains a NUL byte or is 4096 characters or longer"
        )
    # normalized lexically first, as OpenClaw does: `./conf/../x.json5` needs no folder `conf`
    candidate = Path(os.path.normpath(target if os.path.isabs(target) else file.path.parent / target))
    real = os.path.realpath(candidate)
    outside = ctx.outside(real)
    if outside is not None:
        raise _problem(file, in_file, path, f"include {target!r} {outside}", hint=_ROOTS_HINT)
    if real in chain:
        cycle = " -> ".join([*chain[chain.index(real) :], real])
        raise _problem(file, in_file, path, f"include cycle: {cycle}")
    if len(chain) > MAX_DEPTH:
        raise _problem(file, in_file, path, f"includes nest deeper than {MAX_DEPTH} levels at {target!r}")
    included = ctx.read.get(real) or _read_included(candidate, real, target, path, in_file, file, ctx)
    ctx.expansions += 1
    ctx.expanded_bytes += len(included.text)
    if ctx.expansions > MAX_EXPANSIONS or ctx.expanded_bytes > MAX_EXPANDED_BYTES:
        message = (
            f"includes expand to more than {MAX_EXPANSIONS} files or {MAX_EXPANDED_BYTES // 1_000_000} MB "
            f"(at {target!r}); a file may be included over and over"
        )
        raise _WorkBoundExceeded([_located(file, in_file, path, message, "include each file once, or fewer times")])
    return _walk_file(included, path[:-1], (*chain, real), ctx)


_ROOTS_HINT = "move the file next to the config, or add its directory to OPENCLAW_INCLUDE_ROOTS"


def _read_included(
    candidate: Path,
    real: str,
    target: str,
    path: ConfigPath,
    in_file: ConfigPath,
    file: ParsedFile,
    ctx: IncludeContext,
) -> ParsedFile:
    """Read and parse an included file, once; the opened file itself is checked against the roots
    (a symlink swapped after the check above cannot let another file in)."""
    try:
        included = read_json5(candidate, what="included file", max_bytes=MAX_INCLUDE_BYTES, within=ctx.outside)
    except ConfigError as exc:
        # A problem inside the included file keeps its own position; one with the file as a whole
        # (missing, unreadable, too large, outside) is shown where the `$include` names it.
        problems = [p if p.line else _unreadable(p, target, file, in_file, path) for p in exc.problems]
        raise ConfigError(problems) from None
    ctx.read[real] = included
    ctx.files.append(included)
    return included


def _is_within(real: str, root: Path) -> bool:
    return real == str(root) or real.startswith(str(root).rstrip(os.sep) + os.sep)


def _unreadable(problem: Problem, target: str, file: ParsedFile, in_file: ConfigPath, path: ConfigPath) -> Problem:
    message = f"{problem.message}: {target!r} ({problem.file})"
    return _located(file, in_file, path, message, problem.hint)


def _problem(
    file: ParsedFile, in_file: ConfigPath, path: ConfigPath, message: str, hint: str | None = None
) -> ConfigError:
    return ConfigError([_located(file, in_file, path, message, hint)])


def _located(file: ParsedFile, in_file: ConfigPath, path: ConfigPath, message: str, hint: str | None) -> Problem:
    """A problem with the `$include` value at `in_file` of `file` (`path` in the composed config)."""
    from ..sources.locate import position_of

    position = position_of(file.text, in_file, "value")
    line, column = position if position else (None, None)
    where = format_path(path) or "(root)"
    return Problem(message, file=str(file.path), line=line, column=column, path=path, hint=hint or f"fix {where}")
