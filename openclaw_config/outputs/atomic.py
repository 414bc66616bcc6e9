"""Atomic file writes: a temp file in the same directory, fsync, then rename over the target.

Readers see the old file or the new one, never half of either; two writers racing each leave a
complete file (the last rename wins). The temp files are named `.<name>.openclaw-config-<random>.tmp`,
so they are recognisably this tool's: one left by a killed run (it may hold keys) is removed by the
next write of the same file, once it is old enough not to be another run's write in progress.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

TEMP_MARK = "openclaw-config-"
#: A temp file of ours older than this is a killed run's: no write takes that long.
STALE_TEMP_SECONDS = 60.0


def write_atomic(path: Path, text: str, *, mode: int = 0o600, dir_mode: int = 0o700, keep_mode: bool = False) -> None:
    """Replace `path` with `text`. The file gets `mode`, or with `keep_mode` the mode of the file it
    replaces (`mode` when there is none); every missing folder on the way is created with `dir_mode`.
    A character UTF-8 cannot hold (a lone surrogate read from a JSON `\\ud800`) is written as that
    escape again."""
    make_dirs(path.parent, dir_mode)
    if keep_mode and path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    remove_stale_temp_files(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.{TEMP_MARK}", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Remove the temp files a killed write of `path` left (ours by name, and of the older
    `.<name>.<8 characters>.tmp` form), once older than STALE_TEMP_SECONDS; returns those removed."""
    ours = re.compile(rf"\.{re.escape(path.name)}\.(?:{TEMP_MARK}[A-Za-z0-9_]+|[A-Za-z0-9_]{{8}})\.tmp\Z")
    removed = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    now = time.time()
    for name in names:
        if not ours.match(name):
            continue
        candidate = path.parent / name
        try:
            info = os.lstat(candidate)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime > STALE_TEMP_SECONDS:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed


def make_dirs(folder: Path, mode: int) -> None:
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for directory in reversed(missing):  # parents too: `mkdir(parents=True)` would give them the umask default
        directory.mkdir(mode=mode, exist_ok=True)


def backup(path: Path, suffix: str = ".bak", *, latest_only: bool = False) -> Path:
    """Copy `path` beside itself (keeping its mode) before it is replaced; returns the copy's path.

    With `latest_only`, the one backup holds what the file was before this change (an older backup is
    replaced); otherwise an existing backup is kept and the new one is numbered. Either way the copy is
    written to a temp file and renamed into place: a backup name that is a symlink (even a dangling
    one) is replaced as a name, never followed, and a failed copy leaves no half-written backup.
    """
    target = path.with_name(path.name + suffix)
    if not latest_only and os.path.lexists(target):  # never overwrite an older backup: number the new one
        n = 1
        while os.path.lexists(candidate := path.with_name(f"{path.name}{suffix}.{n}")):
            n += 1
        target = candidate
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.{TEMP_MARK}", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(path, temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
