"""Atomic file writes: a temp file in the same directory, fsync, then rename over the target.

Readers see the old file or the new one, never half of either; two writers racing each leave a
complete file (the last rename wins).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str, *, mode: int = 0o600, dir_mode: int = 0o700) -> None:
    path.parent.mkdir(mode=dir_mode, parents=True, exist_ok=True)
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


def backup(path: Path, suffix: str = ".bak") -> Path:
    """Copy `path` beside itself (keeping its mode) before it is replaced; returns the copy's path."""
    target = path.with_name(path.name + suffix)
    if target.exists():  # never overwrite an older backup: number the new one
        n = 1
        while (candidate := path.with_name(f"{path.name}{suffix}.{n}")).exists():
            n += 1
        target = candidate
    shutil.copy2(path, target)
    return target
