"""The effective model registry (SPEC section 9): typed, immutable, safe to print."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from ..composition.defaults import with_model_defaults, with_provider_defaults
from ..composition.environment import EnvOrigin
from ..errors import ConfigWarning
from ..outputs.redact import redact
from ..paths import Locations
from ..providers.merge import ProviderOrigin

if TYPE_CHECKING:
    from pathlib import Path

    from pydantic import SecretStr

    from ..explain.context import ResolutionContext
    from ..explain.records import ProvenanceRecord

CredentialSource = Literal["env", "profile", "config", "models.json"]


@dataclass(frozen=True)
class Credential:
    """A provider's key: where it came from, and the secret itself (never in `repr`)."""

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
        return "literal in config" if self.source == "config" else "literal in existing models.json"


@dataclass(frozen=True)
class Model:
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

    @property
    def ref(self) -> str:
        return f"{self.provider}/{self.id}"

    @classmethod
    def from_raw(cls, provider: str, raw: Mapping[str, Any], *, apply_defaults: bool) -> Model:
        """The model an entry of a provider's `models` describes (`apply_defaults`: it may lack some)."""
        full = with_model_defaults(raw) if apply_defaults else raw
        return cls(
            provider=provider,
            id=str(full.get("id", "")),
            name=str(full.get("name", full.get("id", ""))),
            api=full.get("api"),
            reasoning=bool(full["reasoning"]),
            input=tuple(full["input"]),
            cost=full["cost"],
            context_window=full["contextWindow"],
            max_tokens=full["maxTokens"],
            raw=raw,
        )


@dataclass(frozen=True)
class Provider:
    id: str
    base_url: str | None
    api: str | None
    credential: Credential | None
    origin: ProviderOrigin
    block: Mapping[str, Any] = field(repr=False)  # as merged; its models may still lack their defaults

    @cached_property
    def raw(self) -> Mapping[str, Any]:
        """The block as written to models.json: its models with their defaults (SPEC 7), filled in
        on first use; a provider kept from an old models.json is written back as it was."""
        return self.block if self.origin == "models.json" else with_provider_defaults(self.block)

    @cached_property
    def models(self) -> tuple[Model, ...]:
        """Its models, made on first use: a runtime often needs a few of thousands configured."""
        kept = self.origin == "models.json"  # `raw` has no defaults filled in: the models get them
        entries = self.raw.get("models") or ()
        return tuple(Model.from_raw(self.id, m, apply_defaults=kept) for m in entries if isinstance(m, dict))


@dataclass(frozen=True)
class EffectiveRegistry:
    """Which providers, models and credentials are in effect, and which model is the default."""

    locations: Locations
    providers: Mapping[str, Provider]
    default_model: str
    resolved_default: str
    fallbacks: tuple[str, ...]
    aliases: Mapping[str, str]
    warnings: tuple[ConfigWarning, ...]
    env_sources: tuple[str, ...]
    config: Mapping[str, Any] = field(repr=False)
    existing_models_json_readable: bool = True
    input_files: tuple[Path, ...] = ()
    # Private: what the resolution read, kept by reference so that `explain()` can work out
    # provenance on demand (nothing is computed for it while resolving).
    _context: ResolutionContext | None = field(default=None, repr=False, compare=False)

    @property
    def config_path(self) -> Path:
        return self.locations.config_file

    @property
    def agent_dir(self) -> Path:
        return self.locations.agent_dir

    def models(self) -> list[Model]:
        return [m for p in self.providers.values() for m in p.models]

    def resolve_ref(self, ref_or_alias: str) -> str:
        """The `provider/model` ref an alias, a ref or a bare model id stands for."""
        text = ref_or_alias.strip()
        folded = {alias.lower(): ref for alias, ref in self.aliases.items()}
        if text.lower() in folded:
            return folded[text.lower()]
        return text if "/" in text else f"anthropic/{text}"

    def model(self, ref_or_alias: str) -> Model | None:
        provider_id, _, model_id = self.resolve_ref(ref_or_alias).partition("/")
        provider = self.providers.get(provider_id)
        return next((m for m in provider.models if m.id == model_id), None) if provider else None

    def to_models_json(self) -> dict[str, Any] | None:
        """The document OpenClaw writes to `<agent>/models.json`; None when there are no providers."""
        if not self.providers:
            return None
        return {"providers": {pid: dict(p.raw) for pid, p in self.providers.items()}}

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

    def to_dict(self, *, reveal: bool = False) -> dict[str, Any]:
        """The registry as JSON-able data (what `show --json` prints); secrets redacted unless `reveal`."""
        from ..outputs.render import registry_to_dict

        return registry_to_dict(self, reveal=reveal)
