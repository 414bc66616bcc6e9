"""Issue 12, hangs and unbounded work: no input makes a command block, loop or run out of memory.

The cases that would block forever run in a child process with a timeout, so a regression fails
the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config import ConfigError
from openclaw_config.sources import locate
from openclaw_config.sources.bounded_read import read_bounded

CHILD_TIMEOUT = 60


def resolve_in_child(world: World) -> subprocess.CompletedProcess[str]:
    """`resolve()` for `world` in a fresh Python; prints the warnings, or the error's problems."""
    script = textwrap.dedent(
        f"""
        import sys
        from openclaw_config import ConfigError, resolve
        try:
            registry = resolve(env={world.env!r}, cwd={str(world.cwd)!r}, home={str(world.home)!r})
        except ConfigError as error:
            print("ERROR", error)
            sys.exit(3)
        for warning in registry.warnings:
            print("WARNING", warning)
        """
    )
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=CHILD_TIMEOUT, stdin=subprocess.PIPE
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def link(target: Path, at: Path) -> Path:
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(target)
    return at


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/stdin"])
def test_the_config_file_that_is_not_a_regular_file_is_refused_without_blocking(
    world: World, special: str, fifo: Path
) -> None:
    link(fifo if special == "fifo" else Path(special), world.config_file)
    done = resolve_in_child(world)
    assert done.returncode == 3, done.stderr
    assert "not a regular file" in done.stdout and str(world.config_file) in done.stdout


def test_an_included_fifo_is_refused_where_the_include_names_it(world: World, fifo: Path) -> None:
    world.config({"models": {"$include": "./pipe.json5"}})
    link(fifo, world.state_dir / "pipe.json5")
    world.env["OPENCLAW_INCLUDE_ROOTS"] = str(fifo.parent)
    done = resolve_in_child(world)
    assert done.returncode == 3, done.stderr
    assert "not a regular file" in done.stdout and "pipe.json5" in done.stdout


@pytest.mark.parametrize("which", ["workspace .env", "state .env", "auth store", "models.json"])
def test_a_fifo_or_device_as_a_tolerated_file_is_a_warning_not_a_hang(world: World, which: str, fifo: Path) -> None:
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    at = {
        "workspace .env": world.cwd / ".env",
        "state .env": world.state_dir / ".env",
        "auth store": world.agent_dir / "auth-profiles.json",
        "models.json": world.agent_dir / "models.json",
    }[which]
    link(fifo if which != "state .env" else Path("/dev/zero"), at)
    done = resolve_in_child(world)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "not a regular file" in done.stdout and str(at) in done.stdout


def test_a_fifo_as_a_cli_credentials_file_is_passed_over_without_a_hang(world: World, fifo: Path) -> None:
    # ~/.qwen/oauth_creds.json is read as OpenClaw does (an unreadable one is ignored), through the
    # same bounded reader as every other input
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    link(fifo, world.home / ".qwen" / "oauth_creds.json")
    done = resolve_in_child(world)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_reader_checks_the_opened_file_against_the_confinement(tmp_path: Path) -> None:
    """The check sees the real path of the file actually opened (not a path looked up again)."""
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (outside / "secret.json5").write_text("{}", encoding="utf-8")
    link(outside / "secret.json5", inside / "a.json5")
    seen: list[str] = []

    def within(real: str) -> str | None:
        seen.append(real)
        return None if real.startswith(str(inside)) else "outside"

    with pytest.raises(ConfigError) as caught:
        read_bounded(inside / "a.json5", what="included file", max_bytes=100, within=within)
    assert seen == [str(outside / "secret.json5")]
    assert caught.value.problems[0].message == "outside"


def test_files_larger_than_their_bound_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_bytes(b"x" * 101)
    with pytest.raises(ConfigError, match="larger than"):
        read_bounded(big, what="file", max_bytes=100)


def test_an_include_bomb_stops_with_a_located_error(world: World) -> None:
    """Ten small files, each listing the next one ten times: 10^10 expansions unbounded."""
    world.config({"$include": ["./b0.json5"] * 10})
    for level in range(10):
        following = [f"./b{level + 1}.json5"] * 10 if level < 9 else []
        world.write(world.state_dir / f"b{level}.json5", {"$include": following} if following else {"a": [1]})
    from openclaw_config.sources import json5_file

    reads: list[str] = []
    original = json5_file.read_bounded

    def counting(path: Path, **options: object) -> bytes:
        reads.append(Path(path).name)
        return original(path, **options)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json5_file, "read_bounded", counting)
        error = world.error()
    assert len(reads) <= 11  # each distinct file once, however often it is listed
    problem = error.problems[0]
    assert "expand to more than" in problem.message and problem.file and problem.line


def test_each_included_file_is_read_once_per_resolution(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from openclaw_config.sources import json5_file

    world.config({"$include": ["./other.json5"], "models": {"providers": {"c": {"$include": "./part.json5"}}}})
    world.write(world.state_dir / "part.json5", LOCAL_PROVIDER)
    both = {"a": {"$include": "./part.json5"}, "b": {"$include": "./part.json5"}}
    world.write(world.state_dir / "other.json5", {"models": {"providers": both}})
    reads: list[str] = []
    original = json5_file.read_bounded

    def counting(path: Path, **options: object) -> bytes:
        reads.append(Path(path).name)
        return original(path, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(json5_file, "read_bounded", counting)
    world.resolve()
    assert sorted(reads) == ["openclaw.json", "other.json5", "part.json5"]


def test_variable_substitution_output_is_bounded(world: World) -> None:
    world.env["BIG_VALUE"] = "v" * 1_000_000
    world.config({"notes": {f"n{i}": "${BIG_VALUE}" for i in range(1000)}})
    error = world.error()
    problem = error.problems[0]
    assert "adds more than" in problem.message and "BIG_VALUE" in problem.message
    assert problem.line is not None
    assert "v" * 20 not in str(error)  # the value is never quoted


def test_a_thousand_schema_errors_are_located_in_linear_time(world: World) -> None:
    providers = {f"p{i}": {"baseUrl": 5, "models": []} for i in range(1000)}
    world.config(json.dumps({"models": {"providers": providers}}, indent=2))
    from openclaw_config.sources import json5_positions

    scans: list[int] = []
    original = json5_positions.index_positions

    def counting(text: str) -> object:
        scans.append(len(text))
        return original(text)

    locate.indexed.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json5_positions, "index_positions", counting)
        error = world.error()
    assert len(error.problems) >= 1000
    assert all(p.line is not None for p in error.problems)
    assert len(scans) <= 2  # the file is scanned once, not once per problem (48 s for 1000 problems)


def test_many_keyless_providers_and_many_profiles_resolve_quickly(world: World) -> None:
    providers = {
        f"p{i}": {"baseUrl": "http://localhost/v1", "api": "openai-completions", "models": [{"id": "m", "name": "M"}]}
        for i in range(1000)
    }
    world.config({"models": {"providers": providers}})
    world.auth_store({f"x{i}:k": {"type": "api_key", "provider": f"other{i % 50}", "key": "k"} for i in range(100_000)})
    from openclaw_config.providers.catalog import Catalog

    calls = [0]
    original = Catalog.normalize_id

    def counting(self: Catalog, provider_id: str) -> str:
        calls[0] += 1
        return original(self, provider_id)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Catalog, "normalize_id", counting)
        registry = world.resolve()
    assert len(registry.providers) >= 1000
    # linear: a few look-ups per provider and per profile, not one per provider and profile (10^8)
    assert calls[0] < 10 * (1000 + 100_000), calls[0]
