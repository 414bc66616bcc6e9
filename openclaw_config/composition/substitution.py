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

from pydantic_core import PydanticSerializationError, to_json

from ..errors import ConfigPath
from .tree import with_children

_REFERENCE = re.compile(r"\$(\$?)\{([A-Z_][A-Z0-9_]*)\}")
_WHOLE_REFERENCE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}\Z")
#: The bound on what substitution may add to a config, in characters: a long value used in many
#: places would otherwise grow the config until memory runs out.
MAX_SUBSTITUTED_CHARS = 16_000_000


@dataclass
class Substitution:
    """The outcome: the new value, missing variables by path, and which variables were used where."""

    value: Any = None
    missing: list[tuple[str, ConfigPath]] = field(default_factory=list)
    used: dict[ConfigPath, tuple[str, ...]] = field(default_factory=dict)
    added: int = 0  # characters the substituted values added
    oversized: tuple[str, ConfigPath] | None = None  # where substitution passed MAX_SUBSTITUTED_CHARS


def is_api_key_path(path: ConfigPath) -> bool:
    return len(path) == 4 and path[0] == "models" and path[1] == "providers" and path[3] == "apiKey"


def substitute(value: Any, lookup: Callable[[str], str | None]) -> Substitution:
    """Replace `${VAR}` everywhere in `value`; `lookup` returns a non-blank value or None.

    Two passes: find the strings that hold `${` (a plain read of the tree, the cheap part for a large
    config), then rebuild only the objects on the way to them; the rest is shared with `value`.
    """
    result = Substitution()
    found = [((), value)] if isinstance(value, str) and "${" in value else _references(value, (), [])
    replaced = {path: _string(text, path, lookup, result) for path, text in found}
    ancestors = {path[:depth] for path, _ in found for depth in range(len(path))}
    result.value = _rebuilt(value, (), replaced, ancestors)
    return result


def _references(node: Any, path: ConfigPath, found: list[tuple[ConfigPath, str]]) -> list[tuple[ConfigPath, str]]:
    """Every string below `node` that holds `${`, with its path, in document order.

    Paths are only built on the way to such strings: `_holds_reference` rules out the other
    subtrees first, which is most of a large config. The values come from the JSON5 parser, so
    exact type tests suffice (and are faster than isinstance, for the many nodes visited).
    """
    if type(node) is not dict and type(node) is not list:
        return found
    for key, child in node.items() if type(node) is dict else enumerate(node):
        if type(child) is str:
            if "${" in child:
                found.append(((*path, key), child))
        elif (type(child) is dict or type(child) is list) and _holds_reference(child):
            _references(child, (*path, key), found)
    return found


def _holds_reference(node: dict[Any, Any] | list[Any]) -> bool:
    """Whether any string below `node` holds `${` (stops at the first).

    An array (where the bulk of a large config is: the models of each provider) is encoded and
    searched in one go, several times faster than visiting its values: JSON writes `$` and `{` as
    they are, so its text holds `${` exactly when one of its strings (or keys) does.
    """
    if type(node) is list:
        try:
            return b"${" in to_json(node)
        except PydanticSerializationError:  # a lone surrogate, which JSON5 escapes can make
            pass
    for child in node.values() if type(node) is dict else node:
        if type(child) is str:
            if "${" in child:
                return True
        elif (type(child) is dict or type(child) is list) and _holds_reference(child):
            return True
    return False


def _rebuilt(node: Any, path: ConfigPath, replaced: dict[ConfigPath, str], ancestors: set[ConfigPath]) -> Any:
    """`node` (found at `path`) with the strings of `replaced` in place; `node` itself below no change."""
    if path in replaced:
        return replaced[path]
    if path not in ancestors:
        return node
    children = node.items() if isinstance(node, dict) else enumerate(node)
    return with_children(node, {key: _rebuilt(child, (*path, key), replaced, ancestors) for key, child in children})


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
        result.added += len(found)
        if result.added > MAX_SUBSTITUTED_CHARS:
            result.oversized = result.oversized or (name, path)
            return match.group(0)
        return found

    substituted = _REFERENCE.sub(replace, text)
    if used:
        result.used[path] = tuple(used)
    whole = _WHOLE_REFERENCE.match(text.strip())  # padding is trimmed from keys: still a reference
    if whole and is_api_key_path(path):
        return whole.group(1)  # keep the reference, not the secret
    return substituted
