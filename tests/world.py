"""A throwaway OpenClaw user for tests: a home, a working directory and a process environment.

`World` writes the files a case needs at the places OpenClaw looks (SPEC section 1) and resolves
with exactly its own environment, so no test ever reads the real ~/.openclaw or os.environ.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from layout import UserLayout

from openclaw_config import ConfigError, EffectiveRegistry, resolve

#: A provider block that validates, for tests that need "some provider".
LOCAL_PROVIDER: dict[str, Any] = {
    "baseUrl": "http://localhost:4000/v1",
    "api": "openai-completions",
    "models": [{"id": "m1", "name": "M1"}],
}


@dataclass
class World(UserLayout):
    root: Path
    env: dict[str, str] = field(default_factory=dict)

    def write(self, path: Path, content: str | bytes | dict[str, Any] | list[Any]) -> Path:
        """Write `content` (text, bytes, or a value written as JSON) to `path`, creating its folder."""
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, indent=2), encoding="utf-8")
        return path

    def config(self, content: str | dict[str, Any]) -> Path:
        return self.write(self.config_file, content)

    def auth_store(self, profiles: dict[str, Any]) -> Path:
        return self.write(self.agent_dir / "auth-profiles.json", {"version": 1, "profiles": profiles})

    def models_json(self, content: str | dict[str, Any]) -> Path:
        return self.write(self.agent_dir / "models.json", content)

    def resolve(self, **options: Any) -> EffectiveRegistry:
        return resolve(env=self.env, cwd=self.cwd, home=self.home, **options)

    def error(self, **options: Any) -> ConfigError:
        """The ConfigError resolving raises (the test fails if it resolves)."""
        with pytest.raises(ConfigError) as caught:
            self.resolve(**options)
        return caught.value


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_main(
    world: World, args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> CliResult:
    """Run the CLI in-process as a user in `world` would: only its environment, in its working directory.

    An exception escaping `main()` would be the traceback a user sees; here it fails the test.
    """
    from openclaw_config.cli.main import main

    for name in list(os.environ):
        monkeypatch.delenv(name)
    for name, value in {**world.env, "HOME": str(world.home)}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(world.cwd)
    capsys.readouterr()
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse: bad usage, --help
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return CliResult(code, captured.out, captured.err)
