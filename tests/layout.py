"""Where a throwaway OpenClaw user keeps things under one scratch root (SPEC section 1 defaults)."""

from __future__ import annotations

from pathlib import Path


class UserLayout:
    """`root/home` is $HOME, `root/cwd` the working directory; the rest follows OpenClaw's defaults."""

    root: Path

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def cwd(self) -> Path:
        return self.root / "cwd"

    @property
    def state_dir(self) -> Path:
        return self.home / ".openclaw"

    @property
    def config_file(self) -> Path:
        return self.state_dir / "openclaw.json"

    @property
    def agent_dir(self) -> Path:
        return self.state_dir / "agents" / "main" / "agent"
