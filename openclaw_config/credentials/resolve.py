"""Which credential the next call to a provider uses, and every candidate that was looked at.

As an OpenClaw 2026.2.9 agent decides it:

1. a provider configured with `auth: "aws-sdk"` authenticates through the AWS SDK, nothing else;
2. when the provider has profiles in its effective order (`profiles.py`), the first one not in a
   cooldown that yields a key is used, and the environment is never consulted: with every profile
   cooling down the call fails over to the next model;
3. otherwise its first key variable that is set (`providers/catalog.json`), or Google's application
   default credentials;
4. otherwise the config's `apiKey` for the provider;
5. otherwise, for Amazon Bedrock, the AWS SDK's own chain.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from ..outputs.redact import redact
from ..sources.auth_profiles import AuthProfile
from .inputs import AuthInputs, clean_secret
from .profiles import ProfileOrder, profile_order, unavailable

if TYPE_CHECKING:
    from .health import ProfileHealth

CandidateKind = Literal["profile", "env", "config", "aws-sdk"]
CandidateStatus = Literal["used", "next", "skipped"]
AuthMode = Literal["api-key", "token", "oauth", "aws-sdk"]


@dataclass(frozen=True, eq=False)
class CredentialCandidate:
    """One place a credential could come from: a profile, a variable, the config's apiKey, the AWS SDK.

    `status` is `used` for the credential the next call uses, `next` for a profile tried after it
    when it fails, and `skipped` for the rest; `reason` says why, in words.
    """

    kind: CandidateKind
    name: str  # the profile id, the variable, `models.providers.<id>.apiKey`, or the AWS SDK source
    status: CandidateStatus
    reason: str
    source: str  # OpenClaw's label: "profile:<id>", "env: <VAR>", "models.json", "aws-sdk"
    value: str | None = field(default=None, repr=False)  # the secret itself: never printed unasked
    mode: AuthMode | None = None
    health: ProfileHealth | None = None  # a profile's expiry
    needs_refresh: bool = False  # an expired OAuth access token OpenClaw refreshes first (not done here)
    from_variable: str | None = None  # the variable the value really came from, when OpenClaw copied it
    plain: bool = False  # the value is no secret (a variable reference, the ADC marker): printed as it is

    @property
    def redacted(self) -> str | None:
        return None if self.value is None else redact(self.value)

    @property
    def expiry(self) -> str:
        """ok, expiring, expired, missing or static (keys from variables or the config never expire)."""
        return self.health.status if self.health is not None else "static"


@dataclass(frozen=True, eq=False)
class CredentialResolution:
    """A provider's candidates in the order they are considered, and the one in use (if any)."""

    provider: str
    candidates: tuple[CredentialCandidate, ...]
    order: ProfileOrder
    problem: str | None = None  # why there is no credential, when there is none

    @property
    def credential(self) -> CredentialCandidate | None:
        """The credential the next call uses; None when there is none."""
        return next((c for c in self.candidates if c.status == "used"), None)

    @property
    def secrets(self) -> list[str]:
        return [c.value for c in self.candidates if c.value and not c.plain and c.kind != "aws-sdk"]


def resolve_credential(inputs: AuthInputs, provider: str) -> CredentialResolution:
    order = profile_order(inputs, provider)
    if inputs.auth_override(provider) == "aws-sdk":
        source = inputs.aws_sdk_source()
        why = f"models.providers.{provider}.auth is aws-sdk: the AWS SDK authenticates ({source})"
        return CredentialResolution(provider, (CredentialCandidate("aws-sdk", source, "used", why, "aws-sdk",
                                                                   mode="aws-sdk"),), order)  # fmt: skip
    profiles = _profile_candidates(inputs, order)
    chosen = any(c.status == "used" for c in profiles)
    rest = _fallback_candidates(inputs, provider, bool(order.ordered))
    candidates = (*profiles, *rest)
    if order.ordered and not chosen:
        return CredentialResolution(provider, candidates, order, _profiles_problem(inputs, order))
    if not any(c.status == "used" for c in candidates):
        problem = f"no credential for provider {provider}: no usable auth profile, key variable or apiKey"
        return CredentialResolution(provider, candidates, order, problem)
    return CredentialResolution(provider, candidates, order)


def _profile_candidates(inputs: AuthInputs, order: ProfileOrder) -> list[CredentialCandidate]:
    if not order.ordered and not order.excluded:
        return []
    from .health import profile_health  # only for providers with profiles: most have none

    found: list[CredentialCandidate] = []
    used = False
    for profile_id in order.ordered:
        profile = inputs.store.profile(profile_id)
        if profile is None:  # the order holds only profiles of the store
            continue
        candidate = _profile_candidate(inputs, order, profile, used)
        used = used or candidate.status == "used"
        found.append(candidate)
    for profile_id, reason in order.excluded:
        profile = inputs.store.profile(profile_id)
        health = profile_health(inputs, profile) if profile is not None and profile.known else None
        found.append(CredentialCandidate("profile", profile_id, "skipped", reason, f"profile:{profile_id}",
                                         health=health))  # fmt: skip
    return found


