"""`registry.credentials(provider)`: the credential the next call uses, and why every other candidate lost.

The rules are OpenClaw 2026.2.9's (`credentials/resolve.py`): auth profiles in their effective order
first (an agent then never looks further), the key variables, the config's apiKey, the AWS SDK.
The clock is fixed (`resolve(now=...)`), so expiry and cooldowns are exact.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config import EffectiveRegistry
from openclaw_config.credentials.collation import locale_key
from openclaw_config.credentials.resolve import CredentialResolution

NOW = 1_750_000_000.0
NOW_MS = NOW * 1000
HOUR = 3_600_000


def key(value: str, provider: str = "openai", **extra: Any) -> dict[str, Any]:
    return {"type": "api_key", "provider": provider, "key": value, **extra}


def token(value: str, provider: str = "anthropic", **extra: Any) -> dict[str, Any]:
    return {"type": "token", "provider": provider, "token": value, **extra}


def oauth(provider: str = "anthropic", **extra: Any) -> dict[str, Any]:
    return {"type": "oauth", "provider": provider, **extra}


def store(world: World, profiles: dict[str, Any], **sections: Any) -> None:
    world.write(world.agent_dir / "auth-profiles.json", {"version": 1, "profiles": profiles, **sections})


def resolved(world: World, provider: str) -> CredentialResolution:
    return world.resolve(now=NOW).credentials(provider)


def used(resolution: CredentialResolution) -> str | None:
    chosen = resolution.credential
    return chosen.name if chosen is not None else None


def statuses(resolution: CredentialResolution) -> dict[str, str]:
    return {c.name: c.status for c in resolution.candidates}


def reason(resolution: CredentialResolution, name: str) -> str:
    return next(c.reason for c in resolution.candidates if c.name == name)


# --- the order of profiles ---------------------------------------------------------------------


def test_without_an_order_oauth_comes_before_token_before_api_key(world: World) -> None:
    store(
        world,
        {
            "anthropic:key": key("sk-ant-key-0000000001", "anthropic"),
            "anthropic:tok": token("tok-ant-000000000001"),
            "anthropic:me": oauth(access="acc-ant-0000000001", refresh="r", expires=NOW_MS + HOUR),
        },
    )
    resolution = resolved(world, "anthropic")
    assert resolution.order.ordered == ("anthropic:me", "anthropic:tok", "anthropic:key")
    assert used(resolution) == "anthropic:me"
    assert resolution.credential is not None and resolution.credential.value == "acc-ant-0000000001"
    assert statuses(resolution)["anthropic:tok"] == "next"


def test_among_profiles_of_one_type_the_least_recently_used_comes_first(world: World) -> None:
    store(
        world,
        {"openai:a": key("sk-a-00000000001"), "openai:b": key("sk-b-00000000002")},
        usageStats={"openai:a": {"lastUsed": NOW_MS - 10}, "openai:b": {"lastUsed": NOW_MS - 1000}},
    )
    assert resolved(world, "openai").order.ordered == ("openai:b", "openai:a")


def test_the_store_order_beats_auth_order_which_beats_store_order_of_profiles(world: World) -> None:
    profiles = {"openai:a": key("sk-a-00000000001"), "openai:b": key("sk-b-00000000002"), "openai:c": key("sk-c-3")}
    world.config({"auth": {"order": {"openai": ["openai:c", "openai:a"]}}})
    store(world, profiles)
    configured = resolved(world, "openai")
    assert (configured.order.basis, configured.order.ordered) == ("auth.order", ("openai:c", "openai:a"))
    assert reason(configured, "openai:b") == "not listed in the config's auth.order"
    store(world, profiles, order={"OpenAI": ["openai:b", "openai:missing"]})
    stored = resolved(world, "openai")
    assert (stored.order.basis, stored.order.ordered) == ("store order", ("openai:b",))
    assert reason(stored, "openai:missing") == "listed, but not in the auth store"
    assert used(stored) == "openai:b"


def test_auth_profiles_in_the_config_limit_the_profiles_tried(world: World) -> None:
    world.config({"auth": {"profiles": {"openai:b": {"provider": "openai", "mode": "api_key"}}}})
    store(world, {"openai:a": key("sk-a-00000000001"), "openai:b": key("sk-b-00000000002")})
    resolution = resolved(world, "openai")
    assert (resolution.order.basis, used(resolution)) == ("auth.profiles", "openai:b")
    assert reason(resolution, "openai:a") == "not listed in the config's auth.profiles"


def test_a_profile_whose_config_entry_disagrees_is_left_out(world: World) -> None:
    world.config(
        {
            "auth": {
                "order": {"anthropic": ["anthropic:a", "anthropic:b", "anthropic:c"]},
                "profiles": {
                    "anthropic:a": {"provider": "openai", "mode": "api_key"},
                    "anthropic:b": {"provider": "anthropic", "mode": "api_key"},
                    "anthropic:c": {"provider": "anthropic", "mode": "oauth"},  # oauth also accepts a token
                },
            }
        }
    )
    store(world, {"anthropic:a": token("tok-a-0000000001"), "anthropic:b": token("tok-b-0000000002"),
                  "anthropic:c": token("tok-c-0000000003")})  # fmt: skip
    resolution = resolved(world, "anthropic")
    assert reason(resolution, "anthropic:a") == "auth.profiles.anthropic:a names provider 'openai'"
    assert "says mode api_key, but the store holds a token profile" in reason(resolution, "anthropic:b")
    assert used(resolution) == "anthropic:c"


@pytest.mark.parametrize(
    ("profile", "why"),
    [
        (key("   "), "holds no key"),
        (token("", "openai"), "holds no token"),
        (token("tok-old-000000001", "openai", expires=NOW_MS - 1), "the token has expired"),
        (oauth("openai", expires=NOW_MS + HOUR), "holds neither an access token nor a refresh token"),
    ],
)
def test_a_profile_without_a_usable_secret_is_left_out_with_the_reason(world: World, profile: Any, why: str) -> None:
    store(world, {"openai:bad": profile})
    resolution = resolved(world, "openai")
    assert resolution.order.ordered == ()
    assert reason(resolution, "openai:bad") == why


# --- cooldowns, disabled periods, lastGood -------------------------------------------------------


def test_a_profile_cooling_down_is_skipped_for_the_next(world: World) -> None:
    store(
        world,
        {"openai:a": key("sk-a-00000000001"), "openai:b": key("sk-b-00000000002")},
        order={"openai": ["openai:a", "openai:b"]},
        usageStats={"openai:a": {"cooldownUntil": NOW_MS + HOUR}},
    )
    resolution = resolved(world, "openai")
    assert resolution.order.ordered == ("openai:b", "openai:a")  # cooling down: tried last
    assert used(resolution) == "openai:b"
    assert "cooling down until" in reason(resolution, "openai:a")


def test_when_every_profile_rests_there_is_no_credential_and_the_variable_is_not_used(world: World) -> None:
    world.env = {"OPENAI_API_KEY": "sk-env-000000000001"}
    store(
        world,
        {"openai:a": key("sk-a-00000000001"), "openai:b": key("sk-b-00000000002")},
        usageStats={
            "openai:a": {"disabledUntil": NOW_MS + 2 * HOUR, "disabledReason": "billing"},
            "openai:b": {"cooldownUntil": NOW_MS + HOUR},
        },
    )
    resolution = resolved(world, "openai")
    assert resolution.credential is None
    assert resolution.order.ordered == ("openai:b", "openai:a")  # the one free soonest first
    assert "disabled (billing)" in reason(resolution, "openai:a")
    assert "cooling down or disabled" in str(resolution.problem)
    assert statuses(resolution)["OPENAI_API_KEY"] == "skipped"
    assert "auth profiles" in reason(resolution, "OPENAI_API_KEY")


def test_a_cooldown_that_ended_no_longer_counts(world: World) -> None:
    store(world, {"openai:a": key("sk-a-00000000001")}, usageStats={"openai:a": {"cooldownUntil": NOW_MS - 1}})
    assert used(resolved(world, "openai")) == "openai:a"


def test_last_good_is_shown_but_does_not_reorder(world: World) -> None:
    store(
        world,
        {"openai:a": key("sk-a-00000000001"), "openai:b": key("sk-b-00000000002")},
        lastGood={"openai": "openai:b"},
    )
    resolution = resolved(world, "openai")
    assert used(resolution) == "openai:a"
    assert "worked last" in reason(resolution, "openai:b")


# --- OAuth ----------------------------------------------------------------------------------------


def test_an_expired_oauth_token_with_a_refresh_token_is_refreshed_on_the_next_call(world: World) -> None:
    store(world, {"anthropic:me": oauth(access="acc-old-00000001", refresh="ref-00000001", expires=NOW_MS - 1)})
    chosen = resolved(world, "anthropic").credential
    assert chosen is not None and chosen.needs_refresh and chosen.value is None
    assert chosen.expiry == "ok"  # a refresh token keeps it usable


@pytest.mark.parametrize(
    ("provider", "profile", "why"),
    [
        ("anthropic", oauth(access="acc-0000000001", expires=NOW_MS - 1), "holds no refresh token"),
        ("xiaomi", oauth("xiaomi", access="a", refresh="r", expires=NOW_MS - 1), "cannot refresh tokens"),
    ],
)
def test_an_expired_oauth_token_that_cannot_be_refreshed_is_skipped(
    world: World, provider: str, profile: Any, why: str
) -> None:
    store(world, {f"{provider}:me": profile})
    resolution = resolved(world, provider)
    assert resolution.credential is None and why in reason(resolution, f"{provider}:me")


def test_some_oauth_providers_send_the_token_with_its_project(world: World) -> None:
    store(world, {"g:me": oauth("google-gemini-cli", access="acc-g-0001", projectId="proj-1", expires=NOW_MS + HOUR)})
    chosen = resolved(world, "google-gemini-cli").credential
    assert chosen is not None and json.loads(str(chosen.value)) == {"token": "acc-g-0001", "projectId": "proj-1"}


# --- variables, the config's apiKey, keys that are not keys -------------------------------------------


def test_the_first_key_variable_that_is_set_wins(world: World) -> None:
    world.env = {"ANTHROPIC_OAUTH_TOKEN": "sk-oauth-00000000001", "ANTHROPIC_API_KEY": "sk-api-000000000001"}
    resolution = resolved(world, "anthropic")
    chosen = resolution.credential
    assert chosen is not None and (chosen.name, chosen.mode, chosen.source) == (
        "ANTHROPIC_OAUTH_TOKEN",
        "oauth",
        "env: ANTHROPIC_OAUTH_TOKEN",
    )
    assert reason(resolution, "ANTHROPIC_API_KEY") == "set, but not used: ANTHROPIC_OAUTH_TOKEN comes first"


def test_z_ai_api_key_counts_as_zai_api_key(world: World) -> None:
    world.env = {"Z_AI_API_KEY": "zai-key-00000000001"}
    chosen = resolved(world, "z.ai").credential
    assert chosen is not None and chosen.name == "ZAI_API_KEY" and chosen.from_variable == "Z_AI_API_KEY"
    assert "copies Z_AI_API_KEY" in chosen.reason


def test_a_credential_in_the_workspace_env_file_is_not_used(world: World) -> None:
    world.write(world.cwd / ".env", "OPENAI_API_KEY=sk-workspace-00000001\n")
    resolution = resolved(world, "openai")
    assert resolution.credential is None
    assert "workspace .env is ignored" in reason(resolution, "OPENAI_API_KEY")


def test_the_config_api_key_comes_after_the_variables(world: World) -> None:
    block = {**LOCAL_PROVIDER, "apiKey": "sk-literal-00000001"}
    world.config({"models": {"providers": {"openai": block}}})
    assert used(resolved(world, "openai")) == "models.providers.openai.apiKey"
    world.env = {"OPENAI_API_KEY": "sk-env-000000000001"}
    resolution = resolved(world, "openai")
    assert used(resolution) == "OPENAI_API_KEY"
    assert reason(resolution, "models.providers.openai.apiKey") == "set, but not used: OPENAI_API_KEY comes first"


def test_an_api_key_written_as_a_variable_reference_sends_the_value(world: World) -> None:
    world.env = {"GATEWAY_TOKEN": "sk-gateway-0000001"}
    world.config({"models": {"providers": {"gw": {**LOCAL_PROVIDER, "apiKey": "${GATEWAY_TOKEN}"}}}})
    registry = world.resolve(now=NOW)
    assert registry.providers["gw"].raw["apiKey"] == "GATEWAY_TOKEN"  # models.json keeps the name
    chosen = registry.credentials("gw").credential
    assert chosen is not None and chosen.value == "sk-gateway-0000001" and not chosen.plain


def test_a_name_written_literally_is_sent_as_it_is(world: World) -> None:
    world.config({"models": {"providers": {"gw": {**LOCAL_PROVIDER, "apiKey": "GW_KEY"}}}})
    chosen = resolved(world, "gw").credential
    assert chosen is not None and chosen.value == "GW_KEY" and chosen.plain  # a name: printed as it is


def test_aws_sdk_auth_and_bedrock(world: World) -> None:
    world.env = {"AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "AKIA00000000", "AWS_SECRET_ACCESS_KEY": "s"}
    world.config({"models": {"providers": {"bedrock-gw": {**LOCAL_PROVIDER, "auth": "aws-sdk"}}}})
    registry = world.resolve(now=NOW)
    for provider in ("bedrock-gw", "amazon-bedrock"):
        chosen = registry.credentials(provider).credential
        assert chosen is not None and (chosen.kind, chosen.mode) == ("aws-sdk", "aws-sdk")
        assert chosen.name == "env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY"
        assert registry.credentials(provider).secrets == []


def test_google_vertex_uses_application_default_credentials(world: World) -> None:
    world.env = {"GOOGLE_CLOUD_PROJECT": "p", "GOOGLE_CLOUD_LOCATION": "us", "HOME": str(world.home)}
    assert resolved(world, "google-vertex").credential is None
    world.write(world.home / ".config" / "gcloud" / "application_default_credentials.json", "{}")
    chosen = resolved(world, "google-vertex").credential
    assert chosen is not None and chosen.source == "gcloud adc" and chosen.plain


def test_no_credential_lists_everything_checked(world: World) -> None:
    resolution = resolved(world, "groq")
    assert resolution.credential is None and "groq" in str(resolution.problem)
    assert [(c.kind, c.name, c.reason) for c in resolution.candidates] == [
        ("env", "GROQ_API_KEY", "not set"),
        ("config", "models.providers.groq.apiKey", "the config sets no apiKey for the provider"),
    ]


def test_a_candidate_never_shows_its_secret_in_its_repr(world: World) -> None:
    secret = "sk-CANARY-repr-000000001"
    store(world, {"openai:a": key(secret)})
    resolution = resolved(world, "openai")
    assert resolution.credential is not None and resolution.credential.value == secret
    assert secret not in repr(resolution) and secret not in str(resolution)


def test_credentials_need_a_registry_made_by_resolve(world: World) -> None:
    import dataclasses

    registry: EffectiveRegistry = dataclasses.replace(world.resolve(), _auth=None)
    with pytest.raises(ValueError, match="not made by resolve"):
        registry.credentials("openai")


def test_ids_sort_as_javascript_locale_compare_does() -> None:
    ids = ["openai", "OpenAI", "open-ai", "open_ai", "open.ai", "open1", "Anthropic", "anthropic", "z.ai", "a"]
    assert sorted(ids, key=locale_key) == [
        "a", "anthropic", "Anthropic", "open_ai", "open-ai", "open.ai", "open1", "openai", "OpenAI", "z.ai",
    ]  # fmt: skip
