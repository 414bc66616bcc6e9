"""What a credential is decided from, and the lookups every part of this stage shares.

`AuthInputs` is made once per resolution (it only holds references); the lookups are small and
done on demand, so a registry nobody asks about credentials costs nothing here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..composition.environment import EffectiveEnvironment
from ..outputs.redact import names_a_variable
from ..providers.catalog import Catalog
from ..sources.auth_profiles import AuthProfile, AuthStore

if TYPE_CHECKING:
    from .rules import CredentialRules

DEFAULT_VERSION = "2026.2.9"  # the OpenClaw release whose rules (`data/<version>.json`) apply

_LINE_BREAKS = re.compile("[\r\n\u2028\u2029]+")
_MARKER = re.compile(r"\$\{([A-Z0-9_]+)\}\Z")


def clean_secret(value: Any) -> str | None:
    """A pasted secret as OpenClaw uses it: line breaks removed, ends trimmed; None when blank."""
    if not isinstance(value, str):
        return None
    cleaned = _LINE_BREAKS.sub("", value).strip()
    return cleaned or None


@dataclass(frozen=True, eq=False)
class EnvKey:
    """A provider key found in the environment (or the Google ADC marker)."""

    source: str  # as OpenClaw labels it: "env: OPENAI_API_KEY", "gcloud adc"
    value: str = field(repr=False)
    variable: str | None = None  # None for ADC
    copied_from: str | None = None  # the variable OpenClaw copied into `variable` at start-up

    @property
    def is_oauth(self) -> bool:
        """An OAuth token from the environment (`ANTHROPIC_OAUTH_TOKEN`): shown as such, never as a key."""
        return "oauth" in self.source.lower()


@dataclass(frozen=True, eq=False, repr=False)  # no repr: it holds every secret of the environment
class AuthInputs:
    """The resolved config, the environment, the auth store and the clock a credential depends on."""

    config: Mapping[str, Any]  # the resolved config
    raw_config: Mapping[str, Any]  # the same before ${VAR} substitution: tells `${NAME}` from a literal
    env: EffectiveEnvironment
    store: AuthStore
    catalog: Catalog
    now_ms: float
    cwd: Path
    user_home: Path  # the process's $HOME (not OPENCLAW_HOME): where gcloud keeps its credentials
    main_store: Path  # the main agent's auth store (another agent's store builds on it)
    version: str = DEFAULT_VERSION  # the OpenClaw release whose rules apply
    # Worked-out credentials by provider id: the inputs never change, so neither do they.
    resolved: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def rules(self) -> CredentialRules:
        from .rules import load_rules

        return load_rules(self.version)

    def normalize(self, provider: str) -> str:
        return self.catalog.normalize_id(provider)

    # -- the auth store and the config's auth section ----------------------------------------

    def profiles_for(self, provider: str) -> list[AuthProfile]:
        """The store's profiles of `provider`, in store order (only those OpenClaw keeps)."""
        wanted = self.normalize(provider)
        return [p for p in self.store.profiles_of(wanted, self.normalize) if p.known]

    def auth_section(self) -> Mapping[str, Any]:
        auth = self.config.get("auth")
        return auth if isinstance(auth, dict) else {}

    def config_profile(self, profile_id: str) -> Mapping[str, Any] | None:
        entry = (self.auth_section().get("profiles") or {}).get(profile_id)
        return entry if isinstance(entry, dict) else None

    def email_of(self, profile_id: str) -> str | None:
        """The account e-mail to show beside a profile: the config's, else the store's."""
        configured = (self.config_profile(profile_id) or {}).get("email")
        profile = self.store.profile(profile_id)
        for email in (configured, profile.email if profile else None):
            if isinstance(email, str) and email.strip():
                return email.strip()
        return None

    def label_of(self, profile_id: str) -> str:
        email = self.email_of(profile_id)
        return f"{profile_id} ({email})" if email else profile_id

    # -- the provider's block in the config --------------------------------------------------

    def provider_config(self, provider: str) -> tuple[str, Mapping[str, Any]] | None:
        """The config's block for `provider` and its id as written: the id itself, else one equal
        once normalized."""
        providers = (self.config.get("models") or {}).get("providers") or {}
        if isinstance(providers.get(provider), dict):
            return provider, providers[provider]
        wanted = self.normalize(provider)
        found = next((k for k in providers if self.normalize(k) == wanted and isinstance(providers[k], dict)), None)
        return (found, providers[found]) if found is not None else None

    def config_key(self, provider: str) -> tuple[str, str] | None:
        """The config's `apiKey` for `provider` as OpenClaw would send it, and its config id.

        An `apiKey` written as `${NAME}` is kept as the name `NAME` by this engine (a safety rule);
        OpenClaw sent the variable's value, so that is the value here too.
        """
        found = self.provider_config(provider)
        if found is None:
            return None
        config_id, block = found
        value = clean_secret(block.get("apiKey"))
        if value is None:
            return None
        written = (((self.raw_config.get("models") or {}).get("providers") or {}).get(config_id) or {}).get("apiKey")
        marker = _MARKER.match(written.strip()) if isinstance(written, str) else None
        if marker is not None:
            value = clean_secret(self.env.get(marker.group(1))) or value
        return config_id, value

    def is_reference(self, api_key: str) -> bool:
        """Whether an apiKey value names a variable (`${NAME}`, a set or short upper-case name)."""
        return names_a_variable(api_key, lambda name: self.env.get(name) is not None)

    def auth_override(self, provider: str) -> str | None:
        found = self.provider_config(provider)
        auth = found[1].get("auth") if found else None
        return auth if auth in ("api-key", "aws-sdk", "oauth", "token") else None

    # -- the environment ----------------------------------------------------------------------

    def variable(self, name: str) -> tuple[str, str | None] | None:
        """The value OpenClaw sees for `name` and the variable it really came from (OpenClaw copies
        a few variables into others at start-up); None when unset or blank."""
        value = clean_secret(self.env.get(name))
        if value is not None:
            return value, self.env.copied_from.get(name)
        source = self.rules.copied_variables.get(name)
        copied = clean_secret(self.env.get(source)) if source else None
        return (copied, source) if copied is not None else None

    def env_key(self, provider: str) -> EnvKey | None:
        """The key OpenClaw takes from the environment for `provider`: its first key variable set."""
        pid = self.normalize(provider)
        if pid in self.rules.adc:
            return self._adc_key(pid)
        for name in self.catalog.key_variables(pid):
            found = self.variable(name)
            if found is not None:
                return EnvKey(f"env: {name}", found[0], name, found[1])
        return None

    def _adc_key(self, pid: str) -> EnvKey | None:
        rule = self.rules.adc[pid]
        values = self.env.values
        if not any(values.get(v) for v in rule.project_variables):
            return None
        if not any(values.get(v) for v in rule.location_variables):
            return None
        given = values.get(rule.credentials_file_variable)
        file = (self.cwd / given) if given else self.user_home / rule.default_credentials_file
        return EnvKey(rule.label, rule.value) if os.path.exists(file) else None

    def aws_sdk_source(self) -> str:
        """What the AWS SDK would authenticate with: the first complete step of the chain."""
        for step in self.rules.aws_sdk_chain:
            if all(self.env.get(name) for name in step):
                return "env: " + " + ".join(step)
        return self.rules.aws_sdk_fallback
