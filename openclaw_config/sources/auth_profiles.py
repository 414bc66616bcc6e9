"""The per-agent auth profile store (`auth-profiles.json`): read-only, tolerant of damage.

A malformed store is treated as empty with a warning, never as a crash: it belongs to OpenClaw,
which may be writing it right now. Besides the profiles it holds the store's own `order` (profile
ids per provider), `lastGood` (the profile that last worked, per provider) and `usageStats`
(cooldowns and disabled periods, per profile), which decide the order profiles are tried in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ConfigWarning

#: The profile types OpenClaw knows; a profile of another type (or without a provider) is dropped.
PROFILE_TYPES = ("api_key", "token", "oauth")


@dataclass(frozen=True)
class AuthProfile:
    id: str
    type: str  # api_key | token | oauth
    provider: str
    secret: str | None = field(default=None, repr=False)  # key or token; None for oauth
    expires: Any = None
    access: str | None = field(default=None, repr=False)  # oauth: the access token
    refresh: str | None = field(default=None, repr=False)  # oauth: the refresh token
    email: str | None = None
    project_id: str | None = None  # oauth: the Google project some providers send with the token
    metadata: Mapping[str, Any] = field(default_factory=dict, compare=False)  # e.g. a gateway's accountId
    file: Path | None = field(default=None, compare=False)  # the store file it was read from

    @property
    def known(self) -> bool:
        """Whether OpenClaw keeps the profile at all: a known type and a provider."""
        return self.type in PROFILE_TYPES and bool(self.provider)


@dataclass(frozen=True)
class AuthStore:
    path: Path
    profiles: tuple[AuthProfile, ...] = ()
    warnings: tuple[ConfigWarning, ...] = ()
    order: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # provider -> profile ids
    last_good: Mapping[str, str] = field(default_factory=dict)  # provider -> profile id
    usage_stats: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # profile id -> stats
    inherited_from: Path | None = None  # the main agent's store, when this one builds on it
    readable: bool = True  # False when missing or damaged: OpenClaw then looks further (legacy auth.json)
    # Indexes built on first use (a store may hold 100k profiles, looked up for each provider).
    _indexes: dict[Any, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def profile(self, profile_id: str) -> AuthProfile | None:
        by_id = self._indexes.get("id")
        if by_id is None:
            by_id = self._indexes["id"] = {}
            for p in self.profiles:
                by_id.setdefault(p.id, p)
        found: AuthProfile | None = by_id.get(profile_id)
        return found

    def profiles_of(self, provider: str, normalize: Callable[[str], str]) -> tuple[AuthProfile, ...]:
        """The profiles whose provider normalizes to `provider` (itself normalized), in store order."""
        by_provider = self._indexes.get(normalize)
        if by_provider is None:
            by_provider = self._indexes[normalize] = {}
            for p in self.profiles:
                by_provider.setdefault(normalize(p.provider), []).append(p)
        return tuple(by_provider.get(provider, ()))


def read_auth_store(path: Path) -> AuthStore:
    from .bounded_read import STORE_MAX_BYTES, MissingFile, read_bounded, reason
    from .strict_json import StrictJsonError, load_strict_json

    try:
        text = read_bounded(path, what="auth profile store", max_bytes=STORE_MAX_BYTES).decode("utf-8")
    except MissingFile:
        return AuthStore(path, readable=False)
    except ConfigError as exc:
        return _damaged(path, f"cannot be used ({reason(exc)})")
    except UnicodeDecodeError:
        return _damaged(path, "is not UTF-8 text")
    if text.startswith("\ufeff"):  # OpenClaw's JSON parser rejects it, so OpenClaw sees no profiles
        return _damaged(path, "starts with a byte-order mark, which OpenClaw cannot read (save it without one)")
    try:
        data = load_strict_json(text)
    except StrictJsonError as exc:
        return _damaged(path, f"is not valid JSON ({exc})")
    profiles = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(profiles, dict):
        return _damaged(path, 'has no "profiles" object')
    return AuthStore(
        path,
        tuple(profile_of(pid, entry, path) for pid, entry in profiles.items() if isinstance(entry, dict)),
        order=_order(data.get("order")),
        last_good={k: v for k, v in _object(data.get("lastGood")).items() if isinstance(v, str)},
        usage_stats={k: v for k, v in _object(data.get("usageStats")).items() if isinstance(v, dict)},
    )


def merged_store(main: AuthStore, agent: AuthStore) -> AuthStore:
    """The store an agent other than the main one sees: the main agent's, with its own on top.

    Profiles of the agent's store replace those of the same id; `order`, `lastGood` and
    `usageStats` are merged per key the same way. An agent without a usable store of its own
    sees the main agent's store as it is (OpenClaw copies it over on first use).
    """
    own = {p.id for p in agent.profiles}
    profiles = (*(p for p in main.profiles if p.id not in own), *agent.profiles)
    return AuthStore(
        agent.path,
        profiles,
        (*main.warnings, *agent.warnings),
        {**main.order, **agent.order},
        {**main.last_good, **agent.last_good},
        {**main.usage_stats, **agent.usage_stats},
        inherited_from=main.path,
    )


def profile_of(profile_id: str, entry: dict[str, Any], path: Path) -> AuthProfile:
    kind = str(entry.get("type", ""))
    secret = entry.get("key") if kind == "api_key" else entry.get("token") if kind == "token" else None
    return AuthProfile(
        id=profile_id,
        type=kind,
        provider=str(entry.get("provider") or ""),
        secret=secret if isinstance(secret, str) else None,
        expires=entry.get("expires"),
        access=_text(entry.get("access")),
        refresh=_text(entry.get("refresh")),
        email=_text(entry.get("email")),
        project_id=_text(entry.get("projectId")),
        metadata=_object(entry.get("metadata")),
        file=path,
    )


def _order(value: Any) -> dict[str, tuple[str, ...]]:
    """The store's `order`: per provider, the non-blank ids (trimmed); empty lists are dropped."""
    found = {}
    for provider, ids in _object(value).items():
        if isinstance(ids, list):
            listed = tuple(i.strip() for i in ids if isinstance(i, str) and i.strip())
            if listed:
                found[provider] = listed
    return found


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _damaged(path: Path, reason: str) -> AuthStore:
    warning = ConfigWarning(f"auth profile store {reason}; treated as empty (it was not changed)", str(path))
    return AuthStore(path, warnings=(warning,), readable=False)
