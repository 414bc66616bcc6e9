"""Providers (SPEC section 8): implicit xiaomi, explicit providers, the existing models.json, key filling."""

from __future__ import annotations

import json
from typing import Any

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config.providers.catalog import load_catalog

OLD = {"baseUrl": "http://old.example", "apiKey": "OLD_KEY", "models": [{"id": "legacy", "name": "Legacy"}]}


def provider(**fields: Any) -> dict[str, Any]:
    return {**LOCAL_PROVIDER, **fields}


def written(world: World) -> dict[str, Any]:
    document = world.resolve().to_models_json()
    assert document is not None
    providers: dict[str, Any] = document["providers"]
    return providers


# --- the existing models.json -------------------------------------------------------------------


def test_merge_mode_keeps_existing_providers_and_replaces_same_ids_whole(world: World) -> None:
    world.models_json({"providers": {"old": OLD, "local": {"baseUrl": "http://stale", "extra": True, "models": []}}})
    world.config({"models": {"providers": {"local": provider()}}})
    providers = written(world)
    assert providers["old"] == OLD
    assert "extra" not in providers["local"] and providers["local"]["baseUrl"] == LOCAL_PROVIDER["baseUrl"]


def test_replace_mode_ignores_existing_providers(world: World) -> None:
    world.models_json({"providers": {"old": OLD}})
    world.config({"models": {"mode": "replace", "providers": {"local": provider()}}})
    assert list(written(world)) == ["local"]


@pytest.mark.parametrize("mode", ["merge", "replace"])
def test_the_implicit_provider_is_injected_in_both_modes(world: World, mode: str) -> None:
    world.env["XIAOMI_API_KEY"] = "sk-xiaomi"
    world.models_json({"providers": {"old": OLD}})
    world.config({"models": {"mode": mode}})
    assert "xiaomi" in written(world)


def test_replace_mode_without_providers_writes_nothing(world: World) -> None:
    world.models_json({"providers": {"old": OLD}})
    world.config({"models": {"mode": "replace"}})
    assert world.resolve().to_models_json() is None


@pytest.mark.parametrize("content", ["{ not json", '{"providers": []}', "[]", b"\xff\xfe"])
def test_an_unreadable_existing_models_json_counts_as_empty_with_a_warning(world: World, content: str | bytes) -> None:
    path = (
        world.models_json(content)
        if isinstance(content, str)
        else world.write(world.agent_dir / "models.json", content)
    )
    world.config({"models": {"providers": {"local": provider()}}})
    registry = world.resolve()
    assert list(registry.providers) == ["local"]
    assert [w.file for w in registry.warnings] == [str(path)]
    assert not registry.existing_models_json_readable


def test_existing_provider_entries_that_are_not_objects_are_kept_as_they_are_in_their_place(world: World) -> None:
    # as OpenClaw 2026.2.9 does (fixtures/exactness_cases/models_json_non_object_entries_kept)
    world.models_json({"providers": {"junk": "text", "old": OLD, "n": 5}})
    world.config({"models": {"providers": {"local": provider()}}})
    document = written(world)
    assert list(document) == ["junk", "old", "n", "local"]
    assert (document["junk"], document["n"]) == ("text", 5)


# --- explicit + implicit ------------------------------------------------------------------------


