"""Issue 12, files the user owns: OpenClaw's store lock, write order, exact messages, what is never
replaced, backups that do not follow symlinks, stale temp files, Infinity/NaN."""

from __future__ import annotations

import importlib
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config import ConfigError, onboard_xiaomi
from openclaw_config.onboarding import store_lock
from openclaw_config.outputs.atomic import backup, write_atomic

onboard_module = importlib.import_module("openclaw_config.onboarding.onboard")  # the module, not the function
KEY = "sk-canary-5f0e1d2c3b4a"
OTHER = {"type": "oauth", "provider": "openai-codex", "access": "a", "refresh": "r", "expires": 1}


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {str(p.relative_to(root)): None if p.is_dir() else p.read_bytes() for p in sorted(root.rglob("*"))}


def onboard(world: World) -> Any:
    return onboard_xiaomi(KEY, env={"HOME": str(world.home)}, cwd=world.cwd, home=world.home)


def store_profiles(world: World) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((world.agent_dir / "auth-profiles.json").read_text())
    return data["profiles"]


@pytest.fixture
def quick_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = store_lock.LockPolicy(retries=2, first_wait=0.01, longest_wait=0.02)
    monkeypatch.setattr(store_lock, "OPENCLAW_POLICY", policy)


def test_a_held_store_lock_stops_onboarding_before_anything_is_written(world: World, quick_lock: None) -> None:
    world.auth_store({"openai-codex:default": OTHER})
    lock = Path(str(world.agent_dir / "auth-profiles.json") + ".lock")
    lock.mkdir()
    before = snapshot(world.root)
    with pytest.raises(ConfigError, match="locked by another process"):
        onboard(world)
    assert snapshot(world.root) == before


def test_a_stale_store_lock_is_taken_over_and_released(world: World, quick_lock: None) -> None:
    lock = Path(str(world.agent_dir / "auth-profiles.json") + ".lock")
    lock.mkdir(parents=True)
    os.utime(lock, (time.time() - 60, time.time() - 60))
    onboard(world)
    assert "xiaomi:default" in store_profiles(world)
    assert not lock.exists()


