"""The layered environment (SPEC section 4): precedence, blank values, and the two safety rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from world import World

from openclaw_config.composition.environment import (
    ENV_SOURCES,
    EffectiveEnvironment,
    build_environment,
    config_env_vars,
)
from openclaw_config.providers.catalog import load_catalog
from openclaw_config.sources.dotenv_file import DotenvFile, parse_dotenv

WORKSPACE = Path("/work/project/.env")
STATE = Path("/home/ada/.openclaw/.env")
CONFIG = "/home/ada/.openclaw/openclaw.json"


def layered(
    process: dict[str, str] | None = None,
    workspace: dict[str, str] | None = None,
    state: dict[str, str] | None = None,
    config: dict[str, str] | None = None,
) -> EffectiveEnvironment:
    return build_environment(
        process or {},
        DotenvFile(WORKSPACE, workspace or {}),
        DotenvFile(STATE, state or {}),
        config or {},
        CONFIG,
        load_catalog(),
    )


def test_the_layers_in_order_highest_first() -> None:
    assert ENV_SOURCES == ("process", "workspace .env", "state .env", "config env")


def test_a_higher_layer_wins_and_the_loser_is_recorded_as_shadowed() -> None:
    env = layered(process={"HOST": "p"}, workspace={"HOST": "w"}, state={"HOST": "s"}, config={"HOST": "c"})
    assert env.get("HOST") == "p"
    assert env.origins["HOST"].source == "process"
    assert [(origin.source, value) for origin, value in env.shadowed["HOST"]] == [
        ("workspace .env", "w"),
        ("state .env", "s"),
        ("config env", "c"),
    ]


@pytest.mark.parametrize(
    ("layers", "winner"),
    [
        ({"workspace": {"HOST": "w"}, "state": {"HOST": "s"}, "config": {"HOST": "c"}}, "workspace .env"),
        ({"state": {"HOST": "s"}, "config": {"HOST": "c"}}, "state .env"),
        ({"config": {"HOST": "c"}}, "config env"),
    ],
)
def test_each_layer_beats_the_ones_below(layers: dict[str, dict[str, str]], winner: str) -> None:
    assert layered(**layers).origins["HOST"].source == winner


@pytest.mark.parametrize("blank", ["", "  ", "\t"])
def test_a_blank_value_is_not_filled_by_a_lower_dotenv_but_by_the_config_env_block(blank: str) -> None:
    # As Node's dotenv: a variable that is set, even blank, is never overridden by a .env file
    env = layered(process={"HOST": blank}, workspace={"HOST": "w"}, state={"HOST": "s"})
    assert env.get("HOST") is None
    assert env.origins["HOST"].source == "process"
    env = layered(process={"HOST": blank}, state={"HOST": "s"}, config={"HOST": "c"})
    assert env.get("HOST") == "c"
    assert env.origins["HOST"].source == "config env"


def test_a_blank_value_everywhere_counts_as_unset() -> None:
    assert layered(process={"HOST": " "}, config={"HOST": ""}).get("HOST") is None


def test_origins_name_the_file_and_dotenv_line() -> None:
    state = parse_dotenv("# comment\nFIRST=1\nHOST=gw.internal\n", STATE)
    env = build_environment({}, DotenvFile(WORKSPACE), state, {}, CONFIG, load_catalog())
    origin = env.origins["HOST"]
    assert (origin.source, origin.file, origin.line) == ("state .env", str(STATE), 3)


@pytest.mark.parametrize(
    "name",
    [
        "XIAOMI_API_KEY",
        "GH_TOKEN",
        "ACME_API_KEY",
        "ACME_BASE_URL",
        "ACME_ENDPOINT",
        "ACME_API_HOST",
        "OPENCLAW_STATE_DIR",
    ],
)
def test_workspace_credential_variables_are_ignored_with_a_warning(name: str) -> None:
    env = layered(workspace={name: "from-workspace", "HOST": "kept"})
    assert env.get(name) is None
    assert env.get("HOST") == "kept"
    [warning] = env.warnings
    assert warning.file == str(WORKSPACE)
    assert name in warning.message
    assert "state-dir .env" in warning.message  # where to put it instead
    assert "from-workspace" not in str(warning)


def test_an_ignored_workspace_credential_does_not_block_a_lower_layer() -> None:
    env = layered(workspace={"XIAOMI_API_KEY": "w"}, state={"XIAOMI_API_KEY": "s"})
    assert env.get("XIAOMI_API_KEY") == "s"


def test_credentials_are_read_from_the_state_dotenv_and_config_env() -> None:
    assert layered(state={"XIAOMI_API_KEY": "s"}).get("XIAOMI_API_KEY") == "s"
    assert layered(config={"XIAOMI_API_KEY": "c"}).get("XIAOMI_API_KEY") == "c"


@pytest.mark.parametrize(
    "name",
    ["PATH", "HOME", "SHELL", "HTTPS_PROXY", "NO_PROXY", "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSH_AUTH_SOCK",
     "GIT_SSH_COMMAND", "OPENCLAW_HOME", "OPENCLAW_CONFIG_PATH", "OPENCLAW_PROFILE", "OPENCLAW_GATEWAY_TOKEN"],
)  # fmt: skip
def test_config_env_cannot_set_protected_variables(name: str) -> None:
    env = layered(config={name: "/evil"})
    assert env.get(name) is None
    [warning] = env.warnings
    assert warning.file == CONFIG
    assert warning.path == ("env", name)
    assert "protected" in warning.message


def test_protected_variables_still_come_from_the_process() -> None:
    assert layered(process={"PATH": "/usr/bin"}, config={"PATH": "/evil"}).get("PATH") == "/usr/bin"


def test_config_env_block_reads_vars_and_direct_string_keys_but_not_shell_env() -> None:
    block = {"shellEnv": {"enabled": True}, "vars": {"A_HOST": "a"}, "B_HOST": "b"}
    assert config_env_vars(block) == {"A_HOST": "a", "B_HOST": "b"}


def test_shell_env_is_not_a_variable_even_through_resolve(world: World) -> None:
    world.config({"env": {"shellEnv": {"enabled": False}, "vars": {"GREETING_HOST": "x"}}})
    registry = world.resolve()
    assert registry.env_sources == ("config env",)


def test_dotenv_values_are_not_interpolated(world: World) -> None:
    world.write(world.state_dir / ".env", "FOO_HOST=literal-${NOT_SET}\n")
    world.config({"models": {"providers": {"foo": {"baseUrl": "http://${FOO_HOST}/v1", "models": []}}}})
    assert world.resolve().providers["foo"].base_url == "http://literal-${NOT_SET}/v1"


def test_a_broken_dotenv_line_is_skipped_with_a_warning_naming_the_line() -> None:
    parsed = parse_dotenv("GOOD=1\nthis is not an assignment\nALSO_GOOD='2'\n", STATE)
    assert parsed.values == {"GOOD": "1", "ALSO_GOOD": "2"}
    [warning] = parsed.warnings
    assert warning.file == str(STATE) and "line 2" in warning.message


TRICKY_DOTENV = (
    '# comment\nexport EXPORTED=1\nQUOTED="a \\"b\\" c"\nSINGLE=\'x y\'\nSPACED = padded  # note\n'
    'MULTI="line1\nline2"\nEMPTY=\nREF=${EXPORTED}\nCOLON: v1\nTICK=`t t`\nFRAG=val#frag\nNL="a\\nb"\n'
)


def test_dotenv_values_are_read_as_node_dotenv_reads_them() -> None:
    # What OpenClaw's dotenv 17 returns for TRICKY_DOTENV (recorded with it)
    assert parse_dotenv(TRICKY_DOTENV, STATE).values == {
        "EXPORTED": "1", "QUOTED": 'a \\"b\\" c', "SINGLE": "x y", "SPACED": "padded", "MULTI": "line1\nline2",
        "EMPTY": "", "REF": "${EXPORTED}", "COLON": "v1", "TICK": "t t", "FRAG": "val", "NL": "a\nb",
    }  # fmt: skip


def test_the_process_environment_is_never_modified(world: World) -> None:
    before = dict(os.environ)
    world.write(world.cwd / ".env", "WORKSPACE_ONLY=1\n")
    world.write(world.state_dir / ".env", "STATE_ONLY=1\n")
    world.config({"env": {"CONFIG_ONLY": "1"}})
    world.resolve()
    assert dict(os.environ) == before


def test_workspace_credential_warning_through_resolve(world: World) -> None:
    world.write(world.cwd / ".env", "XIAOMI_API_KEY=sk-workspace-only-0001\n")
    registry = world.resolve()
    assert registry.providers == {}
    [warning] = [w for w in registry.warnings if "XIAOMI_API_KEY" in w.message]
    assert warning.file == str(world.cwd / ".env")
