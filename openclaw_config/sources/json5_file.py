"""Reading one JSON5 file into Python values, with located errors.

pyjson5 does the parsing (it is fast); it reports no usable positions, so when it refuses a file
we re-scan the text with our own position scanner to say where and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Problem
from .bounded_read import CONFIG_MAX_BYTES, Confinement, read_bounded


@dataclass(frozen=True)
class ParsedFile:
    """A JSON5 file as read: its path, its text (kept for positions, computed lazily) and value."""

    path: Path
    text: str
    value: Any

    def may_contain(self, token: str) -> bool:
        """False only when no key or string of the file can hold `token`: the text has neither it nor
        a backslash (a JSON5 escape could spell it). Lets the walks skip files that cannot matter."""
        return token in self.text or "\\" in self.text


# The paths `read_text` is asked for while a `recording_reads()` block runs (the Resolver watches them).
_recorded_reads: ContextVar[list[Path] | None] = ContextVar("recorded_reads", default=None)


@contextmanager
def recording_reads() -> Iterator[list[Path]]:
    """Collect every path `read_text` is asked to read inside the block, found or not, in order."""
    reads: list[Path] = []
    token = _recorded_reads.set(reads)
    try:
        yield reads
    finally:
        _recorded_reads.reset(token)


def read_text(path: Path, *, what: str, max_bytes: int | None = None, within: Confinement | None = None) -> str:
    """The UTF-8 text of `path` (see `read_bounded`); every failure is a `ConfigError` naming the file."""
    recorded = _recorded_reads.get()
    if recorded is not None:
        recorded.append(path)
    data = read_bounded(path, what=what, max_bytes=CONFIG_MAX_BYTES if max_bytes is None else max_bytes, within=within)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x})"
        raise ConfigError(
            [Problem(message, file=str(path), line=line, column=column, hint="save it as UTF-8")]
        ) from None


def parse_json5(text: str, path: Path) -> Any:
    """Parse `text` (the content of `path`); a syntax error names the file and its line:column."""
    import pyjson5

    try:
        return pyjson5.decode(text)
    except pyjson5.Json5Exception as exc:
        raise ConfigError([_syntax_problem(text, path, exc)]) from None


def read_json5(
    path: Path, *, what: str = "config file", max_bytes: int | None = None, within: Confinement | None = None
) -> ParsedFile:
    text = read_text(path, what=what, max_bytes=max_bytes, within=within)
    return ParsedFile(path, text, parse_json5(text, path))


_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _syntax_problem(text: str, path: Path, exc: Exception) -> Problem:
    from .json5_positions import Json5SyntaxError, index_positions, line_col, offset_from_pyjson5_error

    hint = "fix the JSON5 syntax at that position"
    try:
        index_positions(text)
    except Json5SyntaxError as err:
        return Problem(
            f"JSON5 syntax error: {err.message}", file=str(path), line=err.line, column=err.column, hint=hint
        )
    # Our scanner accepted what pyjson5 refused: fall back to pyjson5's own position and words.
    offset = offset_from_pyjson5_error(exc)
    message = f"JSON5 syntax error: {exc.args[0] if exc.args else exc}"
    if offset is None:
        return Problem(message, file=str(path), hint=hint)
    number = _NUMBER.match(text, offset)
    if "NumericLiteral" in message and number is not None:
        # pyjson5 says "unclosed" of a number too large for a double (1e400): say what it is.
        message = f"number {number.group(0)[:40]} is too large: JSON5 numbers stop at about 1.8e308"
        hint = "write a smaller number"
    line, column = line_col(text, offset)
    return Problem(message, file=str(path), line=line, column=column, hint=hint)
