"""The `.env` syntax OpenClaw 2026.2.9 reads (Node's `dotenv` 17), with the line of every assignment.

python-dotenv reads a different language: it rejects `KEY: value`, does not know backtick quotes and
keeps `value#fragment` whole, where Node's dotenv reads `KEY: value`, strips backticks and cuts an
unquoted value at the first `#`. What Node's dotenv does, written out:

- an assignment is `[export ]NAME=value` or `NAME: value` (a colon and at least one space); NAME is
  letters, digits, `_`, `.` and `-`;
- a value quoted with `'`, `"` or a backtick runs to the matching quote, across lines; else it runs
  to the first `#` or the end of the line; either way it is trimmed, and its quotes removed;
- in a `"`-quoted value, `\\n` and `\\r` become a newline and a carriage return (nothing else is an
  escape); nothing is interpolated;
- the last assignment of a name wins; any other line (a comment, garbage) is skipped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ASSIGNMENT = re.compile(
    r"^\s*(?:export\s+)?(?P<name>[\w.-]+)(?:\s*=\s*?|:\s+?)"
    r"(?P<value>\s*'(?:\\'|[^'])*'|\s*\"(?:\\\"|[^\"])*\"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?"
    r"\s*(?:#.*)?$",
    re.MULTILINE | re.ASCII,
)
_QUOTED = re.compile(r"(['\"`])(.*)\1\Z", re.DOTALL)


@dataclass(frozen=True)
class Assignment:
    name: str
    value: str
    line: int  # 1-based line of the name


def assignments(text: str) -> tuple[list[Assignment], list[int]]:
    """The assignments of a `.env` text in order, and the lines that are neither one nor blank nor a
    comment (Node's dotenv skips those without a word)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found: list[Assignment] = []
    covered: set[int] = set()
    for match in _ASSIGNMENT.finditer(text):
        line = text.count("\n", 0, match.start("name")) + 1
        found.append(Assignment(match.group("name"), _value(match.group("value") or ""), line))
        covered.update(range(line, text.count("\n", 0, match.end()) + 2))
    skipped = [
        number
        for number, content in enumerate(text.split("\n"), start=1)
        if number not in covered and content.strip() and not content.lstrip().startswith("#")
    ]
    return found, skipped


def _value(raw: str) -> str:
    value = raw.strip()
    quoted = _QUOTED.match(value)
    inner = quoted.group(2) if quoted else value
    # the escapes apply whenever the value starts with `"`, even one left unclosed
    return inner.replace("\\n", "\n").replace("\\r", "\r") if value.startswith('"') else inner
