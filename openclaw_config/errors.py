"""Problems, warnings and the one exception the engine raises.

A `Problem` is one thing wrong with the user's input, located as precisely as we can: the file, the
line and column when we know them, and the config path (`models.providers.foo.baseUrl`). A
`ConfigError` carries every problem found, not only the first, so one run shows the user everything
to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

ConfigPath = tuple[str | int, ...]

Anchor = Literal["key", "value", "parent"]
"""What a problem's line:column points at, for its config path: the key (an unknown key), the value
(most problems), or the object that lacks a required field ("parent")."""


def location_of(file: str | None, line: int | None, column: int | None) -> str:
    """`FILE:LINE:COL`, `FILE` or empty: the linter-style prefix of problems and warnings."""
    if file is None:
        return ""
    return file if line is None else f"{file}:{line}:{column or 1}"


def format_path(path: ConfigPath) -> str:
    """`("models", "providers", "foo", "models", 0)` -> `models.providers.foo.models.0`."""
    return ".".join(str(part) for part in path)


@dataclass(frozen=True)
class Problem:
    """One located problem in the user's configuration."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: ConfigPath | None = None
    hint: str | None = None
    anchor: Anchor = "value"

    @property
    def config_path(self) -> str | None:
        return None if self.path is None else format_path(self.path)

    @property
    def location(self) -> str:
        """`FILE:LINE:COL`, `FILE` or empty: the linter-style prefix."""
        return location_of(self.file, self.line, self.column)

    def __str__(self) -> str:
        parts = [p for p in (self.location, self.config_path) if p]
        text = ": ".join([*parts, self.message])
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class ConfigWarning:
    """Something the user should know that does not stop resolution."""

    message: str
    file: str | None = None
    path: ConfigPath | None = None
    line: int | None = None
    column: int | None = None

    @property
    def location(self) -> str:
        """`FILE:LINE:COL`, `FILE` or empty, as for a `Problem`."""
        return location_of(self.file, self.line, self.column)

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.location, None if self.path is None else format_path(self.path)) if p)
        return f"{where}: {self.message}" if where else self.message


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """`problems` in file and position order, as linters list their findings: by file name, then
    line and column; problems without a file last. Problems at the same place keep their order."""

    def key(problem: Problem) -> tuple[bool, str, int, int]:
        return (problem.file is None, problem.file or "", problem.line or 0, problem.column or 0)

    return sorted(problems, key=key)


class ConfigError(Exception):
    """The configuration cannot be resolved; `problems` says everything that is wrong."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
