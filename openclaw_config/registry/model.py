"""The effective model registry: typed, immutable, safe to print."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ..composition.defaults import with_model_defaults, with_provider_defaults
from ..composition.environment import EnvOrigin
from ..errors import ConfigWarning
from ..gc_pause import cycle_collection_paused
from ..outputs.redact import redact
from ..paths import Locations
from ..providers.merge import ProviderOrigin

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import SecretStr

    from ..calling.description import Connection
    from ..composition.agents import AgentSelection
    from ..credentials.inputs import AuthInputs
    from ..credentials.resolve import CredentialResolution
    from ..credentials.status import AuthStatus
    from ..explain.context import ResolutionContext
    from ..explain.records import ProvenanceRecord
    from ..providers.implicit_rules import DiscoveryNote
    from ..runtime import RegistryProblem, RuntimeRegistry
    from ..runtime.availability import ProviderAuth

CredentialSource = Literal["env", "profile", "config", "models.json", "placeholder"]
ModelSource = Literal["built-in", "config", "implicit", "models.json"]
"""Where a runtime model comes from: pi-ai's built-in catalog (maybe re-pointed by a provider block),
a provider of the config, a provider OpenClaw injects from its provider catalog, or a provider kept
from the existing models.json."""


@dataclass(frozen=True)
class Credential:
    """A provider's key: where it came from, and the secret itself (never in `repr`).

    source      "env" (a variable: `env_var`, set in `env_origin.source`), "profile" (an auth
                profile: `profile_id` in the `store` file), "config" (a literal apiKey in the
                config), "models.json" (a literal key kept from the existing models.json) or
                "placeholder" (a fixed apiKey of an OAuth provider: `profile_id` signs the calls)
    redacted    the printable form (`sk-a…9f`); `secret` is a pydantic `SecretStr`; `value` the key
    describe()  where it came from, in words: `env XIAOMI_API_KEY (state .env)`
    """

    source: CredentialSource
    value: str = field(repr=False)
    env_var: str | None = None
    env_origin: EnvOrigin | None = None
    profile_id: str | None = None
    store: str | None = None

    @property
    def secret(self) -> SecretStr:
        from pydantic import SecretStr

        return SecretStr(self.value)

    @property
    def redacted(self) -> str:
        return redact(self.value)

    def describe(self) -> str:
        """Where the key came from, in words: `env XIAOMI_API_KEY (state .env)`."""
        if self.source == "env":
            origin = self.env_origin.source if self.env_origin else "process"
            return f"env {self.env_var} ({origin})"
        if self.source == "profile":
            return f"auth profile {self.profile_id}"
        if self.source == "placeholder":  # not a secret: the OAuth token is looked up per call
            return f"OAuth placeholder (auth profile {self.profile_id} signs the calls)"
        return "literal in config" if self.source == "config" else "literal in existing models.json"


@dataclass(frozen=True)
class Model:
    """One model of the effective registry, every default filled in.

    From `registry.model()` and `registry.runtime_models()` it is the model as OpenClaw's runtime
    holds it: `api` is in effect (its own or its provider's), `headers` are merged (provider, model,
    `Authorization` of `authHeader`), `raw` is pi's model object. In `Provider.models` it is the
    configured entry (`api` in effect: its own, else the provider's; `headers` and `compat` its own;
    no base URL or source).

    provider        the provider id (`xiaomi`); `ref` is `provider/id` (`xiaomi/mimo-v2-flash`)
    id, name        the id the provider's API knows, and the display name (the id when unset)
    api             the API dialect (see above for which one)
    reasoning       whether it supports extended reasoning (default False)
    input           the input kinds it takes, ("text",) by default, or ("text", "image")
    cost            price per million tokens: input, output, cacheRead, cacheWrite (0 when unset)
    context_window  tokens it can read (default 200000)
    max_tokens      tokens it may write: min(8192, context_window) unless set, never above it
    base_url, headers, compat, source   the runtime model's endpoint, merged headers (may hold
                    secrets: print `printable_headers()`), compat flags, and where it came from

    Find one with `registry.model("xiaomi/mimo-v2-flash")` or by alias (`registry.model("Xiaomi")`).
    """

    provider: str
    id: str
    name: str
    api: str | None
    reasoning: bool
    input: tuple[str, ...]
    cost: Mapping[str, float]
    context_window: int
    max_tokens: int
    raw: Mapping[str, Any] = field(repr=False)
    base_url: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)  # may carry secrets
    compat: Mapping[str, Any] | None = None
    source: ModelSource = "config"
    secret_headers: frozenset[str] = field(default=frozenset(), repr=False)  # headers holding a secret

    @property
    def ref(self) -> str:
        return f"{self.provider}/{self.id}"

    def printable_headers(self) -> dict[str, str]:
        """`headers` with every secret redacted: a value from the environment, and any credential
        header (`Authorization`, `X-Api-Key`, ...), even one written literally in the config."""
        return printable_headers(self.headers, self.secret_headers)

    @property
    def _has_secret_headers(self) -> bool:
        return bool(self.secret_headers) or any(name.lower() in _CREDENTIAL_HEADERS for name in self.headers)

    def printable(self) -> dict[str, Any]:
        """`raw` (pi's model object) with its secret headers redacted: what may be printed."""
        if not self._has_secret_headers:
            return dict(self.raw)
        return {**self.raw, "headers": self.printable_headers()}

    @classmethod
    def from_entry(
        cls, provider: str, entry: Mapping[str, Any], *, raw: Mapping[str, Any], provider_api: str | None = None
    ) -> Model:
        """The model an entry of a provider's `models` describes, every default filled in;
        `raw` is the entry as the provider block holds it; `api` is its own, else `provider_api`."""
        shown = model_json(provider, entry, provider_api)
        return cls(
            provider=provider,
            id=shown["id"],
            name=shown["name"],
            api=shown["effectiveApi"],
            headers=shown["headers"] or {},
            compat=shown["compat"],
            reasoning=shown["reasoning"],
            input=tuple(shown["input"]),
            cost=shown["cost"],
            context_window=shown["contextWindow"],
            max_tokens=shown["maxTokens"],
            raw=raw,
        )


_CREDENTIAL_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key", "cookie"}
)


