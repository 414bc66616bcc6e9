"""The effective registry (SPEC section 9): lookups, the default model, fallbacks, aliases, credentials."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from world import LOCAL_PROVIDER, World

from openclaw_config import EffectiveRegistry

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"


def configured(
    world: World, model: dict[str, Any] | None = None, aliases: dict[str, str] | None = None
) -> EffectiveRegistry:
    world.env["XIAOMI_API_KEY"] = "sk-xiaomi-registry-test"
    defaults: dict[str, Any] = {"models": {ref: {"alias": alias} for alias, ref in (aliases or {}).items()}}
    if model is not None:
        defaults["model"] = model
    # With an apiKey: OpenClaw's runtime refuses a models.json whose provider has models but no key
    # (then it has no custom model at all: see test_runtime_registry.py).
    local = {**LOCAL_PROVIDER, "apiKey": "sk-local-registry-test"}
    world.config({"models": {"providers": {"local": local}}, "agents": {"defaults": defaults}})
    return world.resolve()


def test_lookup_by_ref_and_by_alias(world: World) -> None:
    registry = configured(world, aliases={"Xiaomi": "xiaomi/mimo-v2-flash", "Local": "local/m1"})
    flash = registry.model("xiaomi/mimo-v2-flash")
    assert flash is not None and flash.name == "Xiaomi MiMo V2 Flash"
    assert registry.model("Xiaomi") == flash
    local = registry.model("Local")
    assert local is not None and local.ref == "local/m1"
    assert registry.model("xiaomi/nope") is None
    assert registry.model("nobody/m1") is None
    assert registry.model("Unknown") is None


@pytest.mark.parametrize("spelling", ["xiaomi", "XIAOMI", " Xiaomi "])
def test_aliases_match_case_insensitively(world: World, spelling: str) -> None:
    # Aliases are names people type; "xiaomi" and "Xiaomi" meaning different models would be a trap.
    registry = configured(world, aliases={"Xiaomi": "xiaomi/mimo-v2-flash"})
    found = registry.model(spelling)
    assert found is not None and found.ref == "xiaomi/mimo-v2-flash"


def test_aliases_are_trimmed(world: World) -> None:
    registry = configured(world, aliases={" Fast ": "xiaomi/mimo-v2-flash"})
    assert dict(registry.aliases) == {"Fast": "xiaomi/mimo-v2-flash"}
    found = registry.model("fast")
    assert found is not None and found.ref == "xiaomi/mimo-v2-flash"


def test_aliases_map_alias_to_ref(world: World) -> None:
    registry = configured(world, aliases={"Xiaomi": "xiaomi/mimo-v2-flash", "Local": "local/m1"})
    assert dict(registry.aliases) == {"Xiaomi": "xiaomi/mimo-v2-flash", "Local": "local/m1"}


def test_primary_defaults_to_claude_opus_without_a_warning(world: World) -> None:
    registry = configured(world)
    assert (registry.default_model, registry.resolved_default) == (
        "anthropic/claude-opus-4-6",
        "anthropic/claude-opus-4-6",
    )
    assert not [w for w in registry.warnings if "primary" in w.message]


def test_a_blank_primary_counts_as_unset(world: World) -> None:
    assert configured(world, model={"primary": "  "}).default_model == "anthropic/claude-opus-4-6"


def test_a_primary_alias_resolves_to_its_ref(world: World) -> None:
    registry = configured(world, model={"primary": "Xiaomi"}, aliases={"Xiaomi": "xiaomi/mimo-v2-flash"})
    assert (registry.default_model, registry.resolved_default) == ("Xiaomi", "xiaomi/mimo-v2-flash")
    assert not [w for w in registry.warnings if "primary" in w.message]


def test_a_primary_without_a_slash_is_an_anthropic_model(world: World) -> None:
    registry = configured(world, model={"primary": "mimo-v2-flash"})
    assert (registry.default_model, registry.resolved_default) == ("mimo-v2-flash", "anthropic/mimo-v2-flash")


def test_fallbacks_keep_their_order_and_spelling(world: World) -> None:
    fallbacks = ["local/m1", "Xiaomi", "xiaomi/mimo-v2-flash"]
    registry = configured(
        world, model={"primary": "local/m1", "fallbacks": fallbacks}, aliases={"Xiaomi": "xiaomi/mimo-v2-flash"}
    )
    assert registry.fallbacks == tuple(fallbacks)
    assert registry.warnings == ()


def test_unknown_primary_and_fallbacks_are_warnings(world: World) -> None:
    registry = configured(world, model={"primary": "ghost/one", "fallbacks": ["local/m1", "ghost/two"]})
    messages = [w.message for w in registry.warnings]
    assert any("primary" in m and "ghost/one" in m for m in messages)
    assert any("fallback" in m and "ghost/two" in m for m in messages)
    assert not any("local/m1" in m for m in messages)
    assert all(w.file == str(world.config_file) for w in registry.warnings)


def test_models_lists_every_model_of_every_provider(world: World) -> None:
    assert sorted(m.ref for m in configured(world).models()) == ["local/m1", "xiaomi/mimo-v2-flash"]


# --- credentials --------------------------------------------------------------------------------


def test_an_env_credential_says_which_variable_and_which_source(world: World) -> None:
    world.write(world.state_dir / ".env", "XIAOMI_API_KEY=sk-from-state-dotenv\n")
    credential = world.resolve().providers["xiaomi"].credential
    assert credential is not None
    assert (credential.source, credential.env_var, credential.value) == (
        "env",
        "XIAOMI_API_KEY",
        "sk-from-state-dotenv",
    )
    assert credential.env_origin is not None and credential.env_origin.source == "state .env"
    assert "XIAOMI_API_KEY" in credential.describe() and "state .env" in credential.describe()


def test_credential_secret_is_a_secret_str(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = "sk-secret-str-value"
    credential = world.resolve().providers["xiaomi"].credential
    assert credential is not None
    assert isinstance(credential.secret, SecretStr)
    assert credential.secret.get_secret_value() == "sk-secret-str-value"
    assert "sk-secret-str-value" not in str(credential.secret)


def test_a_literal_key_in_config_and_one_kept_from_models_json(world: World) -> None:
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "apiKey": "sk-old-literal", "models": []}}})
    world.config({"models": {"providers": {"local": {**LOCAL_PROVIDER, "apiKey": "sk-config-literal"}}}})
    providers = world.resolve().providers
    assert [(p.credential.source, p.credential.value) for p in providers.values() if p.credential] == [
        ("models.json", "sk-old-literal"),
        ("config", "sk-config-literal"),
    ]


def test_an_api_key_naming_an_unset_variable_is_a_warning(world: World) -> None:
    world.config({"models": {"providers": {"local": {**LOCAL_PROVIDER, "apiKey": "LOCAL_KEY"}}}})
    registry = world.resolve()
    assert any("LOCAL_KEY" in w.message for w in registry.warnings)


# --- the seed (issue 2, "done when") ------------------------------------------------------------


def test_the_seed_example_resolves_to_xiaomi(world: World) -> None:
    registry = world.resolve(config_path=EXAMPLES / "seed" / "openclaw.json")
    xiaomi = registry.providers["xiaomi"]
    assert (xiaomi.api, xiaomi.base_url) == ("anthropic-messages", "https://api.xiaomimimo.com/anthropic")
    [flash] = xiaomi.models
    assert (flash.id, flash.context_window, flash.max_tokens) == ("mimo-v2-flash", 262144, 8192)
    assert (registry.default_model, registry.resolved_default) == ("xiaomi/mimo-v2-flash", "xiaomi/mimo-v2-flash")
