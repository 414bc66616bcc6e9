"""Line:column positions of keys and values in JSON5 text.

`pyjson5` decodes config files quickly but reports no positions. When a message
must point into a file ("schema error at models.providers.foo.models.0.name",
"unknown key", "where did this value come from?") we re-scan the text with the
small pure-Python scanner of `json5_scanner`, which follows the full JSON5 grammar
(https://spec.json5.org/) and records, for every config path, the offsets of
its key and value (where the value starts and ends). Lines and columns are
1-based; a column counts code points (str indices) from the start of its line;
`\\n`, `\\r\\n`, `\\r`, U+2028 and U+2029 each end one line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .json5_scanner import SKIP, Json5SyntaxError, Path, Scanner, compiled, line_col, line_starts, match_end

__all__ = [
    "Json5SyntaxError",
    "Path",
    "Position",
    "PositionIndex",
    "index_positions",
    "line_col",
    "offset_from_pyjson5_error",
]


@dataclass(frozen=True)
class Position:
    """A place in the text: 1-based line and column, and the str index."""

    line: int
    column: int
    offset: int


class PositionIndex:
    """Key and value offsets of every config path of one JSON5 text."""

    def __init__(
        self,
        text: str,
        entries: dict[Path, tuple[int | None, int]],
        ends: Mapping[Path, int] | None = None,
        duplicates: list[tuple[Path, int, int]] | None = None,
    ) -> None:
        self._text = text
        self._duplicates = duplicates or []  # (path, later key offset, overridden key offset)
        # path -> (key offset, or None for array items and the root; value offset)
        self._entries = entries
        self._ends = ends or {}  # path -> one past the value's last character
        self._starts: list[int] | None = None  # line starts, built on first use

    def key(self, path: Path) -> Position | None:
        """Where the key of the object member at `path` starts (its quote, if quoted)."""
        entry = self._entries.get(tuple(path))
        if entry is None or entry[0] is None:
            return None
        return self._position(entry[0])

    def value(self, path: Path) -> Position | None:
        """Where the value at `path` starts (`{` / `[` for objects and arrays)."""
        entry = self._entries.get(tuple(path))
        return None if entry is None else self._position(entry[1])

    def end(self, path: Path) -> Position | None:
        """Where the value at `path` ends: one past its last character (its `}`, `]` or quote)."""
        path = tuple(path)
        if path not in self._entries or path not in self._ends:
            return None
        return self._position(self._ends[path])

    def nearest(self, path: Path) -> Position | None:
        """The key (else value) of `path`, or of its longest existing prefix."""
        path = tuple(path)
        for length in range(len(path), -1, -1):
            entry = self._entries.get(path[:length])
            if entry is not None:
                key_offset, value_offset = entry
                offset = value_offset if key_offset is None else key_offset
                return self._position(offset)
        return None

    def duplicates(self) -> list[tuple[Path, Position, Position]]:
        """Keys written twice in one object: the path, where the later key is (its value is the one
        in effect) and where the key it overrode is; in document order."""
        return [(path, self._position(later), self._position(earlier)) for path, later, earlier in self._duplicates]

    def paths(self) -> Iterator[Path]:
        """Every path that has a value, in document order (the root `()` first)."""
        return iter(self._entries)

    def _position(self, offset: int) -> Position:
        if self._starts is None:
            self._starts = line_starts(self._text)
        line = bisect_right(self._starts, offset)
        return Position(line, offset - self._starts[line - 1] + 1, offset)


def index_positions(text: str) -> PositionIndex:
    """Scan JSON5 `text` and index its positions; raises Json5SyntaxError if invalid."""
    scanner = Scanner(text)
    entries = scanner.scan()
    return PositionIndex(text, entries, scanner.ends, scanner.duplicates)


def offset_from_pyjson5_error(exc: Exception, text: str | None = None) -> int | None:
    """The str index a `pyjson5.Json5DecoderException` points at, or None.

    pyjson5 puts the position only in its message, as "... near N", N counting
    code points. For most errors N is one past the offending character (or one
    past the opening of an unclosed string, array, number, comment...), so N - 1
    is returned. `Json5ExtraData` differs: its N is where the root value ended;
    given `text`, the whitespace and comments after it are skipped to reach the
    stray data. With `text`, the result is at most `len(text)`.
    """
    if not any(cls.__name__ == "Json5DecoderException" for cls in type(exc).__mro__):
        return None
    message = getattr(exc, "message", None) or (exc.args[0] if exc.args else None)
    match = re.search(r"\bnear (\d+)", message) if isinstance(message, str) else None
    if match is None:
        return None
    near = int(match.group(1))
    if type(exc).__name__ != "Json5ExtraData":
        offset = max(near - 1, 0)
    elif text is not None and near <= len(text):
        offset = match_end(compiled(SKIP), text, near)
    else:
        offset = near
    return offset if text is None else min(offset, len(text))
