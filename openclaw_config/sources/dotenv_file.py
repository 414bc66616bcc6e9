"""Reading a `.env` file into a mapping, the way OpenClaw does: no `${}` interpolation inside values.

The syntax is Node dotenv's (`dotenv_syntax`, which says why not python-dotenv's); a missing or
unreadable file is explicit, and each line's number is kept so a warning can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ConfigError, ConfigWarning
from .dotenv_syntax import assignments


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
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    found, skipped = assignments(text)
    for assignment in found:
        values[assignment.name] = assignment.value
        lines[assignment.name] = assignment.line
    warnings = tuple(
        ConfigWarning(f"line {line} of .env file is not KEY=value; it was skipped", str(path)) for line in skipped
    )
    return DotenvFile(path, values, lines, warnings)
