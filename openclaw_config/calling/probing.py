"""`probe`: one minimal request per model, to see whether the call described really works.

The only part of the package that touches the network, and only when asked (never from `show` or
`resolve()`). Standard library only (`http.client`); environment proxies are not used, so the
request goes where the registry says. Everything reported passes through redaction first: a server
that echoes the key in an error body does not get it printed.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..outputs.redact import redact_text
from .description import Connection, connection

if TYPE_CHECKING:
    from ..registry.model import EffectiveRegistry

AuthVerdict = Literal["accepted", "rejected", "unknown"]
_EXCERPT = 200  # characters of an error body worth showing
# Statuses a server returns only after it accepted the key (it then judged the request itself).
_AUTH_PASSED = frozenset({400, 404, 409, 413, 422, 429})


@dataclass(frozen=True)
class ProbeResult:
    """What one probe found. `ok` when the server answered 2xx; every text field is redacted."""

    ref: str
    url: str | None
    reachable: bool
    status: int | None
    auth: AuthVerdict
    latency_ms: float | None
    auth_form: str | None  # the credential header as sent, key redacted
    error: str | None = None  # why it failed, in words; None when ok

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def to_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref, "url": self.url, "ok": self.ok, "reachable": self.reachable, "status": self.status,
            "auth": self.auth, "latencyMs": self.latency_ms, "authHeader": self.auth_form, "error": self.error,
        }  # fmt: skip


def default_refs(registry: EffectiveRegistry) -> list[str]:
    """The default model and its fallbacks, each once."""
    return list(dict.fromkeys(registry.resolve_ref(r) for r in (registry.resolved_default, *registry.fallbacks)))


def probe(
    registry: EffectiveRegistry, refs: Iterable[str] | None = None, *, timeout: float = 10.0
) -> list[ProbeResult]:
    """Probe each ref (default: the default model and its fallbacks), in order."""
    results: list[ProbeResult] = []
    for ref in default_refs(registry) if refs is None else refs:
        try:
            conn = connection(registry, ref)
        except ConfigError as error:
            results.append(ProbeResult(ref, None, False, None, "unknown", None, None, f"not probed: {error}"))
            continue
        results.append(probe_connection(conn, timeout=timeout))
    return results


def probe_connection(conn: Connection, *, timeout: float = 10.0) -> ProbeResult:
    """Send the api's minimal request (at most one output token) and judge the answer."""
    secrets = _secrets(conn)
    shown_auth = _safe(_auth_line(conn), secrets) if conn.auth_header else None
    unprobeable = _why_not_probeable(conn)
    if unprobeable:
        return ProbeResult(conn.ref, conn.url, False, None, "unknown", None, shown_auth, f"not probed: {unprobeable}")
    assert conn.url is not None and conn.api_kind is not None and conn.api_kind.probe_body is not None
    headers = {**conn.api_kind.probe_headers, **conn.request_headers(), "Content-Type": "application/json"}
    body = json.dumps(_with_model(conn.api_kind.probe_body, conn.model_id)).encode()
    outcome = _send(conn.url, headers, body, timeout)
    error = _safe(outcome.error, secrets) if outcome.error else None
    auth = _auth_verdict(outcome.status)
    return ProbeResult(conn.ref, conn.url, outcome.reachable, outcome.status, auth, outcome.latency_ms,
                       shown_auth, error)  # fmt: skip


def _why_not_probeable(conn: Connection) -> str | None:
    kind = conn.api_kind
    if kind is None or kind.probe_body is None:
        return f"api {conn.api} has no probe request: " + ("; ".join(conn.problems) or "unknown api")
    blocking = [p for p in conn.problems if not p.startswith(f"api {kind.name} is not one")]
    return "; ".join(blocking) or None


def _safe(text: str, secrets: list[str]) -> str:
    """`text` redacted; a key too short to be replaced inside text withholds the text instead."""
    shown = redact_text(text, secrets)
    if any(s.strip() and s.strip() in shown for s in secrets):
        return shown.partition(":")[0] + ": (withheld: it contains the key)"
    return shown


def _secrets(conn: Connection) -> list[str]:
    found = [conn.secret.get_secret_value()] if conn.secret is not None else []
    return found + [conn.headers[name] for name in conn.secret_headers]


def _auth_line(conn: Connection) -> str:
    return f"{conn.auth_header}: {conn.request_headers().get(conn.auth_header or '', '')}"


def _with_model(template: Any, model_id: str) -> Any:
    if isinstance(template, str):
        return template.replace("{model}", model_id)
    if isinstance(template, Mapping):
        return {k: _with_model(v, model_id) for k, v in template.items()}
    if isinstance(template, list):
        return [_with_model(v, model_id) for v in template]
    return template


def _auth_verdict(status: int | None) -> AuthVerdict:
    if status is None:
        return "unknown"
    if 200 <= status < 300 or status in _AUTH_PASSED:
        return "accepted"
    return "rejected" if status in (401, 403) else "unknown"


@dataclass(frozen=True)
class _Outcome:
    reachable: bool
    status: int | None
    latency_ms: float | None
    error: str | None


def _send(url: str, headers: Mapping[str, str], body: bytes, timeout: float) -> _Outcome:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    started = time.monotonic()
    conn = _http_connection(parts.scheme, parts.hostname or "", parts.port, timeout)
    try:
        try:
            conn.connect()
        except (OSError, ssl.SSLError) as error:
            return _Outcome(False, None, None, _connect_error(parts.hostname or "", error, timeout))
        try:
            conn.request("POST", path, body=body, headers=dict(headers))
            response = conn.getresponse()
            text = response.read(64 * 1024).decode("utf-8", errors="replace")
        except TimeoutError:
            return _Outcome(True, None, None, f"connected, but no answer within {timeout:g} s")
        except (OSError, http.client.HTTPException) as error:
            return _Outcome(True, None, None, f"the connection failed: {type(error).__name__}: {error}")
        latency = round((time.monotonic() - started) * 1000, 1)
        ok = 200 <= response.status < 300
        return _Outcome(True, response.status, latency, None if ok else _status_error(response.status, text))
    finally:
        conn.close()


def _http_connection(scheme: str, host: str, port: int | None, timeout: float) -> http.client.HTTPConnection:
    if scheme == "https":
        return http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    return http.client.HTTPConnection(host, port, timeout=timeout)


def _connect_error(host: str, error: BaseException, timeout: float) -> str:
    if isinstance(error, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(error, TimeoutError):
        return f"no connection to {host} within {timeout:g} s"
    if isinstance(error, socket.gaierror):
        return f"cannot resolve host {host}"
    return f"cannot connect to {host}: {type(error).__name__}: {error}"


def _status_error(status: int, text: str) -> str:
    what = {401: "the key was rejected", 403: "the key is not allowed to call this model"}.get(status, "")
    excerpt = " ".join(text.split())[:_EXCERPT]
    label = f"HTTP {status}" + (f" ({what})" if what else "")
    return f"{label}: {excerpt}" if excerpt else label
