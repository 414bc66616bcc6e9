"""A LiteLLM `model_list` for the whole registry: one entry per model a call can be made to.

    from litellm import Router
    router = Router(model_list=litellm_model_list(registry))
    router.completion(model="xiaomi/mimo-v2-flash", messages=[...])

The entries hold the keys themselves (LiteLLM needs them): do not print them. A model that is not
ready (no key, an api no Python client speaks here) is left out; `registry_connections()` lists
every model with its problems.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .apis import header_value
from .description import Connection, connection

if TYPE_CHECKING:
    from ..registry.model import EffectiveRegistry


def registry_connections(registry: EffectiveRegistry) -> list[Connection]:
    """The connection of every configured model, then of the default and fallbacks when built-in."""
    refs = [m.ref for m in registry.models()]
    refs += [r for r in (registry.resolved_default, *registry.fallbacks) if registry.resolve_ref(r) not in refs]
    found: list[Connection] = []
    for ref in dict.fromkeys(refs):
        if registry.model(ref) is not None or registry.configured_model(ref) is not None:
            found.append(connection(registry, ref))
    return found


def litellm_entry(conn: Connection) -> dict[str, Any]:
    """One `model_list` entry: `model_name` is the ref; `litellm_params` call the model directly."""
    conn.require_ready()
    assert conn.secret is not None and conn.api_kind is not None and conn.auth_header is not None
    secret = conn.secret.get_secret_value()
    headers = dict(conn.headers)
    if conn.api_kind.auth != conn.auth_scheme:  # LiteLLM sends the api's default; add the vendor's header
        headers[conn.auth_header] = header_value(conn.auth_scheme or "", secret)
    params: dict[str, Any] = {
        "model": f"{conn.api_kind.litellm_prefix}/{conn.model_id}",
        "api_base": conn.base_url,
        "api_key": secret,
    }
    if headers:
        params["extra_headers"] = headers
    return {"model_name": conn.ref, "litellm_params": params}


def litellm_model_list(registry: EffectiveRegistry) -> list[dict[str, Any]]:
    """Entries for every ready model of `registry_connections()`, aliases as extra names of the same
    deployment (`model_name` = the alias)."""
    entries = [litellm_entry(c) for c in registry_connections(registry) if c.ready]
    by_ref = {e["model_name"]: e for e in entries}
    for alias, ref in registry.aliases.items():
        if ref in by_ref and alias not in by_ref:
            entries.append({"model_name": alias, "litellm_params": dict(by_ref[ref]["litellm_params"])})
    return entries
