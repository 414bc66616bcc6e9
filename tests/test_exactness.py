"""Issue 16: one case per rule of OpenClaw 2026.2.9 that differential testing found the engine missing.

Each case is the smallest config that shows the rule, built in a throwaway home (see `world`).
"""

from __future__ import annotations

from typing import Any

from world import World

URL = "http://x.example/v1"


def models_of(world: World) -> dict[str, Any]:
    document = world.resolve().to_models_json()
    assert document is not None
    providers: dict[str, Any] = document["providers"]
    return providers


def foo(**fields: Any) -> dict[str, Any]:
    return {"baseUrl": URL, "models": [{"id": "m1", "name": "M1"}], **fields}


# --- apiKey normalization ----------------------------------------------------------------------


def test_api_keys_are_trimmed(world: World) -> None:
    world.config({"models": {"providers": {"foo": foo(apiKey=" sk-lit-1 ")}}})
    assert models_of(world)["foo"]["apiKey"] == "sk-lit-1"


def test_an_escaped_reference_becomes_the_marker_of_its_name(world: World) -> None:
    world.config({"models": {"providers": {"foo": foo(apiKey="$${GW_TOKEN}"), "bar": foo(apiKey="${1ABC}")}}})
    written = models_of(world)
    assert (written["foo"]["apiKey"], written["bar"]["apiKey"]) == ("GW_TOKEN", "1ABC")


def test_a_padded_reference_is_kept_as_the_name_never_the_secret(world: World) -> None:
    world.env["GW_TOKEN"] = "sk-gateway-secret"
    world.config({"models": {"providers": {"foo": foo(apiKey=" ${GW_TOKEN} ")}}})
    assert models_of(world)["foo"]["apiKey"] == "GW_TOKEN"


def test_an_aws_sdk_provider_gets_the_aws_variable_that_is_set(world: World) -> None:
    world.config({"models": {"providers": {"amazon-bedrock": foo(), "mine": foo(auth="aws-sdk")}}})
    assert models_of(world)["amazon-bedrock"]["apiKey"] == "AWS_PROFILE"
    world.env |= {"AWS_ACCESS_KEY_ID": "AKIA1", "AWS_SECRET_ACCESS_KEY": "s3cr3t"}
    assert models_of(world)["mine"]["apiKey"] == "AWS_ACCESS_KEY_ID"


def test_the_first_key_profile_is_used_even_when_empty_or_expired(world: World) -> None:
    world.auth_store(
        {
            "groq:empty": {"type": "api_key", "provider": "groq", "key": ""},
            "groq:full": {"type": "api_key", "provider": "groq", "key": "sk-groq-2"},
            "openai:old": {"type": "token", "provider": "openai", "token": "tok-old", "expires": 1000},
            "openai:new": {"type": "token", "provider": "openai", "token": "tok-new"},
        }
    )
    world.config({"models": {"providers": {"groq": foo(), "openai": foo()}}})
    written = models_of(world)
    assert "apiKey" not in written["groq"]
    assert written["openai"]["apiKey"] == "tok-old"


# --- providers and models.json -----------------------------------------------------------------


def test_providers_kept_from_models_json_are_normalized(world: World) -> None:
    world.env["OPENAI_API_KEY"] = "sk-oa-1"
    world.models_json(
        {
            "providers": {
                "openai": {"baseUrl": URL, "models": [{"id": "m1", "name": "M1"}]},
                "old": {"baseUrl": URL, "apiKey": " ${OLD_KEY} ", "models": []},
            }
        }
    )
    world.config({"models": {"providers": {"foo": foo(apiKey="FOO_KEY")}}})
    written = models_of(world)
    assert (written["openai"]["apiKey"], written["old"]["apiKey"]) == ("OPENAI_API_KEY", "OLD_KEY")


def test_google_gemini_3_ids_are_renamed_preview(world: World) -> None:
    models = [{"id": "gemini-3-pro", "name": "P"}, {"id": "gemini-3-flash", "name": "F"}, {"id": "x", "name": "X"}]
    world.config({"models": {"providers": {"google": {"baseUrl": URL, "models": models}}}})
    ids = [m["id"] for m in models_of(world)["google"]["models"]]
    assert ids == ["gemini-3-pro-preview", "gemini-3-flash-preview", "x"]


