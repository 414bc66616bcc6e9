"""Sorting ids the way OpenClaw prints them: JavaScript's `localeCompare` (ICU root collation).

For the ids OpenClaw sorts (providers, profiles) that order is: punctuation first (`_` before `-`
before `.` ...), then digits, then letters without regard to case, and only for strings equal
apart from case, lower case first.
"""

from __future__ import annotations

_ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"
_RANK = {c: i for i, c in enumerate(_ORDER)}


def locale_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key for `text`: the letters' order first, their case only to break ties."""
    primary = tuple(_RANK.get(c.lower(), len(_ORDER) + ord(c)) for c in text)
    return primary, tuple(1 if c.isupper() else 0 for c in text)
