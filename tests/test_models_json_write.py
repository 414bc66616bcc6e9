"""Writing models.json (SPEC section 10): format, permissions, atomicity, backups, concurrency."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config.outputs.atomic import write_atomic


def with_provider(world: World, base_url: str = "http://localhost:4000/v1") -> None:
    world.config({"models": {"providers": {"local": {**LOCAL_PROVIDER, "baseUrl": base_url}}}})


def identity(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_mtime_ns


def test_written_with_two_space_indentation_and_a_trailing_newline(world: World) -> None:
    with_provider(world)
    registry = world.resolve()
    assert registry.write_models_json() is True
    text = registry.locations.models_json.read_text(encoding="utf-8")
    assert json.loads(text) == registry.to_models_json()
    lines = text.split("\n")
    assert lines[0] == "{" and lines[1] == '  "providers": {' and lines[2] == '    "local": {'
    assert text.endswith("}\n") and not text.endswith("\n\n")


def test_non_ascii_is_written_as_is(world: World) -> None:
    world.config(
        {"models": {"providers": {"local": {**LOCAL_PROVIDER, "models": [{"id": "m", "name": "Modèle 模型"}]}}}}
    )
    registry = world.resolve()
    registry.write_models_json()
    assert "Modèle 模型" in registry.locations.models_json.read_text(encoding="utf-8")


def test_nothing_is_written_without_providers(world: World) -> None:
    registry = world.resolve()
    assert registry.write_models_json() is False
    assert not world.agent_dir.exists()


def test_unchanged_content_is_not_rewritten(world: World) -> None:
    with_provider(world)
    world.resolve().write_models_json()
    path = world.agent_dir / "models.json"
    before = identity(path)
    assert world.resolve().write_models_json() is False
    assert identity(path) == before


def test_changed_content_is_replaced(world: World) -> None:
    with_provider(world)
    world.resolve().write_models_json()
    path = world.agent_dir / "models.json"
    inode = os.stat(path).st_ino
    with_provider(world, "http://elsewhere/v1")
    assert world.resolve().write_models_json() is True
    assert json.loads(path.read_text())["providers"]["local"]["baseUrl"] == "http://elsewhere/v1"
    assert os.stat(path).st_ino != inode  # a new file renamed over the old one


def test_agent_dir_is_0700_and_the_file_0600(world: World) -> None:
    with_provider(world)
    world.resolve().write_models_json()
    assert stat.S_IMODE(os.stat(world.agent_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(world.agent_dir / "models.json").st_mode) == 0o600


def test_a_replaced_file_gets_0600_too(world: World) -> None:
    world.models_json({"providers": {}})
    os.chmod(world.agent_dir / "models.json", 0o644)
    with_provider(world)
    world.resolve().write_models_json()
    assert stat.S_IMODE(os.stat(world.agent_dir / "models.json").st_mode) == 0o600


def test_no_temporary_files_are_left(world: World) -> None:
    with_provider(world)
    world.resolve().write_models_json()
    with_provider(world, "http://second/v1")
    world.resolve().write_models_json()
    assert sorted(p.name for p in world.agent_dir.iterdir()) == ["models.json"]


def test_an_unreadable_existing_file_is_backed_up_before_replacement(world: World) -> None:
    damaged = "{ half-written"
    world.models_json(damaged)
    with_provider(world)
    registry = world.resolve()
    assert registry.write_models_json() is True
    assert (world.agent_dir / "models.json.bak").read_text() == damaged
    assert json.loads((world.agent_dir / "models.json").read_text()) == registry.to_models_json()


def test_an_older_backup_is_never_overwritten(world: World) -> None:
    world.write(world.agent_dir / "models.json.bak", "first backup")
    world.models_json("second damage")
    with_provider(world)
    world.resolve().write_models_json()
    assert (world.agent_dir / "models.json.bak").read_text() == "first backup"
    assert (world.agent_dir / "models.json.bak.1").read_text() == "second damage"


def test_a_readable_existing_file_is_not_backed_up(world: World) -> None:
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "models": []}}})
    with_provider(world)
    world.resolve().write_models_json()
    assert sorted(p.name for p in world.agent_dir.iterdir()) == ["models.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "models.json"
    target.write_text("old\n")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)  # the write fails halfway
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["models.json"]


def test_threads_writing_at_once_leave_one_complete_file(tmp_path: Path) -> None:
    target = tmp_path / "agent" / "models.json"
    documents = [json.dumps({"writer": n, "padding": "x" * 50_000}) for n in range(8)]
    errors: list[BaseException] = []

    def write(text: str) -> None:
        try:
            for _ in range(10):
                write_atomic(target, text)
        except BaseException as exc:  # collected: a thread's exception would otherwise vanish
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(d,)) for d in documents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_text() in documents
    assert sorted(p.name for p in target.parent.iterdir()) == ["models.json"]


def test_two_processes_writing_at_once_both_succeed(world: World) -> None:
    configs = []
    for name in ("a", "b"):
        path = world.write(
            world.root / f"{name}.json", {"models": {"mode": "replace", "providers": {name: LOCAL_PROVIDER}}}
        )
        configs.append(path)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(world.home)}
    if os.environ.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    command = [sys.executable, "-m", "openclaw_config", "models-json", "--write", "--agent-dir", str(world.agent_dir)]
    processes = [
        subprocess.Popen(
            [*command, "--config", str(c)],
            cwd=world.cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for c in configs
    ]
    outputs = [p.communicate(timeout=60) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    document = json.loads((world.agent_dir / "models.json").read_text())
    assert list(document["providers"]) in (["a"], ["b"])
    assert sorted(p.name for p in world.agent_dir.iterdir()) == ["models.json"]
