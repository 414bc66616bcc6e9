"""`Resolver`: the same registry object while nothing changed, a new resolution when an input did."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config import ConfigError, EffectiveRegistry, Resolver
from openclaw_config.pipeline import resolve_at
from openclaw_config.resolver import SETTLE_SECONDS

RESOLVE_AT = "openclaw_config.resolver.resolve_at"  # what the Resolver calls once per resolution


class Clock:
    """A clock the test moves. It starts an hour after now, so the files just written have settled."""

    def __init__(self) -> None:
        self.now = time.time() + 3600

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def write_config(world: World, host: str) -> None:
    """A config that includes a file and uses a variable that every environment layer can set."""
    local = {**LOCAL_PROVIDER, "baseUrl": "http://${LOCAL_HOST}/v1"}
    world.config({"$include": "./agents.json5", "env": {"LOCAL_HOST": host}, "models": {"providers": {"local": local}}})


def age(*paths: Path) -> None:
    """Set the files' mtime an hour back. A rewrite within the same tick of a coarse filesystem clock
    could otherwise keep its stamp (in real use, `SETTLE_SECONDS` covers that case)."""
    long_ago = time.time() - 3600
    for path in paths:
        os.utime(path, (long_ago, long_ago))


@pytest.fixture
def setup(world: World) -> World:
    write_config(world, "config-host")
    world.write(world.state_dir / "agents.json5", {"agents": {"defaults": {"model": {"primary": "local/m1"}}}})
    age(world.config_file, world.state_dir / "agents.json5")
    return world


def make_resolver(world: World, clock: Clock) -> Resolver:
    return Resolver(env=world.env, cwd=world.cwd, home=world.home, now=clock)


def count_resolutions(monkeypatch: pytest.MonkeyPatch, *, slow: bool = False) -> list[int]:
    """Count the real resolutions the Resolver starts (it calls `resolve_at` once per resolution)."""
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> EffectiveRegistry:
        calls.append(1)
        if slow:
            time.sleep(0.01)  # widen the window in which a second thread could start resolving too
        return resolve_at(*args, **kwargs)

    monkeypatch.setattr(RESOLVE_AT, counted)
    return calls


def base_url(registry: EffectiveRegistry) -> str | None:
    return registry.providers["local"].base_url


def test_nothing_changed_gives_the_same_registry_object(setup: World, clock: Clock) -> None:
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    assert first.default_model == "local/m1" and base_url(first) == "http://config-host/v1"
    assert resolver.resolve() is first
    clock.now += 600
    assert resolver.resolve() is first


def test_it_resolves_like_resolve(setup: World, clock: Clock) -> None:
    assert make_resolver(setup, clock).resolve().to_dict() == setup.resolve().to_dict()


def _write_config(world: World) -> Callable[[EffectiveRegistry], bool]:
    write_config(world, "edited")
    return lambda registry: base_url(registry) == "http://edited/v1"


def _write_included(world: World) -> Callable[[EffectiveRegistry], bool]:
    world.write(world.state_dir / "agents.json5", {"agents": {"defaults": {"model": {"primary": "local/m2"}}}})
    return lambda registry: registry.default_model == "local/m2"


def _write_workspace_dotenv(world: World) -> Callable[[EffectiveRegistry], bool]:
    world.write(world.cwd / ".env", "LOCAL_HOST=workspace-host\n")
    return lambda registry: base_url(registry) == "http://workspace-host/v1"


def _write_state_dotenv(world: World) -> Callable[[EffectiveRegistry], bool]:
    world.write(world.state_dir / ".env", "LOCAL_HOST=state-host\n")
    return lambda registry: base_url(registry) == "http://state-host/v1"


def _write_auth_store(world: World) -> Callable[[EffectiveRegistry], bool]:
    world.auth_store({"xiaomi:default": {"type": "api_key", "provider": "xiaomi", "key": "sk-profile-key-123456"}})
    return lambda registry: "xiaomi" in registry.providers


def _write_models_json(world: World) -> Callable[[EffectiveRegistry], bool]:
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "models": []}}})
    return lambda registry: "old" in registry.providers


CHANGES = {
    "config": _write_config,
    "included file": _write_included,
    "workspace .env": _write_workspace_dotenv,
    "state .env": _write_state_dotenv,
    "auth store": _write_auth_store,
    "models.json": _write_models_json,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_to_any_input_is_seen(
    setup: World, clock: Clock, change: Callable[[World], Callable[[EffectiveRegistry], bool]]
) -> None:
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    shows_change = change(setup)  # the dotenvs, store and models.json did not exist: creating one is a change
    second = resolver.resolve()
    assert second is not first and shows_change(second)
    assert resolver.resolve() is second


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_an_input_saved_again_unchanged_is_read_again_and_the_object_kept(
    setup: World,
    clock: Clock,
    change: Callable[[World], Callable[[EffectiveRegistry], bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    change(setup)
    age(*(p for p in setup.root.rglob("*") if p.is_file()))
    resolutions = count_resolutions(monkeypatch)
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    change(setup)  # the same content, written again: a new mtime (or a new inode)
    assert resolver.resolve() is first and len(resolutions) == 2


def test_a_rewrite_of_the_same_size_with_the_old_mtime_is_still_seen(setup: World, clock: Clock) -> None:
    included = setup.state_dir / "agents.json5"
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    before = included.stat()
    included.write_text(included.read_text().replace("local/m1", "local/m2"))
    os.utime(included, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = included.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    if after.st_ctime_ns == before.st_ctime_ns:
        pytest.skip("the filesystem clock did not move since the file was written: nothing tells them apart")
    assert resolver.resolve() is not first
    assert resolver.resolve().default_model == "local/m2"


def test_a_file_replaced_by_another_is_seen(setup: World, clock: Clock) -> None:
    included = setup.state_dir / "agents.json5"
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    replacement = setup.write(setup.state_dir / "new.json5", included.read_text().replace("local/m1", "local/m2"))
    os.replace(replacement, included)
    assert resolver.resolve().default_model == "local/m2" and resolver.resolve() is not first


def test_an_include_added_later_is_watched_too(setup: World, clock: Clock) -> None:
    resolver = make_resolver(setup, clock)
    resolver.resolve()
    setup.write(setup.state_dir / "agents.json5", {"agents": {"$include": "./more.json5"}})
    age(setup.write(setup.state_dir / "more.json5", {"defaults": {"model": {"primary": "local/m3"}}}))
    assert resolver.resolve().default_model == "local/m3"
    setup.write(setup.state_dir / "more.json5", {"defaults": {"model": {"primary": "local/m4"}}})
    assert resolver.resolve().default_model == "local/m4"


def test_a_file_changed_while_resolving_is_read_again_next_time(
    setup: World, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:

    def edited_meanwhile(*args: Any, **kwargs: Any) -> EffectiveRegistry:
        registry = resolve_at(*args, **kwargs)
        monkeypatch.setattr(RESOLVE_AT, resolve_at)  # only the first resolution
        _write_config(setup)  # after the config was read, before the resolver looks at it again
        return registry

    monkeypatch.setattr(RESOLVE_AT, edited_meanwhile)
    resolver = make_resolver(setup, clock)
    assert base_url(resolver.resolve()) == "http://config-host/v1"
    assert base_url(resolver.resolve()) == "http://edited/v1"


def test_a_different_environment_resolves_again_and_an_equal_one_does_not(setup: World, clock: Clock) -> None:
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    assert resolver.resolve(env=dict(setup.env)) is first
    changed = resolver.resolve(env={**setup.env, "LOCAL_HOST": "process-host"})
    assert changed is not first and base_url(changed) == "http://process-host/v1"
    assert resolver.resolve() is changed  # the new environment is kept for later calls


def test_an_error_is_raised_again_without_reading_and_a_fix_is_picked_up(
    setup: World, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup.write(setup.state_dir / "agents.json5", "{ agents: ")
    calls = count_resolutions(monkeypatch)
    resolver = make_resolver(setup, clock)
    with pytest.raises(ConfigError) as first:
        resolver.resolve()
    with pytest.raises(ConfigError) as again:
        resolver.resolve()
    assert again.value.problems == first.value.problems and "agents.json5" in str(again.value)
    assert len(calls) == 1
    setup.write(setup.state_dir / "agents.json5", {"agents": {"defaults": {"model": {"primary": "local/m5"}}}})
    assert resolver.resolve().default_model == "local/m5"


def test_creating_a_missing_included_file_fixes_the_error(setup: World, clock: Clock) -> None:
    (setup.state_dir / "agents.json5").unlink()
    resolver = make_resolver(setup, clock)
    with pytest.raises(ConfigError):
        resolver.resolve()
    setup.write(setup.state_dir / "agents.json5", {"agents": {"defaults": {"model": {"primary": "local/m6"}}}})
    assert resolver.resolve().default_model == "local/m6"


def test_threads_share_one_resolution(setup: World, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_resolutions(monkeypatch, slow=True)
    resolver = make_resolver(setup, clock)
    start = threading.Barrier(8)
    results: list[EffectiveRegistry] = []

    def worker() -> None:
        start.wait()
        results.append(resolver.resolve())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and all(r is results[0] for r in results)
    assert len(calls) == 1


def test_the_result_is_renewed_when_a_token_profile_expires(world: World, clock: Clock) -> None:
    expires_ms = (clock.now + 60) * 1000
    world.auth_store(
        {"xiaomi:t": {"type": "token", "provider": "xiaomi", "token": "tok-1234567890", "expires": expires_ms}}
    )
    resolver = make_resolver(world, clock)
    first = resolver.resolve()
    assert "xiaomi" in first.providers
    clock.now += 30
    assert resolver.resolve() is first
    clock.now += 31
    assert "xiaomi" not in resolver.resolve().providers


def test_files_modified_just_before_reading_are_read_once_more_after_they_settle(
    setup: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    clock.now = time.time()  # the files were written a moment ago: their stamps cannot be trusted yet
    resolutions = count_resolutions(monkeypatch)
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    assert resolver.resolve() is first and len(resolutions) == 1
    clock.now += SETTLE_SECONDS + 1
    assert resolver.resolve() is first and len(resolutions) == 2  # read again; the same outcome
    assert resolver.resolve() is first and len(resolutions) == 2  # and now trusted


def test_invalidate_forgets_the_result(setup: World, clock: Clock) -> None:
    resolver = make_resolver(setup, clock)
    first = resolver.resolve()
    resolver.invalidate()
    assert resolver.resolve() is not first
