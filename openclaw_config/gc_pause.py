"""Pausing Python's cycle collector while a resolution builds its data.

The collector runs after every few hundred new container objects and then re-scans live ones. A
resolution of a large config creates hundreds of thousands (parsed values, validated copies, the
registry), none of them in a reference cycle, so those scans find nothing and cost about 40% of the
time at 0.79 MB, and a growing share as the config grows. Large Python programs (Mercurial's
`nogc`, for one) pause it around such work in the same way.

Switching it back on is not free either: the first allocation after that would scan everything the
pause let accumulate as "young" (at 10x the 0.79 MB config, 30 ms: a scan that misses the CPU caches
on every object). A registry is long-lived, so its objects are moved straight to the oldest
generation instead, where only the collector's rare full collections look at them.
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
    if was_enabled:
        # The program's young garbage is collected now, the usual way (a scan of only its young
        # objects, which the collector would soon make anyway): what is promoted at the end is ours.
        gc.collect(1)
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            promote_to_oldest_generation()
            gc.enable()


def promote_to_oldest_generation() -> None:
    """Move every tracked object to the collector's oldest generation, without scanning any.

    `freeze()` then `unfreeze()` does that in two list splices. Whatever else is young moves too (the
    pause collected the program's young objects first; other threads may have made some since): a
    garbage cycle among those waits for a full collection, which still finds it. Skipped when the
    program keeps objects frozen itself (as servers do before forking): `unfreeze()` would release them.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
