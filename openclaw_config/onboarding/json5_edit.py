"""Targeted edits of JSON5 text that keep everything else byte for byte: comments, key order, layout.

No round-trip JSON5 library is among our dependencies, so an edit is a splice: the position index
says where a value starts and ends; a new member goes after the last member of its object (or the
last item of its array), in the layout that container already uses (one line or one member per
line, its indentation, trailing commas or not, quoted keys or bare ones). Missing parent objects are
created. `apply_to_value` performs the same edits on decoded data: what the edited text must decode
to, which the caller checks before writing anything.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigPath, format_path
from ..sources.json5_positions import PositionIndex, index_positions

__all__ = ["AppendItems", "Edit", "EditError", "SetValue", "apply_to_text", "apply_to_value"]


@dataclass(frozen=True)
class SetValue:
    """The value at `path` becomes `value`: replaced where it exists, else inserted with its parents."""

    path: ConfigPath
    value: Any


@dataclass(frozen=True)
class AppendItems:
    """`items` are appended to the array at `path`, which exists."""

    path: ConfigPath
    items: tuple[Any, ...]


Edit = SetValue | AppendItems


class EditError(ValueError):
    """The text does not have the shape an edit needs (e.g. a parent that is not an object)."""


@dataclass(frozen=True)
class _Style:
    newline: str
    unit: str  # one level of indentation
    quote_keys: bool  # the file is strict JSON: every key is double-quoted
    trailing_commas: bool  # the file ends members with a comma before a closing `}` / `]`


_BARE_KEY = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")
_INDENTED_LINE = re.compile(r"^([ \t]+)\S", re.MULTILINE)
# Whitespace and comments between tokens; and what may follow a member on its own line.
_BLANK = re.compile(r"(?:\s+|//[^\r\n]*|/\*.*?\*/)*", re.DOTALL)
_SAME_LINE_TAIL = re.compile(r"(?:[ \t]+|//[^\r\n]*|/\*(?:(?!\*/)[^\r\n])*\*/)*")
_FLAT_WIDTH = 60  # flat objects and arrays up to this width stay on one line


def apply_to_text(text: str, edits: Sequence[Edit]) -> str:
    """`text` with every edit applied in order; raises EditError if the text cannot take one."""
    index = index_positions(text)
    style = _detect_style(text, index)
    for n, edit in enumerate(edits):
        index = index if n == 0 else index_positions(text)  # each edit moves what follows it
        if isinstance(edit, SetValue):
            text = _set(text, index, edit, style)
        else:
            text = _insert(text, index, edit.path, [(None, item) for item in edit.items], style)
    return text


def apply_to_value(value: Any, edits: Sequence[Edit]) -> Any:
    """A copy of decoded `value` with the same edits applied."""
    result = copy.deepcopy(value)
    for edit in edits:
        if isinstance(edit, SetValue):
            node = result
            for key in edit.path[:-1]:
                node = node.setdefault(key, {}) if isinstance(key, str) else node[key]
            node[edit.path[-1]] = copy.deepcopy(edit.value)
        else:
            node = result
            for key in edit.path:
                node = node[key]
            node.extend(copy.deepcopy(list(edit.items)))
    return result


def _detect_style(text: str, index: PositionIndex) -> _Style:
    key_starts = [p.offset for p in (index.key(path) for path in index.paths()) if p is not None]
    indents = sorted({m.group(1) for m in _INDENTED_LINE.finditer(text)}, key=len)
    return _Style(
        newline="\r\n" if "\r\n" in text else "\n",
        unit=indents[0] if indents else "  ",
        quote_keys=bool(key_starts) and all(text[offset] == '"' for offset in key_starts),
        trailing_commas=any(_comma_closes(text, index, path) for path in index.paths() if path),
    )


def _comma_closes(text: str, index: PositionIndex, path: ConfigPath) -> bool:
    """Whether the value at `path` is followed by a comma and then the end of its container."""
    end = _end_of_match(_BLANK, text, _offset(index.end(path)))
    return text.startswith(",", end) and text.startswith(("}", "]"), _end_of_match(_BLANK, text, end + 1))


def _set(text: str, index: PositionIndex, edit: SetValue, style: _Style) -> str:
    start, end = index.value(edit.path), index.end(edit.path)
    if start is not None and end is not None:
        rendered = _render(edit.value, _line_indent(text, start.offset), style, inline=False)
        return text[: start.offset] + rendered + text[end.offset :]
    cut = max(n for n in range(len(edit.path)) if index.value(edit.path[:n]) is not None)
    value = edit.value
    for key in reversed(edit.path[cut + 1 :]):
        value = {key: value}
    return _insert(text, index, edit.path[:cut], [(edit.path[cut], value)], style)


def _insert(
    text: str, index: PositionIndex, container: ConfigPath, entries: list[tuple[str | int | None, Any]], style: _Style
) -> str:
    """`entries` (key, value) added at the end of the object or array at `container`."""
    start, end = index.value(container), index.end(container)
    where = format_path(container) or "the root"
    if start is None or end is None:
        raise EditError(f"{where} does not exist")
    open_at, close_at = start.offset, end.offset - 1
    if text[open_at] != ("[" if entries[0][0] is None else "{"):
        raise EditError(f"{where} is not an {'array' if entries[0][0] is None else 'object'}")
    children = [p for p in index.paths() if len(p) == len(container) + 1 and p[: len(container)] == container]
    outer = _line_indent(text, open_at)
    if not children:
        return _insert_into_empty(text, open_at, close_at, outer, entries, style, is_root=not container)
    first = _member_start(index, children[0])
    last_end = _offset(index.end(children[-1]))
    after = _BLANK.match(text, last_end)
    has_comma = after is not None and text.startswith(",", after.end())
    anchor = after.end() + 1 if after is not None and has_comma else last_end
    if not _has_break(text[open_at:first]):  # a one-line container stays on one line
        members = ", ".join(_member(k, v, "", style, inline=True) for k, v in entries)
        insertion = f" {members}," if has_comma else f", {members}"
        return text[:anchor] + insertion + text[anchor:]
    indent = _line_indent(text, first) if _starts_line(text, first) else outer + style.unit
    line_end = _end_of_match(_SAME_LINE_TAIL, text, anchor)
    last = len(entries) - 1
    insertion = "".join(
        style.newline + indent + _member(k, v, indent, style, inline=False) + ("," if n < last or has_comma else "")
        for n, (k, v) in enumerate(entries)
    )
    resume = line_end
    if line_end < len(text) and text[line_end] not in "\r\n":  # the container closes on this line
        insertion += style.newline + outer
        line_end = max(len(text[:line_end].rstrip(" \t")), last_end)  # no trailing blanks left behind
    comma = "" if has_comma else ","
    return text[:last_end] + comma + text[last_end:line_end] + insertion + text[resume:]


def _insert_into_empty(
    text: str,
    open_at: int,
    close_at: int,
    outer: str,
    entries: list[tuple[str | int | None, Any]],
    style: _Style,
    *,
    is_root: bool,
) -> str:
    interior = text[open_at + 1 : close_at]
    if not (is_root or _has_break(interior) or _has_break(text.strip())):
        members = ", ".join(_member(k, v, "", style, inline=True) for k, v in entries)
        if not interior.strip():
            return f"{text[: open_at + 1]} {members} {text[close_at:]}"
        return f"{text[:close_at]}{members} {text[close_at:]}"
    indent = outer + style.unit
    members = ("," + style.newline + indent).join(_member(k, v, indent, style, inline=False) for k, v in entries)
    members += "," if style.trailing_commas else ""
    if not interior.strip():
        return text[: open_at + 1] + style.newline + indent + members + style.newline + outer + text[close_at:]
    # Comments inside: keep them where they are and put the members after them.
    line_start = _line_start(text, close_at)
    if not text[line_start:close_at].strip():
        return text[:line_start] + indent + members + style.newline + text[line_start:]
    return text[:close_at] + style.newline + indent + members + style.newline + outer + text[close_at:]


def _member(key: str | int | None, value: Any, indent: str, style: _Style, *, inline: bool) -> str:
    rendered = _render(value, indent, style, inline=inline)
    if key is None:
        return rendered
    name = str(key)
    shown = name if _BARE_KEY.match(name) and not style.quote_keys else json.dumps(name, ensure_ascii=False)
    return f"{shown}: {rendered}"


def _render(value: Any, indent: str, style: _Style, *, inline: bool) -> str:
    """JSON5 text for `value`, its first line placed at `indent`; long or nested containers span lines."""
    if not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False)
    pairs: list[tuple[str | int | None, Any]] = (
        list(value.items()) if isinstance(value, dict) else [(None, item) for item in value]
    )
    flat = not any(isinstance(v, dict | list) and v for _, v in pairs)
    if inline or flat:
        members = ", ".join(_member(k, v, "", style, inline=True) for k, v in pairs)
        one_line = f"{{ {members} }}" if isinstance(value, dict) else f"[{members}]"
        if inline or len(one_line) <= _FLAT_WIDTH:
            return one_line
    inner = indent + style.unit
    separator = "," + style.newline + inner
    members = separator.join(_member(k, v, inner, style, inline=False) for k, v in pairs)
    members += "," if style.trailing_commas else ""
    opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
    return opening + style.newline + inner + members + style.newline + indent + closing


def _member_start(index: PositionIndex, path: ConfigPath) -> int:
    position = index.key(path) or index.value(path)
    return _offset(position)


def _offset(position: Any) -> int:
    if position is None:
        raise EditError("position index is missing a member it listed")
    offset: int = position.offset
    return offset


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1


def _line_indent(text: str, pos: int) -> str:
    start = _line_start(text, pos)
    line = text[start:pos]
    return line[: len(line) - len(line.lstrip(" \t"))]


def _starts_line(text: str, pos: int) -> bool:
    return not text[_line_start(text, pos) : pos].strip(" \t")


def _has_break(text: str) -> bool:
    return "\n" in text or "\r" in text


def _end_of_match(pattern: re.Pattern[str], text: str, pos: int) -> int:
    match = pattern.match(text, pos)
    return pos if match is None else match.end()
