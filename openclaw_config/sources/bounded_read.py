"""The one way this package reads a user's file: a regular file only, never blocking, size-bounded.

Every input (config, included files, both `.env` files, the auth store, `models.json`) goes through
`read_bounded`. A FIFO, `/dev/stdin`, `/dev/zero` or any device would block forever or never end;
a workspace `.env` symlinked to one can come with any checkout. So the file is opened once with
`O_NONBLOCK`, the opened descriptor is checked (`fstat`: a regular file, within the size bound) and
read through that same descriptor. A caller that must confine the file to some folders checks the
opened file too (`within`), so a symlink swapped between the check and the read cannot slip through.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import ConfigError, Problem

#: Size bounds, in bytes. Generous for real files (the 10x benchmark config is 8 MB), small enough
#: that a mistaken file cannot exhaust memory.
CONFIG_MAX_BYTES = 64_000_000
DOTENV_MAX_BYTES = 1_000_000
STORE_MAX_BYTES = 64_000_000

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)

#: Given the opened file's real path, a problem message (refused) or None (allowed).
Confinement = Callable[[str], str | None]


class MissingFile(ConfigError):
    """The file does not exist (callers that treat a missing file as empty catch this one).

    Most resolutions meet several (no workspace .env, no auth store): the problem is only worded
    when someone asks for it."""

    def __init__(self, path: Path, what: str) -> None:  # the message is worded on demand
        Exception.__init__(self)
        self.problems = (Problem(f"{what} not found", file=str(path), hint="check the path"),)

    def __str__(self) -> str:
        return str(self.problems[0])


def read_bounded(path: Path, *, what: str, max_bytes: int, within: Confinement | None = None) -> bytes:
    """The bytes of the regular file `path`; every failure is a `ConfigError` naming the file."""
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise MissingFile(path, what) from None
    except OSError as exc:
        raise _os_problem(path, what, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(info.st_mode):
            message = f"{what} is {_kind(info.st_mode)}, not a regular file; it was not read"
            raise ConfigError([Problem(message, file=str(path), hint="point it at a regular file")])
        if within is not None:
            refusal = within(_opened_real_path(fd, path, info))
            if refusal is not None:
                raise ConfigError([Problem(refusal, file=str(path))])
        if info.st_size > max_bytes:
            raise _too_large(path, what, max_bytes)
        data = _read_all(fd, max_bytes)
    except OSError as exc:
        raise _os_problem(path, what, exc) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while being read
        raise _too_large(path, what, max_bytes)
    return data


def _read_all(fd: int, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _opened_real_path(fd: int, path: Path, info: os.stat_result) -> str:
    """The real path of the file open at `fd`: from the descriptor where the system says it (Linux),
    else the path's real path, accepted only when it is still the very file that was opened."""
    try:
        linked = os.readlink(f"/proc/self/fd/{fd}")
        if linked.startswith(os.sep):
            return linked
    except OSError:
        pass
    real = os.path.realpath(path)
    now = os.stat(real)
    if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
        raise OSError(0, "it was replaced while being read; try again")
    return real


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def _too_large(path: Path, what: str, max_bytes: int) -> ConfigError:
    message = f"{what} is larger than {max_bytes // 1_000_000} MB"
    return ConfigError([Problem(message, file=str(path), hint="split it into smaller files")])


def _os_problem(path: Path, what: str, exc: OSError) -> ConfigError:
    if isinstance(exc, IsADirectoryError):
        return ConfigError([Problem(f"{what} is a directory, not a file", file=str(path))])
    hint = "check its permissions and those of its folders" if isinstance(exc, PermissionError) else "check the file"
    return ConfigError([Problem(f"{what} cannot be read: {exc.strerror or exc}", file=str(path), hint=hint)])


def reason(error: ConfigError) -> str:
    """The message of a read failure, for callers that turn it into a warning."""
    return error.problems[0].message if error.problems else "cannot be read"
