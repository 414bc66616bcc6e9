"""OAuth credentials of the Qwen Code and MiniMax CLIs (`~/.qwen/oauth_creds.json`, ...), seen as
the auth profiles OpenClaw makes of them (`qwen-portal:qwen-cli`, ...).

OpenClaw copies them into the store file; this only adds them to the store it read (nothing is
written). The files and profile ids are data (`externalCliCredentials` of the data file).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..sources.auth_profiles import AuthProfile, AuthStore
from .catalog import Catalog


def cli_credential_files(home: Path, catalog: Catalog) -> tuple[Path, ...]:
    entries = catalog.implicit_data.get("externalCliCredentials", {})
    return tuple(home / entry["file"] for entry in entries.values())


def with_cli_credentials(store: AuthStore, home: Path, catalog: Catalog, now_ms: float) -> AuthStore:
    """`store` with each CLI's credentials as its profile, where OpenClaw would take them."""
    fresh_ms = float(catalog.implicit_data.get("externalCliFreshMs", 0))
    profiles = list(store.profiles)
    for provider, entry in catalog.implicit_data.get("externalCliCredentials", {}).items():
        existing = store.profile(entry["profileId"])
        if existing is not None and existing.provider == provider and _fresh(existing, now_ms + fresh_ms):
            continue  # a profile that is not about to expire is kept without reading the file
        found = _read(home / entry["file"], entry["profileId"], provider)
        if found is None or not _replaces(existing, found, provider, now_ms):
            continue
        profiles = [p for p in profiles if p.id != found.id] + [found]
    return (
        store
        if len(profiles) == len(store.profiles) and profiles == list(store.profiles)
        else replace(store, profiles=tuple(profiles))
    )


def _fresh(profile: AuthProfile, after_ms: float) -> bool:
    if profile.type not in ("oauth", "token"):
        return False
    return not _is_number(profile.expires) or profile.expires > after_ms


def _replaces(existing: AuthProfile | None, found: AuthProfile, provider: str, now_ms: float) -> bool:
    """OpenClaw takes the file's credentials unless its own OAuth profile is newer or the same."""
    if existing is None or existing.type != "oauth" or existing.provider != provider:
        return True
    if (existing.access, existing.refresh, existing.expires) == (found.access, found.refresh, found.expires):
        return False
    expires = existing.expires if _is_number(existing.expires) else 0
    return bool(expires <= now_ms or found.expires > expires)


def _read(path: Path, profile_id: str, provider: str) -> AuthProfile | None:
    """The file's credentials, or None when it is missing, unreadable or lacks a field (as OpenClaw)."""
    from ..errors import ConfigError
    from ..sources.bounded_read import STORE_MAX_BYTES, read_bounded
    from ..sources.strict_json import StrictJsonError, load_strict_json

    try:  # the bounded reader: a FIFO or device there must not hang the resolution
        data: Any = load_strict_json(read_bounded(path, what="CLI credentials", max_bytes=STORE_MAX_BYTES).decode())
    except (ConfigError, StrictJsonError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    access, refresh, expires = data.get("access_token"), data.get("refresh_token"), data.get("expiry_date")
    if not (isinstance(access, str) and access and isinstance(refresh, str) and refresh and _is_number(expires)):
        return None
    return AuthProfile(profile_id, "oauth", provider, expires=expires, access=access, refresh=refresh, file=path)


def _is_number(value: object) -> bool:
    return (
        isinstance(value, int | float) and not isinstance(value, bool) and value == value and abs(value) != float("inf")
    )
