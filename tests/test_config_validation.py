"""Strict validation of the composed config (SPEC section 6), through `resolve()`.

(The JSON Schema files are tested in test_schema_*.py; this is the runtime validator.)
"""

from __future__ import annotations

from typing import Any

import pytest
from world import World

from openclaw_config import Problem

PASS_THROUGH_OBJECTS = [
    "meta", "wizard", "diagnostics", "browser", "ui", "nodeHost", "tools", "broadcast",
    "audio", "media", "messages", "commands", "approvals", "session", "cron", "hooks", "web", "channels",
    "discovery", "canvasHost", "talk", "gateway", "memory", "skills", "plugins",
]  # fmt: skip


def provider(**fields: Any) -> dict[str, Any]:
    return {"baseUrl": "http://localhost:4000/v1", "models": [{"id": "m1", "name": "M1"}], **fields}


def model(**fields: Any) -> dict[str, Any]:
    return {"id": "m1", "name": "M1", **fields}


def with_model(**fields: Any) -> dict[str, Any]:
    return {"models": {"providers": {"foo": provider(models=[model(**fields)])}}}


def problems_of(world: World, config: dict[str, Any] | str) -> list[Problem]:
    world.config(config)
    problems = list(world.error().problems)
    assert all(p.file == str(world.config_file) and p.line is not None for p in problems), problems
    return problems


def paths_of(problems: list[Problem]) -> set[str | None]:
    return {p.config_path for p in problems}


def test_unknown_keys_are_reported_with_their_paths_all_at_once(world: World) -> None:
    config = {
        "models": {"providers": {"foo": provider(bogus=1, models=[model(colour="red")])}},
        "agents": {"defaults": {"model": {"primary": "foo/m1", "secondary": "x"}}},
    }
    problems = problems_of(world, config)
    assert paths_of(problems) == {
        "models.providers.foo.bogus",
        "models.providers.foo.models.0.colour",
        "agents.defaults.model.secondary",
    }
    assert all("unknown key" in p.message for p in problems)


def test_an_unknown_key_is_located_at_the_key(world: World) -> None:
    [problem] = problems_of(world, '{\n  models: {\n    mode: "merge",\n    typo: true,\n  },\n}\n')
    assert (problem.line, problem.column) == (4, 5)
    assert problem.config_path == "models.typo"


def test_an_unknown_root_key_is_an_error(world: World) -> None:
    [problem] = problems_of(world, {"notASection": {}})
    assert problem.config_path == "notASection"


@pytest.mark.parametrize("section", PASS_THROUGH_OBJECTS)
def test_pass_through_sections_are_accepted_untouched(world: World, section: str) -> None:
    world.config({section: {}})
    assert world.resolve().config[section] == {}


# OpenClaw checks these sections itself and refuses a config with a key it does not know there
# (`broadcast` maps agent ids, `channels` channel ids: their keys are names).
@pytest.mark.parametrize("section", sorted(set(PASS_THROUGH_OBJECTS) - {"broadcast", "channels"}))
def test_pass_through_sections_reject_unknown_keys_as_openclaw_does(world: World, section: str) -> None:
    problems = problems_of(world, {section: {"anythingAtAll": {"nested": [1, "two", None]}}})
    assert paths_of(problems) == {f"{section}.anythingAtAll"}
    assert all("unknown key" in p.message for p in problems)


def test_bindings_pass_through_as_an_array(world: World) -> None:
    world.config({"bindings": [{"agentId": "main", "match": {"channel": "x"}}]})
    assert world.resolve().config["bindings"] == [{"agentId": "main", "match": {"channel": "x"}}]


@pytest.mark.parametrize(("section", "wrong"), [("bindings", {}), ("gateway", []), ("meta", "text"), ("tools", 1)])
def test_pass_through_sections_must_be_the_right_kind(world: World, section: str, wrong: Any) -> None:
    assert paths_of(problems_of(world, {section: wrong})) == {section}


def test_schema_key_is_allowed_as_a_string(world: World) -> None:
    world.config({"$schema": "./openclaw.schema.json"})
    assert world.resolve().providers == {}
    assert paths_of(problems_of(world, {"$schema": 1})) == {"$schema"}


def test_agents_defaults_and_list_pass_through_other_keys(world: World) -> None:
    world.config({"agents": {"defaults": {"workspace": "~/work", "model": {"primary": "x/y"}}, "list": [{"id": "a"}]}})
    assert world.resolve().default_model == "x/y"


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"maxTokens": "8192"}, "maxTokens"),
        ({"contextWindow": "262144"}, "contextWindow"),
        ({"contextWindow": 0}, "contextWindow"),
        ({"maxTokens": -1}, "maxTokens"),
        ({"contextWindow": 0}, "contextWindow"),
        ({"reasoning": "true"}, "reasoning"),
        ({"reasoning": 1}, "reasoning"),
        ({"input": ["audio"]}, "input.0"),
        ({"input": "text"}, "input"),
        ({"cost": {"input": "0"}}, "cost.input"),
        ({"cost": {"tokens": 1}}, "cost.tokens"),
        ({"compat": {"maxTokensField": "max"}}, "compat.maxTokensField"),
        ({"headers": {"X-Key": 1}}, "headers.X-Key"),
        ({"api": "anthropic"}, "api"),
        ({"name": ""}, "name"),
        ({"id": ""}, "id"),
    ],
)
def test_model_fields_are_strictly_typed(world: World, fields: dict[str, Any], path: str) -> None:
    assert paths_of(problems_of(world, with_model(**fields))) == {f"models.providers.foo.models.0.{path}"}


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"baseUrl": ""}, "baseUrl"),
        ({"baseUrl": 8080}, "baseUrl"),
        ({"auth": "password"}, "auth"),
        ({"authHeader": "yes"}, "authHeader"),
        ({"apiKey": 12345}, "apiKey"),
        ({"models": {}}, "models"),
    ],
)
def test_provider_fields_are_strictly_typed(world: World, fields: dict[str, Any], path: str) -> None:
    config = {"models": {"providers": {"foo": provider(**fields)}}}
    assert paths_of(problems_of(world, config)) == {f"models.providers.foo.{path}"}


