"""The JSON5 grammar (https://spec.json5.org/) as a small recursive-descent scanner.

It does not build values (pyjson5 does that, faster): it records, for every config path, where its
key and its value start and where the value ends, and raises `Json5SyntaxError` with the line and
column of the first thing that is not JSON5. `\\n`, `\\r\\n`, `\\r`, U+2028 and U+2029 each end one
line; lines and columns are 1-based and a column counts code points (str indices).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

Path = tuple[str | int, ...]
"""A config path: object keys are str, array indices int."""

# JSON5 WhiteSpace (every Unicode "Zs" space, BOM, ...) and LineTerminator characters.
_SPACES = "\t\v\f \xa0\ufeff\u1680\u2000-\u200a\u202f\u205f\u3000"
_BREAKS = "\n\r\u2028\u2029"
_LINE_BREAK = re.compile("\r\n?|[\n\u2028\u2029]")

# The scanner's regexes stay source strings until the first scan (see _compiled),
# so importing this module compiles nothing more.
SKIP = rf"(?:[{_SPACES}{_BREAKS}]+|//[^{_BREAKS}]*|/\*.*?\*/)*"
# A valid escape (backslash + line break continues the line); `\1`..`\9` are invalid.
_ESCAPE = r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|\r\n|[^xu1-9])"
# Strings as "unrolled loops" (no nested quantifiers), so a failed match stays linear.
_STRINGS = {q: rf"{q}[^{q}\\\n\r]*(?:{_ESCAPE}[^{q}\\\n\r]*)*{q}" for q in "\"'"}
# Numbers; like pyjson5 (not the spec) this admits "_" between digits: 128_000.
_NUMBER = r"""(?x) [+-]? (?:
    Infinity | NaN
    | 0[xX] [0-9a-fA-F_]* [0-9a-fA-F] [0-9a-fA-F_]*
    | (?: (?:0 | [1-9][0-9_]*) (?:\.[0-9_]*)? | \.[0-9_]*[0-9][0-9_]* )
      (?: [eE][+-]? [0-9_]*[0-9][0-9_]* )?
)"""
# Identifiers: ASCII by regex; other characters by their Unicode category, as in
# the spec's IdentifierStart and IdentifierPart (which also admits ZWNJ and ZWJ).
_ID_START = r"[A-Za-z_$]|\\u[0-9a-fA-F]{4}"
_ID_PARTS = r"(?:[A-Za-z0-9_$]|\\u[0-9a-fA-F]{4})*"
_ID_START_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"})
_ID_PART_CATEGORIES = _ID_START_CATEGORIES | {"Mn", "Mc", "Nd", "Pc"}

_LITERALS = frozenset({"true", "false", "null", "Infinity", "NaN"})
_ESCAPED = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "0": "\0"}
# Far beyond pyjson5's own limit (32), well within Python's recursion limit.
_MAX_DEPTH = 256


class Json5SyntaxError(ValueError):
    """The text is not valid JSON5; `str(err)` is `"line:column: message"`."""

    def __init__(self, message: str, line: int, column: int, offset: int) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset

    @classmethod
    def at(cls, text: str, offset: int, message: str) -> Json5SyntaxError:
        """The error `message` at str index `offset` of `text`."""
        line, column = line_col(text, offset)
        return cls(message, line, column, offset)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of str index `offset` (which may be `len(text)`)."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} outside text of length {len(text)}")
    # One char past `offset`, so a "\r\n" right before it is seen whole.
    starts = line_starts(text, offset + 1)
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def line_starts(text: str, end: int | None = None) -> list[int]:
    """Offsets where lines begin: 0, and after each line break ending before `end`."""
    limit = len(text) if end is None else end
    return [0, *(match.end() for match in _LINE_BREAK.finditer(text, 0, limit))]


def compiled(source: str) -> re.Pattern[str]:
    # `re` caches compiled patterns, so each one is compiled once per process.
    return re.compile(source, re.DOTALL)


def match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where `pattern` (which also matches "") ends when matched at `pos`."""
    match = pattern.match(text, pos)
    assert match is not None
    return match.end()


