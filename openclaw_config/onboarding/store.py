"""Putting an API key profile into the agent's auth profile store (`auth-profiles.json`).

Every other profile and field of the store is kept as it is. A store that exists but cannot be
used (not JSON, not an object, no "profiles" object) is never overwritten silently: it is copied
to `auth-profiles.json.bak` first and the user is told. One that cannot be read at all (permissions)
stops the onboarding before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Problem
from ..outputs.atomic import backup, write_atomic
from ..outputs.json_text import json_text
from ..outputs.redact import redact


@dataclass(frozen=True)
class StorePlan:
    """What writing the profile does to the store."""

    path: Path
    text: str | None  # the new content; None when the profile is already there with this key
    exists: bool
    description: str  # what changes, the key redacted
    damage: str | None = None  # why the existing file is unusable (it is backed up, then replaced)


def plan_store(path: Path, profile_id: str, provider: str, key: str) -> StorePlan:
    """The store with `profile_id` set to an `api_key` profile holding `key`."""
    data, damage = _read(path)
    exists = data is not None or damage is not None
    document: dict[str, Any] = data if data is not None else {"version": 1, "profiles": {}}
    profiles: dict[str, Any] = document["profiles"]
    profile = {"type": "api_key", "provider": provider, "key": key}
    old = profiles.get(profile_id)
    if old == profile:
        return StorePlan(path, None, exists, f"profile {profile_id} already holds this key ({redact(key)})")
    profiles[profile_id] = profile
    verb = "added" if old is None else "replaced"
    description = f"profile {profile_id} (api_key, provider {provider}, key {redact(key)}): {verb}"
    if damage is not None:
        description += f"; the previous file {damage}, so a new store was started"
    text = json_text(document, indent=2) + "\n"
    return StorePlan(path, text, exists, description, damage)


def write_store(plan: StorePlan) -> Path | None:
    """Write the planned store (0600, in a 0700 folder); returns the backup of a damaged file."""
    if plan.text is None:
        return None
    saved = backup(plan.path, latest_only=True) if plan.damage is not None else None
    write_atomic(plan.path, plan.text)
    return saved


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The store's JSON object, or (None, why it is unusable); (None, None) when there is no file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        reason = f"auth profile store cannot be read: {exc.strerror or exc}"
        raise ConfigError(
            [Problem(reason, file=str(path), hint="check its permissions, then run onboard again")]
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, "was not UTF-8 text"
    except ValueError as exc:
        return None, f"was not valid JSON ({getattr(exc, 'msg', exc)} at line {getattr(exc, 'lineno', '?')})"
    if not isinstance(data, dict):
        return None, "was not a JSON object"
    if not isinstance(data.get("profiles"), dict):
        return None, 'had no "profiles" object'
    return data, None
