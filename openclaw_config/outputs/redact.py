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


_USERINFO = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^/@?#:\s]*):([^/@?#\s]*)@")
_KEY_PARAMETER = re.compile(
    r"([?&](?:key|api[_-]?key|apikey|token|access[_-]?token|secret|password|sig|signature)=)([^&#]+)", re.IGNORECASE
)


def redact_url(url: str, secrets: list[str]) -> str:
    """A URL as it may be printed: the password of `user:password@host`, the values of key-like query
    parameters (`?key=...`) and any known secret (a credential variable substituted in) redacted."""
    url = _USERINFO.sub(lambda m: f"{m.group(1)}:***@", url)
    url = _KEY_PARAMETER.sub(lambda m: m.group(1) + redact(m.group(2)), url)
    return redact_text(url, secrets)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    """`text` with control characters (newlines, terminal escapes) shown as escapes: a config value
    must not forge output lines or drive the terminal."""
    return _CONTROL.sub(
        lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100 else f"\\u{ord(m.group(0)):04x}", text
    )