def test_provider_keys_equal_after_trimming_merge_and_a_blank_one_is_skipped(world: World) -> None:
    second = {
        "baseUrl": "http://y.example",
        "api": "openai-completions",
        "models": [{"id": " m1", "name": "Again"}, {"id": "m2", "name": "M2"}],
    }
    world.config({"models": {"providers": {"foo": foo(apiKey="K"), " foo": second, " ": foo(apiKey="K")}}})
    written = models_of(world)
    assert list(written) == ["foo"]
    assert (written["foo"]["baseUrl"], written["foo"]["api"]) == ("http://y.example", "openai-completions")
    assert [m["name"] for m in written["foo"]["models"]] == ["Again", "M2"]  # m1 matched by trimmed id


def test_replace_mode_with_nothing_produced_keeps_the_old_models_json_in_effect(world: World) -> None:
    world.models_json({"providers": {"old": {"baseUrl": URL, "apiKey": "OLD_KEY", "models": []}}})
    world.config({"models": {"mode": "replace"}})
    registry = world.resolve()
    assert registry.to_models_json() is None  # OpenClaw writes nothing...
    assert registry.providers["old"].origin == "models.json"  # ...so the runtime keeps the old file
    assert any("stays in effect" in w.message for w in registry.warnings)


# --- environment and locations -----------------------------------------------------------------


