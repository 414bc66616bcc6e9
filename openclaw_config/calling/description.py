"""What goes over the wire for one model: the typed call description (`Connection`).

Built from the runtime model (`registry.model()`: api in effect, base URL, merged headers), the
credential the next call uses (`registry.credentials()`), and the api-kind table (`apis.py`). Which
header carries the key, in this order:

1. the provider sets `authHeader: true`: `Authorization: Bearer <key>` (as OpenClaw adds it);
2. a vendor of the table takes another scheme than its api's default (Xiaomi: Bearer, per its docs);
3. an Anthropic OAuth token (`sk-ant-oat...`, or an OAuth profile) is a bearer token;
4. else the api kind's default (`x-api-key` for anthropic-messages, Bearer for the OpenAI apis).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from ..errors import ConfigError, Problem
from ..outputs.redact import redact
from .apis import AUTH_HEADER_OF, ApiKind, CallingTable, header_form, header_value, load_table

if TYPE_CHECKING:
    from ..credentials.resolve import CredentialCandidate
    from ..registry.model import EffectiveRegistry, Model

# Header names that carry a credential: never part of `headers`, the scheme decides them.
_CREDENTIAL_HEADERS = frozenset({"authorization", "x-api-key", "api-key", "x-goog-api-key"})


@dataclass(frozen=True)
class Connection:
    """One model's call, as it goes over the wire. Printing it never shows the key.

    ref, provider, model_id   `xiaomi/mimo-v2-flash`, `xiaomi`, and the model id sent in the request
    api, base_url, url        the api kind in effect, its base URL, and the full request URL
    headers                   the merged provider and model headers, without the credential header
    auth_scheme, auth_header  how the key is sent (`x-api-key`, `bearer`, ...) and in which header
    auth_reason               why that scheme; `openclaw_sends` what OpenClaw's runtime sends
                              instead, when it differs (None when the same)
    secret                    the key (`SecretStr`), None when there is none
    credential_source         where the key came from (`env: XIAOMI_API_KEY`, `profile:xiaomi:default`)
    sdk                       the Python SDK that speaks the api (`anthropic`, `openai`) or None
    problems                  why a call cannot be made as described (no key, an api no Python client
                              speaks here, ...); empty when `ready`
    """

    ref: str
    provider: str
    model_id: str
    api: str | None
    base_url: str | None
    url: str | None
    headers: Mapping[str, str]
    auth_scheme: str | None
    auth_header: str | None
    auth_reason: str
    secret: SecretStr | None
    credential_source: str | None
    sdk: str | None
    problems: tuple[str, ...] = ()
    openclaw_sends: str | None = None
    secret_headers: frozenset[str] = field(default=frozenset(), repr=False)  # headers from the environment
    api_kind: ApiKind | None = field(default=None, repr=False)

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def auth_form(self) -> str | None:
        """The credential header as it goes out, without the key: `Authorization: Bearer <key>`."""
        return header_form(self.auth_scheme) if self.auth_scheme else None

    def request_headers(self) -> dict[str, str]:
        """Every header of the call, the credential's included (holds the secret: do not print)."""
        out = dict(self.headers)
        if self.auth_header and self.secret is not None and self.auth_scheme:
            out[self.auth_header] = header_value(self.auth_scheme, self.secret.get_secret_value())
        return out

    def printable_headers(self) -> dict[str, str]:
        """`request_headers()` with the key and every header from the environment redacted."""
        out = {name: redact(value) if name in self.secret_headers else value for name, value in self.headers.items()}
        if self.auth_header and self.secret is not None and self.auth_scheme:
            out[self.auth_header] = header_value(self.auth_scheme, redact(self.secret.get_secret_value()))
        return out

    def require_ready(self) -> None:
        """Raise `ConfigError` with every problem when no call can be made as described."""
        if self.problems:
            raise ConfigError(Problem(f"{self.ref}: {p}") for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able, secrets redacted."""
        return {
            "ref": self.ref, "provider": self.provider, "modelId": self.model_id, "api": self.api,
            "baseUrl": self.base_url, "url": self.url, "headers": self.printable_headers(),
            "authScheme": self.auth_scheme, "authHeader": self.auth_header, "authForm": self.auth_form,
            "authReason": self.auth_reason, "openclawSends": self.openclaw_sends,
            "credential": redact(self.secret.get_secret_value()) if self.secret is not None else None,
            "credentialSource": self.credential_source, "sdk": self.sdk, "ready": self.ready,
            "problems": list(self.problems),
        }  # fmt: skip


def connection(registry: EffectiveRegistry, ref_or_alias: str, *, table: CallingTable | None = None) -> Connection:
    """The call description of the model a ref or alias names; `ConfigError` when there is no such model."""
    table = table or load_table()
    ref = registry.resolve_ref(ref_or_alias)
    model, refused = _find_model(registry, ref)
    credential = registry.credentials(model.provider).credential
    api_kind = table.apis.get(model.api or "")
    scheme, reason, openclaw_sends = _auth_scheme(registry, model, api_kind, credential, table)
    secret, source, missing = _secret_of(registry, model.provider, credential)
    base_url = (model.base_url or "").rstrip("/") or None
    url = base_url + api_kind.request_path(model.id) if base_url and api_kind else None
    headers = {k: v for k, v in model.headers.items() if k.lower() not in _CREDENTIAL_HEADERS}
    problems = _problems(registry, model, api_kind, base_url, secret, refused, missing)
    return Connection(
        ref=model.ref, provider=model.provider, model_id=model.id, api=model.api, base_url=base_url, url=url,
        headers=headers, auth_scheme=scheme, auth_header=AUTH_HEADER_OF.get(scheme) if scheme else None,
        auth_reason=reason, secret=secret, credential_source=source,
        sdk=api_kind.sdk if api_kind else None, problems=problems, openclaw_sends=openclaw_sends,
        secret_headers=frozenset(model.secret_headers) & frozenset(headers), api_kind=api_kind,
    )  # fmt: skip


def _find_model(registry: EffectiveRegistry, ref: str) -> tuple[Model, bool]:
    """The runtime model; else the configured one, flagged as refused by the runtime."""
    found = registry.model(ref)
    if found is not None:
        return found, False
    configured = registry.configured_model(ref)
    if configured is None:
        known = ", ".join(m.ref for m in registry.models()[:10]) or "none configured"
        raise ConfigError([Problem(f"no model {ref!r} in the registry", hint=f"configured models: {known}")])
    provider = registry.providers[configured.provider]
    return replace(configured, api=configured.api or provider.api, base_url=provider.base_url), True


def _auth_scheme(
    registry: EffectiveRegistry,
    model: Model,
    api_kind: ApiKind | None,
    credential: CredentialCandidate | None,
    table: CallingTable,
) -> tuple[str | None, str, str | None]:
    """The scheme, why, and what OpenClaw's runtime sends when that differs."""
    if api_kind is None:
        return None, f"api {model.api!r} is not in the table of OpenClaw {table.version}", None
    default = api_kind.auth
    provider = registry.providers.get(model.provider)
    if provider is not None and provider.block.get("authHeader"):
        sends = "x-api-key and Authorization: Bearer <key>" if default == "x-api-key" else None
        return "bearer", f"models.providers.{model.provider}.authHeader is true", sends
    vendor = table.vendors.get(model.provider)
    if vendor is not None:
        sends = header_form(vendor.openclaw_sends) if vendor.openclaw_sends else None
        return vendor.auth, vendor.why, sends
    if api_kind.name == "anthropic-messages" and credential is not None:
        value = credential.value or ""
        if credential.mode == "oauth" or table.anthropic_oauth_marker in value:
            return "bearer", "an Anthropic OAuth token is sent as a bearer token (auth_token), as OpenClaw does", None
    return default, f"the default of api {api_kind.name}", None


def _secret_of(
    registry: EffectiveRegistry, provider_id: str, credential: CredentialCandidate | None
) -> tuple[SecretStr | None, str | None, str | None]:
    """The key sent, where it came from, and why there is none. An apiKey naming a variable sends that
    variable's value (pi's value rule), which the provider's models.json credential holds."""
    if credential is None or credential.kind == "aws-sdk" or not credential.value:
        return None, None, None
    if not credential.plain:
        return SecretStr(credential.value), credential.source, None
    provider = registry.providers.get(provider_id)
    found = provider.credential if provider is not None else None
    if credential.kind != "config" or found is None:
        return None, None, None  # a marker such as Google's ADC, not a key
    if found.source == "config":  # the variable is unset: OpenClaw would send its name as the key
        why = f"{credential.name} names the variable {credential.value}, which is not set"
        return None, None, f"{why} (OpenClaw would send the name itself as the key)"
    return SecretStr(found.value), f"{credential.name} ({found.describe()})", None


def _problems(
    registry: EffectiveRegistry,
    model: Model,
    api_kind: ApiKind | None,
    base_url: str | None,
    secret: SecretStr | None,
    refused: bool,
    missing: str | None,
) -> tuple[str, ...]:
    found: list[str] = []
    if refused:
        found.append(f"OpenClaw's runtime refuses models.json ({len(registry.registry_problems)} problems: see "
                     "registry_problems), so it never calls this model")  # fmt: skip
    if api_kind is None:
        found.append(f"api {model.api!r} is not one a Python client can speak (unknown api kind)")
    elif api_kind.sdk is None:
        found.append(f"api {api_kind.name} is not one a Python client can speak here: {api_kind.unsupported}")
    if base_url is None:
        found.append(f"no base URL: set models.providers.{model.provider}.baseUrl")
    if secret is None and not (api_kind is not None and AUTH_HEADER_OF.get(api_kind.auth) is None):
        why = missing or registry.credentials(model.provider).problem or f"no key for provider {model.provider}"
        found.append(f"credential missing: {why}")
    return tuple(found)
