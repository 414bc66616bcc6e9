"""The call description (`registry.connection()`): api, URL, headers, which header carries the key.

Offline: nothing here sends a request (the SDK tests are in test_calling_sdk.py, probe in
test_probe.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import SecretStr
from world import World

from openclaw_config import ConfigError
from openclaw_config.calling import connection, load_table
from openclaw_config.calling.apis import DATA_DIR

XIAOMI_KEY = "xk-CANARY-xiaomi-key-0001"


def provider(api: str, base_url: str = "http://127.0.0.1:9/v1", **extra: Any) -> dict[str, Any]:
    return {"baseUrl": base_url, "api": api, "apiKey": "LOCAL_KEY", "models": [{"id": "m1", "name": "M1"}], **extra}


def test_injected_xiaomi_is_called_with_bearer_at_the_messages_url(world: World) -> None:
    """The seed's worked example: only XIAOMI_API_KEY is set, the provider is injected."""
    world.env["XIAOMI_API_KEY"] = XIAOMI_KEY
    registry = world.resolve()
    assert registry.providers["xiaomi"].origin == "implicit"
    conn = registry.connection("xiaomi/mimo-v2-flash")
    assert conn.ready and conn.problems == ()
    assert conn.api == "anthropic-messages" and conn.sdk == "anthropic"
    assert conn.base_url == "https://api.xiaomimimo.com/anthropic"
    assert conn.url == "https://api.xiaomimimo.com/anthropic/v1/messages"
    assert conn.model_id == "mimo-v2-flash"
    assert (conn.auth_scheme, conn.auth_header, conn.auth_form) == (
        "bearer",
        "Authorization",
        "Authorization: Bearer <key>",
    )
    assert isinstance(conn.secret, SecretStr) and conn.secret.get_secret_value() == XIAOMI_KEY
    assert conn.credential_source == "env: XIAOMI_API_KEY"
    assert conn.request_headers() == {"Authorization": f"Bearer {XIAOMI_KEY}"}
    assert conn.printable_headers() == {"Authorization": "Bearer xk-C…01"}
    # where this differs from OpenClaw's own runtime, it says so
    assert conn.openclaw_sends == "x-api-key: <key>"
    assert "Bearer" in conn.auth_reason