@pytest.mark.parametrize("required", ["baseUrl", "models"])
def test_provider_required_fields(world: World, required: str) -> None:
    block = provider()
    del block[required]
    [problem] = problems_of(world, {"models": {"providers": {"foo": block}}})
    assert problem.config_path == f"models.providers.foo.{required}"
    assert "missing" in problem.message


@pytest.mark.parametrize(
    ("config", "path"),
    [
        ({"models": {"mode": "append"}}, "models.mode"),
        ({"env": {"shellEnv": {"timeoutMs": -1}}}, "env.shellEnv.timeoutMs"),
        ({"env": {"shellEnv": {"enabled": "yes"}}}, "env.shellEnv.enabled"),
        ({"env": {"vars": {"A": 1}}}, "env.vars.A"),
        ({"env": {"PORT_NUMBER": 8080}}, "env.PORT_NUMBER"),
        ({"auth": {"profiles": {"x:y": {"provider": "x", "mode": "password"}}}}, "auth.profiles.x:y.mode"),
        ({"auth": {"cooldowns": {"billingBackoffHours": 0}}}, "auth.cooldowns.billingBackoffHours"),
        ({"auth": {"order": {"xiaomi": "xiaomi:default"}}}, "auth.order.xiaomi"),
        ({"agents": {"defaults": {"model": {"fallbacks": "x/y"}}}}, "agents.defaults.model.fallbacks"),
        ({"agents": {"defaults": {"models": {"x/y": {"alias": "X", "nick": "x"}}}}}, "agents.defaults.models.x/y.nick"),
    ],
)
def test_other_modelled_sections_are_strict(world: World, config: dict[str, Any], path: str) -> None:
    assert paths_of(problems_of(world, config)) == {path}


def test_a_valid_full_config_resolves(world: World) -> None:
    world.config(
        {
            "$schema": "x",
            "env": {"shellEnv": {"enabled": False, "timeoutMs": 0}, "vars": {"A_HOST": "a"}, "B_HOST": "b"},
            "auth": {
                "profiles": {"foo:default": {"provider": "foo", "mode": "api_key", "email": "a@b.c"}},
                "order": {"foo": ["foo:default"]},
                "cooldowns": {"billingBackoffHours": 1, "billingBackoffHoursByProvider": {"foo": 2.5}},
            },
            "models": {
                "mode": "replace",
                "bedrockDiscovery": {"enabled": False},
                "providers": {
                    "foo": provider(
                        apiKey="FOO_KEY", auth="api-key", api="openai-responses", headers={"X": "y"}, authHeader=True,
                        models=[model(reasoning=True, input=["text", "image"], cost={"input": 1.5}, contextWindow=1000,
                                      maxTokens=100, headers={"A": "b"}, compat={"supportsStore": False})],
                    )
                },
            },
            "agents": {"defaults": {"model": {"primary": "foo/m1"}, "imageModel": {"primary": "foo/m1"},
                                    "models": {"foo/m1": {"alias": "Foo", "params": {"t": 1}, "streaming": True}}}},
        }
    )  # fmt: skip
    assert world.resolve().model("foo") is not None


def test_type_errors_do_not_echo_the_value(world: World) -> None:
    canary = "sk-canary-in-the-wrong-place-0123456789"
    [problem] = problems_of(world, with_model(contextWindow=canary))
    assert canary not in str(problem)
    assert "a string" in problem.message


# --- checked one provider at a time (large configs): the same verdict as one whole check ----------

MANY = {f"p{i}": provider() for i in range(5)}
VERDICT_CASES: dict[str, dict[str, Any]] = {
    "valid": {"models": {"mode": "merge", "providers": MANY}, "agents": {"defaults": {"model": {"primary": "p1/m1"}}}},
    "bad field in one provider": {"models": {"providers": {**MANY, "p3": provider(api="smoke-signals")}}},
    "unknown key in one model": {"models": {"providers": {**MANY, "p4": provider(models=[model(colour="red")])}}},
    "provider not an object": {"models": {"providers": {**MANY, "p2": "nope"}}},
    "bad mode beside valid providers": {"models": {"mode": "sometimes", "providers": MANY}},
    "unknown key beside valid providers": {"models": {"providers": MANY, "extra": 1}},
    "bad section elsewhere": {"models": {"providers": MANY}, "agents": {"defaults": {"model": 7}}},
    "providers not an object": {"models": {"providers": ["p1"]}},
}


@pytest.mark.parametrize("config", VERDICT_CASES.values(), ids=VERDICT_CASES.keys())
def test_the_provider_by_provider_check_agrees_with_the_whole_check(config: dict[str, Any]) -> None:
    from openclaw_config.schema.compiled import config_validator, provider_validator
    from openclaw_config.schema.validate import _valid_provider_by_provider, schema_problems

    assert provider_validator() is not None  # the stored schema has the shape the cut relies on
    whole = config_validator().isinstance_python(config)
    assert _valid_provider_by_provider(config) == whole
    assert (schema_problems(config) == []) == whole


def test_problems_found_provider_by_provider_are_reported_by_the_whole_check(world: World) -> None:
    config = {"models": {"providers": {**MANY, "p3": provider(api="smoke-signals", bogus=1)}}}
    assert paths_of(problems_of(world, config)) == {"models.providers.p3.api", "models.providers.p3.bogus"}
