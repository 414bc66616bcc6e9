"""No secret reaches an explanation: canary secrets in every place a key can be, then every output."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from world import LOCAL_PROVIDER, CliResult, World

from openclaw_config.outputs.redact import redact

CANARIES = {
    "process": "sk-CANARY-process-000001",
    "workspace": "sk-CANARY-workspace-0002",
    "state": "sk-CANARY-state-00000003",
    "config_env": "sk-CANARY-configenv-004",
    "profile": "sk-CANARY-profile-000005",
    "included_key": "sk-CANARY-included-0006",
    "sibling_key": "sk-CANARY-sibling-00007",
    "kept_models_json": "sk-CANARY-keptjson-008",
    "replaced_models_json": "sk-CANARY-replaced-009",
    "oauth_token": "sk-CANARY-oauthtok-010",
    "unused_variable": "sk-CANARY-unusedvar-11",
    "header": "sk-CANARY-header-000012",
    "substituted_token": "sk-CANARY-subst-000013",
}


@pytest.fixture
def secret_world(world: World) -> World:
    """A user whose keys are everywhere: process, .env files, config env, profiles, includes, models.json."""
    world.env = {
        "XIAOMI_API_KEY": CANARIES["process"],
        "ANTHROPIC_OAUTH_TOKEN": CANARIES["oauth_token"],
        "ANTHROPIC_API_KEY": CANARIES["unused_variable"],
        "GATEWAY_TOKEN": CANARIES["substituted_token"],
    }
    world.write(world.cwd / ".env", f"XIAOMI_API_KEY={CANARIES['workspace']}\n")
    world.write(world.state_dir / ".env", f"XIAOMI_API_KEY={CANARIES['state']}\n")
    world.write(
        world.state_dir / "local.json5",
        {"providers": {"local": {**LOCAL_PROVIDER, "apiKey": CANARIES["included_key"]}}},
    )
    headers = {"Authorization": f"Bearer {CANARIES['header']}", "X-Gateway-Token": "${GATEWAY_TOKEN}"}
    world.config(
        {
            "env": {"XIAOMI_API_KEY": CANARIES["config_env"]},
            "models": {
                "$include": "./local.json5",
                "providers": {
                    "local": {"apiKey": CANARIES["sibling_key"], "headers": headers},
                    "anthropic": dict(LOCAL_PROVIDER),
                },
            },
        }
    )
    world.auth_store({"xiaomi:default": {"type": "api_key", "provider": "xiaomi", "key": CANARIES["profile"]}})
    world.models_json(
        {
            "providers": {
                "kept": {**LOCAL_PROVIDER, "apiKey": CANARIES["kept_models_json"]},
                "xiaomi": {**LOCAL_PROVIDER, "apiKey": CANARIES["replaced_models_json"]},
            }
        }
    )
    return world


def assert_no_canary(text: str) -> None:
    leaked = [name for name, secret in CANARIES.items() if secret in text]
    assert leaked == [], f"secrets printed: {leaked}"


@pytest.mark.parametrize("narrowed", [[], ["xiaomi"], ["local"], ["anthropic"], ["kept"], ["models.providers"]])
@pytest.mark.parametrize("as_json", [False, True])
def test_explain_output_never_prints_a_secret(
    secret_world: World, cli: Callable[..., CliResult], narrowed: list[str], as_json: bool
) -> None:
    result = cli("show", "--explain", *narrowed, *(["--json"] if as_json else []), "--reveal")
    assert result.code == 0, result.stderr
    assert_no_canary(result.stdout + result.stderr)


def test_the_losing_secrets_are_listed_redacted(secret_world: World) -> None:
    text = json.dumps([record.to_dict() for record in secret_world.resolve().explain()], ensure_ascii=False)
    assert_no_canary(text)
    for name in (
        "process",
        "workspace",
        "state",
        "config_env",
        "profile",
        "included_key",
        "sibling_key",
        "unused_variable",
    ):
        assert json.dumps(redact(CANARIES[name]), ensure_ascii=False) in text, name


def test_auth_headers_and_secret_variables_are_redacted_where_they_are_values(secret_world: World) -> None:
    (headers,) = secret_world.resolve().explain("models.providers.local.headers")
    assert headers.value["Authorization"] == redact(f"Bearer {CANARIES['header']}")
    assert headers.value["X-Gateway-Token"] == redact(CANARIES["substituted_token"])
    assert [o.env_var for o in headers.origins if o.kind == "env"] == ["GATEWAY_TOKEN"]
