"""Atomic file writes: a temp file in the same directory, fsync, then rename over the target.

Readers see the old file or the new one, never half of either; two writers racing each leave a
complete file (the last rename wins).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, *, mode: int = 0o600, dir_mode: int = 0o700, keep_mode: bool = False) -> None:
    """Replace `path` with `text`. The file gets `mode`, or with `keep_mode` the mode of the file it
    replaces (`mode` when there is none); every missing folder on the way is created with `dir_mode`."""
    _make_dirs(path.parent, dir_mode)
    if keep_mode and path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _make_dirs(folder: Path, mode: int) -> None:
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for directory in reversed(missing):  # parents too: `mkdir(parents=True)` would give them the umask default
        directory.mkdir(mode=mode, exist_ok=True)


def backup(path: Path, suffix: str = ".bak", *, latest_only: bool = False) -> Path:
    """Copy `path` beside itself (keeping its mode) before it is replaced; returns the copy's path.

    With `latest_only`, the one backup holds what the file was before this change (an older backup is
    replaced, atomically); otherwise an existing backup is kept and the new one is numbered.
    """
    target = path.with_name(path.name + suffix)
    if latest_only:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            shutil.copy2(path, temp)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return target
    if target.exists():  # never overwrite an older backup: number the new one
        n = 1
        while (candidate := path.with_name(f"{path.name}{suffix}.{n}")).exists():
            n += 1
        target = candidate
    shutil.copy2(path, target)
    return target
