"""When OpenClaw's runtime registry refuses `models.json` (pi-coding-agent's ModelRegistry rules).

pi checks the document in two passes, and any failure makes it drop the whole file (every custom
model and every override) and run on the built-in catalog alone:

1. its schema: `providers` is an object of provider blocks; each field, when present, has its
   type (strings non-empty, `headers` a string map, `cost` all four numbers, `input` text/image);
   keys it does not know are allowed;
2. its rules: a provider with models needs `baseUrl` and `apiKey`; one without models needs
   `baseUrl` or `modelOverrides`; every model needs an `api` (its own or the provider's) and an
   `id`; `contextWindow` and `maxTokens`, when given, are positive.

pi stops at the first failure; `violations()` lists every one, so that one run shows all to fix.
Blocks the config schema already validated, and whose models all get their defaults, can only
fail for what is missing (a key, an endpoint, an api): `trusted` providers are checked for that
alone, which keeps the check of thousands of configured models cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, Literal, NamedTuple

from ..errors import ConfigPath

Rule = Literal[
    "schema", "no-endpoint", "missing-base-url", "missing-api-key", "missing-api", "missing-id",
    "context-window", "max-tokens",
]  # fmt: skip


class Violation(NamedTuple):  # a tuple: `show` imports this module, and a dataclass costs a millisecond
    """One reason the runtime refuses the document; `path` is where, inside models.json."""

    rule: Rule
    provider: str
    model: str | None  # the model's id, for model-level rules
    path: ConfigPath  # ("providers", pid[, "models", index[, field]])
    detail: str  # for "schema": what the value should be


Check = Callable[[Any], str | None]  # None when the value is fine, else what it should be


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) and value else "must be a non-empty string"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


def _number(value: Any) -> str | None:
    return None if type(value) in (int, float) else "must be a number"


def _headers(value: Any) -> str | None:
    ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    return None if ok else "must be an object of header names to strings"


def _input(value: Any) -> str | None:
    ok = isinstance(value, list) and all(v in ("text", "image") for v in value)
    return None if ok else 'must be a list of "text" and "image"'


def _object(value: Any) -> str | None:
    return None if isinstance(value, dict) else "must be an object"


def _cost(required: bool) -> Check:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "must be an object"
        fields = ("input", "output", "cacheRead", "cacheWrite")
        if required and any(f not in value for f in fields):
            return "must give all four of input, output, cacheRead and cacheWrite"
        return None if all(_number(value[f]) is None for f in fields if f in value) else "prices must be numbers"

    return check


_MODEL_FIELDS: dict[str, Check] = {
    "id": _string, "name": _string, "api": _string, "reasoning": _boolean, "input": _input,
    "cost": _cost(required=True), "contextWindow": _number, "maxTokens": _number, "headers": _headers,
    "compat": _object,
}  # fmt: skip
_OVERRIDE_FIELDS: dict[str, Check] = {
    **{k: v for k, v in _MODEL_FIELDS.items() if k not in ("id", "api")},
    "cost": _cost(required=False),
}
_POSITIVE_FIELDS: tuple[tuple[str, Rule], ...] = (("contextWindow", "context-window"), ("maxTokens", "max-tokens"))
_PROVIDER_FIELDS: dict[str, Check] = {
    "baseUrl": _string, "apiKey": _string, "api": _string, "headers": _headers, "authHeader": _boolean,
}  # fmt: skip


def violations(document: Mapping[str, Any], trusted: Collection[str] = ()) -> list[Violation]:
    """Every reason pi would refuse `document` (a models.json document); empty when it loads it."""
    providers = document.get("providers")
    if not isinstance(providers, dict):
        return [Violation("schema", "", None, ("providers",), "must be an object of providers")]
    found: list[Violation] = []
    for pid, block in providers.items():
        if pid in trusted:
            found += _trusted_violations(pid, block)
        else:
            found += _schema_violations(pid, block) or _rule_violations(pid, block)
    return found


def _trusted_violations(pid: str, block: Mapping[str, Any]) -> list[Violation]:
    if block.get("apiKey") == "":  # the config schema takes any string; pi wants a non-empty one
        return [Violation("schema", pid, None, ("providers", pid, "apiKey"), "must be a non-empty string")]
    return _rule_violations(pid, block, numbers=False)


def _schema_violations(pid: str, block: Any) -> list[Violation]:
    where: ConfigPath = ("providers", pid)
    if not isinstance(block, dict):
        return [Violation("schema", pid, None, where, "must be an object")]
    found = _fields(pid, None, where, block, _PROVIDER_FIELDS)
    models = block.get("models")
    if models is not None and not isinstance(models, list):
        found.append(Violation("schema", pid, None, (*where, "models"), "must be a list"))
    for index, model in enumerate(models if isinstance(models, list) else ()):
        at: ConfigPath = (*where, "models", index)
        if not isinstance(model, dict):
            found.append(Violation("schema", pid, None, at, "must be an object"))
            continue
        model_id = model.get("id") if isinstance(model.get("id"), str) else None
        if "id" not in model:
            found.append(Violation("missing-id", pid, None, at, "has no id"))
        found += _fields(pid, model_id, at, model, _MODEL_FIELDS)
    overrides = block.get("modelOverrides")
    if overrides is not None and not isinstance(overrides, dict):
        found.append(Violation("schema", pid, None, (*where, "modelOverrides"), "must be an object"))
    for model_id, override in (overrides or {}).items() if isinstance(overrides, dict) else ():
        at = (*where, "modelOverrides", model_id)
        if not isinstance(override, dict):
            found.append(Violation("schema", pid, model_id, at, "must be an object"))
            continue
        found += _fields(pid, model_id, at, override, _OVERRIDE_FIELDS)
    return found


def _fields(
    pid: str, model: str | None, where: ConfigPath, block: Mapping[str, Any], checks: Mapping[str, Check]
) -> list[Violation]:
    found = []
    for name, check in checks.items():
        if name in block:
            wrong = check(block[name])
            if wrong is not None:
                found.append(Violation("schema", pid, model, (*where, name), wrong))
    return found


def _rule_violations(pid: str, block: Mapping[str, Any], *, numbers: bool = True) -> list[Violation]:
    where: ConfigPath = ("providers", pid)
    models = block.get("models") or []
    found = []
    if not models:
        if not block.get("baseUrl") and not block.get("modelOverrides"):
            found.append(Violation("no-endpoint", pid, None, where, "has no baseUrl, modelOverrides or models"))
    else:
        if not block.get("baseUrl"):
            found.append(Violation("missing-base-url", pid, None, (*where, "baseUrl"), "has models but no baseUrl"))
        if not block.get("apiKey"):
            found.append(Violation("missing-api-key", pid, None, (*where, "apiKey"), "has models but no apiKey"))
    provider_api = bool(block.get("api"))
    if provider_api and not numbers:
        return found  # every model has an api, and its defaults make its numbers positive
    for index, model in enumerate(models):
        at: ConfigPath = (*where, "models", index)
        model_id = str(model.get("id", ""))
        if not provider_api and not model.get("api"):
            found.append(Violation("missing-api", pid, model_id, (*at, "api"), "has no api"))
        if not numbers:
            continue
        for field_name, rule in _POSITIVE_FIELDS:
            value = model.get(field_name)
            if value is not None and value <= 0:
                found.append(Violation(rule, pid, model_id, (*at, field_name), f"{field_name} is not positive"))
    return found