def test_explicit_fields_override_implicit_ones_and_models_are_combined(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = "sk-xiaomi"
    mine = {"id": "mimo-custom", "name": "Mine"}
    world.config({"models": {"providers": {"xiaomi": {"baseUrl": "http://proxy", "models": [mine]}}}})
    xiaomi = written(world)["xiaomi"]
    assert xiaomi["baseUrl"] == "http://proxy"
    assert xiaomi["api"] == "anthropic-messages"  # from the catalog
    assert [m["id"] for m in xiaomi["models"]] == ["mimo-custom", "mimo-v2-flash"]
    assert xiaomi["apiKey"] == "XIAOMI_API_KEY"


def test_an_explicit_api_key_wins_over_the_implicit_one(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = "sk-env"
    world.config({"models": {"providers": {"xiaomi": {"baseUrl": "http://x", "apiKey": "sk-literal", "models": []}}}})
    registry = world.resolve()
    credential = registry.providers["xiaomi"].credential
    assert credential is not None
    assert (credential.source, credential.value) == ("config", "sk-literal")


def test_provider_ids_are_trimmed(world: World) -> None:
    world.config({"models": {"providers": {" local ": provider()}}})
    assert list(written(world)) == ["local"]


# --- filling a missing apiKey -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider_id", "env", "expected"),
    [
        ("openai", {"OPENAI_API_KEY": "k"}, "OPENAI_API_KEY"),
        ("anthropic", {"ANTHROPIC_OAUTH_TOKEN": " ", "ANTHROPIC_API_KEY": "k"}, "ANTHROPIC_API_KEY"),
        ("anthropic", {"ANTHROPIC_OAUTH_TOKEN": "t", "ANTHROPIC_API_KEY": "k"}, "ANTHROPIC_OAUTH_TOKEN"),
        ("z.ai", {"Z_AI_API_KEY": "k"}, "ZAI_API_KEY"),  # OpenClaw copies Z_AI_API_KEY into ZAI_API_KEY
        ("Qwen", {"QWEN_PORTAL_API_KEY": "k"}, "QWEN_PORTAL_API_KEY"),
        ("groq", {"GROQ_API_KEY": "k"}, "GROQ_API_KEY"),
        ("vercel-ai-gateway", {"AI_GATEWAY_API_KEY": "k"}, "AI_GATEWAY_API_KEY"),
    ],
)
def test_a_missing_api_key_is_filled_with_the_variable_name(
    world: World, provider_id: str, env: dict[str, str], expected: str
) -> None:
    world.env.update(env)
    world.config({"models": {"providers": {provider_id: provider()}}})
    assert written(world)[provider_id]["apiKey"] == expected


def test_a_missing_api_key_is_filled_from_a_profile(world: World) -> None:
    world.auth_store({"openai:me": {"type": "api_key", "provider": "OpenAI", "key": "sk-openai-profile"}})
    world.config({"models": {"providers": {"openai": provider()}}})
    assert written(world)["openai"]["apiKey"] == "sk-openai-profile"


def test_a_provider_without_models_gets_no_key(world: World) -> None:
    world.env["OPENAI_API_KEY"] = "k"
    world.config({"models": {"providers": {"openai": provider(models=[])}}})
    assert "apiKey" not in written(world)["openai"]


def test_an_unknown_provider_without_key_stays_without(world: World) -> None:
    world.config({"models": {"providers": {"local": provider()}}})
    registry = world.resolve()
    assert "apiKey" not in written(world)["local"]
    assert registry.providers["local"].credential is None


# --- the catalog as data ------------------------------------------------------------------------

UPPER_CASE_ID_PROVIDERS = [
    "voyage", "groq", "deepgram", "cerebras", "xai", "openrouter", "moonshot", "minimax", "synthetic",
    "venice", "mistral", "qianfan", "ollama",
]  # fmt: skip
SPEC_KEY_VARIABLES = {
    "xiaomi": ["XIAOMI_API_KEY"],
    "anthropic": ["ANTHROPIC_OAUTH_TOKEN", "ANTHROPIC_API_KEY"],
    "openai": ["OPENAI_API_KEY"],
    "google": ["GEMINI_API_KEY"],
    "github-copilot": ["COPILOT_GITHUB_TOKEN", "GH_TOKEN", "GITHUB_TOKEN"],
    "chutes": ["CHUTES_OAUTH_TOKEN", "CHUTES_API_KEY"],
    "zai": ["ZAI_API_KEY", "Z_AI_API_KEY"],
    "opencode": ["OPENCODE_API_KEY", "OPENCODE_ZEN_API_KEY"],
    "qwen-portal": ["QWEN_OAUTH_TOKEN", "QWEN_PORTAL_API_KEY"],
    "minimax-portal": ["MINIMAX_OAUTH_TOKEN", "MINIMAX_API_KEY"],
    "kimi-coding": ["KIMI_API_KEY", "KIMICODE_API_KEY"],
    "vercel-ai-gateway": ["AI_GATEWAY_API_KEY"],
    "cloudflare-ai-gateway": ["CLOUDFLARE_AI_GATEWAY_API_KEY"],
    **{pid: [f"{pid.upper()}_API_KEY"] for pid in UPPER_CASE_ID_PROVIDERS},
}


def test_the_catalog_holds_the_spec_table() -> None:
    catalog = load_catalog()
    assert {pid: list(catalog.key_variables(pid)) for pid in SPEC_KEY_VARIABLES} == SPEC_KEY_VARIABLES


@pytest.mark.parametrize(
    ("alias", "target"),
    [
        ("z.ai", "zai"),
        ("z-ai", "zai"),
        ("opencode-zen", "opencode"),
        ("qwen", "qwen-portal"),
        ("kimi-code", "kimi-coding"),
        (" OpenAI ", "openai"),
    ],
)
def test_provider_id_aliases(alias: str, target: str) -> None:
    assert load_catalog().normalize_id(alias) == target


def test_the_implicit_providers_are_those_of_openclaw_in_its_order() -> None:
    assert [p.id for p in load_catalog().implicit_providers()] == [
        "minimax",
        "minimax-portal",
        "moonshot",
        "synthetic",
        "venice",
        "qwen-portal",
        "xiaomi",
        "cloudflare-ai-gateway",
        "ollama",
        "qianfan",
        "amazon-bedrock",
        "github-copilot",
    ]


def test_xiaomis_implicit_entry_is_the_seed() -> None:
    xiaomi = load_catalog().providers["xiaomi"]
    block = json.loads(json.dumps(xiaomi.implicit))
    assert (block["baseUrl"], block["api"]) == ("https://api.xiaomimimo.com/anthropic", "anthropic-messages")
    [model] = block["models"]
    assert (model["id"], model["name"], model["contextWindow"], model["maxTokens"]) == (
        "mimo-v2-flash",
        "Xiaomi MiMo V2 Flash",
        262144,
        8192,
    )


@pytest.mark.parametrize(
    ("name", "credential"),
    [
        ("XIAOMI_API_KEY", True),
        ("GH_TOKEN", True),
        ("FOO_API_KEY", True),
        ("FOO_BASE_URL", True),
        ("FOO_ENDPOINT", True),
        ("FOO_API_HOST", True),
        ("OPENCLAW_ANYTHING", True),
        ("FOO_HOST", False),
        ("DEBUG", False),
    ],
)
def test_which_variables_count_as_credentials(name: str, credential: bool) -> None:
    assert load_catalog().is_credential_variable(name) is credential
