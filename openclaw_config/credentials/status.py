"""The auth overview of `status` (OpenClaw's `models status`): what it looks at, and what it finds.

Providers looked at: those with a profile in the auth store, those configured in `models.providers`,
those of the model refs in use or allowed (`agents.defaults.models`), and a fixed list checked for
a key in the environment. For each: its profiles, its key variable, the config's `apiKey`. A
provider of the model chain (primary, fallbacks, image model and its fallbacks) with none of these
is missing. Model refs are read as OpenClaw reads them here: a ref without `/` (an alias too)
counts as a model of the default provider.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..composition.agents import AgentSelection
from ..errors import ConfigWarning
from ..sources.auth_profiles import AuthProfile
from .collation import locale_key
from .health import ProfileHealth, ProviderHealth, health_summary
from .inputs import AuthInputs, EnvKey
from .profiles import Unavailable, unavailable, unusable_until
from .resolve import CredentialResolution, resolve_credential

EffectiveKind = Literal["profiles", "env", "models.json", "missing"]


@dataclass(frozen=True)
class ProviderAuth:
    """One provider's line of the overview: its profiles, its key variable, the config's apiKey."""

    provider: str
    profiles: tuple[AuthProfile, ...]
    env: EnvKey | None
    config_key: str | None = field(default=None, repr=False)
    config_key_plain: bool = False  # the apiKey names a variable: no secret

    @property
    def effective(self) -> EffectiveKind:
        """What OpenClaw reports as in effect: profiles first, then the variable, then the apiKey."""
        if self.profiles:
            return "profiles"
        return "env" if self.env else "models.json" if self.config_key else "missing"

    def count(self, profile_type: str) -> int:
        return sum(1 for p in self.profiles if p.type == profile_type)

    @property
    def oauth_like(self) -> int:
        """OAuth and token profiles, and an OAuth token from the environment."""
        from_env = 1 if self.env is not None and self.env.is_oauth else 0
        return self.count("oauth") + self.count("token") + from_env


@dataclass(frozen=True)
class UnusableProfile:
    profile_id: str
    provider: str | None  # None when the profile is not in the store (stats outlive profiles)
    kind: Literal["cooldown", "disabled"]
    until: float
    remaining_ms: float
    reason: str | None = None


@dataclass(frozen=True)
class AuthStatus:
    """Everything `status` reports. `credentials` holds the next call's credential for each provider
    looked at (and each provider of the registry)."""

    config_path: Path
    agent_dir: Path
    agent: AgentSelection | None
    default_model: str
    resolved_default: str
    fallbacks: tuple[str, ...]
    fallbacks_from_agent: bool
    image_model: str | None
    image_fallbacks: tuple[str, ...]
    aliases: Mapping[str, str]
    allowed: tuple[str, ...]
    store_path: Path
    inherited_store: Path | None  # the main agent's store, when an agent's store builds on it
    profiles_path: Path  # where OpenClaw says the profiles are (always the main agent's store)
    home: Path
    home_prefix: str  # how the home directory is shown: `~`, or `$OPENCLAW_HOME`
    shell_env_enabled: bool
    providers: tuple[ProviderAuth, ...]
    in_use: tuple[str, ...]
    in_use_refs: Mapping[str, tuple[str, ...]]  # provider -> the refs of the model chain that name it
    missing_in_use: tuple[str, ...]
    unusable: tuple[UnusableProfile, ...]
    profile_health: tuple[ProfileHealth, ...]
    provider_health: tuple[ProviderHealth, ...]
    warn_after_ms: int
    now_ms: float
    credentials: Mapping[str, CredentialResolution]
    warnings: tuple[ConfigWarning, ...] = ()
    inputs: AuthInputs | None = field(default=None, repr=False, compare=False)

    def blocked(self, profile_id: str) -> Unavailable | None:
        """The cooldown or disabled period a profile is in now."""
        return unavailable(self.inputs.store, profile_id, self.now_ms) if self.inputs is not None else None

    def email(self, profile_id: str) -> str | None:
        return self.inputs.email_of(profile_id) if self.inputs is not None else None

    @property
    def providers_with_oauth(self) -> list[str]:
        return [f"{p.provider} ({p.oauth_like})" for p in self.providers if p.oauth_like]

    @property
    def expirable(self) -> list[ProfileHealth]:
        return [h for h in self.profile_health if h.type in ("oauth", "token")]

    @property
    def check_code(self) -> int:
        """`status --check`: 1 when a provider in use has no credential or an OAuth/token profile has
        expired (or has no expiry), 2 when one expires within `warn_after_ms`, else 0."""
        statuses = {h.status for h in self.expirable}
        if self.missing_in_use or statuses & {"expired", "missing"}:
            return 1
        return 2 if "expiring" in statuses else 0

    def shorten(self, path: Path | str) -> str:
        """A path under the home directory as `~/...` (or `$OPENCLAW_HOME/...`)."""
        text, home = str(path), str(self.home)
        if text == home:
            return self.home_prefix
        return self.home_prefix + text[len(home) :] if text.startswith(home + "/") else text


@dataclass(frozen=True)
class ModelChoice:
    """What the registry decided about models, for the status header."""

    default_model: str
    resolved_default: str
    fallbacks: tuple[str, ...]
    aliases: Mapping[str, str]


def auth_status(
    inputs: AuthInputs,
    choice: ModelChoice,
    *,
    config_path: Path,
    agent_dir: Path,
    agent: AgentSelection | None,
    main_store: Path,
    home: Path,
    registry_providers: Iterable[str] = (),
    warnings: tuple[ConfigWarning, ...] = (),
) -> AuthStatus:
    defaults = _agent_defaults(inputs.config)
    image: dict[str, Any] = defaults["imageModel"] if isinstance(defaults.get("imageModel"), dict) else {}
    image_model = (image.get("primary") or "").strip() or None
    image_fallbacks = tuple(f for f in image.get("fallbacks") or () if isinstance(f, str))
    allowed = tuple(defaults.get("models") or {})
    chain = [choice.default_model, *choice.fallbacks, image_model or "", *image_fallbacks]
    in_use_refs: dict[str, tuple[str, ...]] = {}
    for ref in chain:
        provider = _ref_provider(inputs, ref)
        if provider and ref.strip() not in in_use_refs.get(provider, ()):
            in_use_refs[provider] = (*in_use_refs.get(provider, ()), ref.strip())
    in_use = tuple(in_use_refs)
    listed = _listed_providers(inputs, [*chain, *allowed])
    overview = [_provider_auth(inputs, p) for p in listed]
    shown = tuple(p for p in overview if p.profiles or p.env or p.config_key)
    missing = tuple(sorted((p for p in in_use if p not in {s.provider for s in shown}), key=locale_key))
    profiles, providers = health_summary(inputs, listed)
    looked_at = dict.fromkeys([*listed, *registry_providers, *in_use])
    openclaw_home = inputs.env.get("OPENCLAW_HOME")
    switch = inputs.env.get(inputs.rules.shell_env_switch) or ""
    shell_env = (inputs.config.get("env") or {}).get("shellEnv") or {}
    return AuthStatus(
        config_path=config_path,
        agent_dir=agent_dir,
        agent=agent,
        default_model=choice.default_model,
        resolved_default=choice.resolved_default,
        fallbacks=choice.fallbacks,
        fallbacks_from_agent=agent is not None and agent.fallbacks is not None,
        image_model=image_model,
        image_fallbacks=image_fallbacks,
        aliases=choice.aliases,
        allowed=allowed,
        store_path=inputs.store.path,
        inherited_store=inputs.store.inherited_from,
        profiles_path=main_store,
        home=home,
        home_prefix="$OPENCLAW_HOME" if openclaw_home else "~",
        shell_env_enabled=switch.strip().lower() in ("1", "true", "yes", "on") or shell_env.get("enabled") is True,
        providers=shown,
        in_use=in_use,
        in_use_refs=in_use_refs,
        missing_in_use=missing,
        unusable=tuple(_unusable_profiles(inputs)),
        profile_health=tuple(profiles),
        provider_health=tuple(providers),
        warn_after_ms=inputs.rules.warn_after_ms,
        now_ms=inputs.now_ms,
        credentials={p: resolve_credential(inputs, p) for p in looked_at},
        warnings=warnings,
        inputs=inputs,
    )


def _agent_defaults(config: Mapping[str, Any]) -> dict[str, Any]:
    agents = config.get("agents")
    defaults = agents.get("defaults") if isinstance(agents, dict) else None
    return defaults if isinstance(defaults, dict) else {}


def _ref_provider(inputs: AuthInputs, raw: str) -> str | None:
    """The provider of a model ref as `status` reads it: no `/` means the default provider."""
    text = raw.strip()
    if not text:
        return None
    provider, slash, model = text.partition("/")
    if not slash:
        return inputs.normalize(inputs.rules.default_provider)
    return inputs.normalize(provider) if provider.strip() and model.strip() else None


def _listed_providers(inputs: AuthInputs, refs: list[str]) -> list[str]:
    from_store = [p.provider for p in inputs.store.profiles if p.known]
    configured = [k.strip() for k in (inputs.config.get("models") or {}).get("providers") or {}]
    from_refs = [p for p in (_ref_provider(inputs, r) for r in refs) if p]
    from_env = [p for p in inputs.rules.status_env_providers if inputs.env_key(p) is not None]
    found = [p.strip() for p in dict.fromkeys([*from_store, *configured, *from_refs, *from_env])]
    return sorted((p for p in found if p), key=locale_key)


def _provider_auth(inputs: AuthInputs, provider: str) -> ProviderAuth:
    config_key = inputs.config_key(provider)
    key = config_key[1] if config_key else None
    plain = key is not None and inputs.is_reference(key)
    return ProviderAuth(provider, tuple(inputs.profiles_for(provider)), inputs.env_key(provider), key, plain)


def _unusable_profiles(inputs: AuthInputs) -> list[UnusableProfile]:
    found = []
    for profile_id, stats in inputs.store.usage_stats.items():
        blocked = unavailable(inputs.store, profile_id, inputs.now_ms)
        until = unusable_until(stats)
        if blocked is None or until is None:
            continue
        profile = inputs.store.profile(profile_id)
        found.append(
            UnusableProfile(
                profile_id,
                profile.provider if profile is not None and profile.known else None,
                "disabled" if blocked.disabled else "cooldown",
                until,
                until - inputs.now_ms,
                blocked.reason,
            )
        )
    return sorted(found, key=lambda u: u.remaining_ms)
