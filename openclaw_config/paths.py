"""Where OpenClaw keeps things (SPEC section 1), computed from an environment mapping.

The caller passes the environment, home and working directory; nothing here reads `os.environ`.
The disk is only asked whether a folder or file exists, for the legacy locations OpenClaw 2026.2.9
still falls back to (`~/.clawdbot`, `clawdbot.json`, `CLAWDBOT_STATE_DIR`, ...).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

AGENT_DIR_VARIABLES = ("OPENCLAW_AGENT_DIR", "PI_CODING_AGENT_DIR")
LEGACY_STATE_DIRNAMES = (".clawdbot", ".moltbot", ".moldbot")
CONFIG_FILENAME = "openclaw.json"
LEGACY_CONFIG_FILENAMES = ("clawdbot.json", "moltbot.json", "moldbot.json")


@dataclass(frozen=True)
class Locations:
    """The files one resolution reads (and may write)."""

    home: Path
    cwd: Path
    state_dir: Path
    config_file: Path
    global_dotenv: Path
    workspace_dotenv: Path
    agent_dir: Path
    #: Legacy locations in use (a later release drops them): what each is, for a warning.
    legacy: tuple[str, ...] = ()

    @cached_property
    def auth_store(self) -> Path:
        return self.agent_dir / "auth-profiles.json"

    @cached_property
    def models_json(self) -> Path:
        return self.agent_dir / "models.json"

    def with_agent_dir(self, agent_dir: Path) -> Locations:
        """The same files, for another agent's dir (its auth store and models.json)."""
        return replace(self, agent_dir=agent_dir)


def _setting(env: Mapping[str, str], *names: str) -> str | None:
    """The first of `names` set to a non-blank value, trimmed."""
    for name in names:
        value = env.get(name, "").strip()
        if value:
            return value
    return None


def _expand_user(value: str, home: Path) -> Path:
    if value == "~" or value.startswith(("~/", "~" + os.sep)):
        return home / value[2:] if len(value) > 1 else home
    return Path(value)


def locate(
    env: Mapping[str, str],
    *,
    home: Path,
    cwd: Path,
    config_path: Path | None = None,
    agent_dir: Path | None = None,
) -> Locations:
    """Apply the override variables of SPEC section 1; explicit arguments win over variables."""
    home_setting = _setting(env, "OPENCLAW_HOME")
    if home_setting is not None:
        home = _expand_user(home_setting, home)
    legacy: list[str] = []
    state_setting = _setting(env, "OPENCLAW_STATE_DIR")
    if state_setting is None and _setting(env, "CLAWDBOT_STATE_DIR") is not None:
        state_setting = _setting(env, "CLAWDBOT_STATE_DIR")
        legacy.append("the state dir is set with CLAWDBOT_STATE_DIR (use OPENCLAW_STATE_DIR)")
    state_dir = _absolute(_expand_user(state_setting, home), cwd) if state_setting else _default_state_dir(home, legacy)
    if config_path is None:
        config_setting = _setting(env, "OPENCLAW_CONFIG_PATH", "CLAWDBOT_CONFIG_PATH")
        if config_setting:
            config_path = _expand_user(config_setting, home)
        else:
            config_path = (
                _existing_config(home, state_dir if state_setting else None, legacy) or state_dir / CONFIG_FILENAME
            )
    if agent_dir is None:
        agent_setting = _setting(env, *AGENT_DIR_VARIABLES)
        agent_dir = _expand_user(agent_setting, home) if agent_setting else state_dir / "agents" / "main" / "agent"
    return Locations(
        home=home,
        cwd=cwd,
        state_dir=state_dir,
        config_file=_absolute(config_path, cwd),
        global_dotenv=state_dir / ".env",
        workspace_dotenv=cwd / ".env",
        agent_dir=_absolute(agent_dir, cwd),
        legacy=tuple(legacy),
    )


def _default_state_dir(home: Path, legacy: list[str]) -> Path:
    """`~/.openclaw`, unless only a legacy folder (`~/.clawdbot`, ...) exists: OpenClaw uses that."""
    new = home / ".openclaw"
    if new.exists():
        return new
    for name in LEGACY_STATE_DIRNAMES:
        if (home / name).exists():
            legacy.append(f"the state dir is the legacy ~/{name} (move it to ~/.openclaw)")
            return home / name
    return new


def _existing_config(home: Path, state_override: Path | None, legacy: list[str]) -> Path | None:
    """The first config file that exists, in OpenClaw's order: in the state dir it was told, else in
    `~/.openclaw` and the legacy folders; in each, `openclaw.json` before the legacy names."""
    folders = (state_override,) if state_override else (".openclaw", *LEGACY_STATE_DIRNAMES)
    for folder in folders:
        for name in (CONFIG_FILENAME, *LEGACY_CONFIG_FILENAMES):
            candidate = os.path.join(home, folder, name)  # strings: this runs on every resolution
            if os.path.isfile(candidate):
                found = Path(candidate)
                if name != CONFIG_FILENAME or found.parent.name in LEGACY_STATE_DIRNAMES:
                    legacy.append(f"the config file is the legacy {found} (rename it {CONFIG_FILENAME} in ~/.openclaw)")
                return found
    return None


def _absolute(path: Path, cwd: Path) -> Path:
    return path if path.is_absolute() else cwd / path


def agent_dir_for(locations: Locations, agent_id: str, configured: str | None) -> Path:
    """An agent's dir: its `agentDir` as configured (`~` expanded), else `<state>/agents/<id>/agent`."""
    if configured is not None and configured.strip():
        return _absolute(_expand_user(configured.strip(), locations.home), locations.cwd)
    return locations.state_dir / "agents" / agent_id / "agent"


def with_agent_dir_from(locations: Locations, process_env: Mapping[str, str], env: Mapping[str, str]) -> Locations:
    """The agent dir moved by an `OPENCLAW_AGENT_DIR` that a `.env` file or the config env block set.

    OpenClaw reads the variable after loading those into its environment, so they move it too; only
    the default dir moves (a `--agent-dir` or a process variable wins).
    """
    setting = _setting(env, *AGENT_DIR_VARIABLES)
    if setting is None or _setting(process_env, *AGENT_DIR_VARIABLES) is not None:
        return locations
    if locations.agent_dir != locations.state_dir / "agents" / "main" / "agent":
        return locations
    return locations.with_agent_dir(_absolute(_expand_user(setting, locations.home), locations.cwd))
