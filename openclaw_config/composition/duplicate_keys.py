"""Keys written twice in one object of a config file: OpenClaw keeps the last one, silently; we warn.

The JSON5 parser keeps the last value and says nothing, and finding duplicates needs the position
scanner, which is slow on large files. So each file is first checked by counting: outside strings
and comments a JSON5 text has one `:` per key it writes, and the parsed value has one per member
it kept. Only a file whose counts differ (it has a duplicate) is scanned for where they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigPath, ConfigWarning
from ..sources.json5_file import ParsedFile
from .includes import INCLUDE_KEY

if TYPE_CHECKING:
    from ..pipeline import ComposedConfig

# A colon can also be spelled as an escape inside a string: such colons are in the value, not the text.
_ESCAPED_COLONS = ("\\x3a", "\\x3A", "\\u003a", "\\u003A")
# A line that starts with a `//` comment ("\r", U+2028 and U+2029 end one too). Searched for from
# the newline before it: a literal first character makes the search many times faster than `^`.
_COMMENT_LINE = re.compile("\n[ \t]*//[^\n\r\u2028\u2029]*")
_FIRST_COMMENT_LINE = re.compile("[ \t]*//[^\n\r\u2028\u2029]*")  # matched at the start of the text
_STRINGS_AND_COMMENTS = (
    r""""(?:[^"\\\n\r]|\\(?:\r\n|[\s\S]))*"|'(?:[^'\\\n\r]|\\(?:\r\n|[\s\S]))*'"""
    r"|//[^\n\r\u2028\u2029]*|/\*[\s\S]*?\*/"
)


def duplicate_key_warnings(composed: ComposedConfig) -> list[ConfigWarning]:
    """One warning per key written twice in an object, in every file of the config, in file order."""
    files = [f for f in (composed.root, *composed.included) if f is not None]
    if not files:
        return []
    prefixes = _config_prefixes(composed)
    warnings: list[ConfigWarning] = []
    for file in files:
        if may_have_duplicates(file.text, file.value):
            warnings += _file_warnings(file, prefixes.get(str(file.path), ()))
    return warnings


def may_have_duplicates(text: str, value: Any) -> bool:
    """False when the JSON5 `text` (which parsed to `value`) certainly writes no key twice.

    Colons in the text (plus escaped ones) minus colons in `value` as JSON is at least the number of
    keys the parser dropped plus the colons in comments: so when it is at most the colons found in
    comments, no key was dropped. Otherwise the keys of the text are counted without its strings
    and comments, and compared with the members kept.
    """
    from pydantic_core import PydanticSerializationError, to_json

    try:
        encoded = to_json(value)
    except PydanticSerializationError:  # text the encoder refuses (a lone surrogate): look closer
        return True
    escaped = sum(text.count(e) for e in _ESCAPED_COLONS) if "\\" in text else 0
    surplus = text.count(":") + escaped - encoded.count(b":")
    if surplus <= 0 or surplus <= _line_comment_colons(text):
        return False
    keys_written = re.sub(_STRINGS_AND_COMMENTS, "", text).count(":")
    # Every member kept is `"key":` in the JSON; inside a string a quote is escaped (`\":`).
    members_kept = encoded.count(b'":') - encoded.count(b'\\":')
    return keys_written > members_kept


def _line_comment_colons(text: str) -> int:
    """Colons in the `//` comments that a line starts with: a lower bound of the colons in comments.
    0 when a string may continue over lines (then a line may start inside one)."""
    if "\\\n" in text or "\\\r" in text:
        return 0
    # One that may close a block comment ("*/") could be followed by code: not counted.
    lines = _COMMENT_LINE.findall(text)
    first = _FIRST_COMMENT_LINE.match(text)
    lines += [first.group()] if first else []
    return sum(c.count(":") for c in lines if "*/" not in c)


def _file_warnings(file: ParsedFile, prefix: ConfigPath) -> list[ConfigWarning]:
    from ..sources.locate import indexed

    index = indexed(file.text)
    if index is None:
        return []
    return [
        ConfigWarning(
            f"key {str(path[-1])!r} is written twice in the same object: this value is used, the one at "
            f"line {earlier.line}:{earlier.column} is ignored (as OpenClaw does); remove one of them",
            str(file.path),
            (*prefix, *path),
            later.line,
            later.column,
        )
        for path, later, earlier in index.duplicates()
    ]


def _config_prefixes(composed: ComposedConfig) -> dict[str, ConfigPath]:
    """Each file (by the path it was read at) -> the config path its root value is merged at."""
    prefixes: dict[str, ConfigPath] = {}
    if composed.root is not None:
        prefixes[str(composed.root.path)] = ()
    for file in (f for f in (composed.root, *composed.included) if f is not None):
        base = prefixes.get(str(file.path), ())
        if not file.may_contain(INCLUDE_KEY):
            continue
        for in_file, spec in _include_nodes(file.value, ()):
            for target in spec if isinstance(spec, list) else [spec]:
                prefixes.setdefault(str(Path(file.path).parent / str(target)), (*base, *in_file))
    return prefixes


def _include_nodes(node: Any, path: ConfigPath) -> Iterator[tuple[ConfigPath, Any]]:
    if isinstance(node, dict):
        if INCLUDE_KEY in node:
            yield path, node[INCLUDE_KEY]
        for key, value in node.items():
            yield from _include_nodes(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _include_nodes(value, (*path, i))
