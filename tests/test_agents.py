"""`resolve(agent=ID)` and `--agent ID`: an agent of `agents.list[]` with its own dir, auth store,
models.json and model overrides; the main agent's profiles underneath its own."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from world import LOCAL_PROVIDER, CliResult, World

from openclaw_config.composition.agents import default_agent_id, normalize_agent_id

Cli = Callable[..., CliResult]
MAIN_KEY = "sk-main-openai-000000001"
WORK_KEY = "sk-work-xiaomi-000000002"


def agents_world(world: World, **work: Any) -> None:
    entry = {"id": "Work", "agentDir": "~/work-agent", "model": {"primary": "openai/gpt-5.2", "fallbacks": []}}
    world.config(
        {
            "agents": {
                "defaults": {"model": {"primary": "xiaomi/mimo-v2-flash", "fallbacks": ["openai/gpt-5.2"]}},
                "list": [{"id": "main"}, {**entry, **work}, {"id": "lazy", "model": "groq/llama", "default": True}],
            }
        }
    )
    world.auth_store({"openai:main": {"type": "api_key", "provider": "openai", "key": MAIN_KEY}})
    world.write(
        world.home / "work-agent" / "auth-profiles.json",
        {"version": 1, "profiles": {"xiaomi:default": {"type": "api_key", "provider": "xiaomi", "key": WORK_KEY}}},
    )


def test_an_agent_has_its_dir_its_models_and_the_main_profiles_under_its_own(world: World) -> None:
    agents_world(world)
    registry = world.resolve(agent="WORK")
    assert registry.agent is not None and registry.agent.id == "work"
    assert registry.agent_dir == world.home / "work-agent"
    assert (registry.default_model, registry.fallbacks) == ("openai/gpt-5.2", ())
    assert registry.providers["xiaomi"].raw["apiKey"] == WORK_KEY  # from its own store
    openai = registry.credentials("openai").credential
    assert openai is not None and openai.value == MAIN_KEY  # inherited from the main agent's store
    assert registry.write_models_json()
    assert (world.home / "work-agent" / "models.json").is_file()
    assert not (world.agent_dir / "models.json").exists()


def test_without_an_agent_the_main_agent_dir_is_used(world: World) -> None:
    agents_world(world)
    registry = world.resolve()
    assert registry.agent is None and registry.agent_dir == world.agent_dir
    assert (registry.default_model, registry.fallbacks) == ("xiaomi/mimo-v2-flash", ("openai/gpt-5.2",))
    assert "xiaomi" not in registry.providers


def test_an_agent_without_its_own_fallbacks_keeps_the_defaults(world: World) -> None:
    agents_world(world)
    registry = world.resolve(agent="lazy")
    assert registry.agent is not None and registry.agent.is_default
    assert registry.agent_dir == world.state_dir / "agents" / "lazy" / "agent"
    assert (registry.default_model, registry.fallbacks) == ("groq/llama", ("openai/gpt-5.2",))


def test_an_unknown_agent_is_an_error_naming_the_config_and_the_known_ids(world: World) -> None:
    agents_world(world)
    error = world.error(agent="nobody")
    (problem,) = error.problems
    assert problem.file == str(world.config_file) and problem.line is not None
    assert "unknown agent id 'nobody'" in str(problem) and "main, work, lazy" in str(problem)


def test_without_agents_list_only_main_is_known(world: World) -> None:
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    assert world.resolve(agent="main").agent_dir == world.agent_dir
    assert "the config defines main" in str(world.error(agent="work"))


@pytest.mark.parametrize(
    ("raw", "normalized"), [(" Work ", "work"), ("my agent!", "my-agent"), ("", "main"), ("--x--", "x"), (None, "main")]
)
def test_agent_ids_are_normalized(raw: Any, normalized: str) -> None:
    assert normalize_agent_id(raw) == normalized


def test_the_default_agent_is_the_first_marked_default_else_the_first() -> None:
    assert default_agent_id({}) == "main"
    assert default_agent_id({"agents": {"list": [{"id": "a"}, {"id": "b", "default": True}]}}) == "b"
    assert default_agent_id({"agents": {"list": [{"id": "a"}, {"id": "b"}]}}) == "a"


def test_agent_on_the_command_line(world: World, cli: Cli) -> None:
    agents_world(world)
    shown = json.loads(cli("show", "--json", "--agent", "work").stdout)
    assert (shown["agentDir"], shown["defaultModel"]) == (str(world.home / "work-agent"), "openai/gpt-5.2")
    document = json.loads(cli("models-json", "--agent", "work").stdout)
    assert set(document["providers"]) == {"xiaomi"}
    status = json.loads(cli("status", "--json", "--agent", "work").stdout)
    assert status["agentId"] == "work"
    assert status["modelConfig"] == {"defaultSource": "agent", "fallbacksSource": "agent"}
    assert status["auth"]["storePath"] == str(world.home / "work-agent" / "auth-profiles.json")
    assert {p["provider"] for p in status["auth"]["providers"]} == {"openai", "xiaomi"}
    for command in (["show"], ["status"], ["models-json"]):
        result = cli(*command, "--agent", "work")
        assert MAIN_KEY not in result.stdout and WORK_KEY not in result.stdout
    failed = cli("status", "--agent", "nobody")
    assert failed.code == 1 and "unknown agent id" in failed.stderr and "Traceback" not in failed.stderr


def test_explain_points_at_the_agents_own_model(world: World) -> None:
    agents_world(world)
    records = {r.dotted_path: r for r in world.resolve(agent="work").explain()}
    primary = records["agents.list.1.model.primary"]
    assert primary.value == "openai/gpt-5.2" and primary.origins[0].kind == "config"
    assert primary.origins[0].path == ("agents", "list", 1, "model", "primary")
    lazy = {r.dotted_path: r for r in world.resolve(agent="lazy").explain()}
    assert lazy["agents.list.2.model"].value == "groq/llama"
    assert lazy["agents.defaults.model.fallbacks.0"].value == "openai/gpt-5.2"  # the defaults' fallbacks
