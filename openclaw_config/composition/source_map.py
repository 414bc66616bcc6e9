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
_Candidate = tuple[Any, ParsedFile, ConfigPath]  # a node as written, its file, its path in that file


def trace(path: ConfigPath, composed: ComposedConfig) -> Origin | None:
    """The file and in-file path that supplied `path` (or its deepest existing part)."""
    found = candidates(path, composed)
    return found[-1] if found else None


def candidates(path: ConfigPath, composed: ComposedConfig) -> list[Origin]:
    """Every place that wrote a value for `path`, in merge order: the last one is in effect.

    When `path` does not exist, the places of its deepest existing part.
    """
    if composed.root is None:
        return []
    files = {str(f.path): f for f in composed.included}
    current: list[_Candidate] = [(composed.root.value, composed.root, ())]
    for segment in path:
        current = _expand(current, files)
        following = _step(current, segment)
        if not following:
            break
        current = following
    return [(file, in_file) for _, file, in_file in current]


def _expand(found: list[_Candidate], files: dict[str, ParsedFile]) -> list[_Candidate]:
    """Replace each `$include` node by its parts (included files, then sibling keys), recursively."""
    out: list[_Candidate] = []
    for node, file, in_file in found:
        if isinstance(node, dict) and INCLUDE_KEY in node:
            out.extend(_expand(_parts(node, file, in_file, files), files))
        else:
            out.append((node, file, in_file))
    return out


def _step(found: list[_Candidate], segment: str | int) -> list[_Candidate]:
    if isinstance(segment, int):  # arrays of the parts were concatenated, in order
        index = segment
        for node, file, in_file in found:
            if isinstance(node, list):
                if index < len(node):
                    return [(node[index], file, (*in_file, index))]
                index -= len(node)
        return []
    # A non-object part overrides everything merged before it.
    last_scalar = max((i for i, (node, _, _) in enumerate(found) if not isinstance(node, dict)), default=-1)
    return [
        (node[segment], file, (*in_file, segment))
        for node, file, in_file in found[last_scalar + 1 :]
        if isinstance(node, dict) and segment in node
    ]


def _parts(
    node: dict[str, Any], file: ParsedFile, in_file: ConfigPath, files: dict[str, ParsedFile]
) -> list[_Candidate]:
    """The merged parts of an include node, in merge order: each included file, then the siblings."""
    spec = node[INCLUDE_KEY]
    parts: list[_Candidate] = []
    for target in spec if isinstance(spec, list) else [spec]:
        included = _included(Path(file.path).parent / str(target), files)
        if included is not None:
            parts.append((included.value, included, ()))
    siblings = {k: v for k, v in node.items() if k != INCLUDE_KEY}
    if siblings:
        parts.append((siblings, file, in_file))
    return parts


def _included(candidate: Path, files: dict[str, ParsedFile]) -> ParsedFile | None:
    """The included file read for `candidate`: by the path it was read at (no file system calls:
    explanations trace thousands of paths), else by real path."""
    found = files.get(str(candidate))
    if found is None:
        real = os.path.realpath(candidate)
        found = next((f for f in files.values() if os.path.realpath(f.path) == real), None)
    return found


def locate_problem(problem: Problem, composed: ComposedConfig) -> Problem:
    """`problem` with the file and line:column its config path points at (see `Problem.anchor`).

    The one locating rule for every located problem (resolution and `validate`): an unknown key is
    shown at the key, a missing field at the object that lacks it, anything else at the value, in
    whichever file (top-level or included) that key or value was written.
    """
    if problem.path is None or problem.line is not None:
        return problem
    missing_field = problem.anchor == "parent" and len(problem.path) > 0
    origin = trace(problem.path[:-1] if missing_field else problem.path, composed)
    if origin is None:
        return problem
    file, in_file = origin
    from ..sources.locate import position_of

    position = position_of(file.text, in_file, "key" if missing_field else problem.anchor)
    line, column = position if position else (None, None)
    return replace(problem, file=str(file.path), line=line, column=column)