def _redacted_header(value: str) -> str:
    scheme, space, token = value.partition(" ")
    return f"{scheme} {redact(token)}" if space and scheme.lower() in ("bearer", "basic") else redact(value)


def model_json(provider: str, entry: Mapping[str, Any], provider_api: str | None = None) -> dict[str, Any]:
    """A model as `show --json` and `to_dict()` print it: the one definition of that shape (`Model`
    is made from it too). `entry` is its entry in the provider block with every default filled in;
    `api` is what the entry says, `effectiveApi` what the runtime uses (its own, else the provider's).
    `headers` may hold secrets: printers pass them through `printable_headers`."""
    model_id = str(entry.get("id", ""))
    api = entry.get("api")
    headers, compat = entry.get("headers"), entry.get("compat")
    return {
        "ref": f"{provider}/{model_id}", "id": model_id, "name": str(entry.get("name", model_id)),
        "api": api, "effectiveApi": api or provider_api,
        "contextWindow": entry["contextWindow"], "maxTokens": entry["maxTokens"],
        "input": _inputs(entry["input"]), "reasoning": bool(entry["reasoning"]),
        "cost": dict(entry["cost"]) if isinstance(entry["cost"], dict) else {},
        "headers": dict(headers) if isinstance(headers, Mapping) else None,
        "compat": dict(compat) if isinstance(compat, Mapping) else None,
    }  # fmt: skip


