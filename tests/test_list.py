"""`list`: the rows of OpenClaw's `models list` (tags, availability, filters) over the runtime registry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from world import World

from openclaw_config.outputs.model_list import _collation, is_local

BASELINE = Path(__file__).resolve().parent.parent / "fixtures" / "conformance_baseline.json"
CANARY = "sk-canary-list-0123456789abcdef"


def _rows(cli: Any, *args: str) -> list[dict[str, Any]]:
    result = cli("list", "--json", *args)
    assert result.code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["count"] == len(document["models"])
    rows: list[dict[str, Any]] = document["models"]
    return rows


def test_configured_entries_in_order_with_their_tags(world: World, cli: Any) -> None:
    world.env["ANTHROPIC_API_KEY"] = CANARY
    world.config({"agents": {"defaults": {
        "model": {"primary": "Opus", "fallbacks": ["openai/gpt-5.2", "nowhere/ghost"]},
        "imageModel": {"primary": "google/gemini-2.5-pro", "fallbacks": ["openai/gpt-5.2"]},
        "models": {"anthropic/claude-opus-4-6": {"alias": "Opus"}, "xai/grok-4": {}},
    }}})  # fmt: skip
    rows = _rows(cli)
    assert [(r["key"], r["tags"]) for r in rows] == [
        ("anthropic/claude-opus-4-6", ["default", "configured", "alias:Opus"]),
        ("openai/gpt-5.2", ["fallback#1", "img-fallback#1"]),
        ("nowhere/ghost", ["fallback#2", "missing"]),
        ("google/gemini-2.5-pro", ["image"]),
        ("xai/grok-4", ["configured"]),
    ]
    assert rows[0] == {"key": "anthropic/claude-opus-4-6", "name": "Claude Opus 4.6", "input": "text+image",
                       "contextWindow": 200000, "local": False, "available": True,
                       "tags": ["default", "configured", "alias:Opus"], "missing": False}  # fmt: skip
    assert rows[2] == {"key": "nowhere/ghost", "name": "nowhere/ghost", "input": "-", "contextWindow": None,
                       "local": None, "available": None, "tags": ["fallback#2", "missing"],
                       "missing": True}  # fmt: skip
    assert [r["available"] for r in rows[3:]] == [False, False]


def test_nothing_found_is_an_empty_document_or_a_sentence(world: World, cli: Any) -> None:
    assert json.loads(cli("list", "--json", "--provider", "nobody").stdout) == {"count": 0, "models": []}
    assert cli("list", "--provider", "nobody").stdout == "No models found.\n"


def test_all_lists_every_runtime_model_sorted_with_filters(world: World, cli: Any) -> None:
    world.env["GW_KEY"] = CANARY
    world.config({"models": {"providers": {"lm": {"baseUrl": "http://localhost:1234/v1", "apiKey": "GW_KEY",
                 "api": "openai-completions", "models": [{"id": "qwen", "name": "Qwen"}]}}}})  # fmt: skip
    every = _rows(cli, "--all")
    assert len(every) == 713
    assert [r["key"] for r in every] == sorted((r["key"] for r in every), key=lambda k: _key_order(k))
    assert [r["key"] for r in _rows(cli, "--all", "--local")] == ["lm/qwen"]
    assert {r["key"].split("/")[0] for r in _rows(cli, "--all", "--provider", " XAI ")} == {"xai"}
    assert cli("list", "--all", "--plain", "--provider", "lm").stdout == "lm/qwen\n"
    [lm] = _rows(cli, "--all", "--provider", "lm")
    assert (lm["local"], lm["available"], lm["input"], lm["contextWindow"]) == (True, True, "text", 200000)


def _key_order(key: str) -> tuple[Any, Any]:
    provider, _, model = key.partition("/")
    return _collation(provider), _collation(model)


def test_the_sort_order_is_the_references() -> None:
    # The reference sorts with JavaScript's localeCompare; its own --all listing is in that order.
    keys = [row["key"] for row in json.loads(BASELINE.read_text(encoding="utf-8"))["list_all"]["models"]]
    assert sorted(keys, key=_key_order) == keys


def test_full_adds_the_runtime_model_and_the_registry_problems(world: World, cli: Any) -> None:
    world.env["GW_KEY"] = CANARY
    world.config({"agents": {"defaults": {"model": {"primary": "gw/m"}}}, "models": {"providers": {
        "gw": {"baseUrl": "https://gw.example/v1", "apiKey": "GW_KEY", "api": "openai-completions", "authHeader": True,
               "models": [{"id": "m", "name": "M"}]}}}})  # fmt: skip
    result = cli("list", "--json", "--full")
    assert CANARY not in result.stdout + result.stderr
    document = json.loads(result.stdout)
    assert document["registryProblems"] == []
    model = document["models"][0]["model"]
    assert model["headers"] == {"Authorization": "Bearer sk-c…ef"}
    assert set(model) == {"id", "name", "api", "provider", "baseUrl", "reasoning", "input", "cost", "contextWindow",
                          "maxTokens", "headers"}  # fmt: skip
    plain = _rows(cli)
    assert "model" not in plain[0] and plain[0]["available"] is True


def test_a_refused_models_json_says_so_and_lists_no_custom_model(world: World, cli: Any) -> None:
    foo = {"baseUrl": "http://x", "api": "openai-completions", "models": [{"id": "m1", "name": "M1"}]}
    world.config({"agents": {"defaults": {"model": {"primary": "foo/m1"}}}, "models": {"providers": {"foo": foo}}})
    result = cli("list", "--json", "--full")
    document = json.loads(result.stdout)
    assert [r["key"] for r in document["models"]] == ["foo/m1"] and document["models"][0]["missing"] is True
    assert [p["rule"] for p in document["registryProblems"]] == ["missing-api-key"]
    assert "warning:" in result.stderr and "no apiKey" in result.stderr
    assert json.loads(cli("list", "--all", "--json", "--provider", "foo").stdout) == {"count": 0, "models": []}


@pytest.mark.parametrize(
    ("env", "profiles", "provider", "available"),
    [
        ({}, {}, "openai", False),
        ({"OPENAI_API_KEY": CANARY}, {}, "openai", True),
        ({"OPENAI_API_KEY": "  "}, {}, "openai", False),
        (
            {},
            {"openai:me": {"type": "oauth", "provider": "OpenAI", "access": "a", "refresh": "r", "expires": 1}},
            "openai",
            True,
        ),
        ({"AWS_PROFILE": "dev"}, {}, "amazon-bedrock", True),
        ({"AWS_ACCESS_KEY_ID": "AKIA0123456789"}, {}, "amazon-bedrock", False),  # the secret key is missing
        ({"AWS_ACCESS_KEY_ID": "AKIA0123456789", "AWS_SECRET_ACCESS_KEY": CANARY}, {}, "amazon-bedrock", True),
        ({"GH_TOKEN": CANARY}, {}, "github-copilot", True),
    ],
)
def test_availability(
    world: World, cli: Any, env: dict[str, str], profiles: dict[str, Any], provider: str, available: bool
) -> None:
    world.env.update(env)
    if profiles:
        world.auth_store(profiles)
    rows = _rows(cli, "--all", "--provider", provider)
    assert rows and {r["available"] for r in rows} == {available}


def test_a_configured_api_key_makes_a_built_in_provider_available(world: World, cli: Any) -> None:
    world.config({"models": {"providers": {"openai": {"baseUrl": "https://api.openai.com/v1", "apiKey": "sk-literal",
                                                      "models": []}}}})  # fmt: skip
    assert {r["available"] for r in _rows(cli, "--all", "--provider", "openai")} == {True}


def test_the_text_table(world: World, cli: Any) -> None:
    world.env["ANTHROPIC_API_KEY"] = CANARY
    lines = cli("list").stdout.splitlines()
    assert lines[0].split() == ["Model", "Input", "Ctx", "Local", "Auth", "Tags"]
    assert lines[1].split() == ["anthropic/claude-opus-4-6", "text+image", "195k", "no", "yes", "default"]


@pytest.mark.parametrize(
    ("url", "local"),
    [("http://localhost:1234/v1", True), ("http://127.0.0.1", True), ("https://box.local/v1", True),
     ("http://0.0.0.0:8080", True), ("http://[::1]:8080", False), ("https://api.openai.com/v1", False),
     ("localhost:1234", False), ("not a url", False), (None, False)],
)  # fmt: skip
def test_local_base_urls(url: str | None, local: bool) -> None:
    assert is_local(url) is local


def test_the_team_example_as_the_readme_lists_it(tmp_path: Path) -> None:
    team = Path(__file__).resolve().parents[1] / "fixtures" / "examples" / "team"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "OPENCLAW_STATE_DIR": str(team)}
    done = subprocess.run([sys.executable, "-m", "openclaw_config", "list"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0 and done.stderr == ""
    assert [line.split() for line in done.stdout.splitlines()[1:]] == [
        ["xiaomi/mimo-v2-flash", "text", "256k", "no", "yes", "default,configured,alias:Xiaomi"],
        ["local/qwen3-coder", "text", "32k", "yes", "yes", "fallback#1,configured,alias:Local"],
    ]
