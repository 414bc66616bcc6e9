"""Shared fixtures: `world` (a throwaway user) and `cli` (the command line run in-process in it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from world import CliResult, World, run_main


@pytest.fixture
def world(tmp_path: Path) -> World:
    created = World(tmp_path)
    created.home.mkdir()
    created.cwd.mkdir()
    return created


@pytest.fixture
def cli(world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    def run(*args: str) -> CliResult:
        return run_main(world, list(args), monkeypatch, capsys)

    return run
