"""Reading a `.env` file into a mapping, the way OpenClaw does: no `${}` interpolation inside values.

The syntax is Node dotenv's (`dotenv_syntax`, which says why not python-dotenv's); a missing or
unreadable file is explicit, and each line's number is kept so a warning can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigWarning
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
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return DotenvFile(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return DotenvFile(path, warnings=(ConfigWarning(f".env file ignored: cannot be read ({reason})", str(path)),))
    return parse_dotenv(text, path)


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
