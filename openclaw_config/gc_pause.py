"""Pausing Python's cycle collector while a resolution builds its data.

The collector runs after every few hundred new container objects and then re-scans live ones. A
resolution of a large config creates hundreds of thousands (parsed values, validated copies, the
registry), none of them in a reference cycle, so those scans find nothing and cost about 40% of the
time at 0.79 MB, and a growing share as the config grows. Large Python programs (Mercurial's
`nogc`, for one) pause it around such work in the same way.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """No cycle collection inside the block (also usable as a decorator).

    The collector is switched back on only if it was on before, so that pauses that nest or overlap
    in several threads leave it as the program had it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
