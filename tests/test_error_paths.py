"""Every configuration error of SPEC sections 2-6: the message names the right file, its line:column
(parse errors and located problems) or the config path; the CLI exits 1 without a traceback."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from world import CliResult, World

DIRECTORY = object()  # a content marker: create a directory at that name
PROVIDER = {"baseUrl": "http://localhost:4000/v1", "models": [{"id": "m1", "name": "M1"}]}


@dataclass(frozen=True)
class ErrorCase:
    name: str
    files: dict[str, Any]  # relative to the state dir; dicts are written as JSON
    mentions: list[str]  # each must appear in the message
    located_in: str | None = None  # the message must give this file's FILE:LINE:COL
    env: dict[str, str] = field(default_factory=dict)


def chain(levels: int) -> dict[str, Any]:
    files: dict[str, Any] = {"openclaw.json": {"$include": "./l1.json5"}}
    files |= {f"l{n}.json5": {"$include": f"./l{n + 1}.json5"} for n in range(1, levels)}
    return files | {f"l{levels}.json5": {}}


def with_model(**fields: Any) -> dict[str, Any]:
    return {"models": {"providers": {"foo": {**PROVIDER, "models": [{"id": "m1", "name": "M1", **fields}]}}}}


CASES = [
    ErrorCase("root not an object", {"openclaw.json": "[1, 2]"}, ["object"], "openclaw.json"),
    ErrorCase(
        "json5 syntax",
        {"openclaw.json": "{\n  models: {\n    mode: 'merge',,\n  },\n}\n"},
        ["openclaw.json:3:19"],
        "openclaw.json",
    ),
    ErrorCase(
        "not utf-8",
        {"openclaw.json": b'{\n  meta: {note: "\xff"},\n}'},
        ["UTF-8", "openclaw.json:2:17"],
        "openclaw.json",
    ),
    ErrorCase("config is a directory", {"openclaw.json": DIRECTORY}, ["openclaw.json", "directory"]),
    ErrorCase(
        "include missing",
        {"openclaw.json": {"models": {"$include": "./nope.json5"}}},
        ["nope.json5", "models.$include"],
    ),
    ErrorCase(
        "include is a directory",
        {"openclaw.json": {"models": {"$include": "./parts"}}, "parts": DIRECTORY},
        ["parts", "directory"],
    ),
    ErrorCase(
        "include parse error",
        {"openclaw.json": {"models": {"$include": "./m.json5"}}, "m.json5": "{\n  mode: 'merge'\n  providers: {}\n}\n"},
        ["m.json5:3:3"],
        "m.json5",
    ),
    ErrorCase("include too deep", chain(11), ["l10.json5", "10"], "l10.json5"),
    ErrorCase(
        "include cycle",
        {
            "openclaw.json": {"$include": "./a.json5"},
            "a.json5": {"$include": "./b.json5"},
            "b.json5": {"$include": "./a.json5"},
        },
        ["a.json5 -> ", "b.json5 -> ", "cycle"],
        "b.json5",
    ),
    ErrorCase(
        "include escapes",
        {"openclaw.json": {"agents": {"$include": "../outside.json5"}}, "../outside.json5": {}},
        ["outside.json5", "agents"],
        "openclaw.json",
    ),
    ErrorCase(
        "include path with NUL",
        {"openclaw.json": {"agents": {"$include": "a\0.json5"}}},
        ["NUL", "agents"],
        "openclaw.json",
    ),
    ErrorCase(
        "include path too long",
        {"openclaw.json": {"agents": {"$include": "a" * 5000}}},
        ["4096", "agents"],
        "openclaw.json",
    ),
    ErrorCase(
        "include too large",
        {"openclaw.json": {"agents": {"$include": "./big.json5"}}, "big.json5": "{" + " " * (2 * 1024 * 1024) + "}"},
        ["big.json5", "MB"],
    ),
    ErrorCase(
        "include value not a file name",
        {"openclaw.json": {"agents": {"$include": 42}}},
        ["$include", "agents"],
        "openclaw.json",
    ),
    ErrorCase(
        "include of a non-object beside siblings",
        {"openclaw.json": {"agents": {"$include": "./l.json5", "defaults": {}}}, "l.json5": ["x"]},
        ["object", "agents"],
        "openclaw.json",
    ),
    ErrorCase(
        "root include of a non-object",
        {"openclaw.json": {"$include": "./l.json5"}, "l.json5": ["x"]},
        ["openclaw.json", "object"],
    ),
    ErrorCase(
        "missing variables",
        {
            "openclaw.json": {
                "models": {"providers": {"foo": {**PROVIDER, "baseUrl": "${FOO_URL}", "apiKey": "${FOO_KEY}"}}}
            }
        },
        ["FOO_URL", "models.providers.foo.baseUrl", "FOO_KEY", "models.providers.foo.apiKey"],
        "openclaw.json",
    ),
    ErrorCase(
        "missing variable in an included file",
        {
            "openclaw.json": {"models": {"$include": "./models.json5"}},
            "models.json5": {"providers": {"foo": {**PROVIDER, "baseUrl": "${FOO_URL}"}}},
        },
        ["FOO_URL", "models.providers.foo.baseUrl"],
        "models.json5",
    ),
    ErrorCase(
        "empty variable",
        {"openclaw.json": {"models": {"providers": {"foo": {**PROVIDER, "baseUrl": "${FOO_URL}"}}}}},
        ["FOO_URL", "models.providers.foo.baseUrl"],
        "openclaw.json",
        env={"FOO_URL": ""},
    ),
    ErrorCase(
        "unknown key",
        {"openclaw.json": {"models": {"providers": {"foo": {**PROVIDER, "bogus": 1}}}}},
        ["models.providers.foo.bogus"],
        "openclaw.json",
    ),
    ErrorCase("unknown root key", {"openclaw.json": {"notASection": {}}}, ["notASection"], "openclaw.json"),
    ErrorCase(
        "wrong type",
        {"openclaw.json": with_model(maxTokens="8192")},
        ["models.providers.foo.models.0.maxTokens"],
        "openclaw.json",
    ),
    ErrorCase(
        "not positive",
        {"openclaw.json": with_model(contextWindow=0)},
        ["models.providers.foo.models.0.contextWindow"],
        "openclaw.json",
    ),
    ErrorCase(
        "missing required field",
        {"openclaw.json": {"models": {"providers": {"foo": {**PROVIDER, "models": [{"id": "m1"}]}}}}},
        ["models.providers.foo.models.0.name"],
        "openclaw.json",
    ),
    ErrorCase("bad enum value", {"openclaw.json": {"models": {"mode": "append"}}}, ["models.mode"], "openclaw.json"),
    ErrorCase("pass-through of the wrong kind", {"openclaw.json": {"bindings": {}}}, ["bindings"], "openclaw.json"),
    ErrorCase(
        "schema error in an included file",
        {"openclaw.json": {"models": {"$include": "./models.json5"}}, "models.json5": {"mode": "append"}},
        ["models.mode"],
        "models.json5",
    ),
]


def set_up(world: World, case: ErrorCase) -> None:
    world.env.update(case.env)
    world.state_dir.mkdir(parents=True, exist_ok=True)
    for name, content in case.files.items():
        if content is DIRECTORY:
            (world.state_dir / name).mkdir(parents=True)
        else:
            world.write(world.state_dir / name, content)


def check_message(world: World, case: ErrorCase, message: str, *, as_shown: bool = False) -> None:
    """`as_shown`: the file as text output shows it (`~/...`, as it is under the home directory)."""
    for mention in case.mentions:
        assert mention in message, f"{mention!r} not in {message!r}"
    if case.located_in is not None:
        located = (world.state_dir / case.located_in).resolve()
        name = f"~/{located.relative_to(world.home.resolve())}" if as_shown else str(located)
        assert re.search(re.escape(name) + r":\d+:\d+", message), message


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_error_names_file_position_and_path(world: World, case: ErrorCase) -> None:
    set_up(world, case)
    error = world.error()
    assert error.problems and all(p.file for p in error.problems)
    check_message(world, case, str(error))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_cli_exits_1_without_a_traceback(world: World, cli: Callable[..., CliResult], case: ErrorCase) -> None:
    set_up(world, case)
    for command in (["show"], ["show", "--json"], ["models-json"]):
        result = cli(*command)
        assert result.code == 1
        if "--json" in command:  # the same errors, as JSON objects with their file
            errors = json.loads(result.stdout)["errors"]
            assert errors and all(e["file"] and e["message"] for e in errors)
        else:
            assert result.stdout == ""
        assert "Traceback" not in result.stderr and "internal error" not in result.stderr
        check_message(world, case, result.stderr, as_shown=True)
