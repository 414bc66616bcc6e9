"""Canary secrets: placed in every place a key can come from, they must never be printed by `show`,
`show --json`, warnings or error messages, unless the user asks with `--reveal`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from world import CliResult, World

Cli = Callable[..., CliResult]


def canary(label: str) -> str:
    # The redacted form keeps 4 leading and 2 trailing characters: the label in the middle must vanish.
    return f"sk-canary-{label}-5f1e0c9d-xyz"


def secret_part(secret: str) -> str:
    return secret[4:-2]


PROCESS = canary("process-env")
STATE_DOTENV = canary("state-dotenv")
CONFIG_ENV = canary("config-env")
PROFILE_KEY = canary("profile-key")
PROFILE_TOKEN = canary("profile-token")
LITERAL = canary("literal-apikey")
EXISTING = canary("existing-models-json")
#: Present but never used: they must not appear even with --reveal.
WORKSPACE = canary("workspace-dotenv")
EXPIRED = canary("expired-token")
UNRELATED = canary("unrelated-process-var")

USED = [PROCESS, STATE_DOTENV, CONFIG_ENV, PROFILE_KEY, PROFILE_TOKEN, LITERAL, EXISTING]
EVERY = [*USED, WORKSPACE, EXPIRED, UNRELATED]


def model(model_id: str = "m1") -> list[dict[str, Any]]:
    return [{"id": model_id, "name": model_id.upper()}]


def plant_canaries(world: World) -> None:
    """Every kind of credential source, each holding its own canary."""
    world.env |= {"XIAOMI_API_KEY": PROCESS, "SOME_PASSWORD": UNRELATED}
    world.write(world.state_dir / ".env", f"OPENAI_API_KEY={STATE_DOTENV}\n")
    world.write(world.cwd / ".env", f"ANTHROPIC_API_KEY={WORKSPACE}\n")
    world.auth_store(
        {
            "mistral:default": {"type": "api_key", "provider": "mistral", "key": PROFILE_KEY},
            # OpenClaw fills a missing apiKey from the first token profile only: the second is never used
            "moonshot:new": {"type": "token", "provider": "moonshot", "token": PROFILE_TOKEN},
            "moonshot:old": {"type": "token", "provider": "moonshot", "token": EXPIRED, "expires": 1},
        }
    )
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "apiKey": EXISTING, "models": model("legacy")}}})
    url = "http://localhost:4000/v1"
    world.config(
        {
            "env": {"GROQ_API_KEY": CONFIG_ENV},
            "models": {
                "providers": {
                    name: {"baseUrl": url, "models": model()} for name in ("openai", "groq", "mistral", "moonshot")
                }
                | {"local": {"baseUrl": url, "apiKey": LITERAL, "models": model()}}
            },
            "agents": {"defaults": {"model": {"primary": "ghost/none", "fallbacks": ["local/m1", "gone/x"]}}},
        }
    )


def assert_no_canary(text: str) -> None:
    for secret in EVERY:
        assert secret_part(secret) not in text, f"{secret} leaked"


def test_the_canaries_are_all_in_use(world: World) -> None:
    plant_canaries(world)
    registry = world.resolve()
    values = {p.credential.value for p in registry.providers.values() if p.credential}
    assert values == set(USED)
    assert registry.warnings  # there is something for the warnings to leak


@pytest.mark.parametrize("command", [["show"], ["show", "--json"]])
def test_show_never_prints_a_secret(world: World, cli: Cli, command: list[str]) -> None:
    plant_canaries(world)
    result = cli(*command)
    assert result.code == 0, result.stderr
    assert_no_canary(result.stdout + result.stderr)


@pytest.mark.parametrize("command", [["show", "--reveal"], ["show", "--json", "--reveal"]])
def test_reveal_shows_the_secrets_in_use_and_nothing_else(world: World, cli: Cli, command: list[str]) -> None:
    plant_canaries(world)
    result = cli(*command)
    assert result.code == 0, result.stderr
    for secret in USED:
        assert secret in result.stdout
    for unused in (WORKSPACE, EXPIRED, UNRELATED):
        assert secret_part(unused) not in result.stdout


def test_show_json_reveal_puts_each_secret_with_its_provider(world: World, cli: Cli) -> None:
    plant_canaries(world)
    providers = json.loads(cli("show", "--json", "--reveal").stdout)["providers"]
    values = {pid: p["credential"]["value"] for pid, p in providers.items() if p["credential"]}
    assert values == {
        "xiaomi": PROCESS, "openai": STATE_DOTENV, "groq": CONFIG_ENV, "mistral": PROFILE_KEY,
        "moonshot": PROFILE_TOKEN, "local": LITERAL, "old": EXISTING,
    }  # fmt: skip


def test_warnings_and_reprs_never_hold_a_secret(world: World) -> None:
    plant_canaries(world)
    registry = world.resolve()
    assert_no_canary("\n".join(str(w) for w in registry.warnings))
    assert_no_canary(repr(registry.warnings))
    assert_no_canary(repr(registry))
    assert_no_canary(str(registry))
    for provider in registry.providers.values():
        assert_no_canary(repr(provider))
        assert_no_canary(repr(provider.credential))
        if provider.credential is not None:
            assert_no_canary(str(provider.credential.secret))
            assert_no_canary(provider.credential.redacted)
    assert_no_canary(json.dumps(registry.to_dict()))


def test_a_secret_in_a_warning_text_is_redacted(world: World, cli: Cli) -> None:
    # An apiKey that looks like a variable name but is not set is a literal key: the warning about it
    # names it, so the printed warning must be redacted.
    secret = "SK_CANARY_UPPERCASE_LITERAL_KEY_99"
    world.config({"models": {"providers": {"local": {"baseUrl": "http://x", "apiKey": secret, "models": model()}}}})
    assert any(secret in w.message for w in world.resolve().warnings)
    for command in (["show"], ["show", "--json"]):
        assert secret not in cli(*command).stdout
    assert secret in cli("show", "--reveal").stdout


ERRORS_WITH_CANARIES: dict[str, Any] = {
    "secret substituted into an enum field": {
        "models": {"providers": {"foo": {"baseUrl": "http://x", "api": "${XIAOMI_API_KEY}", "models": model()}}}
    },
    "secret substituted into a number field": {
        "models": {
            "providers": {
                "foo": {
                    "baseUrl": "http://x",
                    "models": [{"id": "m", "name": "M", "contextWindow": "${XIAOMI_API_KEY}"}],
                }
            }
        }
    },
    "literal secret in the auth field": {
        "models": {"providers": {"foo": {"baseUrl": "http://x", "auth": LITERAL, "models": model()}}}
    },
    "secret under a misspelt key": {
        "models": {"providers": {"foo": {"baseUrl": "http://x", "apikey": LITERAL, "models": model()}}}
    },
    "missing variable beside secrets": {
        "models": {
            "providers": {"foo": {"baseUrl": "${NOT_SET_URL}", "apiKey": "${XIAOMI_API_KEY}", "models": model()}}
        }
    },
    "secret in a string where an object belongs": {"models": {"providers": {"foo": LITERAL}}},
    "unquoted secret": "{\n  models: { providers: { foo: { apiKey: sk_canary_unquoted_literal_5f1e0c9d_xyz } } }\n}\n",
    "quoted secret then a syntax error": f'{{\n  models: {{ providers: {{ foo: {{ apiKey: "{LITERAL}" x }} }} }}\n}}\n',
}


@pytest.mark.parametrize("config", ERRORS_WITH_CANARIES.values(), ids=list(ERRORS_WITH_CANARIES))
def test_errors_never_print_a_secret(world: World, cli: Cli, config: Any) -> None:
    world.env |= {"XIAOMI_API_KEY": PROCESS, "SOME_PASSWORD": UNRELATED}
    world.config(config)
    message = str(world.error())
    assert_no_canary(message)
    assert "canary_unquoted_literal" not in message
    for command in (["show"], ["show", "--json"], ["show", "--reveal"], ["models-json"]):
        result = cli(*command)
        assert result.code == 1
        assert_no_canary(result.stderr)
        assert "canary_unquoted_literal" not in result.stderr


def test_ignored_and_refused_variables_are_named_but_not_shown(world: World) -> None:
    world.write(world.cwd / ".env", f"XIAOMI_API_KEY={WORKSPACE}\n")
    world.write(world.state_dir / ".env", f"GOOD=1\n{STATE_DOTENV}\n")  # a broken line holding a secret
    world.config({"env": {"SSH_AUTH_SOCK": CONFIG_ENV, "OPENCLAW_GATEWAY_TOKEN": LITERAL}})
    warnings = "\n".join(str(w) for w in world.resolve().warnings)
    assert "XIAOMI_API_KEY" in warnings and "SSH_AUTH_SOCK" in warnings and "OPENCLAW_GATEWAY_TOKEN" in warnings
    assert_no_canary(warnings)