def _profile_candidate(
    inputs: AuthInputs, order: ProfileOrder, profile: AuthProfile, after_used: bool
) -> CredentialCandidate:
    from .health import moment_text, profile_health

    health = profile_health(inputs, profile)
    mode: AuthMode = "oauth" if profile.type == "oauth" else "token" if profile.type == "token" else "api-key"
    position = order.position_reason(profile.id)
    source = f"profile:{profile.id}"
    blocked = unavailable(inputs.store, profile.id, inputs.now_ms)
    if after_used and blocked is None:
        return CredentialCandidate("profile", profile.id, "next", f"{position}: tried if the one before fails",
                                   source, mode=mode, health=health)  # fmt: skip
    if blocked is not None:
        what = (
            f"disabled ({blocked.reason})"
            if blocked.disabled and blocked.reason
            else ("disabled" if blocked.disabled else "cooling down")
        )
        why = f"{position}, but {what} until {moment_text(blocked.until)}: skipped until then"
        return CredentialCandidate("profile", profile.id, "skipped", why, source, mode=mode, health=health)
    value, refresh, problem = _profile_secret(inputs, profile)
    if problem is not None:
        return CredentialCandidate("profile", profile.id, "skipped", f"{position}, but {problem}", source,
                                   mode=mode, health=health)  # fmt: skip
    why = position + (": its access token has expired; OpenClaw refreshes it over the network before the call "
                      "(not attempted here)" if refresh else "")  # fmt: skip
    return CredentialCandidate("profile", profile.id, "used", why, source, value, mode, health, refresh)


def _profile_secret(inputs: AuthInputs, profile: AuthProfile) -> tuple[str | None, bool, str | None]:
    """(the key, whether an OAuth refresh comes first, why the profile yields nothing)."""
    if profile.type in ("api_key", "token"):
        return clean_secret(profile.secret), False, None  # blank keys and expired tokens are not in the order
    expires = profile.expires
    fresh = isinstance(expires, int | float) and not isinstance(expires, bool) and inputs.now_ms < expires
    if fresh and profile.access:
        if inputs.normalize(profile.provider) in inputs.rules.oauth_json_key_providers:
            return json.dumps({"token": profile.access, "projectId": profile.project_id}), False, None
        return profile.access, False, None
    if profile.refresh and inputs.normalize(profile.provider) in inputs.rules.oauth_refresh_providers:
        return None, True, None
    if not profile.refresh:
        return None, False, "its access token has expired and it holds no refresh token"
    return None, False, "its access token has expired and OpenClaw cannot refresh tokens of this provider"


def _fallback_candidates(inputs: AuthInputs, provider: str, has_profiles: bool) -> list[CredentialCandidate]:
    """The key variables, the config's apiKey and the AWS SDK, in the order they are tried."""
    found: list[CredentialCandidate] = []
    taken: str | None = "the provider has auth profiles, which an agent uses exclusively" if has_profiles else None

    def add(kind: CandidateKind, name: str, source: str, value: str | None, mode: AuthMode = "api-key",
            plain: bool = False) -> None:  # fmt: skip
        nonlocal taken
        if value is None:
            found.append(CredentialCandidate(kind, name, "skipped", _unset_reason(inputs, kind, name), source))
        elif taken is not None:
            found.append(CredentialCandidate(kind, name, "skipped", f"set, but not used: {taken}", source, value,
                                             mode, plain=plain))  # fmt: skip
        else:
            found.append(CredentialCandidate(kind, name, "used", _used_reason(kind, name, source), source, value,
                                             mode, plain=plain))  # fmt: skip
            taken = f"{name} comes first"

    pid = inputs.normalize(provider)
    if pid in inputs.rules.adc:
        key = inputs.env_key(pid)
        add("env", "application default credentials", inputs.rules.adc[pid].label, key.value if key else None,
            plain=True)  # fmt: skip
    for name in inputs.catalog.key_variables(pid):
        found_value = inputs.variable(name)
        mode: AuthMode = "oauth" if inputs.rules.oauth_env_marker in name else "api-key"
        add("env", name, f"env: {name}", found_value[0] if found_value else None, mode)
        if found_value is not None and found_value[1] is not None and found[-1].status == "used":
            copied = f"{name} is not set, but OpenClaw copies {found_value[1]} into it at start-up"
            found[-1] = replace(found[-1], reason=copied, from_variable=found_value[1])
    config_key = inputs.config_key(provider)
    name = f"models.providers.{config_key[0] if config_key else provider}.apiKey"
    value = config_key[1] if config_key else None
    add("config", name, "models.json", value, plain=value is not None and inputs.is_reference(value))
    if pid in inputs.rules.aws_sdk_providers and inputs.auth_override(provider) is None:
        source = inputs.aws_sdk_source()
        add("aws-sdk", source, "aws-sdk", source, "aws-sdk")
    return found


def _unset_reason(inputs: AuthInputs, kind: CandidateKind, name: str) -> str:
    if kind == "config":
        return "the config sets no apiKey for the provider"
    if kind == "env" and name in inputs.env.shadowed and name not in inputs.env.values:
        return "not set (a value in the workspace .env is ignored: credentials are never read from it)"
    return "not set"


def _used_reason(kind: CandidateKind, name: str, source: str) -> str:
    if kind == "env":
        return f"{name} is set, and the provider has no usable auth profile"
    if kind == "config":
        return "no auth profile or key variable: the config's apiKey is sent"
    return f"the AWS SDK authenticates ({source})"


def _profiles_problem(inputs: AuthInputs, order: ProfileOrder) -> str:
    from .health import moment_text

    waiting = [unavailable(inputs.store, pid, inputs.now_ms) for pid in order.ordered]
    if all(w is not None for w in waiting):
        soonest = min(w.until for w in waiting if w is not None)
        return (f"every auth profile of {order.provider} is cooling down or disabled (the first is free at "
                f"{moment_text(soonest)}): the call fails over to the next model")  # fmt: skip
    return f"no auth profile of {order.provider} yields a credential: the call fails over to the next model"
