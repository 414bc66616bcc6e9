"""Turning "where" facts into located `Origin`s: files, lines and columns, include chains.

Positions are computed here, and only here, when an explanation asks for them: each file is
scanned once per `Locator` (one `explain()` call).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..composition.environment import EnvOrigin
from ..composition.includes import INCLUDE_KEY
from ..composition.source_map import candidates
from ..errors import ConfigError, ConfigPath
from ..providers.catalog import IMPLICIT_FILE as IMPLICIT_DATA_FILE
from ..sources.json5_file import ParsedFile, read_text
from ..sources.json5_positions import Json5SyntaxError, PositionIndex, index_positions
from .records import IncludeSite, Origin, OriginKind

if TYPE_CHECKING:
    from ..pipeline import ComposedConfig
    from .context import ResolutionContext

CATALOG_FILE = Path(__file__).resolve().parent.parent / "providers" / "catalog.json"
IMPLICIT_FILE = IMPLICIT_DATA_FILE.resolve()


_Found = tuple[ParsedFile, ConfigPath, Any]  # a file, a path in it, the value written there


@dataclass(frozen=True)
class Written:
    """One place in the config files that wrote a value for a config path, in merge order."""

    origin: Origin
    value: Any  # as written there (before `${VAR}` substitution)
    effective: bool  # False: a later value replaced it
    file: str  # the file it was written in


class Locator:
    """Located origins for one explanation; it caches position indexes, include chains and walks."""

    def __init__(self, context: ResolutionContext) -> None:
        self._context = context
        self._indexes: dict[str, PositionIndex | None] = {}
        self._sites: dict[str, tuple[ParsedFile, ConfigPath]] | None = None
        self._chains: dict[str, tuple[IncludeSite, ...]] = {}
        self._found: dict[ConfigPath, list[_Found]] = {}

    # -- config files -------------------------------------------------------------------------

    def written(self, path: ConfigPath) -> list[Written]:
        """Every value the config files wrote for the composed `path`, in merge order."""
        found = self._candidates(path)
        flags = _effective_flags([value for _, _, value in found])
        return [
            Written(self.config_origin(file, in_file), value, effective, str(file.path))
            for (file, in_file, value), effective in zip(found, flags, strict=True)
        ]

    def _candidates(self, path: ConfigPath) -> list[_Found]:
        """`source_map.candidates` with the values, memoized: below a node written in one place
        with no `$include` in it, a child is simply that file's child (no walk from the root)."""
        if path in self._found:
            return self._found[path]
        result = None
        if path:
            parent = self._candidates(path[:-1])
            if len(parent) == 1 and not _is_include(parent[0][2]):
                file, in_file, node = parent[0]
                last = path[-1]
                result = [(file, (*in_file, last), node[last])] if _has(node, last) else []
        if result is None:
            result = [(f, p, _value_at(f.value, p)) for f, p in self._walk(path)]
        self._found[path] = result
        return result

    def _walk(self, path: ConfigPath) -> list[tuple[ParsedFile, ConfigPath]]:
        found = candidates(path, self._context.composed)
        if not path:
            return found
        # `candidates` falls back to the deepest existing part; keep only hits of `path` itself
        # (an array index differs in the file when arrays of several files were concatenated).
        last = path[-1]
        return [(f, p) for f, p in found if p and (p[-1] == last if isinstance(last, str) else isinstance(p[-1], int))]

    def config_origin(self, file: ParsedFile, in_file: ConfigPath, rule: str | None = None) -> Origin:
        line, column = self._position(file, in_file)
        return Origin("config", str(file.path), line, column, in_file, included_from=self._chain(file), rule=rule)

    def _chain(self, file: ParsedFile) -> tuple[IncludeSite, ...]:
        """The `$include` keys that led from the top-level config to `file`, outermost first."""
        if self._sites is None:
            self._sites = _include_sites(self._context.composed)
        name = str(file.path)
        if name not in self._chains:
            chain: list[IncludeSite] = []
            while name in self._sites and len(chain) <= len(self._sites):  # bounded even if a cycle slipped in
                parent, key_path = self._sites[name]
                line, column = self._position(parent, key_path)
                chain.insert(0, IncludeSite(str(parent.path), line, column))
                name = str(parent.path)
            self._chains[str(file.path)] = tuple(chain)
        return self._chains[str(file.path)]

    # -- the other sources --------------------------------------------------------------------

    def env(self, name: str, origin: EnvOrigin | None, rule: str | None = None) -> Origin:
        """Where variable `name` was set: the process, a .env file:line, or the config env block."""
        if origin is None or origin.source == "process":
            return Origin("env", env_var=name, env_source="process", rule=rule)
        if origin.source == "config env":
            block = self._config_env_entry(name)
            if block is not None:
                return replace(block, kind="env", env_var=name, env_source=origin.source, rule=rule)
        return Origin("env", origin.file, origin.line, env_var=name, env_source=origin.source, rule=rule)

    def _config_env_entry(self, name: str) -> Origin | None:
        env_block = self._context.composed.value.get("env")
        if not isinstance(env_block, dict):
            return None
        direct = isinstance(env_block.get(name), str) and name not in ("vars", "shellEnv")
        written = self.written(("env", name) if direct else ("env", "vars", name))
        return next((w.origin for w in reversed(written) if w.effective), None)

    def profile(self, profile_id: str, rule: str | None = None) -> Origin:
        found = self._context.store.profile(profile_id)  # an agent's store may build on the main one's
        store = found.file if found is not None and found.file is not None else self._context.store.path
        line, column = self._position(store, ("profiles", profile_id))
        return Origin("profile", str(store), line, column, profile=profile_id, rule=rule)

    def catalog(self, path: ConfigPath, rule: str | None = None) -> Origin:
        implicit = len(path) > 2 and path[2] != "keyVariables"  # the implicit providers are in the data file
        return self._file_origin("catalog", IMPLICIT_FILE if implicit else CATALOG_FILE, path, rule)

    def models_json(self, path: ConfigPath, rule: str | None = None) -> Origin:
        return self._file_origin("models.json", self._context.existing.path, path, rule)

    def _file_origin(self, kind: OriginKind, file: Path, path: ConfigPath, rule: str | None) -> Origin:
        line, column = self._position(file, path)
        return Origin(kind, str(file), line, column, path, rule=rule)

    # -- positions ----------------------------------------------------------------------------

    def _position(self, source: ParsedFile | Path, path: ConfigPath) -> tuple[int | None, int | None]:
        """(line, column) of the key at `path` in a file (its value for array items and roots)."""
        name = str(source.path if isinstance(source, ParsedFile) else source)
        if name not in self._indexes:
            try:
                text = source.text if isinstance(source, ParsedFile) else read_text(source, what="file")
                self._indexes[name] = index_positions(text)
            except (Json5SyntaxError, ConfigError, RecursionError):
                self._indexes[name] = None  # a file changed or unreadable since: no position
        index = self._indexes[name]
        position = None if index is None else index.key(path) or index.value(path)
        return (None, None) if position is None else (position.line, position.column)


