"""`status [--json] [--plain] [--check]`: the auth overview, its exit codes, and its secrets.

Canary secrets are planted in every place a credential can be (process, state .env, config env,
literal apiKey, api_key/token/OAuth profiles, models.json); no command prints one unless `--reveal`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from world import LOCAL_PROVIDER, CliResult, World

from openclaw_config.outputs.redact import redact

Cli = Callable[..., CliResult]
HOUR = 3_600_000
FAR = 4_102_444_800_000  # 2100-01-01

CANARIES = {
    "process": "sk-CANARY-status-process-01",
    "state_env": "sk-CANARY-status-stateenv-2",
    "config_env": "sk-CANARY-status-config-003",
    "literal": "sk-CANARY-status-literal-04",
    "api_key_profile": "sk-CANARY-status-apikey-005",
    "token_profile": "sk-CANARY-status-token-0006",
    "oauth_access": "sk-CANARY-status-access-007",
    "oauth_refresh": "sk-CANARY-status-refresh-08",
    "models_json": "sk-CANARY-status-modelsj-09",
}


def now_ms() -> float:
    return time.time() * 1000


def plant(world: World) -> None:
    world.env = {"ANTHROPIC_API_KEY": CANARIES["process"]}
    world.write(world.state_dir / ".env", f"OPENAI_API_KEY={CANARIES['state_env']}\n")
    world.config(
        {
            "env": {"GROQ_API_KEY": CANARIES["config_env"]},
            "agents": {"defaults": {"model": {"primary": "gw/m1", "fallbacks": ["openai/gpt-5.2", "groq/x"]}}},
            "models": {"providers": {"gw": {**LOCAL_PROVIDER, "apiKey": CANARIES["literal"]}}},
        }
    )
    profiles = {
        "openai:work": {"type": "api_key", "provider": "openai", "key": CANARIES["api_key_profile"]},
        "anthropic:tok": {"type": "token", "provider": "anthropic", "token": CANARIES["token_profile"], "expires": FAR},
        "anthropic:me": {"type": "oauth", "provider": "anthropic", "access": CANARIES["oauth_access"],
                         "refresh": CANARIES["oauth_refresh"], "expires": FAR, "email": "me@example.com"},
    }  # fmt: skip
    world.write(world.agent_dir / "auth-profiles.json", {"version": 1, "profiles": profiles})
    world.models_json({"providers": {"kept": {**LOCAL_PROVIDER, "apiKey": CANARIES["models_json"]}}})


def assert_no_canary(text: str) -> None:
    assert [name for name, secret in CANARIES.items() if secret in text] == []


@pytest.mark.parametrize(
    "command",
    [
        ["status"], ["status", "--json"], ["status", "--plain"], ["status", "--check"], ["status", "--json", "--check"],
        ["show"], ["show", "--json"], ["show", "--explain"], ["show", "--explain", "--json"], ["models-json"],
    ],
)  # fmt: skip
def test_no_command_prints_a_secret_unasked(world: World, cli: Cli, command: list[str]) -> None:
    plant(world)
    result = cli(*command)
    assert result.code in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert_no_canary(result.stdout + result.stderr)


def test_reveal_prints_the_keys(world: World, cli: Cli) -> None:
    plant(world)
    revealed = cli("models-json", "--reveal").stdout
    assert CANARIES["literal"] in revealed and CANARIES["models_json"] in revealed
    status = cli("status", "--json", "--reveal").stdout
    assert CANARIES["api_key_profile"] in status and CANARIES["literal"] in status


def test_models_json_redacts_literal_and_profile_keys_but_not_names(world: World, cli: Cli) -> None:
    plant(world)
    world.env["XIAOMI_API_KEY"] = "sk-CANARY-status-xiaomi-010"
    world.config({"models": {"providers": {
        "gw": {**LOCAL_PROVIDER, "apiKey": CANARIES["literal"],
               "headers": {"Authorization": f"Bearer {CANARIES['literal']}", "X-Team": "blue"}},
        "xiaomi": {**LOCAL_PROVIDER, "apiKey": "XIAOMI_API_KEY"},
        "local": {**LOCAL_PROVIDER, "apiKey": "LOCAL_KEY"},
    }}})  # fmt: skip
    providers = json.loads(cli("models-json").stdout)["providers"]
    assert providers["gw"]["apiKey"] == redact(CANARIES["literal"])
    assert providers["gw"]["headers"] == {"Authorization": redact(f"Bearer {CANARIES['literal']}"), "X-Team": "blue"}
    assert providers["kept"]["apiKey"] == redact(CANARIES["models_json"])
    assert (providers["xiaomi"]["apiKey"], providers["local"]["apiKey"]) == ("XIAOMI_API_KEY", "LOCAL_KEY")


def test_the_json_document_has_openclaws_keys(world: World, cli: Cli) -> None:
    plant(world)
    document = json.loads(cli("status", "--json").stdout)
    assert {"configPath", "agentDir", "defaultModel", "resolvedDefault", "fallbacks", "imageModel", "imageFallbacks",
            "aliases", "allowed", "auth"} <= set(document)  # fmt: skip
    auth = document["auth"]
    assert set(auth) >= {"storePath", "shellEnvFallback", "providersWithOAuth", "missingProvidersInUse", "providers",
                         "unusableProfiles", "oauth"}  # fmt: skip
    by_provider = {p["provider"]: p for p in auth["providers"]}
    assert by_provider["anthropic"]["effective"]["kind"] == "profiles"
    assert by_provider["anthropic"]["profiles"]["labels"] == [
        f"anthropic:tok=token:{redact(CANARIES['token_profile'])}",
        "anthropic:me=OAuth (me@example.com)",
    ]
    assert by_provider["anthropic"]["env"] == {"value": redact(CANARIES["process"]), "source": "env: ANTHROPIC_API_KEY"}
    assert by_provider["gw"]["effective"] == {"kind": "models.json", "detail": redact(CANARIES["literal"])}
    assert by_provider["groq"]["effective"]["kind"] == "env"  # the config env block counts
    assert auth["providersWithOAuth"] == ["anthropic (2)"]
    assert auth["missingProvidersInUse"] == []
    credential = document["credentials"]["anthropic"]["credential"]
    assert (credential["name"], credential["status"]) == ("anthropic:me", "used")


def profiles_expiring_at(world: World, expires: float | None, refresh: bool = False) -> None:
    profile: dict[str, Any] = {"type": "token", "provider": "anthropic", "token": "tok-000000000001"}
    if refresh:
        profile = {"type": "oauth", "provider": "anthropic", "access": "a", "refresh": "r"}
    if expires is not None:
        profile["expires"] = expires
    world.env = {"OPENAI_API_KEY": "sk-openai-00000000001"}
    world.config({"agents": {"defaults": {"model": {"primary": "openai/gpt-5.2"}}}})
    world.write(world.agent_dir / "auth-profiles.json", {"version": 1, "profiles": {"anthropic:p": profile}})


@pytest.mark.parametrize(
    ("expires", "refresh", "code"),
    [
        (FAR, False, 0),  # ok
        (None, False, 0),  # a token without an expiry is static
        (2 * HOUR, False, 2),  # expiring within a day
        (-HOUR, False, 1),  # expired
        (-HOUR, True, 0),  # expired, but a refresh token renews it
        (None, True, 1),  # OAuth without an expiry: unknown counts as expired
    ],
)
def test_check_exit_codes(world: World, cli: Cli, expires: float | None, refresh: bool, code: int) -> None:
    absolute = None if expires is None else (expires if expires == FAR else now_ms() + expires)
    profiles_expiring_at(world, absolute, refresh)
    assert cli("status", "--check").code == code
    assert cli("status", "--json", "--check").code == code
    assert cli("status", "--plain", "--check").code == code
    assert cli("status").code == 0  # without --check, status only reports


def test_check_fails_when_a_provider_in_use_has_no_credential(world: World, cli: Cli) -> None:
    world.config({"agents": {"defaults": {"model": {"primary": "openai/gpt-5.2", "fallbacks": ["groq/x"]}}}})
    world.env = {"OPENAI_API_KEY": "sk-openai-00000000001"}
    result = cli("status", "--check")
    assert result.code == 1
    assert "Missing auth" in result.stdout and "groq" in result.stdout and "GROQ_API_KEY" in result.stdout
    assert json.loads(cli("status", "--json").stdout)["auth"]["missingProvidersInUse"] == ["groq"]


def test_plain_prints_the_resolved_default(world: World, cli: Cli) -> None:
    world.config({"agents": {"defaults": {"model": {"primary": "Fast"}, "models": {"groq/llama": {"alias": "fast"}}}}})
    assert cli("status", "--plain").stdout == "groq/llama\n"


def test_json_and_plain_exclude_each_other(world: World, cli: Cli) -> None:
    assert cli("status", "--json", "--plain").code == 2


def test_the_text_shows_each_provider_and_its_next_credential(world: World, cli: Cli) -> None:
    plant(world)
    world.write(
        world.agent_dir / "auth-profiles.json",
        {
            "version": 1,
            "profiles": {"openai:a": {"type": "api_key", "provider": "openai", "key": CANARIES["api_key_profile"]}},
            "usageStats": {"openai:a": {"cooldownUntil": FAR}},
        },
    )
    text = cli("status").stdout
    assert f"Config          {world.config_file}".replace(str(world.home), "~") in text
    assert "Default model   gw/m1" in text
    assert f"next call  apiKey  {redact(CANARIES['literal'])}" in text
    assert f"openai:a={redact(CANARIES['api_key_profile'])} [cooldown " in text
    assert "next call  none: every auth profile of openai is cooling down" in text
    assert "(no OAuth or token profiles)" in text


def test_a_configuration_error_exits_1_with_the_message(world: World, cli: Cli) -> None:
    world.config("{ models: { mode: 'sideways' } }")
    for command in (["status"], ["status", "--json"], ["status", "--check"]):
        result = cli(*command)
        assert result.code == 1
        if "--json" in command:  # the errors as JSON objects, as `validate --format json` prints them
            [error] = json.loads(result.stdout)["errors"]
            assert (error["file"], error["line"], error["path"]) == (str(world.config_file), 1, "models.mode")
        else:
            assert result.stdout == ""
        assert "~/.openclaw/openclaw.json:1:" in result.stderr and "Traceback" not in result.stderr


def test_models_json_write_writes_the_key_but_prints_it_redacted(world: World, cli: Cli) -> None:
    plant(world)
    result = cli("models-json", "--write")
    assert result.code == 0, result.stderr
    assert_no_canary(result.stdout + result.stderr)
    written = json.loads((world.agent_dir / "models.json").read_text(encoding="utf-8"))
    assert written["providers"]["gw"]["apiKey"] == CANARIES["literal"]
