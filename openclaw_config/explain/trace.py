"""Working out the provenance records of a registry from what its resolution read.

`explain()` is the entry point (`EffectiveRegistry.explain` calls it). The `Tracer` holds what
every record needs (the registry, the resolution context, a `Locator` for positions) and answers
the question all of them ask: where did the config, or a variable, set this? The records of each
part have their own module: `choice.py` (default model, fallbacks, aliases, mode), `providers.py`,
`credentials.py`, `models.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..composition.substitution import substitute
from ..errors import ConfigPath
from ..outputs.redact import redact
from ..registry.model import EffectiveRegistry
from .context import ResolutionContext
from .locate import Locator, Written
from .records import Origin, Overridden, ProvenanceRecord
from .secrets import known_secrets, redact_headers, scrub, shown_env_value

_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]*\Z")
ENV_WORDS = {"process": "the process environment", "config env": "the config env block"}


def explain(registry: EffectiveRegistry, context: ResolutionContext, path: str | None = None) -> list[ProvenanceRecord]:
    """The provenance records of `registry`, narrowed to `path` (see `Selection`); secrets redacted."""
    from .choice import choice_records
    from .credentials import absent_implicit_records, credential_records, in_use_credential_records
    from .models import model_records
    from .providers import provider_records, provider_sources

    tracer = Tracer(registry, context)
    selection = Selection.of(path, registry, context)
    records = choice_records(tracer)
    for pid in registry.providers:
        if selection.wants_provider(pid):
            sources = provider_sources(tracer, pid)
            records += provider_records(tracer, sources)
            records += credential_records(tracer, sources)
            records += model_records(tracer, sources)
    records += [r for r in in_use_credential_records(tracer) if selection.wants_provider(str(r.provider))]
    records += [r for r in absent_implicit_records(tracer) if selection.wants_provider(str(r.provider))]
    if selection.variable is not None:  # the variable itself, then every value that used it
        from .variables import uses_variable, variable_record

        name = selection.variable
        chosen = [variable_record(tracer, name), *(r for r in records if uses_variable(r, name))]
    else:
        chosen = [r for r in records if selection.matches(r)]
    return scrub(chosen, known_secrets(registry, context))


@dataclass(frozen=True)
class Selection:
    """What `explain(PATH)` narrows to: a config path, a provider id, a model ref (or alias), or an
    environment variable (`ANTHROPIC_API_KEY`, `env.vars.ANTHROPIC_API_KEY`)."""

    text: str | None
    ref: str | None = None
    variable: str | None = None

    @classmethod
    def of(cls, path: str | None, registry: EffectiveRegistry, context: ResolutionContext) -> Selection:
        from .variables import variable_named

        text = (path or "").strip() or None
        if text is None:
            return cls(None)
        is_alias = text.lower() in {alias.lower() for alias in registry.aliases}
        if not is_alias and "/" not in text:
            variable = variable_named(text, context.env, set(registry.providers))
            if variable is not None:
                return cls(text, variable=variable)
        return cls(text, registry.resolve_ref(text) if "/" in text or is_alias else None)

    def wants_provider(self, pid: str) -> bool:
        if self.text is None or self.variable is not None:
            return True
        if self.text == pid or (self.ref or "").partition("/")[0] == pid:
            return True
        prefix = f"models.providers.{pid}"
        return _within(self.text, prefix) or _within(prefix, self.text)

    def matches(self, record: ProvenanceRecord) -> bool:
        if self.text is None:
            return True
        if record.provider == self.text or (self.ref is not None and record.model == self.ref):
            return True
        return _within(record.dotted_path, self.text)


def _within(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix + ".")


class Tracer:
    """What every record of one explanation needs, and where the config or a variable set a value."""

    def __init__(self, registry: EffectiveRegistry, context: ResolutionContext) -> None:
        self.registry = registry
        self.context = context
        self.catalog = context.catalog
        self.locate = Locator(context)

    # -- values written in the config ---------------------------------------------------------

    def from_config(
        self, path: ConfigPath, record_path: ConfigPath, value: Any, *, secret: bool = False, **extra: Any
    ) -> ProvenanceRecord:
        origins, overridden = self.config_sources(path, secret=secret)
        return ProvenanceRecord(record_path, value, origins, overridden, **extra)

    def config_sources(
        self, path: ConfigPath, *, secret: bool = False, variables: bool = True
    ) -> tuple[tuple[Origin, ...], tuple[Overridden, ...]]:
        """Where the config wrote `path`, and what lost. With `variables`, also the variables its
        `${VAR}`s used (for a field; a whole provider or model block would list all of its own)."""
        written = self.locate.written(path)
        winners = [w for w in written if w.effective]
        origins: list[Origin] = [w.origin for w in winners]
        overridden = [
            Overridden(w.origin, self.shown(w.value, path, secret), _lost_reason(w, winners[-1]))
            for w in written
            if not w.effective
        ]
        for name in _variables([w.value for w in winners], self.context.env.get) if variables else ():
            origin, lost = self.env_sources(name)
            origins.append(origin)
            overridden += lost
        return tuple(origins), tuple(overridden)

    def shown(self, value: Any, path: ConfigPath, secret: bool) -> Any:
        """`value` as an explanation may print it."""
        if secret and isinstance(value, str):
            if _ENV_NAME.match(value) and self.context.env.get(value) is not None:
                return value  # the name of a variable that holds the key, not a key
            return redact(value)
        return redact_headers(value) if path and path[-1] == "headers" else value

    def env_sources(self, name: str, rule: str | None = None) -> tuple[Origin, list[Overridden]]:
        """Where variable `name` came from, and the values other sources had for it."""
        env = self.context.env
        winner = env.origins.get(name)
        lost = [
            Overridden(
                self.locate.env(name, origin),
                shown_env_value(name, value, self.catalog),
                self._shadow_reason(name, origin.source),
            )
            for origin, value in env.shadowed.get(name, ())
        ]
        return self.locate.env(name, winner, rule), lost

    def _shadow_reason(self, name: str, source: str) -> str:
        if source == "workspace .env" and self.catalog.is_credential_variable(name):
            return (
                "ignored: provider credentials are never read from the workspace .env; "
                "set it in the process environment, the state .env or an auth profile"
            )
        winner = self.context.env.origins.get(name)
        words = ENV_WORDS.get(winner.source, f"the {winner.source}") if winner else "a higher source"
        return (
            f"{words} also sets {name}, and a source lower in the order (process, workspace .env, state .env, "
            "config env block) never overrides it"
        )


def _lost_reason(loser: Written, winner: Written) -> str:
    if any(site.file == winner.file for site in loser.origin.included_from):
        return "a key beside $include overrides the included value"
    return "a later $include overrides an earlier one"


def _variables(values: list[Any], lookup: Callable[[str], str | None]) -> list[str]:
    """The variables the `${VAR}`s in `values` used, in order, once each."""
    used = (substitute(value, lookup).used for value in values if "${" in json.dumps(value))
    return list(dict.fromkeys(name for found in used for names in found.values() for name in names))


def dig(node: Any, *path: str) -> Any:
    """`node[path[0]][path[1]]...`, or None where an object or a key is missing."""
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    return node
