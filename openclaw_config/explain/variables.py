"""Provenance of one environment variable (`show --explain ANTHROPIC_API_KEY`, `--explain env.vars.X`).

The variable's own record says where its value in effect was set and which values of lower sources
lost; the records of the registry that used it follow (see `trace.explain`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .records import ProvenanceRecord
from .secrets import shown_env_value

if TYPE_CHECKING:
    from ..composition.environment import EffectiveEnvironment
    from .trace import Tracer

_CONFIG_FORM = re.compile(r"env\.(vars\.)?([A-Za-z_][A-Za-z0-9_]*)")
_UPPER_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")
_ENV_SETTINGS = ("vars", "shellEnv")  # keys of the env block that are not variables
_NOT_SET = "not set in the process environment, the workspace .env, the state .env or the config env block"


def variable_named(text: str, env: EffectiveEnvironment, provider_ids: set[str]) -> str | None:
    """The variable `text` asks about: `env.vars.NAME`, `env.NAME`, or a bare variable name (an
    upper-case name, or one some source sets) that is not a provider id; else None."""
    match = _CONFIG_FORM.fullmatch(text)
    if match is not None:
        name = match.group(2)
        return name if match.group(1) or name not in _ENV_SETTINGS else None
    if text in provider_ids:
        return None
    if _UPPER_NAME.fullmatch(text) or text in env.values or text in env.shadowed:
        return text
    return None


def variable_record(tracer: Tracer, name: str) -> ProvenanceRecord:
    """Where `name` was set (secret values redacted), and the values other sources had for it."""
    env = tracer.context.env
    path = ("env", name)
    if name not in env.origins and name not in env.shadowed:
        return ProvenanceRecord(path, None, (), note=_NOT_SET)
    origin, lost = tracer.env_sources(name)
    value = env.values.get(name)
    if name not in env.origins or value is None:  # set only where it is never read from
        ignored = "not in effect: the only sources setting it are ignored"
        return ProvenanceRecord(path, None, (), tuple(lost), note=ignored)
    blank = None if value.strip() else "blank: counts as not set"
    return ProvenanceRecord(path, shown_env_value(name, value, tracer.catalog), (origin,), tuple(lost), note=blank)


def uses_variable(record: ProvenanceRecord, name: str) -> bool:
    """Whether the value of `record`, or one it overrode, came from variable `name`."""
    origins = [*record.origins, *(lost.origin for lost in record.overridden)]
    return any(origin.kind == "env" and origin.env_var == name for origin in origins)