def test_the_function_and_the_method_agree_and_an_alias_works(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = XIAOMI_KEY
    world.config({"agents": {"defaults": {"models": {"xiaomi/mimo-v2-flash": {"alias": "Xiaomi"}}}}})
    registry = world.resolve()
    assert registry.connection("Xiaomi") == connection(registry, "xiaomi/mimo-v2-flash")


def test_nothing_printable_shows_the_key(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = XIAOMI_KEY
    conn = world.resolve().connection("xiaomi/mimo-v2-flash")
    for text in (repr(conn), str(conn), json.dumps(conn.to_dict()), str(conn.printable_headers())):
        assert XIAOMI_KEY not in text
    assert conn.to_dict()["credential"] == "xk-C…01"


@pytest.mark.parametrize(
    ("api", "path", "scheme", "header"),
    [
        ("anthropic-messages", "/v1/messages", "x-api-key", "x-api-key"),
        ("openai-completions", "/chat/completions", "bearer", "Authorization"),
        ("openai-responses", "/responses", "bearer", "Authorization"),
    ],
)
def test_each_api_kind_has_its_path_and_default_auth(
    world: World, api: str, path: str, scheme: str, header: str
) -> None:
    world.env["LOCAL_KEY"] = "sk-local-key-0123456789"
    world.config({"models": {"providers": {"local": provider(api, "http://127.0.0.1:9/base/")}}})
    conn = world.resolve().connection("local/m1")
    assert conn.url == f"http://127.0.0.1:9/base{path}"
    assert (conn.auth_scheme, conn.auth_header) == (scheme, header)
    assert conn.auth_reason == f"the default of api {api}" and conn.openclaw_sends is None
    assert conn.secret is not None and conn.secret.get_secret_value() == "sk-local-key-0123456789"
    assert conn.credential_source == "models.providers.local.apiKey (env LOCAL_KEY (process))"


def test_headers_are_merged_and_the_credential_header_is_kept_apart(world: World) -> None:
    world.env["LOCAL_KEY"] = "sk-local-key-0123456789"
    world.env["TRACE_TOKEN"] = "trace-secret-0123456789"
    block = provider("anthropic-messages", headers={"X-Team": "blue", "X-Trace": "TRACE_TOKEN"}, authHeader=True)
    block["models"][0]["headers"] = {"X-Model": "m1", "X-Team": "red"}
    world.config({"models": {"providers": {"local": block}}})
    conn = world.resolve().connection("local/m1")
    assert conn.headers == {"X-Team": "red", "X-Trace": "trace-secret-0123456789", "X-Model": "m1"}
    assert (conn.auth_scheme, conn.auth_header) == ("bearer", "Authorization")
    assert conn.auth_reason == "models.providers.local.authHeader is true"
    assert conn.openclaw_sends == "x-api-key and Authorization: Bearer <key>"
    assert conn.request_headers()["Authorization"] == "Bearer sk-local-key-0123456789"
    shown = conn.printable_headers()
    assert shown["X-Trace"] == "trac…89" and shown["X-Model"] == "m1"


def test_an_anthropic_oauth_token_is_a_bearer_token(world: World) -> None:
    world.env["ANTHROPIC_OAUTH_TOKEN"] = "sk-ant-oat01-CANARY-token-value"
    conn = world.resolve().connection("anthropic/claude-3-5-haiku-latest")
    assert conn.url == "https://api.anthropic.com/v1/messages"
    assert (conn.auth_scheme, conn.auth_header) == ("bearer", "Authorization")


def test_an_anthropic_api_key_goes_in_x_api_key(world: World) -> None:
    world.env["ANTHROPIC_API_KEY"] = "sk-ant-api03-CANARY-key-value"
    conn = world.resolve().connection("anthropic/claude-3-5-haiku-latest")
    assert (conn.auth_scheme, conn.auth_header, conn.ready) == ("x-api-key", "x-api-key", True)
    assert conn.credential_source == "env: ANTHROPIC_API_KEY"


def test_a_missing_credential_is_said_plainly(world: World) -> None:
    world.config({"models": {"providers": {"local": provider("openai-completions")}}})
    conn = world.resolve().connection("local/m1")
    assert conn.secret is None and not conn.ready
    assert conn.problems == (
        "credential missing: models.providers.local.apiKey names the variable LOCAL_KEY, which is not set "
        "(OpenClaw would send the name itself as the key)",
    )
    with pytest.raises(ConfigError) as caught:
        conn.require_ready()
    assert "local/m1: credential missing" in str(caught.value)


def test_an_api_no_python_client_speaks_is_said_plainly(world: World) -> None:
    world.env["AWS_PROFILE"] = "default"
    conn = world.resolve().connection("amazon-bedrock/amazon.nova-lite-v1:0")
    assert conn.sdk is None and not conn.ready
    assert conn.problems == (
        "api bedrock-converse-stream is not one a Python client can speak here: Amazon Bedrock requests are "
        "signed with AWS SigV4: use boto3's bedrock-runtime client",
    )


def test_an_unknown_api_kind_is_said_plainly(world: World) -> None:
    world.env["LOCAL_KEY"] = "sk-local-key-0123456789"
    world.config({"models": {"providers": {"local": provider("github-copilot")}}})
    conn = world.resolve().connection("local/m1")
    assert conn.url is None and conn.auth_scheme is None
    assert "api 'github-copilot' is not one a Python client can speak (unknown api kind)" in conn.problems


def test_a_model_the_runtime_refuses_is_described_but_not_ready(world: World) -> None:
    block = provider("openai-completions")
    del block["apiKey"]  # a provider with models but no apiKey: the runtime refuses models.json
    world.config({"models": {"providers": {"local": block}}})
    conn = world.resolve().connection("local/m1")
    assert conn.url == "http://127.0.0.1:9/v1/chat/completions"
    assert any("refuses models.json" in p for p in conn.problems)


def test_an_unknown_model_is_a_config_error(world: World) -> None:
    with pytest.raises(ConfigError) as caught:
        world.resolve().connection("nowhere/nothing")
    assert "no model 'nowhere/nothing' in the registry" in str(caught.value)


def test_the_table_is_data_keyed_by_the_openclaw_version() -> None:
    table = load_table("2026.2.9")
    data = json.loads((DATA_DIR / "2026.2.9.json").read_text(encoding="utf-8"))
    assert table.version == data["openclawVersion"] == "2026.2.9"
    assert {name: kind.path for name, kind in table.apis.items()} == {n: s["path"] for n, s in data["apis"].items()}
    assert table.vendors["xiaomi"].auth == "bearer"
    # every api kind of the built-in catalog is in the table
    catalog = json.loads((DATA_DIR.parent.parent / "runtime" / "data" / "pi-ai-0.52.9.json").read_text())
    apis = {m["api"] for models in catalog["providers"].values() for m in models}
    assert apis <= set(table.apis)
