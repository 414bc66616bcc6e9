"""Which file, and which path inside it, a path of the composed config comes from.

Computed on demand (for an error message or an explanation) by walking the files as written,
`$include` by `$include`, with the same precedence as the merge: sibling keys over included files,
later included files over earlier ones, arrays split in order across the parts that were concatenated.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigPath, Problem
from ..sources.json5_file import ParsedFile
from .includes import INCLUDE_KEY

if TYPE_CHECKING:
    from ..pipeline import ComposedConfig

Origin = tuple[ParsedFile, ConfigPath]


def trace(path: ConfigPath, composed: ComposedConfig) -> Origin | None:
    """The file and in-file path that supplied `path` (or its deepest existing part)."""
    if composed.root is None:
        return None
    files = {os.path.realpath(f.path): f for f in composed.included}
    return _trace(composed.root.value, path, composed.root, (), files)


def _trace(node: Any, path: ConfigPath, file: ParsedFile, in_file: ConfigPath, files: dict[str, ParsedFile]) -> Origin:
    for i, segment in enumerate(path):
        if isinstance(node, dict) and INCLUDE_KEY in node:
            return _trace_include(node, path[i:], file, in_file, files)
        if _has(node, segment):
            node = node[segment]
        else:
            return file, in_file
        in_file = (*in_file, segment)
    if isinstance(node, dict) and INCLUDE_KEY in node:
        return file, (*in_file, INCLUDE_KEY)
    return file, in_file


def _has(node: Any, segment: str | int) -> bool:
    if isinstance(node, dict):
        return segment in node
    return isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node)


def _parts(
    node: dict[str, Any], file: ParsedFile, in_file: ConfigPath, files: dict[str, ParsedFile]
) -> list[tuple[Any, ParsedFile, ConfigPath]]:
    """The merged parts of an include node, in merge order: each included file, then the siblings."""
    spec = node[INCLUDE_KEY]
    parts: list[tuple[Any, ParsedFile, ConfigPath]] = []
    for target in spec if isinstance(spec, list) else [spec]:
        included = files.get(os.path.realpath(Path(file.path).parent / str(target)))
        if included is not None:
            parts.append((included.value, included, ()))
    siblings = {k: v for k, v in node.items() if k != INCLUDE_KEY}
    if siblings:
        parts.append((siblings, file, in_file))
    return parts


def _trace_include(
    node: dict[str, Any], rest: ConfigPath, file: ParsedFile, in_file: ConfigPath, files: dict[str, ParsedFile]
) -> Origin:
    parts = _parts(node, file, in_file, files)
    head, tail = rest[0], rest[1:]
    if isinstance(head, str):
        for value, part_file, part_path in reversed(parts):  # later parts win
            if isinstance(value, dict) and (head in value or INCLUDE_KEY in value):
                return _trace(value, rest, part_file, part_path, files)
    else:  # an index into arrays that were concatenated part after part
        for value, part_file, part_path in parts:
            if isinstance(value, list):
                if head < len(value):
                    return _trace(value[head], tail, part_file, (*part_path, head), files)
                head -= len(value)
    return file, (*in_file, INCLUDE_KEY)


def locate_problem(problem: Problem, composed: ComposedConfig) -> Problem:
    """`problem` with the file and line:column its config path points at."""
    if problem.path is None or problem.line is not None:
        return problem
    origin = trace(problem.path, composed)
    if origin is None:
        return problem
    file, in_file = origin
    from ..sources.locate import position_of

    position = position_of(file.text, in_file)
    line, column = position if position else (None, None)
    return replace(problem, file=str(file.path), line=line, column=column)
