"""Expiry of profiles: ok, expiring (within `warnAfterMs`), expired, missing (no expiry known), static.

An API key never expires (static), nor does a token without an `expires`. An OAuth profile that
holds a refresh token stays ok when its access token has expired or is about to: OpenClaw refreshes
it on the next call.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from ..sources.auth_profiles import AuthProfile
from .collation import locale_key
from .inputs import AuthInputs

ExpiryStatus = Literal["ok", "expiring", "expired", "missing", "static"]


@dataclass(frozen=True, eq=False)
class ProfileHealth:
    profile_id: str
    provider: str  # as the store writes it
    type: str
    status: ExpiryStatus
    label: str  # the id, with the account e-mail when one is known
    expires_at: Any = None  # ms since the epoch, as the store holds it
    remaining_ms: float | None = None


@dataclass(frozen=True, eq=False)
class ProviderHealth:
    provider: str
    status: ExpiryStatus
    profiles: tuple[ProfileHealth, ...]
    expires_at: float | None = None  # the soonest expiry among its OAuth and token profiles
    remaining_ms: float | None = None


def expiry_status(expires_at: Any, now_ms: float, warn_after_ms: float) -> tuple[ExpiryStatus, float | None]:
    if not _number(expires_at) or expires_at <= 0:
        return "missing", None
    remaining = expires_at - now_ms
    if remaining <= 0:
        return "expired", remaining
    return ("expiring" if remaining <= warn_after_ms else "ok"), remaining


def profile_health(inputs: AuthInputs, profile: AuthProfile) -> ProfileHealth:
    label = inputs.label_of(profile.id)
    base = ProfileHealth(profile.id, profile.provider, profile.type, "static", label)
    if profile.type == "api_key":
        return base
    warn = inputs.rules.warn_after_ms
    if profile.type == "token":
        if not _number(profile.expires) or profile.expires <= 0:
            return base
        status, remaining = expiry_status(profile.expires, inputs.now_ms, warn)
        return ProfileHealth(profile.id, profile.provider, "token", status, label, profile.expires, remaining)
    status, remaining = expiry_status(profile.expires, inputs.now_ms, warn)
    if profile.refresh and status in ("expired", "expiring"):
        status = "ok"
    return ProfileHealth(profile.id, profile.provider, "oauth", status, label, profile.expires, remaining)


def health_summary(inputs: AuthInputs, providers: Iterable[str]) -> tuple[list[ProfileHealth], list[ProviderHealth]]:
    """Every profile of the listed providers (matched as the store spells them), and each provider's
    overall status; a listed provider without profiles is missing."""
    wanted = [p.strip() for p in providers if p.strip()]
    profiles = sorted(
        (profile_health(inputs, p) for p in inputs.store.profiles if p.known and p.provider in wanted),
        key=lambda h: (locale_key(h.provider), locale_key(h.profile_id)),
    )
    grouped: dict[str, list[ProfileHealth]] = {}
    for health in profiles:
        grouped.setdefault(health.provider, []).append(health)
    for provider in wanted:
        grouped.setdefault(provider, [])
    summary = [_provider_health(inputs, pid, found) for pid, found in grouped.items()]
    return profiles, sorted(summary, key=lambda h: locale_key(h.provider))


def _provider_health(inputs: AuthInputs, provider: str, profiles: list[ProfileHealth]) -> ProviderHealth:
    expirable = [p for p in profiles if p.type in ("oauth", "token")]
    if not expirable:
        static = any(p.type == "api_key" for p in profiles)
        return ProviderHealth(provider, "static" if static else "missing", tuple(profiles))
    expiries = [p.expires_at for p in expirable if _number(p.expires_at)]
    soonest = min(expiries) if expiries else None
    remaining = soonest - inputs.now_ms if soonest is not None else None
    statuses = {p.status for p in expirable}
    status: ExpiryStatus = "ok"
    if statuses & {"expired", "missing"}:
        status = "expired"
    elif "expiring" in statuses:
        status = "expiring"
    return ProviderHealth(provider, status, tuple(profiles), soonest, remaining)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def remaining_text(remaining_ms: float | None) -> str:
    """Time left, shortly: `45m`, `5h`, `3d` (`0m` once past, `unknown` without an expiry)."""
    if remaining_ms is None or math.isnan(remaining_ms):
        return "unknown"
    if remaining_ms <= 0:
        return "0m"
    minutes = max(1, _round(remaining_ms / 60_000))
    if minutes < 60:
        return f"{minutes}m"
    hours = _round(minutes / 60)
    return f"{hours}h" if hours < 48 else f"{_round(hours / 24)}d"


def moment_text(ms: float) -> str:
    """A time in ms since the epoch, for people: `2026-02-10 14:05 UTC`."""
    try:
        return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, OSError, ValueError):
        return f"{ms:.0f} ms since the epoch"


def _round(value: float) -> int:
    return math.floor(value + 0.5)  # halves up, as OpenClaw rounds
