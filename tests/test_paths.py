"""SPEC section 1: where the config, the .env files, the agent dir and its files are looked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config.paths import Locations, locate

HOME = Path("/home/ada")
CWD = Path("/work/project")


def where(env: dict[str, str], **options: Path) -> Locations:
    return locate(env, home=HOME, cwd=CWD, **options)


def test_defaults_live_under_home() -> None:
    found = where({})
    state = HOME / ".openclaw"
    assert found.state_dir == state
    assert found.config_file == state / "openclaw.json"
    assert found.global_dotenv == state / ".env"
    assert found.workspace_dotenv == CWD / ".env"
    assert found.agent_dir == state / "agents" / "main" / "agent"
    assert found.auth_store == found.agent_dir / "auth-profiles.json"
    assert found.models_json == found.agent_dir / "models.json"


@pytest.mark.parametrize(
    ("setting", "expected_home"), [("~", HOME), ("~/alt", HOME / "alt"), ("/srv/oc", Path("/srv/oc"))]
)
def test_openclaw_home_moves_everything_and_expands_a_leading_tilde(setting: str, expected_home: Path) -> None:
    found = where({"OPENCLAW_HOME": setting})
    assert found.home == expected_home
    assert found.config_file == expected_home / ".openclaw" / "openclaw.json"
    assert found.agent_dir == expected_home / ".openclaw" / "agents" / "main" / "agent"


def test_state_dir_moves_config_global_dotenv_and_agent_dir() -> None:
    found = where({"OPENCLAW_STATE_DIR": "/srv/state"})
    assert found.config_file == Path("/srv/state/openclaw.json")
    assert found.global_dotenv == Path("/srv/state/.env")
    assert found.agent_dir == Path("/srv/state/agents/main/agent")


def test_state_dir_under_openclaw_home_with_tilde() -> None:
    found = where({"OPENCLAW_HOME": "/srv/oc", "OPENCLAW_STATE_DIR": "~/state"})
    assert found.state_dir == Path("/srv/oc/state")


def test_relative_state_dir_is_relative_to_the_working_directory() -> None:
    assert where({"OPENCLAW_STATE_DIR": "state"}).state_dir == CWD / "state"


def test_config_path_moves_only_the_config() -> None:
    found = where({"OPENCLAW_CONFIG_PATH": "/etc/openclaw.json5"})
    assert found.config_file == Path("/etc/openclaw.json5")
    assert found.global_dotenv == HOME / ".openclaw" / ".env"
    assert found.agent_dir == HOME / ".openclaw" / "agents" / "main" / "agent"


def test_agent_dir_variable_beats_pi_coding_agent_dir() -> None:
    both = where({"OPENCLAW_AGENT_DIR": "/a/openclaw", "PI_CODING_AGENT_DIR": "/a/pi"})
    assert both.agent_dir == Path("/a/openclaw")
    assert where({"PI_CODING_AGENT_DIR": "/a/pi"}).agent_dir == Path("/a/pi")
    assert where({"OPENCLAW_AGENT_DIR": "  ", "PI_CODING_AGENT_DIR": "/a/pi"}).agent_dir == Path("/a/pi")


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank_path_variables_count_as_unset(blank: str) -> None:
    names = ["OPENCLAW_HOME", "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_AGENT_DIR", "PI_CODING_AGENT_DIR"]
    assert where(dict.fromkeys(names, blank)) == where({})


def test_path_variables_are_trimmed() -> None:
    found = where({"OPENCLAW_STATE_DIR": "  /srv/state \n", "OPENCLAW_AGENT_DIR": " /srv/agent "})
    assert found.state_dir == Path("/srv/state")
    assert found.agent_dir == Path("/srv/agent")


def test_only_the_legacy_variables_openclaw_still_reads_are_read() -> None:
    legacy = {f"MOLTBOT_{name}": "/legacy" for name in ("HOME", "STATE_DIR", "CONFIG_PATH", "AGENT_DIR")}
    legacy |= {"CLAWDBOT_HOME": "/legacy", "CLAWDBOT_AGENT_DIR": "/legacy"}
    assert where(legacy) == where({})
    found = where({"CLAWDBOT_STATE_DIR": "/old-state", "CLAWDBOT_CONFIG_PATH": "/old/config.json"})
    assert (found.state_dir, found.config_file) == (Path("/old-state"), Path("/old/config.json"))


def test_explicit_arguments_win_over_variables() -> None:
    env = {"OPENCLAW_CONFIG_PATH": "/env/config.json", "OPENCLAW_AGENT_DIR": "/env/agent"}
    found = where(env, config_path=Path("/arg/config.json"), agent_dir=Path("/arg/agent"))
    assert found.config_file == Path("/arg/config.json")
    assert found.agent_dir == Path("/arg/agent")


def test_relative_explicit_arguments_are_relative_to_the_working_directory() -> None:
    found = where({}, config_path=Path("conf/openclaw.json"), agent_dir=Path("agent"))
    assert found.config_file == CWD / "conf" / "openclaw.json"
    assert found.agent_dir == CWD / "agent"


# --- through resolve(): the files really are read from there ----------------------------------


def test_missing_config_is_an_empty_config(world: World) -> None:
    registry = world.resolve()
    assert registry.providers == {}
    assert registry.config_path == world.config_file
    assert registry.default_model == "anthropic/claude-opus-4-6"


def test_openclaw_home_with_tilde_is_where_the_config_is_read(world: World) -> None:
    other_home = world.home / "other"
    world.write(other_home / ".openclaw" / "openclaw.json", {"models": {"providers": {"local": LOCAL_PROVIDER}}})
    world.env["OPENCLAW_HOME"] = "~/other"
    registry = world.resolve()
    assert registry.config_path == other_home / ".openclaw" / "openclaw.json"
    assert list(registry.providers) == ["local"]


def test_agent_dir_override_is_where_the_auth_store_is_read(world: World) -> None:
    agent = world.root / "pi-agent"
    world.write(
        agent / "auth-profiles.json",
        {"profiles": {"xiaomi:a": {"type": "api_key", "provider": "xiaomi", "key": "k-from-pi-agent"}}},
    )
    world.env["PI_CODING_AGENT_DIR"] = str(agent)
    registry = world.resolve()
    assert registry.agent_dir == agent
    credential = registry.providers["xiaomi"].credential
    assert credential is not None and credential.profile_id == "xiaomi:a"


def test_legacy_state_dir_variable_is_read_with_a_warning(world: World) -> None:
    legacy_state = world.root / "legacy"
    world.write(legacy_state / "openclaw.json", {"models": {"providers": {"local": LOCAL_PROVIDER}}})
    world.env["CLAWDBOT_STATE_DIR"] = str(legacy_state)
    registry = world.resolve()
    assert list(registry.providers) == ["local"]
    assert any("CLAWDBOT_STATE_DIR" in w.message and "later releases drop" in w.message for w in registry.warnings)
