"""How OpenClaw's runtime registry combines `models.json` with the built-in catalog (pi's rules).

- A provider block with `baseUrl` or `headers` re-points every built-in model of that provider
  (its headers are added to the model's own).
- `modelOverrides[id]` patches that built-in model field by field: `cost` price by price, `headers`
  added, `compat` merged (its routing preferences too).
- Each custom model becomes a full model: `api` its own or the provider's, the provider's
  `baseUrl`, headers = provider's then the model's, plus `Authorization: Bearer <key>` when the
  provider sets `authHeader`, and pi's defaults for what it does not say.
- A custom model with a built-in `provider/id` takes that model's place; the others are added.

Header values and `apiKey` go through pi's value rule: the value of the environment variable of
that name when it is set, else the text itself. A value starting with `!` is a shell command to
pi; this engine never runs one, so such a header is left out (as pi does when a command fails).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# pi's defaults for what a custom model does not say (the engine's models.json always says it).
PI_DEFAULT_CONTEXT_WINDOW = 128_000
PI_DEFAULT_MAX_TOKENS = 16_384
_ZERO_COST = {"input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0}
_ROUTING_KEYS = ("openRouterRouting", "vercelGatewayRouting")
AUTHORIZATION = "Authorization"


@dataclass(frozen=True)
class Assembled:
    """A runtime model as pi holds it (`value`), and which of its headers carry a secret."""

    value: dict[str, Any]
    secret_headers: frozenset[str] = field(default=frozenset())


@dataclass(frozen=True)
class ValueResolver:
    """pi's rule for `apiKey` and header values, over the environment OpenClaw runs with."""

    env: Mapping[str, str]

    def value(self, text: str) -> tuple[str | None, bool]:
        """The value pi would use, and whether it came from the environment (so it is a secret)."""
        if text.startswith("!"):
            return None, False
        from_env = self.env.get(text)
        return (from_env, True) if from_env else (text, False)

    def headers(self, headers: Mapping[str, str] | None) -> tuple[dict[str, str] | None, set[str]]:
        if not headers:
            return None, set()
        resolved: dict[str, str] = {}
        secret: set[str] = set()
        for name, text in headers.items():
            value, from_env = self.value(text)
            if value:
                resolved[name] = value
                if from_env:
                    secret.add(name)
        return (resolved or None), secret


def builtin_model(model: Mapping[str, Any], block: Mapping[str, Any] | None, values: ValueResolver) -> Assembled:
    """A built-in model with its provider's block (`baseUrl`, `headers`, `modelOverrides`) applied."""
    if block is None:
        return Assembled(dict(model))
    out = dict(model)
    secret: set[str] = set()
    if block.get("baseUrl") or block.get("headers") or block.get("apiKey"):
        headers, secret = values.headers(block.get("headers"))
        out["baseUrl"] = block.get("baseUrl") or model["baseUrl"]
        if headers:
            out["headers"] = {**(model.get("headers") or {}), **headers}
    override = (block.get("modelOverrides") or {}).get(model["id"])
    if isinstance(override, dict):
        override_secret = _apply_override(out, override, values)
        secret |= override_secret
    return Assembled(out, frozenset(secret))


def _apply_override(out: dict[str, Any], override: Mapping[str, Any], values: ValueResolver) -> set[str]:
    for name in ("name", "reasoning", "input", "contextWindow", "maxTokens"):
        if name in override:
            out[name] = override[name]
    cost = override.get("cost")
    if cost:
        out["cost"] = {k: cost[k] if cost.get(k) is not None else v for k, v in out["cost"].items()}
    headers, secret = values.headers(override.get("headers"))
    if headers:
        out["headers"] = {**(out.get("headers") or {}), **headers}
    compat = _merged_compat(out.get("compat"), override.get("compat"))
    if compat is None:
        out.pop("compat", None)
    else:
        out["compat"] = compat
    return secret


def _merged_compat(base: Mapping[str, Any] | None, override: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not override:
        return None if base is None else dict(base)
    merged = {**(base or {}), **override}
    for key in _ROUTING_KEYS:
        if (base or {}).get(key) or override.get(key):
            merged[key] = {**((base or {}).get(key) or {}), **(override.get(key) or {})}
    return merged


def custom_models(providers: Mapping[str, Mapping[str, Any]], values: ValueResolver) -> Iterable[Assembled]:
    """Every custom model of an accepted document, in document order (pi's `parseModels`)."""
    for pid, block in providers.items():
        for model in block.get("models") or ():
            api = model.get("api") or block.get("api")
            if api:
                yield _custom_model(pid, block, model, api, values)


def _custom_model(
    pid: str, block: Mapping[str, Any], model: Mapping[str, Any], api: str, values: ValueResolver
) -> Assembled:
    provider_headers, secret = values.headers(block.get("headers"))
    model_headers, model_secret = values.headers(model.get("headers"))
    secret = (secret - set(model_headers or ())) | model_secret
    headers = {**(provider_headers or {}), **(model_headers or {})} if provider_headers or model_headers else None
    if block.get("authHeader") and block.get("apiKey"):
        key, _ = values.value(block["apiKey"])
        if key:
            headers = {**(headers or {}), AUTHORIZATION: f"Bearer {key}"}
            secret.add(AUTHORIZATION)
    out: dict[str, Any] = {
        "id": model["id"],
        "name": _given(model, "name", model["id"]),
        "api": api,
        "provider": pid,
        "baseUrl": block.get("baseUrl"),
        "reasoning": _given(model, "reasoning", False),
        "input": _given(model, "input", ["text"]),
        "cost": _given(model, "cost", dict(_ZERO_COST)),
        "contextWindow": _given(model, "contextWindow", PI_DEFAULT_CONTEXT_WINDOW),
        "maxTokens": _given(model, "maxTokens", PI_DEFAULT_MAX_TOKENS),
    }
    if headers is not None:
        out["headers"] = headers
    if model.get("compat") is not None:
        out["compat"] = model["compat"]
    return Assembled(out, frozenset(secret & set(headers or ())))


def _given(model: Mapping[str, Any], name: str, default: Any) -> Any:
    value = model.get(name)
    return default if value is None else value