def test_a_blank_process_variable_stops_a_lower_dotenv(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = ""
    world.write(world.state_dir / ".env", "XIAOMI_API_KEY=sk-xm-dotenv\n")
    assert world.resolve().to_models_json() is None


def test_openclaw_agent_dir_from_the_state_dotenv_moves_the_agent_dir(world: World) -> None:
    world.write(world.state_dir / ".env", "OPENCLAW_AGENT_DIR=~/agent-env\n")
    world.write(world.home / "agent-env" / "auth-profiles.json", {"version": 1, "profiles": {
        "xiaomi:default": {"type": "api_key", "provider": "xiaomi", "key": "sk-prof-1"}}})  # fmt: skip
    registry = world.resolve()
    assert registry.agent_dir == world.home / "agent-env"
    assert models_of(world)["xiaomi"]["apiKey"] == "sk-prof-1"


def test_z_ai_api_key_is_copied_into_zai_api_key(world: World) -> None:
    world.env["Z_AI_API_KEY"] = "sk-zai-1"
    world.config({"models": {"providers": {"zai": foo()}}})
    registry = world.resolve()
    assert models_of(world)["zai"]["apiKey"] == "ZAI_API_KEY"
    assert registry.providers["zai"].credential is not None
    assert registry.providers["zai"].credential.value == "sk-zai-1"


def test_dotenv_is_read_with_node_dotenv_syntax(world: World) -> None:
    world.write(world.state_dir / ".env", "XIAOMI_API_KEY: sk-xm-colon\nFOO_HOST=`gw`#frag\n")
    world.config({"models": {"providers": {"foo": foo(baseUrl="http://${FOO_HOST}/v1", apiKey="K")}}})
    registry = world.resolve()
    assert registry.providers["foo"].base_url == "http://gw/v1"
    assert models_of(world)["xiaomi"]["apiKey"] == "XIAOMI_API_KEY"


# --- model references and aliases --------------------------------------------------------------


def test_built_in_aliases_are_added_for_listed_targets_without_one(world: World) -> None:
    listed = {"anthropic/claude-sonnet-4-5": {}, "openai/gpt-5.2": {"alias": "mine"}, "openai/gpt-5-mini": {}}
    world.config({"agents": {"defaults": {"models": listed}}})
    aliases = world.resolve().aliases
    assert aliases == {
        "sonnet": "anthropic/claude-sonnet-4-5",
        "mine": "openai/gpt-5.2",
        "gpt-mini": "openai/gpt-5-mini",
    }


def test_refs_are_normalized_as_openclaw_reads_them(world: World) -> None:
    def resolved(primary: str, models: dict[str, Any] | None = None) -> str:
        world.config({"agents": {"defaults": {"model": {"primary": primary}, "models": models or {}}}})
        return world.resolve().resolved_default

    assert resolved("Anthropic/opus-4.6") == "anthropic/claude-opus-4-6"
    assert resolved(" Z.AI / glm-4.7 ") == "zai/glm-4.7"
    assert resolved("google/gemini-3-flash") == "google/gemini-3-flash-preview"
    assert resolved("anthropic/") == "anthropic/claude-opus-4-6"  # an empty part: the default
    assert resolved("opus-4.6") == "anthropic/opus-4.6"  # a bare id is taken as written
    assert resolved("Fast", {"opus-4.5": {"alias": "fast"}}) == "anthropic/claude-opus-4-5"  # alias target parsed


# --- schema ------------------------------------------------------------------------------------


def test_token_counts_take_any_positive_number(world: World) -> None:
    models = [{"id": "m1", "name": "M1", "contextWindow": 1e5}, {"id": "m2", "name": "M2", "maxTokens": 1500.5}]
    world.config({"models": {"providers": {"foo": {"baseUrl": URL, "apiKey": "K", "models": models}}}})
    written = models_of(world)["foo"]["models"]
    assert (written[0]["contextWindow"], written[1]["maxTokens"]) == (100000, 1500.5)
    assert isinstance(written[0]["contextWindow"], int)  # written as JavaScript does: 100000, not 100000.0


def test_an_empty_include_list_merges_nothing(world: World) -> None:
    world.config({"models": {"$include": [], "mode": "replace"}})
    assert world.resolve().config["models"] == {"mode": "replace"}


def test_an_include_path_is_normalized_before_the_file_system_is_asked(world: World) -> None:
    world.write(world.state_dir / "x.json5", {"mode": "replace"})
    world.config({"models": {"$include": "./conf/../x.json5"}})
    assert world.resolve().config["models"] == {"mode": "replace"}


def test_an_auth_store_with_a_bom_counts_for_nothing_and_says_why(world: World) -> None:
    profile = b'{"type": "api_key", "provider": "xiaomi", "key": "sk-p"}'
    store = b'\xef\xbb\xbf{"version": 1, "profiles": {"xiaomi:default": ' + profile + b"}}"
    path = world.write(world.agent_dir / "auth-profiles.json", store)
    registry = world.resolve()
    assert registry.to_models_json() is None
    assert any(w.file == str(path) and "byte-order mark" in w.message for w in registry.warnings)
    from openclaw_config.validation import validate_file

    [problem] = validate_file(path)
    assert "OpenClaw cannot read this file" in problem.message


def test_legacy_locations_are_read_with_a_warning(world: World) -> None:
    world.write(world.state_dir / "clawdbot.json", {"env": {"XIAOMI_API_KEY": "sk-legacy"}})
    registry = world.resolve()
    assert registry.config_path == world.state_dir / "clawdbot.json"
    assert "xiaomi" in models_of(world)
    assert any("legacy" in w.message and "later releases drop" in w.message for w in registry.warnings)
    world.write(world.home / ".clawdbot" / "openclaw.json", {})
    (world.state_dir / "clawdbot.json").unlink()
    world.state_dir.rmdir()
    assert world.resolve().config_path == world.home / ".clawdbot" / "openclaw.json"


def test_sections_openclaw_validates_are_validated(world: World) -> None:
    world.config({"logging": {"level": "loud"}, "update": {"channel": "nightly"}})
    paths = sorted(p.config_path for p in world.error().problems)
    assert paths == ["logging.level", "update.channel"]
    world.config({"logging": {"level": "debug", "consoleStyle": "json"}, "update": {"checkOnStart": False}})
    assert world.resolve().config["logging"]["level"] == "debug"


def test_models_json_is_written_byte_for_byte_as_openclaw_writes_it(world: World) -> None:
    from openclaw_config.outputs.models_json import render_models_json

    world.config({"models": {"providers": {"foo": {"models": [{"name": "M1", "id": "m1"}], "baseUrl": URL}}}})
    document = world.resolve().to_models_json()
    assert document is not None
    assert render_models_json(document) == (
        '{\n  "providers": {\n    "foo": {\n      "baseUrl": "http://x.example/v1",\n      "models": [\n'
        '        {\n          "id": "m1",\n          "name": "M1",\n          "reasoning": false,\n'
        '          "input": [\n            "text"\n          ],\n          "cost": {\n            "input": 0,\n'
        '            "output": 0,\n            "cacheRead": 0,\n            "cacheWrite": 0\n          },\n'
        '          "contextWindow": 200000,\n          "maxTokens": 8192\n        }\n      ]\n    }\n  }\n}\n'
    )


def test_a_legacy_auth_json_is_read_when_the_store_is_missing_and_nothing_is_changed(world: World) -> None:
    legacy = world.agent_dir / "auth.json"
    world.write(legacy, {"xiaomi": {"type": "api_key", "key": "sk-legacy-0123456789abcdef"}, "bad": {"type": "x"}})
    registry = world.resolve()
    credential = registry.providers["xiaomi"].credential
    assert credential is not None and credential.profile_id == "xiaomi:default"
    [warning] = [w for w in registry.warnings if "legacy auth.json" in w.message]
    assert warning.file == str(legacy) and "later releases" in warning.message
    assert legacy.exists() and not (world.agent_dir / "auth-profiles.json").exists()
    world.auth_store({})  # a readable store, even an empty one, wins: the legacy file is not read
    assert "xiaomi" not in world.resolve().providers