def printable_headers(headers: Mapping[str, Any], secret_names: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`headers` with every credential header (`Authorization`, `X-Api-Key`, ...) and every header
    named in `secret_names` redacted: what may be printed."""
    return {name: _redacted_header(str(value)) if name in secret_names or name.lower() in _CREDENTIAL_HEADERS
            else value for name, value in headers.items()}  # fmt: skip


def _inputs(value: Any) -> list[str]:
    """`input` as a list of names, whatever a kept models.json holds there (`5`, `null`, `[1]`,
    `"text"`): a string is one name, other values are shown as JSON; never a crash."""
    import json

    if isinstance(value, str):
        return [value]
    items = value if isinstance(value, list) else [] if value is None else [value]
    return [item if isinstance(item, str) else json.dumps(item) for item in items]


@dataclass(frozen=True)
class Provider:
    """One provider of the effective registry: where it is reached, its key, and its models.

    id          the provider id, as models.json and model refs spell it (`xiaomi`)
    base_url    the base URL of its API
    api         the API dialect it speaks (`anthropic-messages`, `openai-completions`, ...), or None
    credential  the key it uses and where that came from (a `Credential`), or None when it has none
    origin      how it got here: "config", "implicit" (injected from the built-in catalog because a
                key for it exists), "config+implicit" (both; configured fields win), or "models.json"
                (kept from the existing models.json, models.mode merge)
    models      its `Model`s, defaults filled in (made on first use)
    raw         the block written to models.json for it

    Printing a provider never shows its key: see `Credential`.
    """

    id: str
    base_url: str | None
    api: str | None
    credential: Credential | None
    origin: ProviderOrigin
    block: Mapping[str, Any] = field(repr=False)  # as merged; its models may still lack their defaults

    @cached_property
    def raw(self) -> Mapping[str, Any]:
        """The block as written to models.json: its models with their defaults, filled in
        on first use; a provider kept from an old models.json is written back as it was."""
        return self.block if self.origin == "models.json" else with_provider_defaults(self.block)

    @cached_property
    def models(self) -> tuple[Model, ...]:
        """Its models, made on first use: a runtime often needs a few of thousands configured."""
        return tuple(
            Model.from_entry(self.id, full, raw=entry, provider_api=self.api) for entry, full in self._model_entries()
        )

    def models_json(self) -> list[dict[str, Any]]:
        """Its models as `model_json` shapes them, made straight from the block: printing thousands
        of models neither builds a `Model` for each nor keeps a filled-in copy of the block (`raw`)."""
        entries = self.block.get("models") or ()
        return [model_json(self.id, with_model_defaults(e), self.api) for e in entries if isinstance(e, dict)]

    @property
    def headers(self) -> Mapping[str, Any]:
        """The provider block's `headers` (sent with every request; may hold secrets)."""
        headers = self.block.get("headers")
        return headers if isinstance(headers, Mapping) else {}

    @property
    def auth(self) -> str | None:
        """The block's `auth` mode (`api-key`, `oauth`, `token`, `aws-sdk`), when set."""
        auth = self.block.get("auth")
        return auth if isinstance(auth, str) else None

    @property
    def auth_header(self) -> bool:
        """`authHeader: true`: the key is also sent as `Authorization: Bearer <key>`."""
        return self.block.get("authHeader") is True

    def _model_entries(self) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any]]]:
        """Each model entry as `raw` holds it, and the same with every default filled in."""
        kept = self.origin == "models.json"  # `raw` is the old file as it was: no defaults filled in
        for entry in self.raw.get("models") or ():
            if isinstance(entry, dict):
                yield entry, with_model_defaults(entry) if kept else entry


