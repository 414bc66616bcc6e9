"""The legacy `<agent dir>/auth.json` (pi's own credential file) that OpenClaw 2026.2.9 still reads.

When an agent has no readable `auth-profiles.json` (and, for an agent other than the main one, the
main store holds no profiles), OpenClaw turns each `{provider: {type, key|token|access...}}` entry of
`auth.json` into a profile `<provider>:default`, writes the store and deletes `auth.json`. This
engine reads it the same way but changes no file, and warns: later releases drop the migration.
"""

from __future__ import annotations

from ..errors import ConfigError, ConfigWarning
from .auth_profiles import PROFILE_TYPES, AuthStore, profile_of

LEGACY_FILE = "auth.json"


def with_legacy_auth(store: AuthStore) -> AuthStore:
    """`store`, or the profiles of the legacy auth.json next to it when the store is unreadable."""
    if store.readable:
        return store
    from .bounded_read import STORE_MAX_BYTES, read_bounded
    from .strict_json import StrictJsonError, load_strict_json

    legacy = store.path.with_name(LEGACY_FILE)
    try:
        data = load_strict_json(read_bounded(legacy, what="legacy auth.json", max_bytes=STORE_MAX_BYTES).decode())
    except (ConfigError, UnicodeDecodeError, StrictJsonError):  # missing or unreadable: OpenClaw ignores it too
        return store
    if not isinstance(data, dict) or "profiles" in data:
        return store
    entries = {k: v for k, v in data.items() if isinstance(v, dict) and v.get("type") in PROFILE_TYPES}
    if not entries:
        return store
    profiles = tuple(
        profile_of(f"{key}:default", {**entry, "provider": str(entry.get("provider") or key)}, legacy)
        for key, entry in entries.items()
    )
    warning = ConfigWarning(
        f"profiles read from the legacy {LEGACY_FILE} ({', '.join(p.id for p in profiles)}): OpenClaw 2026.2.9 "
        f"moves them into {store.path.name} and deletes {LEGACY_FILE} on its next run; later releases no longer "
        "read it (run OpenClaw once, or write the profiles into the store)",
        str(legacy),
    )
    return AuthStore(store.path, profiles, (*store.warnings, warning))
