"""How every text output shows a file: one rule for `show`, `--explain`, `validate` and the hook.

A relative path is shown as it was given (the files named on a command line, and the files their
`$include`s name); an absolute one under the home directory as `~/...`, else under the working
directory relative to it, else as it is. JSON output keeps the paths as they are: programs read it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from ..errors import ConfigWarning, Problem

Located = TypeVar("Located", Problem, ConfigWarning)


@dataclass(frozen=True)
class PathStyle:
    """The home directory (`~`) and working directory paths are shown relative to."""

    home: str | None = None
    cwd: str | None = None

    @classmethod
    def of_process(cls) -> PathStyle:
        """The user's: `$HOME` (what `~` means in their shell) and the current directory."""
        home = os.environ.get("HOME", "")
        try:
            cwd: str | None = os.getcwd()
        except OSError:  # the working directory was removed
            cwd = None
        return cls(home if os.path.isabs(home) else None, cwd)

    def __call__(self, path: Path | str) -> str:
        """`path` as a person reads it."""
        text = str(path)
        if not os.path.isabs(text):
            return text
        if self.home and _within(text, self.home):
            return "~" + text[len(self.home.rstrip(os.sep)) :]
        if self.cwd and _within(text, self.cwd):
            return text[len(self.cwd.rstrip(os.sep)) + 1 :]
        return text

    def file_of(self, item: Located) -> Located:
        """A problem or warning with its file shown this way."""
        return item if item.file is None else replace(item, file=self(item.file))


AS_IS = PathStyle()  # every path as it is


def _within(path: str, folder: str) -> bool:
    base = folder.rstrip(os.sep)
    return bool(base) and path.startswith(base + os.sep)