def test_the_store_is_read_again_under_the_lock_and_merged(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenClaw writes a profile after onboarding first looked: it is kept, and the lock was held."""
    world.auth_store({})
    real_lock = store_lock.store_locked
    seen: list[bool] = []

    def openclaw_writes_first(store: Path, policy: Any = None) -> Any:
        world.auth_store({"openai-codex:default": OTHER})  # OpenClaw, just before our turn
        return real_lock(store, policy)

    real_write = onboard_module.write_store

    def write_store(plan: Any) -> Any:
        seen.append(store_lock.lock_path(plan.path).is_dir())
        return real_write(plan)

    monkeypatch.setattr(onboard_module, "store_locked", openclaw_writes_first)
    monkeypatch.setattr(onboard_module, "write_store", write_store)
    onboard(world)
    assert set(store_profiles(world)) == {"openai-codex:default", "xiaomi:default"}
    assert seen == [True]


def test_a_failed_config_write_says_the_store_was_written_and_the_config_not(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.config({"agents": {"defaults": {}}})
    config_before = world.config_file.read_bytes()

    def full_disk(*_: Any) -> None:
        raise OSError(28, "No space left on device", str(world.config_file))

    monkeypatch.setattr(onboard_module, "write_config", full_disk)
    with pytest.raises(ConfigError) as caught:
        onboard(world)
    message = str(caught.value)
    assert "No space left on device" in message and "was written" in message and "was not changed" in message
    assert KEY not in message
    assert getattr(caught.value, "written", ()) == (world.agent_dir / "auth-profiles.json",)
    assert world.config_file.read_bytes() == config_before
    assert (world.state_dir / "openclaw.json.bak").read_bytes() == config_before  # complete, not truncated


def test_a_failed_store_write_leaves_every_file_as_it_was(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.config({"agents": {"defaults": {}}})
    world.auth_store({"openai-codex:default": OTHER})

    def read_only(*_: Any) -> None:
        raise PermissionError(13, "Permission denied", str(world.agent_dir))

    monkeypatch.setattr(onboard_module, "write_store", read_only)
    before = {k: v for k, v in snapshot(world.root).items() if not k.endswith(".bak")}
    with pytest.raises(ConfigError) as caught:
        onboard(world)
    assert not getattr(caught.value, "written", ())
    assert {k: v for k, v in snapshot(world.root).items() if not k.endswith(".bak")} == before


def test_a_config_changed_after_the_store_write_is_said_exactly(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    world.config({"agents": {"defaults": {}}})
    real_write = onboard_module.write_store

    def and_someone_edits(plan: Any) -> Any:
        saved = real_write(plan)
        world.config({"agents": {"defaults": {"workspace": "/elsewhere"}}})
        return saved

    monkeypatch.setattr(onboard_module, "write_store", and_someone_edits)
    with pytest.raises(ConfigError) as caught:
        onboard(world)
    message = str(caught.value)
    assert "changed while onboarding" in message and "auth-profiles.json was written" in message
    assert "/elsewhere" in world.config_file.read_text()


@pytest.mark.parametrize("content", ['{"version": 1, "profiles": {}, "n": ' + "9" * 5000 + "}"])
def test_a_store_that_cannot_be_written_back_unchanged_is_never_replaced(world: World, content: str) -> None:
    path = world.write(world.agent_dir / "auth-profiles.json", content)
    with pytest.raises(ConfigError, match="nothing was written"):
        onboard(world)
    assert path.read_text() == content
    assert not (world.agent_dir / "auth-profiles.json.bak").exists()


def test_a_dangling_config_symlink_is_never_replaced(world: World) -> None:
    world.state_dir.mkdir(parents=True)
    world.config_file.symlink_to(world.root / "missing.json")
    with pytest.raises(ConfigError, match="does not exist"):
        onboard(world)
    assert world.config_file.is_symlink() and not (world.root / "missing.json").exists()


def test_a_symlinked_shared_store_stays_shared(world: World) -> None:
    shared = world.write(world.root / "shared" / "auth-profiles.json", {"version": 1, "profiles": {"o:a": OTHER}})
    world.agent_dir.mkdir(parents=True)
    (world.agent_dir / "auth-profiles.json").symlink_to(shared)
    onboard(world)
    assert (world.agent_dir / "auth-profiles.json").is_symlink()
    assert set(json.loads(shared.read_text())["profiles"]) == {"o:a", "xiaomi:default"}


@pytest.mark.parametrize("latest_only", [True, False])
def test_backups_never_follow_a_dangling_bak_symlink(tmp_path: Path, latest_only: bool) -> None:
    target = tmp_path / "models.json"
    target.write_text("old")
    outside = tmp_path / "elsewhere" / "planted.json"
    outside.parent.mkdir()
    (tmp_path / "models.json.bak").symlink_to(outside)
    saved = backup(target, latest_only=latest_only)
    assert not outside.exists()
    assert saved.read_text() == "old" and not saved.is_symlink()


def test_temp_files_are_named_recognisably_and_stale_ones_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "models.json"
    stale_ours = tmp_path / ".models.json.openclaw-config-abc123.tmp"
    stale_old_style = tmp_path / ".models.json.k3j4h5g6.tmp"
    fresh = tmp_path / ".models.json.openclaw-config-fresh1.tmp"  # another run, writing right now
    unrelated = tmp_path / ".models.json.someone-else.tmp"
    for path in (stale_ours, stale_old_style, fresh, unrelated):
        path.write_text('{"apiKey": "sk-..."}')
    for path in (stale_ours, stale_old_style, unrelated):
        os.utime(path, (time.time() - 3600, time.time() - 3600))
    names: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (names.append(Path(a).name), real_replace(a, b))[1])
    write_atomic(target, "{}")
    assert names and names[0].startswith(".models.json.openclaw-config-")
    assert not stale_ours.exists() and not stale_old_style.exists()
    assert fresh.exists() and unrelated.exists()


def test_infinity_and_nan_are_located_errors(world: World) -> None:
    cost = "{input: Infinity, output: NaN, cacheRead: -Infinity, cacheWrite: 0}"
    provider = f'{{baseUrl: "http://x", api: "openai-completions", models: [{{id: "m", name: "m", cost: {cost}}}]}}'
    world.config(f"{{models: {{providers: {{a: {provider}}}}}}}")
    problems = world.error().problems
    found = {p.path[-1]: p for p in problems if p.path}
    assert {"input", "output", "cacheRead"} <= set(found)
    assert all(found[name].line == 1 and found[name].column for name in ("input", "output", "cacheRead"))


def test_models_json_write_refuses_a_fifo(world: World) -> None:
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    world.agent_dir.mkdir(parents=True)
    os.mkfifo(world.agent_dir / "models.json")
    registry = world.resolve()
    with pytest.raises(ConfigError, match="not a regular file"):
        registry.write_models_json()