@dataclass(frozen=True)
class EffectiveRegistry:
    """Which providers, models and credentials are in effect, and which model is the default.

    What `openclaw_config.resolve()` returns; immutable, and safe to print (no key is ever shown).

    providers         provider id -> `Provider`
    default_model     agents.defaults.model.primary as written (OpenClaw's default when unset)
    resolved_default  the `provider/model` ref it stands for (an alias or a bare id resolved)
    fallbacks         agents.defaults.model.fallbacks, in order, as written
                      (`resolved_fallbacks`: each resolved to its `provider/model` ref)
    aliases           alias -> model ref (matched case-insensitively by `model()` and `resolve_ref()`)
    warnings          `ConfigWarning`s: things worth knowing that did not stop resolution
    env_sources       the environment sources that set at least one variable in effect
    locations         every file the resolution read or looked for (`config_path`, `agent_dir`, ...)
    discovery         `DiscoveryNote`s: where OpenClaw would ask the network (ollama, venice, copilot,
                      bedrock), whether it was asked (`resolve(discover=True)`) and what stands in

    `model(ref_or_alias)` finds a model, `explain(path)` says where each value came from,
    `to_dict()` is what `show --json` prints, `to_models_json()` / `write_models_json()` the
    document OpenClaw writes to `<agent dir>/models.json`.
    """

    locations: Locations
    providers: Mapping[str, Provider]
    default_model: str
    resolved_default: str
    fallbacks: tuple[str, ...]
    aliases: Mapping[str, str]
    env_sources: tuple[str, ...]
    config: Mapping[str, Any] = field(repr=False)
    # The warnings, or how to work them out: some (keys written twice) are looked for only when read
    _warnings: tuple[ConfigWarning, ...] | Callable[[], tuple[ConfigWarning, ...]] = field(
        default=(), repr=False, compare=False
    )
    existing_models_json_readable: bool = True
    # Entries of the existing models.json that are not provider objects, written back as they are,
    # and the order of every key of the document (see `to_models_json`).
    kept_as_is: Mapping[str, Any] = field(default_factory=dict, repr=False)
    document_order: tuple[str, ...] = ()
    input_files: tuple[Path, ...] = ()
    agent: AgentSelection | None = None  # the agent of agents.list[] resolved for (None: the main agent dir)
    discovery: tuple[DiscoveryNote, ...] = ()  # what OpenClaw would ask the network, and what was done
    # Private: what the resolution read, kept by reference so that `explain()` can work out
    # provenance on demand (nothing is computed for it while resolving).
    _context: ResolutionContext | None = field(default=None, repr=False, compare=False)
    _auth: AuthInputs | None = field(default=None, repr=False, compare=False)  # for credentials()
    # The text of `to_models_json()`, when the resolution made it (see providers.existing)
    _models_json_text: str | None = field(default=None, repr=False, compare=False)

    @cached_property
    def warnings(self) -> tuple[ConfigWarning, ...]:
        """Things worth knowing that did not stop resolution, in the order they were found."""
        found = self._warnings
        return found() if callable(found) else found

    @property
    def config_path(self) -> Path:
        return self.locations.config_file

    @property
    def agent_dir(self) -> Path:
        return self.locations.agent_dir

    def models(self) -> list[Model]:
        """The configured models of every provider (what models.json holds), as configured."""
        return [m for p in self.providers.values() for m in p.models]

    @cached_property
    def runtime(self) -> RuntimeRegistry:
        """The registry OpenClaw's runtime will have: pi's rules over `to_models_json()` and the
        built-in catalog (parsed only when a built-in model is asked for)."""
        from ..runtime import runtime_for

        return runtime_for(self, self._context)

    @property
    def registry_problems(self) -> tuple[RegistryProblem, ...]:
        """Why the runtime would refuse models.json (then every custom model is unavailable)."""
        return self.runtime.problems

    def runtime_models(self) -> tuple[Model, ...]:
        """Every model the runtime will have (each with its `source`), in pi's order."""
        return self.runtime.models()

    @cached_property
    def provider_auth(self) -> ProviderAuth:
        """Whether each provider has auth, as OpenClaw's `models list` decides `available`."""
        from ..runtime import provider_auth_for

        return provider_auth_for(self, self._context)

    @property
    def resolved_fallbacks(self) -> tuple[str, ...]:
        """`fallbacks` with each alias or bare id resolved to the `provider/model` ref it stands for."""
        return tuple(self.resolve_ref(ref) for ref in self.fallbacks)

    def resolve_ref(self, ref_or_alias: str) -> str:
        """The `provider/model` ref an alias, a ref or a bare model id stands for."""
        from .refs import resolve_alias_or_ref

        return resolve_alias_or_ref(ref_or_alias, self.aliases) or ref_or_alias.strip()

    def model(self, ref_or_alias: str) -> Model | None:
        """The model a ref or alias names, as the runtime will hold it: a custom model, or one of the
        built-in catalog; None when the runtime has no such model (a custom model of a models.json
        the runtime refuses included: see `registry_problems`)."""
        provider_id, _, model_id = self.resolve_ref(ref_or_alias).partition("/")
        return self.runtime.model(provider_id, model_id)

    def configured_model(self, ref_or_alias: str) -> Model | None:
        """The model a ref or alias names among the configured providers' models (no built-ins)."""
        provider_id, _, model_id = self.resolve_ref(ref_or_alias).partition("/")
        provider = self.providers.get(provider_id)
        return next((m for m in provider.models if m.id == model_id), None) if provider else None

    @cycle_collection_paused()  # it makes thousands of acyclic dicts: see gc_pause
    def to_models_json(self) -> dict[str, Any] | None:
        """The document OpenClaw writes to `<agent>/models.json`; None when it writes none: no provider,
        or none produced now (the providers are then the existing models.json's, which stays as it is)."""
        if all(p.origin == "models.json" for p in self.providers.values()):
            return None
        return {"providers": {pid: self.document_entry(pid) for pid in self.document_order or self.providers}}

    def document_entry(self, provider_id: str) -> Any:
        """The entry of `provider_id` in the document: its block, or what a kept models.json held."""
        provider = self.providers.get(provider_id)
        return dict(provider.raw) if provider is not None else self.kept_as_is[provider_id]

    def write_models_json(self) -> bool:
        """Write `models.json` atomically; True if the file changed. See `outputs.models_json`."""
        from ..outputs.models_json import write_models_json

        return write_models_json(self)

    def explain(self, path: str | None = None) -> list[ProvenanceRecord]:
        """Where each effective value came from and what it overrode, secrets redacted.

        `path` narrows the records to a config path (`models.providers.xiaomi.baseUrl`), a provider
        id (`xiaomi`) or a model ref or alias (`xiaomi/mimo-v2-flash`); an empty list if nothing matches.
        """
        if self._context is None:
            raise ValueError("this registry was not made by resolve(): it has no provenance to explain")
        from ..explain.trace import explain

        return explain(self, self._context, path)

    def credentials(self, provider: str) -> CredentialResolution:
        """The credential the next call to `provider` uses (`.credential`, None when there is none) and
        every candidate considered in order, each with its status (used, next, skipped) and why."""
        from ..credentials.resolve import resolve_credential

        inputs = self._auth_inputs()
        if provider not in inputs.resolved:
            inputs.resolved[provider] = resolve_credential(inputs, provider)
        found: CredentialResolution = inputs.resolved[provider]
        return found

    def auth_status(self) -> AuthStatus:
        """What `status` reports: providers and their auth, profile expiry, cooldowns, missing providers."""
        from ..credentials.status import ModelChoice, auth_status

        choice = ModelChoice(self.default_model, self.resolved_default, self.fallbacks, self.aliases)
        return auth_status(self._auth_inputs(), choice, config_path=self.config_path, agent_dir=self.agent_dir,
                           agent=self.agent, main_store=self._auth_inputs().main_store, home=self.locations.home,
                           registry_providers=self.providers, warnings=self.warnings)  # fmt: skip

    def _auth_inputs(self) -> AuthInputs:
        if self._auth is None:
            raise ValueError("this registry was not made by resolve(): it has no credential inputs")
        return self._auth

    def to_dict(self, *, reveal: bool = False) -> dict[str, Any]:
        """The registry as JSON-able data (what `show --json` prints); secrets redacted unless `reveal`."""
        from ..outputs.render import registry_to_dict

        return registry_to_dict(self, reveal=reveal)

    def connection(self, ref_or_alias: str) -> Connection:
        """What goes over the wire for a model: api, request URL, headers, which header carries the
        key and how, the key (`SecretStr`), the model id; see `openclaw_config.calling`."""
        from ..calling.description import connection

        return connection(self, ref_or_alias)
