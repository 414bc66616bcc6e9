"""Schema problems in the user's words: the field, what it takes, what was found (never a possible
secret), the fix, the nearest known key for a misspelling; listed in file and position order."""

from __future__ import annotations

import re
from typing import Any

import pytest
from world import World

from openclaw_config import Problem
from openclaw_config.schema.validate import schema_problems

CANARY = "sk-canary-7f3a9b2c4d5e6f708192"
# What pydantic says; none of it may reach the user.
PYDANTIC_WORDING = re.compile(
    r"Input should|valid dictionary|valid list|valid string|valid integer|valid number|valid boolean|"
    r"String should|Field required|Extra inputs|\(got |at least 1 character|Unable to extract tag|Input tag"
)


def provider(**fields: Any) -> dict[str, Any]:
    return {"baseUrl": "http://localhost:4000/v1", "models": [{"id": "m1", "name": "M1"}], **fields}


def model_config(**fields: Any) -> dict[str, Any]:
    return {"models": {"providers": {"p": provider(models=[{"id": "m1", "name": "M1", **fields}])}}}


def only(document: Any, kind: Any = "config") -> Problem:
    [problem] = schema_problems(document, kind)
    return problem


WRONG = {
    "an object given an array": ({"models": []}, "models must be an object, not an empty array"),
    "an array given an object": (
        {"models": {"providers": {"p": provider(models={})}}},
        "models must be an array, not an empty object",
    ),
    "a number given a string": (
        model_config(contextWindow="200000"),
        'contextWindow must be a number greater than 0, not the string "200000"',
    ),
    "a positive number given zero": (
        {"auth": {"cooldowns": {"billingMaxHours": 0}}},
        "billingMaxHours must be a number greater than 0, not 0",
    ),
    "a string given a number": (
        {"agents": {"defaults": {"model": {"primary": 7}}}},
        "primary must be a string, not 7",
    ),
    "a non-empty string given an empty one": (
        {"models": {"providers": {"p": provider(baseUrl="")}}},
        "baseUrl must be a non-empty string, not an empty string",
    ),
    "true or false given a word": (
        model_config(reasoning="yes"), 'reasoning must be true or false, not the string "yes"'
    ),
    "one of the choices": (
        {"models": {"mode": "sometimes"}}, 'mode must be "merge" or "replace", not the string "sometimes"'
    ),
    "an item of an array": (
        model_config(input=["audio"]), 'item 0 of input must be "text" or "image", not the string "audio"'
    ),
    "0 or more": ({"env": {"shellEnv": {"timeoutMs": -1}}}, "timeoutMs must be a whole number, 0 or more, not -1"),
    "Infinity": (
        model_config(contextWindow=float("inf")), "contextWindow must be a number greater than 0, not Infinity"
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_value_names_the_field_what_it_takes_and_what_was_found(name: str) -> None:
    document, message = WRONG[name]
    problem = only(document)
    assert problem.message == message
    assert problem.hint  # and says what to do
    assert not PYDANTIC_WORDING.search(str(problem)), str(problem)


@pytest.mark.parametrize(
    ("document", "hint"),
    [
        (model_config(contextWindow="200000"), "write the number without quotes"),
        ({"agents": {"defaults": {"model": {"primary": 7}}}}, "put the value in quotes"),
        ({"models": []}, "write it as { key: value, ... }, not as a list [ ... ]"),
        ({"models": {"mode": "Merge"}}, 'did you mean "merge"?'),
    ],
)
def test_the_hint_says_how_to_fix_it(document: Any, hint: str) -> None:
    assert only(document).hint == hint


@pytest.mark.parametrize(
    ("document", "path", "nearest"),
    [
        ({"models": {"providers": {"p": provider(apikey="KEY")}}}, "models.providers.p.apikey", "apiKey"),
        ({"modles": {}}, "modles", "models"),
        ({"agents": {"defaults": {"model": {"fallback": ["a/b"]}}}}, "agents.defaults.model.fallback", "fallbacks"),
        ({"models": {"providers": {"p": provider(base_url="http://x")}}}, "models.providers.p.base_url", "baseUrl"),
        ({"$shema": "./x.json"}, "$shema", "$schema"),
    ],
)
def test_an_unknown_key_suggests_the_nearest_known_one(document: Any, path: str, nearest: str) -> None:
    problem = only(document)
    assert (problem.config_path, problem.hint) == (path, f"did you mean {nearest!r}?")
    assert problem.message.startswith(f"unknown key {path.rsplit('.', 1)[-1]!r}")


def test_an_unknown_key_far_from_any_lists_the_allowed_ones_when_they_are_few() -> None:
    problem = only({"models": {"zzzzzz": 1}})
    assert problem.hint == (
        "remove it, or check its spelling: the keys allowed here are 'bedrockDiscovery', 'mode', 'providers'"
    )


def test_a_missing_field_says_what_to_add_and_where() -> None:
    problem = only({"models": {"providers": {"p": provider(models=[{"id": "m1"}])}}})
    assert problem.message == "required field 'name' is missing"
    assert problem.hint == "add name (a non-empty string) to this model"
    store = only({"profiles": {"a": {"provider": "x"}}}, "auth-profiles")
    assert store.config_path == "profiles.a.type"
    assert store.hint == """add type ("api_key", "token" or "oauth") to profile 'a'"""


@pytest.mark.parametrize(
    "document",
    [
        {"models": {"providers": {"p": provider(apiKey=4242424242)}}},  # a key typed as a number
        {"models": {"providers": {"p": provider(headers={"Authorization": 4242424242})}}},
        {"env": {"MY_API_KEY": 4242424242}},
        {"env": {"vars": {"SERVICE_TOKEN": 4242424242}}},
    ],
)
def test_a_value_where_a_secret_belongs_is_described_not_quoted(document: Any) -> None:
    problem = only(document)
    assert "4242424242" not in str(problem)
    assert problem.message.endswith("not a number")


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ({"models": {"mode": CANARY}}, "config"),  # a key pasted in the wrong place
        ({"profiles": {"a": {"type": CANARY, "provider": "x"}}}, "auth-profiles"),
        ({"profiles": {"a": {"type": "api_key", "provider": "x", "key": 7}}}, "auth-profiles"),
    ],
)
def test_a_string_long_enough_to_be_a_key_is_never_quoted(document: Any, kind: Any) -> None:
    problem = only(document, kind)
    assert CANARY not in str(problem) and "7f3a" not in str(problem)
    assert not PYDANTIC_WORDING.search(str(problem))


