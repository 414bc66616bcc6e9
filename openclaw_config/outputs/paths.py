"""How every text output shows a file: one rule for `show`, `--explain`, `validate` and the hook.

A relative path is shown as it was given (the files named on a command line, and the files their
`$include`s name); an absolute one under the home directory as `~/...`; any other as it is. JSON
output keeps full paths: programs read it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..errors import ConfigWarning, Problem

Located = TypeVar("Located", Problem, ConfigWarning)


def shown_path(path: Path | str, home: Path | str | None) -> str:
    """`path` as a person reads it: `~/...` under `home`; relative or elsewhere, as it is."""
    text = str(path)
    if home is None or not os.path.isabs(text):
        return text
    base = str(home).rstrip(os.sep)
    if base and text.startswith(base + os.sep):
        return "~" + text[len(base) :]
    return text


def shown_file(item: Located, home: Path | str | None) -> Located:
    """A problem or warning whose file is shown by `shown_path`."""
    return item if item.file is None else replace(item, file=shown_path(item.file, home))


def user_home(environ: Mapping[str, str] | None = None) -> str | None:
    """The home directory `~` stands for in the user's shell (`$HOME`); None when it is not set."""
    value = (os.environ if environ is None else environ).get("HOME", "")
    return value if os.path.isabs(value) else None
