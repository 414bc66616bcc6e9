"""The api-kind table of one OpenClaw release (`data/<version>.json`): how each api is called.

Per api kind: the request path appended to the base URL, the auth scheme it takes by default, the
Python SDK that speaks it (or why none does here), the LiteLLM provider prefix and a minimal probe
request. Per vendor: an auth scheme that differs from its api kind's default (Xiaomi's Bearer).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ..credentials.inputs import DEFAULT_VERSION

DATA_DIR = Path(__file__).with_name("data")

AuthScheme = Literal["x-api-key", "bearer", "api-key", "x-goog-api-key", "aws-sigv4", "google-adc"]
Sdk = Literal["anthropic", "openai"]

#: scheme -> the header that carries the credential (None: not a header, the request is signed)
AUTH_HEADER_OF: Mapping[str, str | None] = {
    "x-api-key": "x-api-key",
    "bearer": "Authorization",
    "api-key": "api-key",
    "x-goog-api-key": "x-goog-api-key",
    "aws-sigv4": None,
    "google-adc": None,
}


def header_value(scheme: str, secret: str) -> str:
    """The credential header's value in a scheme: `Bearer <key>`, or the key itself."""
    return f"Bearer {secret}" if scheme == "bearer" else secret


def header_form(scheme: str) -> str:
    """How a scheme looks on the wire, without the key: `Authorization: Bearer <key>`."""
    header = AUTH_HEADER_OF.get(scheme)
    if header is None:
        return f"{scheme} (a signed request, no key header)"
    return f"{header}: {header_value(scheme, '<key>')}"


@dataclass(frozen=True)
class ApiKind:
    """One api kind of the table: `anthropic-messages`, `openai-completions`, ..."""

    name: str
    path: str  # appended to the base URL; `{model}` stands for the model id
    auth: str  # an AuthScheme
    sdk: str | None  # the Python SDK the kwargs builders target; None: see `unsupported`
    unsupported: str | None = None  # why no Python client is set up for it here
    litellm_prefix: str | None = None
    probe_headers: Mapping[str, str] = field(default_factory=dict)
    probe_body: Mapping[str, Any] | None = None

    def request_path(self, model_id: str) -> str:
        return self.path.replace("{model}", model_id)


@dataclass(frozen=True)
class VendorAuth:
    """A provider whose auth scheme is not its api kind's default."""

    provider: str
    auth: str
    why: str
    openclaw_sends: str | None  # what OpenClaw's own runtime sends instead, when it differs


@dataclass(frozen=True)
class CallingTable:
    version: str
    apis: Mapping[str, ApiKind]
    vendors: Mapping[str, VendorAuth]
    anthropic_oauth_marker: str


@cache
def load_table(version: str = DEFAULT_VERSION) -> CallingTable:
    """The table of `version`, read once."""
    data = json.loads((DATA_DIR / f"{version}.json").read_text(encoding="utf-8"))
    return CallingTable(
        version=data["openclawVersion"],
        apis={name: _api_kind(name, spec) for name, spec in data["apis"].items()},
        vendors={
            pid: VendorAuth(pid, v["auth"], v["why"], v.get("openclawSends")) for pid, v in data["vendors"].items()
        },
        anthropic_oauth_marker=data["anthropicOauthTokenMarker"],
    )


def _api_kind(name: str, spec: Mapping[str, Any]) -> ApiKind:
    return ApiKind(
        name=name,
        path=spec["path"],
        auth=spec["auth"],
        sdk=spec.get("sdk"),
        unsupported=spec.get("unsupported"),
        litellm_prefix=spec.get("litellmPrefix"),
        probe_headers=dict(spec.get("probeHeaders") or {}),
        probe_body=spec.get("probeBody"),
    )


def _vendor(provider: str, spec: Mapping[str, Any]) -> VendorAuth:
    return VendorAuth(provider, spec["auth"], spec["why"], spec.get("openclawSends"))