def _has(node: Any, segment: str | int) -> bool:
    if isinstance(node, dict):
        return segment in node
    return isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node)


def _is_include(node: Any) -> bool:
    return isinstance(node, dict) and INCLUDE_KEY in node


def _value_at(node: Any, path: ConfigPath) -> Any:
    for segment in path:
        node = node[segment]
    return node


def _kind(value: Any) -> type | None:
    return dict if isinstance(value, dict) else list if isinstance(value, list) else None


def _effective_flags(values: list[Any]) -> list[bool]:
    """Which values take part in the merged one: objects merge, arrays concatenate, a scalar replaces."""
    flags = [False] * len(values)
    if not values:
        return flags
    flags[-1] = True
    kind = _kind(values[-1])
    for i in range(len(values) - 2, -1, -1):
        if kind is None or _kind(values[i]) is not kind:
            break
        flags[i] = True
    return flags


def _include_sites(composed: ComposedConfig) -> dict[str, tuple[ParsedFile, ConfigPath]]:
    """Each included file (by the path it was read at) -> the file that includes it, and the path
    of that `$include` key. `$include` reads a file at `<including file's dir>/<target>`."""
    sites: dict[str, tuple[ParsedFile, ConfigPath]] = {}
    for file in (f for f in (composed.root, *composed.included) if f is not None):
        for in_file, spec in _include_keys(file.value, ()):
            for target in spec if isinstance(spec, list) else [spec]:
                sites.setdefault(str(Path(file.path).parent / str(target)), (file, (*in_file, INCLUDE_KEY)))
    return sites


def _include_keys(node: Any, path: ConfigPath) -> Iterator[tuple[ConfigPath, Any]]:
    if isinstance(node, dict):
        if INCLUDE_KEY in node:
            yield path, node[INCLUDE_KEY]
        for key, value in node.items():
            yield from _include_keys(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _include_keys(value, (*path, i))
