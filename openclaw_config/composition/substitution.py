"""`${VAR}` substitution in every string of the config (SPEC section 5).

Only upper-case names are variables; `$${VAR}` is the escape for a literal `${VAR}`. Every missing
variable is reported, with the config path that uses it. A provider `apiKey` written exactly as
`${NAME}` becomes the name `NAME`: the registry keeps a reference to the secret, never the secret.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import ConfigPath

_REFERENCE = re.compile(r"\$(\$?)\{([A-Z_][A-Z0-9_]*)\}")
_WHOLE_REFERENCE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}\Z")


@dataclass
class Substitution:
    """The outcome: the new value, missing variables by path, and which variables were used where."""

    value: Any = None
    missing: list[tuple[str, ConfigPath]] = field(default_factory=list)
    used: dict[ConfigPath, tuple[str, ...]] = field(default_factory=dict)


def is_api_key_path(path: ConfigPath) -> bool:
    return len(path) == 4 and path[0] == "models" and path[1] == "providers" and path[3] == "apiKey"


def substitute(value: Any, lookup: Callable[[str], str | None]) -> Substitution:
    """Replace `${VAR}` everywhere in `value`; `lookup` returns a non-blank value or None."""
    result = Substitution()
    result.value = _walk(value, (), lookup, result)
    return result


def _walk(value: Any, path: ConfigPath, lookup: Callable[[str], str | None], result: Substitution) -> Any:
    if isinstance(value, str):
        return _string(value, path, lookup, result) if "${" in value else value
    if isinstance(value, dict):
        return {k: _walk(v, (*path, k), lookup, result) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, (*path, i), lookup, result) for i, v in enumerate(value)]
    return value


def _string(text: str, path: ConfigPath, lookup: Callable[[str], str | None], result: Substitution) -> str:
    used: list[str] = []

    def replace(match: re.Match[str]) -> str:
        escaped, name = match.group(1), match.group(2)
        if escaped:
            return "${" + name + "}"
        used.append(name)
        found = lookup(name)
        if found is None:
            result.missing.append((name, path))
            return match.group(0)
        return found

    substituted = _REFERENCE.sub(replace, text)
    if used:
        result.used[path] = tuple(used)
    whole = _WHOLE_REFERENCE.match(text)
    if whole and is_api_key_path(path):
        return whole.group(1)  # keep the reference, not the secret
    return substituted
