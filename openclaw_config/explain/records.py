"""Provenance records: for one effective value, where it came from and what it overrode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import ConfigPath, format_path

OriginKind = Literal["config", "env", "profile", "catalog", "models.json", "default"]
Shorten = Callable[[str], str]  # how a file name is shown (e.g. with `~` for the home directory)

_ENV_SOURCE_WORDS = {
    "process": "the process environment",
    "workspace .env": "the workspace .env",
    "state .env": "the state .env",
    "config env": "the config env block",
}


def _location(file: str | None, line: int | None, column: int | None, short: Shorten) -> str:
    if file is None:
        return ""
    if line is None:
        return short(file)
    return f"{short(file)}:{line}" if column is None else f"{short(file)}:{line}:{column}"


def _unchanged(file: str) -> str:
    return file


@dataclass(frozen=True)
class IncludeSite:
    """A `$include` key that pulled in the next file of an include chain."""

    file: str
    line: int | None = None
    column: int | None = None

    def location(self, short: Shorten = _unchanged) -> str:
        return _location(self.file, self.line, self.column, short)


@dataclass(frozen=True)
class Origin:
    """One place a value came from. Which fields are set depends on `kind`:

    config       file, line, column, path (inside the file), included_from (outermost first)
    env          env_var, env_source; file and line for a .env file, file:line:column for the config env block
    profile      profile, file (the auth store), line, column
    catalog      file (catalog.json), line, column, path
    models.json  file (the existing models.json), line, column, path
    default      rule
    `rule` may also say which rule of the spec turned the source into the value.
    """

    kind: OriginKind
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: ConfigPath | None = None
    included_from: tuple[IncludeSite, ...] = ()
    env_var: str | None = None
    env_source: str | None = None
    profile: str | None = None
    rule: str | None = None

    def location(self, short: Shorten = _unchanged) -> str:
        """`FILE:LINE:COL` (or as much of it as is known)."""
        return _location(self.file, self.line, self.column, short)

    def describe(self, short: Shorten = _unchanged) -> str:
        """The origin in words, for a person."""
        where = self.location(short)
        if self.kind == "config":
            text = f"config {where}"
            if self.included_from:
                text += f" (included via {' -> '.join(site.location(short) for site in self.included_from)})"
        elif self.kind == "env":
            source = _ENV_SOURCE_WORDS.get(self.env_source or "", self.env_source or "")
            text = f"env {self.env_var} (set in {source}" + (f" at {where})" if where else ")")
        elif self.kind == "profile":
            text = f"auth profile {self.profile} in {where}"
        elif self.kind == "catalog":
            text = f"built-in provider catalog {where}"
        elif self.kind == "models.json":
            text = f"existing models.json {where}"
        else:
            return f"default: {self.rule}"
        return f"{text}: {self.rule}" if self.rule else text

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "description": self.describe()}
        if self.file is not None:
            data.update(file=self.file, line=self.line, column=self.column, location=self.location())
        if self.path is not None:
            data["inFilePath"] = format_path(self.path)
        if self.included_from:
            data["includedFrom"] = [
                {"file": s.file, "line": s.line, "column": s.column, "location": s.location()}
                for s in self.included_from
            ]
        optional = {"envVar": self.env_var, "envSource": self.env_source, "profile": self.profile, "rule": self.rule}
        data.update((k, v) for k, v in optional.items() if v is not None)
        return data


@dataclass(frozen=True)
class Overridden:
    """A value that lost: where it was, what it was (secrets redacted), and why it lost."""

    origin: Origin
    value: Any
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "reason": self.reason, "origin": self.origin.to_dict()}


@dataclass(frozen=True)
class ProvenanceRecord:
    """One effective value of the registry: its path, its value, its origins and what it overrode.

    `path` follows the config (`models.providers.xiaomi.baseUrl`); model fields use the model's
    index in the effective provider (`models.providers.xiaomi.models.0.name`), and `credential`
    stands for the key the provider will use. Secret values are redacted.
    """

    path: ConfigPath
    value: Any
    origins: tuple[Origin, ...]
    overridden: tuple[Overridden, ...] = ()
    provider: str | None = None  # the provider id the record belongs to
    model: str | None = None  # the model ref the record belongs to
    note: str | None = None  # what the value means, when that is not obvious

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    @property
    def is_default(self) -> bool:
        """Whether the value is only a default (a rule, nothing set anywhere) and overrode nothing:
        what `show --explain` leaves out unless asked for `--all`."""
        return bool(self.origins) and all(o.kind == "default" for o in self.origins) and not self.overridden

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.dotted_path, "pathSegments": list(self.path), "value": self.value}
        data.update((k, v) for k, v in (("provider", self.provider), ("model", self.model)) if v is not None)
        if self.note:
            data["note"] = self.note
        data["origins"] = [o.to_dict() for o in self.origins]
        data["overridden"] = [o.to_dict() for o in self.overridden]
        return data
