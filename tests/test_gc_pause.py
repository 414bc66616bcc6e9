"""The cycle-collector pause around a resolution (gc_pause): it leaves the collector as it found
it, and moves what the resolution made straight to the oldest generation."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config.gc_pause import cycle_collection_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was_enabled:
        gc.disable()


class Node:
    """A container the collector tracks."""


def generation_of(obj: object) -> int | None:
    return next((g for g in range(3) if any(o is obj for o in gc.get_objects(generation=g))), None)


def test_no_collection_runs_inside_and_the_collector_is_back_on_after(collector_on: None) -> None:
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(collector_on: None) -> None:
    gc.disable()
    with cycle_collection_paused():
        pass
    assert not gc.isenabled()


def test_what_was_made_inside_goes_to_the_oldest_generation(collector_on: None) -> None:
    with cycle_collection_paused():
        made = Node()
        assert generation_of(made) == 0
    assert generation_of(made) == 2


def test_a_resolution_leaves_its_registry_in_the_oldest_generation(collector_on: None, world: World) -> None:
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    registry = world.resolve()
    assert gc.isenabled()
    assert generation_of(registry.providers["local"]) == 2


def test_objects_the_program_froze_stay_frozen(collector_on: None) -> None:
    # Servers freeze their objects before forking; `unfreeze()` would hand those back to the collector.
    frozen = Node()
    gc.freeze()
    count = gc.get_freeze_count()
    with cycle_collection_paused():
        made = Node()
    assert gc.get_freeze_count() == count
    assert generation_of(frozen) is None  # still in the permanent generation
    assert generation_of(made) == 0  # left to the collector's usual course


def test_the_programs_young_garbage_is_still_collected(collector_on: None, world: World) -> None:
    # A cycle that became garbage just before a resolution must not be promoted out of the
    # collector's reach: a loop of resolve() calls would otherwise pile such cycles up.
    import weakref

    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    cycle = Node()
    cycle.self = cycle  # type: ignore[attr-defined]
    alive = weakref.ref(cycle)
    del cycle
    world.resolve()
    assert alive() is None
