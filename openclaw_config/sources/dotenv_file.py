"""Reading a `.env` file into a mapping, the way OpenClaw does: no `${}` interpolation inside values.

python-dotenv's parser does the work; we read the file ourselves so a missing or unreadable file
is explicit, and we keep each line's number so a warning can point at it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import ModuleType

from ..errors import ConfigError, ConfigWarning


@dataclass(frozen=True)
class DotenvFile:
    """The variables of one `.env` file, with the line each was set on."""

    path: Path
    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    warnings: tuple[ConfigWarning, ...] = ()


def read_dotenv(path: Path) -> DotenvFile:
    """Variables of `path`; a missing file is empty, a broken line is skipped with a warning."""
    from .bounded_read import DOTENV_MAX_BYTES, MissingFile, read_bounded, reason

    try:
        data = read_bounded(path, what=".env file", max_bytes=DOTENV_MAX_BYTES)
    except MissingFile:
        return DotenvFile(path)
    except ConfigError as exc:
        return DotenvFile(path, warnings=(ConfigWarning(f"{reason(exc)}; its variables were ignored", str(path)),))
    text, warnings = decode_dotenv(data, path)
    parsed = parse_dotenv(text, path)
    return replace(parsed, warnings=(*warnings, *parsed.warnings)) if warnings else parsed


def decode_dotenv(data: bytes, path: Path) -> tuple[str, tuple[ConfigWarning, ...]]:
    """The text of a `.env` file; a line that is not UTF-8 is left out with a warning (its line:col),
    so one bad byte (in a comment, say) does not drop every variable of the file."""
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    lines, warnings = [], []
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            message = f"line {number} is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); that line was skipped"
            warnings.append(ConfigWarning(message, str(path), line=number, column=exc.start + 1))
            lines.append("")  # keeps the line numbers of the lines after it
    return "\n".join(lines), tuple(warnings)


def parse_dotenv(text: str, path: Path) -> DotenvFile:
    from io import StringIO

    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    warnings: list[ConfigWarning] = []
    for binding in dotenv_parser().parse_stream(StringIO(text)):
        line = binding.original.line
        if binding.error:
            warnings.append(ConfigWarning(f"line {line} of .env file is not KEY=value; it was skipped", str(path)))
        elif binding.key is not None and binding.value is not None:
            values[binding.key] = binding.value
            lines[binding.key] = line
    return DotenvFile(path, values, lines, tuple(warnings))


@cache
def dotenv_parser() -> ModuleType:
    """python-dotenv's parser module, loaded without the rest of the library when it can be.

    Importing `dotenv.parser` runs the package's `__init__`, which imports all of python-dotenv
    (and logging, shutil, tempfile...): 4 ms of each CLI run that finds a .env file, for functions
    this package never calls. The parser module imports none of that, so it is loaded from its file.
    """
    package = importlib.util.find_spec("dotenv") if "dotenv" not in sys.modules else None
    locations = package.submodule_search_locations if package is not None else None
    source = Path(locations[0], "parser.py") if locations else None
    spec = importlib.util.spec_from_file_location("dotenv.parser", source) if source and source.is_file() else None
    if spec is None or spec.loader is None:
        return importlib.import_module("dotenv.parser")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
