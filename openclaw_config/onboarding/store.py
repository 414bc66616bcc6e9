"""Putting an API key profile into the agent's auth profile store (`auth-profiles.json`).

Every other profile and field of the store is kept as it is. A store that exists but cannot be
used (not JSON, not an object, no "profiles" object) is never overwritten silently: it is copied
to `auth-profiles.json.bak` first and the user is told. One that cannot be read at all (permissions),
that is not a regular file, or that is valid JSON this tool cannot write back unchanged (a number of
thousands of digits, nesting hundreds deep) stops the onboarding before anything is written. A
symlinked store (one store shared by several agent dirs) is written through the link, so it stays
shared; a symlink to a missing file is refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Problem
from ..json_text import json_text
from ..outputs.atomic import backup, write_atomic
from ..outputs.redact import redact
from ..sources.bounded_read import STORE_MAX_BYTES, MissingFile, read_bounded
from ..sources.strict_json import StrictJsonError, load_strict_json


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
    """Write the planned store (0600, in a 0700 folder) at its real path; returns the backup of a
    damaged file."""
    if plan.text is None:
        return None
    saved = backup(plan.path, latest_only=True) if plan.damage is not None else None
    write_atomic(Path(os.path.realpath(plan.path)), plan.text)
    return saved


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The store's JSON object, or (None, why it is unusable); (None, None) when there is no file."""
    try:
        raw = read_bounded(path, what="auth profile store", max_bytes=STORE_MAX_BYTES)
    except MissingFile:
        if os.path.islink(path):
            raise _refused(path, f"is a symbolic link to {os.readlink(path)}, which does not exist") from None
        return None, None
    except ConfigError as exc:
        said = [p.message.removeprefix("auth profile store ").removeprefix("cannot be read: ") for p in exc.problems]
        problems = [
            replace(p, message=f"auth profile store cannot be read ({why})", hint="fix that, then run onboard again")
            for p, why in zip(exc.problems, said, strict=True)
        ]
        raise ConfigError(problems) from None
    try:
        data = load_strict_json(raw.decode("utf-8-sig"), exact_numbers=True)
    except UnicodeDecodeError:
        return None, "was not UTF-8 text"
    except StrictJsonError as exc:
        if exc.valid_json:  # JSON that OpenClaw reads, but this tool cannot write back as it is
            raise _refused(path, f"cannot be rewritten without changing it: {exc.message}") from None
        return None, f"was not valid JSON ({exc})"
    if not isinstance(data, dict):
        return None, "was not a JSON object"
    if not isinstance(data.get("profiles"), dict):
        return None, 'had no "profiles" object'
    return data, None


def _refused(path: Path, reason: str) -> ConfigError:
    hint = "add the profile with OpenClaw itself, or fix the file, then run onboard again"
    return ConfigError([Problem(f"auth profile store {reason}; nothing was written", file=str(path), hint=hint)])
