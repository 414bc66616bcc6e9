"""The printable form of a secret: enough to recognise a key, never enough to use it."""

from __future__ import annotations

import re
from collections.abc import Callable

_MIN_SHOWN_LENGTH = 12  # below this, even four characters would give away too much
# Below this length a secret is only redacted where it is a whole value: replacing every occurrence
# of a one- or two-letter key inside other text would garble the output, not protect anything.
MIN_EMBEDDED_SECRET = 8
_VARIABLE = re.compile(r"[A-Z_][A-Z0-9_]*\Z")
_MARKER = re.compile(r"\$\{[A-Z0-9_]+\}\Z")


def redact(secret: str) -> str:
    """`sk-abcdef…89`-style: first 4 and last 2 characters of long secrets, `***` for short ones."""
    value = secret.strip()
    if len(value) < _MIN_SHOWN_LENGTH:
        return "***"
    return f"{value[:4]}…{value[-2:]}"


def redact_text(text: str, secrets: list[str]) -> str:
    """`text` with every occurrence of each secret (of at least 8 characters) redacted."""
    for secret in sorted({s for s in secrets if len(s.strip()) >= MIN_EMBEDDED_SECRET}, key=len, reverse=True):
        text = text.replace(secret, redact(secret))
    return text


def names_a_variable(value: str, is_set: Callable[[str], bool]) -> bool:
    """Whether an `apiKey` value is a variable reference rather than a key: `${NAME}`, or an
    upper-case variable name that is set (or too short to be a key, which redaction would hide
    anyway). An unset name of key length is taken for a key: OpenClaw sends it as one."""
    text = value.strip()
    if _MARKER.match(text):
        return True
    return bool(_VARIABLE.match(text)) and (len(text) < _MIN_SHOWN_LENGTH or is_set(text))
