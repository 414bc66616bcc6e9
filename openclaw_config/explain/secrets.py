"""Keeping secrets out of explanations: which values are secret, and a last scrub of every record.

Records redact the values they know to be secret (keys, credential variables, auth headers) when
they are made; `scrub` then replaces any known secret that still slipped into a value.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..outputs.redact import redact, redact_text
from .records import Overridden, ProvenanceRecord

if TYPE_CHECKING:
    from ..providers.catalog import Catalog
    from ..registry.model import EffectiveRegistry
    from .context import ResolutionContext

_SECRET_VARIABLE = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL", re.IGNORECASE)
_SECRET_HEADER = re.compile(r"auth|key|token|secret|cookie|signature", re.IGNORECASE)


def is_secret_variable(name: str, catalog: Catalog) -> bool:
    return catalog.is_credential_variable(name) or _SECRET_VARIABLE.search(name) is not None


def shown_env_value(name: str, value: str, catalog: Catalog) -> str:
    return redact(value) if is_secret_variable(name, catalog) else value


def redact_headers(headers: Any) -> Any:
    """A headers object with the values of authentication-like headers redacted."""
    if not isinstance(headers, dict):
        return headers
    return {k: redact(v) if isinstance(v, str) and _SECRET_HEADER.search(str(k)) else v for k, v in headers.items()}


def known_secrets(registry: EffectiveRegistry, context: ResolutionContext) -> set[str]:
    """Every secret this resolution saw: keys in effect, profile secrets, credential variables."""
    credentials = (p.credential for p in registry.providers.values())
    found = {c.value for c in credentials if c is not None and c.source != "placeholder"}
    found.update(s for p in context.store.profiles for s in (p.secret, p.access, p.refresh) if s)
    env = context.env
    for name in {*env.values, *env.shadowed}:
        if is_secret_variable(name, context.catalog):
            found.update(v for _, v in env.shadowed.get(name, ()))
            if name in env.values:
                found.add(env.values[name])
    found.update(b["apiKey"] for b in context.existing.blocks.values() if isinstance(b.get("apiKey"), str))
    return {s for s in found if s.strip()}


def scrub(records: list[ProvenanceRecord], secrets: set[str]) -> list[ProvenanceRecord]:
    """`records` with every known secret in a value redacted."""
    embedded = list(secrets)  # redact_text leaves very short ones alone inside longer text

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return redact(value) if value in secrets else redact_text(value, embedded)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return [
        replace(
            record,
            value=clean(record.value),
            overridden=tuple(Overridden(o.origin, clean(o.value), o.reason) for o in record.overridden),
        )
        for record in records
    ]
