"""Keyword arguments for the Python SDKs, built from a `Connection`.

    from anthropic import Anthropic
    client = Anthropic(**anthropic_kwargs(registry.connection("Xiaomi")))

Every value is passed explicitly, so that the SDK reads nothing from the environment that could go
to another host: an ambient `ANTHROPIC_API_KEY`, `ANTHROPIC_AUTH_TOKEN` or `OPENAI_API_KEY` (an
explicit credential stops the SDK from looking), the headers of `ANTHROPIC_CUSTOM_HEADERS`, and
`OPENAI_ORG_ID` / `OPENAI_PROJECT_ID` (removed with the SDK's `Omit`). The credential header is set
in `default_headers` under its exact name, and the other credential header is removed, because SDK
releases differ in which header `api_key` fills. The SDKs are test extras of this package, imported
only here, when a builder is called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from .apis import header_value
from .description import Connection

_CREDENTIAL_HEADER_NAMES = ("Authorization", "X-Api-Key")


def anthropic_kwargs(conn: Connection, *, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`Anthropic(**kwargs)`: `api_key` or `auth_token` (Bearer), `base_url`, `default_headers`.

    Raises `ConfigError` when the connection is not ready or its api is not anthropic-messages.
    """
    import anthropic

    secret, header = _checked(conn, "anthropic")
    credential_kw = "auth_token" if conn.auth_scheme == "bearer" else "api_key"
    headers = _without_ambient(_custom_header_names(environ), conn.headers, anthropic.Omit())
    headers.update({name: anthropic.Omit() for name in _CREDENTIAL_HEADER_NAMES if name.lower() != header.lower()})
    headers[_sdk_spelling(header)] = header_value(conn.auth_scheme or "", secret)
    return {credential_kw: secret, "base_url": conn.base_url, "default_headers": headers}


def openai_kwargs(conn: Connection) -> dict[str, Any]:
    """`OpenAI(**kwargs)`: `api_key`, `base_url`, `default_headers`.

    Raises `ConfigError` when the connection is not ready or its api is not an OpenAI one.
    """
    import openai

    secret, header = _checked(conn, "openai")
    omit = openai.Omit()
    headers: dict[str, Any] = {"OpenAI-Organization": omit, "OpenAI-Project": omit, **conn.headers}
    if header.lower() != "authorization":  # a vendor that takes the key in another header
        headers["Authorization"] = omit
    headers[_sdk_spelling(header)] = header_value(conn.auth_scheme or "", secret)
    return {"api_key": secret, "base_url": conn.base_url, "default_headers": headers}


def _checked(conn: Connection, sdk: str) -> tuple[str, str]:
    conn.require_ready()
    if conn.sdk != sdk:
        from ..errors import ConfigError, Problem

        raise ConfigError([Problem(f"{conn.ref}: api {conn.api} is spoken by the {conn.sdk} SDK, not {sdk}")])
    assert conn.secret is not None and conn.auth_header is not None  # a ready connection has both
    return conn.secret.get_secret_value(), conn.auth_header


def _sdk_spelling(header: str) -> str:
    """The spelling the SDKs use, so that the value replaces theirs rather than doubling it."""
    return {"x-api-key": "X-Api-Key", "authorization": "Authorization"}.get(header.lower(), header)


def _custom_header_names(environ: Mapping[str, str] | None) -> list[str]:
    """The headers `ANTHROPIC_CUSTOM_HEADERS` (`Name: value` lines) would add to every request."""
    text = (os.environ if environ is None else environ).get("ANTHROPIC_CUSTOM_HEADERS", "")
    return [line.partition(":")[0].strip() for line in text.splitlines() if ":" in line]


def _without_ambient(names: list[str], headers: Mapping[str, str], omit: Any) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(names, omit)
    out.update(headers)
    return out