def test_the_command_line_shows_the_same_words(world: World, cli: Any) -> None:
    line = '  models: { providers: { p: { baseUrl: "u", apikey: "K", models: [] } } },'
    world.config(f"{{\n{line}\n}}\n")
    result = cli("show")
    assert result.code == 1
    assert result.stderr == (
        f"error: ~/.openclaw/openclaw.json:2:{line.index('apikey') + 1}: models.providers.p.apikey: unknown key "
        "'apikey' in models.providers.p (did you mean 'apiKey'?)\n"
    )


def test_resolution_errors_are_listed_in_position_order(world: World) -> None:
    # pydantic checks `agents` before `models` (the order of its fields); the file says otherwise.
    world.config(
        "{\n  models: { mode: 1 },\n  env: { X_HOST: 2 },\n  agents: { defaults: { model: { primary: 3 } } },\n}\n"
    )
    problems = world.error().problems
    assert [(p.line, p.config_path) for p in problems] == [
        (2, "models.mode"),
        (3, "env.X_HOST"),
        (4, "agents.defaults.model.primary"),
    ]


def test_errors_across_included_files_are_in_file_then_position_order(world: World) -> None:
    state = world.config_file.parent
    world.write(state / "b.json5", "{\n  mode: 'often',\n}\n")
    world.write(state / "a.json5", "{\n  x: { baseUrl: 'u', models: [{ id: 'm' }] },\n}\n")
    world.config("{\n  agents: { defaults: { model: { primary: 1 } } },\n"
                 "  models: { $include: './b.json5', providers: { $include: './a.json5' } },\n}\n")  # fmt: skip
    located = [(p.file, p.line) for p in world.error().problems]
    assert located == sorted(located)
    assert [name for name, _ in located] == [str(state / n) for n in ("a.json5", "b.json5", "openclaw.json")]


def test_an_error_without_words_of_its_own_still_keeps_pydantic_out() -> None:
    from openclaw_config.schema.messages import problem_for

    error = {"type": "some_new_check", "loc": ("meta", "when"), "input": 3, "msg": "Input should be magic"}
    problem = problem_for(error, ("meta", "when"), "config")
    assert problem.message == "when cannot be 3 here" and problem.hint
    assert not PYDANTIC_WORDING.search(str(problem))