def _is_identifier_part(char: str) -> bool:
    return char in "\u200c\u200d" or unicodedata.category(char) in _ID_PART_CATEGORIES


def _unescape(raw: str) -> str:
    """The name a key's source text (without quotes) stands for: escapes resolved."""

    def replace(match: re.Match[str]) -> str:
        body = match.group()[1:]
        if body[0] in "xu":
            return chr(int(body[1:], 16))
        if body[0] in _BREAKS:  # line continuation
            return ""
        return _ESCAPED.get(body, body)

    name = compiled(_ESCAPE).sub(replace, raw)
    if any("\ud800" <= char <= "\udfff" for char in name):  # join "\uD83D\uDE00"
        name = name.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    return name


class Scanner:
    """Recursive-descent JSON5 scanner; its methods take and return str indices."""

    def __init__(self, text: str) -> None:
        self.text = text
        # (path, key offset, value offset); None for members a duplicate key overrode.
        self.entries: list[tuple[Path, int | None, int] | None] = []
        self.ends: dict[Path, int] = {}  # a later duplicate key overwrites, as in `entries`
        # (path, offset of the later key, offset of the key it overrode), in document order.
        self.duplicates: list[tuple[Path, int, int]] = []
        self.skip_re = compiled(SKIP)
        self.escape_re = compiled(_ESCAPE)
        self.string_res = {quote: compiled(src) for quote, src in _STRINGS.items()}
        self.number_re = compiled(_NUMBER)
        self.id_start_re = compiled(_ID_START)
        self.id_parts_re = compiled(_ID_PARTS)

    def scan(self) -> dict[Path, tuple[int | None, int]]:
        end = self._skip(self._value(self._skip(0), (), None, 0))
        if end < len(self.text):
            raise self._unexpected(end, "end of input after the root value")
        return {e[0]: (e[1], e[2]) for e in self.entries if e is not None}

    def _value(self, pos: int, path: Path, key_offset: int | None, depth: int) -> int:
        end = self._value_end(pos, path, key_offset, depth)
        self.ends[path] = end
        return end

    def _value_end(self, pos: int, path: Path, key_offset: int | None, depth: int) -> int:
        text = self.text
        if pos >= len(text):
            raise self._unexpected(pos, "a value")
        self.entries.append((path, key_offset, pos))
        char = text[pos]
        if char in "{[":
            if depth >= _MAX_DEPTH:
                raise Json5SyntaxError.at(text, pos, f"nested over {_MAX_DEPTH} deep")
            if char == "{":
                return self._object(pos, path, depth + 1)
            return self._array(pos, path, depth + 1)
        if char in "\"'":
            return self._string_end(pos)
        number = self.number_re.match(text, pos)
        if number:
            end = number.end()
            if end < len(text) and (text[end].isalnum() or text[end] in "_$.\\"):
                raise Json5SyntaxError.at(text, pos, "invalid number")
            return end
        if self._is_identifier_start(pos):
            end = self._identifier_end(pos)
            if text[pos:end] in _LITERALS:
                return end
            word = text[pos:end]  # a long bare word may be a secret missing its quotes: never echo it
            shown = repr(word) if len(word) <= 12 else "(strings need quotes)"
            raise Json5SyntaxError.at(text, pos, f"unexpected word {shown}")
        raise self._unexpected(pos, "a value")

    def _object(self, pos: int, path: Path, depth: int) -> int:
        text, entries = self.text, self.entries
        members: dict[str, tuple[int, int]] = {}  # key -> its slice of self.entries
        opening, pos = pos, self._skip(pos + 1)
        while not text.startswith("}", pos):
            if pos >= len(text):
                raise self._unexpected(pos, "a key or '}'", opening)
            key, key_end = self._key(pos)
            colon = self._skip(key_end)
            if not text.startswith(":", colon):
                raise self._unexpected(colon, "':' after the key")
            first = len(entries)
            end = self._value(self._skip(colon + 1), (*path, key), pos, depth)
            if key in members:  # the later duplicate wins, as in the decoded value
                start, stop = members[key]
                earlier = entries[start]
                if earlier is not None and earlier[1] is not None:
                    self.duplicates.append(((*path, key), pos, earlier[1]))
                entries[start:stop] = [None] * (stop - start)
            members[key] = (first, len(entries))
            end = self._skip(end)
            if text.startswith(",", end):
                pos = self._skip(end + 1)
            elif text.startswith("}", end):
                return end + 1
            else:
                raise self._unexpected(end, "',' or '}'", opening)
        return pos + 1

    def _array(self, pos: int, path: Path, depth: int) -> int:
        text = self.text
        opening, pos = pos, self._skip(pos + 1)
        index = 0
        while not text.startswith("]", pos):
            if pos >= len(text):
                raise self._unexpected(pos, "a value or ']'", opening)
            end = self._skip(self._value(pos, (*path, index), None, depth))
            index += 1
            if text.startswith(",", end):
                pos = self._skip(end + 1)
            elif text.startswith("]", end):
                return end + 1
            else:
                raise self._unexpected(end, "',' or ']'", opening)
        return pos + 1

    def _key(self, pos: int) -> tuple[str, int]:
        """The name of the key at `pos`, and where its token ends."""
        text = self.text
        if text.startswith(("'", '"'), pos):
            end = self._string_end(pos)
            raw = text[pos + 1 : end - 1]
        elif self._is_identifier_start(pos):
            end = self._identifier_end(pos)
            raw = text[pos:end]
        else:
            raise self._unexpected(pos, "a key or '}'")
        return (_unescape(raw) if "\\" in raw else raw), end

    def _is_identifier_start(self, pos: int) -> bool:
        text = self.text
        if pos >= len(text):
            return False
        if text[pos] < "\x80":
            return self.id_start_re.match(text, pos) is not None
        return unicodedata.category(text[pos]) in _ID_START_CATEGORIES

    def _identifier_end(self, pos: int) -> int:
        text, ascii_parts = self.text, self.id_parts_re
        end = match_end(ascii_parts, text, pos)
        while end < len(text) and text[end] >= "\x80" and _is_identifier_part(text[end]):
            end = match_end(ascii_parts, text, end + 1)
        return end

    def _string_end(self, pos: int) -> int:
        text = self.text
        match = self.string_res[text[pos]].match(text, pos)
        if match:
            return match.end()
        # Errors only: report a bad escape, else the string is unterminated.
        quote, i = text[pos], pos + 1
        while i < len(text) and text[i] not in ("\n", "\r", quote):
            if text[i] != "\\":
                i += 1
            elif escape := self.escape_re.match(text, i):
                i = escape.end()
            else:
                raise Json5SyntaxError.at(text, i, "invalid escape sequence")
        raise Json5SyntaxError.at(text, pos, "unterminated string")

    def _skip(self, pos: int) -> int:
        """Skip whitespace and comments."""
        end = match_end(self.skip_re, self.text, pos)
        if self.text.startswith("/*", end):
            raise Json5SyntaxError.at(self.text, end, "unterminated block comment")
        return end

    def _unexpected(self, pos: int, expected: str, opening: int | None = None) -> Json5SyntaxError:
        """`expected` is missing at `pos`; `opening` is the bracket that is still open."""
        text = self.text
        if pos < len(text):
            found = repr(text[pos])
        elif opening is None:
            found = "end of input"
        else:
            line, column = line_col(text, opening)
            found = f"end of input ('{text[opening]}' at {line}:{column} is not closed)"
        return Json5SyntaxError.at(text, pos, f"expected {expected}, found {found}")
