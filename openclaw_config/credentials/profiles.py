"""The order a provider's auth profiles are tried in, and why a profile is left out.

The list to start from is the first that exists of: the store's own `order` for the provider, the
config's `auth.order`, the profiles the config's `auth.profiles` names, the store's profiles in
file order. Profiles that cannot serve (wrong provider or mode, no secret, an expired token) are
dropped. With an explicit order the listed order is kept; otherwise OAuth profiles come before
tokens before API keys, least recently used first. Either way, profiles in a cooldown or disabled
period (`usageStats`) go last, the one free soonest first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, TypeGuard

from ..sources.auth_profiles import AuthProfile, AuthStore
from .inputs import AuthInputs, clean_secret

OrderBasis = Literal["store order", "auth.order", "auth.profiles", "store"]


@dataclass(frozen=True, eq=False, repr=False)
class Unavailable:
    """A profile's cooldown or disabled period (`usageStats`), while it lasts."""

    until: float  # ms since the epoch: the later of cooldownUntil and disabledUntil
    disabled: bool  # a disabled period (billing) rather than a cooldown
    reason: str | None = None  # disabledReason


@dataclass(frozen=True, eq=False)
class ProfileOrder:
    """A provider's profiles as they will be tried, and those left out with the reason."""

    provider: str
    basis: OrderBasis
    ordered: tuple[str, ...]
    excluded: tuple[tuple[str, str], ...]  # (profile id, why it is not tried)
    explicit: bool  # the order was given (store order or auth.order), not worked out
    last_good: str | None = None  # the store's `lastGood` for the provider: shown, it does not reorder

    def position_reason(self, profile_id: str) -> str:
        index = self.ordered.index(profile_id) + 1
        flag = " (the profile that worked last)" if profile_id == self.last_good else ""
        if self.explicit:
            return f"#{index} in the {_BASIS_WORDS[self.basis]}{flag}"
        return f"#{index}{flag}: OAuth before token before api_key, least recently used first"


_BASIS_WORDS: dict[OrderBasis, str] = {
    "store order": "auth store's order",
    "auth.order": "config's auth.order",
    "auth.profiles": "config's auth.profiles",
    "store": "auth store",
}


def unusable_until(stats: Any) -> float | None:
    """The end of a profile's cooldown or disabled period, whichever is later (None: neither)."""
    if not isinstance(stats, dict):
        return None
    ends: list[float] = [v for v in (stats.get("cooldownUntil"), stats.get("disabledUntil")) if _positive(v)]
    return max(ends) if ends else None


def unavailable(store: AuthStore, profile_id: str, now_ms: float) -> Unavailable | None:
    """The cooldown or disabled period `profile_id` is in now, if any."""
    stats = store.usage_stats.get(profile_id)
    until = unusable_until(stats)
    if until is None or now_ms >= until or stats is None:
        return None
    disabled_until = stats.get("disabledUntil")
    disabled = _positive(disabled_until) and now_ms < disabled_until
    reason = stats.get("disabledReason") if isinstance(stats.get("disabledReason"), str) else None
    return Unavailable(until, disabled, reason)


def profile_order(inputs: AuthInputs, provider: str) -> ProfileOrder:
    if not inputs.store.profiles and not inputs.auth_section():  # nothing to order (most providers)
        return ProfileOrder(provider, "store", (), (), False)
    wanted = inputs.normalize(provider)
    basis, listed = _starting_list(inputs, wanted)
    excluded: dict[str, str] = {}
    usable: list[str] = []
    for profile_id in listed:
        if profile_id in usable or profile_id in excluded:
            continue
        reason = _unfit(inputs, wanted, profile_id)
        if reason is None:
            usable.append(profile_id)
        else:
            excluded[profile_id] = reason
    where = _BASIS_WORDS[basis]
    for profile in inputs.profiles_for(wanted):
        if profile.id not in usable and profile.id not in excluded:
            excluded[profile.id] = f"not listed in the {where}"
    explicit = basis in ("store order", "auth.order") and bool(listed)
    ordered = _arrange(inputs, usable, explicit)
    last_good = next((v for k, v in inputs.store.last_good.items() if inputs.normalize(k) == wanted), None)
    return ProfileOrder(provider, basis, tuple(ordered), tuple(excluded.items()), explicit, last_good)


