"""The auth store's lock, taken the way OpenClaw 2026.2.9 takes it, so the two never write at once.

OpenClaw (refreshing an OAuth token, recording a profile's usage) locks `auth-profiles.json` with a
lock directory beside the store's real path, `<real path>.lock`: creating the directory is the
atomic step that takes the lock, removing it releases it. A lock directory whose modification time
is older than 30 s is stale (its holder died; a live holder touches it more often than that) and is
removed. A held lock is retried 10 times, waiting 100 ms and doubling, at most 10 s, each wait
randomized. This module follows that protocol; it shares no code with OpenClaw.
"""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError, Problem
from ..outputs.atomic import make_dirs


@dataclass(frozen=True)
class LockPolicy:
    stale_seconds: float = 30.0
    retries: int = 10
    first_wait: float = 0.1
    factor: float = 2.0
    longest_wait: float = 10.0


OPENCLAW_POLICY = LockPolicy()


def lock_path(store: Path) -> Path:
    """`<real path of the store>.lock`: the same directory OpenClaw creates for the same store."""
    return Path(os.path.realpath(store) + ".lock")


@contextlib.contextmanager
def store_locked(store: Path, policy: LockPolicy | None = None) -> Iterator[Path]:
    """Hold the store's lock for the block; ConfigError (nothing written) when it stays held."""
    policy = policy or OPENCLAW_POLICY
    lock = lock_path(store)
    make_dirs(lock.parent, 0o700)
    for attempt in range(policy.retries + 1):
        if _take(lock, policy):
            break
        if attempt == policy.retries:
            message = f"the auth profile store is locked by another process ({lock}); nothing was written"
            hint = f"try again when OpenClaw is done with it; remove {lock.name} only if no OpenClaw is running"
            raise ConfigError([Problem(message, file=str(store), hint=hint)])
        wait = min(policy.first_wait * policy.factor**attempt, policy.longest_wait)
        time.sleep(wait * (1 + random.random()))
    try:
        yield lock
    finally:
        with contextlib.suppress(OSError):
            os.rmdir(lock)


def refresh(lock: Path) -> None:
    """Touch the lock, as a live holder does, so a slow step does not make it look stale."""
    with contextlib.suppress(OSError):
        os.utime(lock)


def _take(lock: Path, policy: LockPolicy) -> bool:
    try:
        os.mkdir(lock, 0o700)
        return True
    except FileExistsError:
        pass
    try:
        age = time.time() - os.stat(lock).st_mtime
    except FileNotFoundError:  # released meanwhile: try at once
        return _mkdir(lock)
    if age <= policy.stale_seconds:
        return False
    with contextlib.suppress(OSError):  # stale: its holder died
        os.rmdir(lock)
    return _mkdir(lock)


def _mkdir(lock: Path) -> bool:
    try:
        os.mkdir(lock, 0o700)
        return True
    except FileExistsError:
        return False
