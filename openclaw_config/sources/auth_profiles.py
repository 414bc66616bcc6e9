"""The per-agent auth profile store (`auth-profiles.json`): read-only, tolerant of damage.

A malformed store is treated as empty with a warning, never as a crash: it belongs to OpenClaw,
which may be writing it right now.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigWarning


@dataclass(frozen=True)
class AuthProfile:
    id: str
    type: str  # api_key | token | oauth
    provider: str
    secret: str | None = field(default=None, repr=False)  # key or token; None for oauth
    expires: Any = None


@dataclass(frozen=True)
class AuthStore:
    path: Path
    profiles: tuple[AuthProfile, ...] = ()
    warnings: tuple[ConfigWarning, ...] = ()


def read_auth_store(path: Path) -> AuthStore:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return AuthStore(path)
    except (OSError, UnicodeDecodeError) as exc:
        return _damaged(path, f"cannot be read ({getattr(exc, 'strerror', None) or exc})")
    try:
        data = json.loads(text)
    except ValueError as exc:
        return _damaged(path, f"is not valid JSON ({getattr(exc, 'msg', exc)} at line {getattr(exc, 'lineno', '?')})")
    profiles = data.get("profiles") if isinstance(data, dict) else None
    if not isinstance(profiles, dict):
        return _damaged(path, 'has no "profiles" object')
    return AuthStore(path, tuple(_profile(pid, entry) for pid, entry in profiles.items() if isinstance(entry, dict)))


def _profile(profile_id: str, entry: dict[str, Any]) -> AuthProfile:
    kind = str(entry.get("type", ""))
    secret = entry.get("key") if kind == "api_key" else entry.get("token") if kind == "token" else None
    return AuthProfile(
        id=profile_id,
        type=kind,
        provider=str(entry.get("provider", "")),
        secret=secret if isinstance(secret, str) else None,
        expires=entry.get("expires"),
    )


def _damaged(path: Path, reason: str) -> AuthStore:
    warning = ConfigWarning(f"auth profile store {reason}; treated as empty (it was not changed)", str(path))
    return AuthStore(path, warnings=(warning,))