def _starting_list(inputs: AuthInputs, wanted: str) -> tuple[OrderBasis, list[str]]:
    stored = _for_provider(inputs, inputs.store.order, wanted)
    if stored is not None:
        return "store order", list(stored)
    configured = _for_provider(inputs, inputs.auth_section().get("order"), wanted)
    if configured is not None:
        return "auth.order", [i for i in configured if isinstance(i, str)]
    profiles = inputs.auth_section().get("profiles") or {}
    named = [pid for pid, entry in profiles.items() if _provider_of(inputs, entry) == wanted]
    if named:
        return "auth.profiles", named
    return "store", [p.id for p in inputs.profiles_for(wanted)]


def _for_provider(inputs: AuthInputs, table: Any, wanted: str) -> Any:
    """The entry of `table` (provider -> list) whose key is `wanted` once normalized."""
    if not isinstance(table, dict):
        return None
    return next((v for k, v in table.items() if inputs.normalize(k) == wanted and isinstance(v, list | tuple)), None)


def _provider_of(inputs: AuthInputs, entry: Any) -> str | None:
    provider = entry.get("provider") if isinstance(entry, dict) else None
    return inputs.normalize(provider) if isinstance(provider, str) else None


def _unfit(inputs: AuthInputs, wanted: str, profile_id: str) -> str | None:
    """Why `profile_id` cannot serve the provider at all, or None when it can."""
    profile = inputs.store.profile(profile_id)
    if profile is None or not profile.known:
        return "listed, but not in the auth store"
    if inputs.normalize(profile.provider) != wanted:
        return f"a profile of provider {profile.provider!r}"
    configured = inputs.config_profile(profile_id)
    if configured is not None:
        if _provider_of(inputs, configured) != wanted:
            return f"auth.profiles.{profile_id} names provider {configured.get('provider')!r}"
        mode = str(configured.get("mode"))
        if not inputs.rules.mode_accepts(mode, profile.type):
            return f"auth.profiles.{profile_id} says mode {mode}, but the store holds a {profile.type} profile"
    return _no_secret(profile, inputs.now_ms)


def _no_secret(profile: AuthProfile, now_ms: float) -> str | None:
    if profile.type == "api_key":
        return None if clean_secret(profile.secret) else "holds no key"
    if profile.type == "token":
        if not clean_secret(profile.secret):
            return "holds no token"
        if _positive(profile.expires) and now_ms >= profile.expires:
            return "the token has expired"
        return None
    if clean_secret(profile.access) or clean_secret(profile.refresh):
        return None
    return "holds neither an access token nor a refresh token"


def _arrange(inputs: AuthInputs, usable: list[str], explicit: bool) -> list[str]:
    store, now = inputs.store, inputs.now_ms
    free = [pid for pid in usable if unavailable(store, pid, now) is None]
    waiting = sorted(
        (pid for pid in usable if pid not in free),
        key=lambda pid: getattr(unavailable(store, pid, now), "until", now),
    )
    if not explicit:
        rank = inputs.rules.profile_type_rank

        def ranked(pid: str) -> tuple[int, float]:
            profile = store.profile(pid)
            last_used = (store.usage_stats.get(pid) or {}).get("lastUsed")
            used = last_used if isinstance(last_used, int | float) and not isinstance(last_used, bool) else 0
            return rank.get(profile.type if profile else "", len(rank)), used

        free.sort(key=ranked)
    return [*free, *waiting]


def _positive(value: Any) -> TypeGuard[float]:
    """A finite number above zero (JSON booleans are not numbers here)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0
