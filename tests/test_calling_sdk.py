"""The real SDKs, pointed at a loopback server through the registry: what arrives is what was meant.

Each test resolves a registry whose provider's baseUrl is the loopback server, builds the SDK's
keyword arguments from `registry.connection()`, sends one request and checks the exact path, the
credential header, the extra headers and the model id that arrived, and that the ambient keys of
the process (set here on purpose) went nowhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from loopback import Loopback, Recorded
from world import World

from openclaw_config import ConfigError
from openclaw_config.calling import anthropic_kwargs, litellm_model_list, openai_kwargs

XIAOMI_KEY = "xk-CANARY-xiaomi-key-0001"
LOCAL_KEY = "sk-CANARY-local-key-00002"
AMBIENT = {
    "ANTHROPIC_API_KEY": "sk-ant-AMBIENT-must-not-leak-1",
    "ANTHROPIC_AUTH_TOKEN": "sk-ant-AMBIENT-must-not-leak-2",
    "ANTHROPIC_CUSTOM_HEADERS": "X-Ambient-Header: must-not-leak",
    "OPENAI_API_KEY": "sk-AMBIENT-openai-must-not-leak",
    "OPENAI_ORG_ID": "org-AMBIENT",
    "OPENAI_PROJECT_ID": "proj-AMBIENT",
}
PING = [{"role": "user", "content": "ping"}]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loopback]:
    for name, value in AMBIENT.items():
        monkeypatch.setenv(name, value)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # LiteLLM would fetch its price list
    with Loopback() as running:
        yield running


def xiaomi_at(world: World, base_url: str) -> None:
    """The seed's Xiaomi configuration, its baseUrl pointed at the loopback server."""
    world.env["XIAOMI_API_KEY"] = XIAOMI_KEY
    model = {"id": "mimo-v2-flash", "name": "Xiaomi MiMo V2 Flash", "contextWindow": 262144, "maxTokens": 8192}
    block = {"baseUrl": base_url, "api": "anthropic-messages", "apiKey": "XIAOMI_API_KEY", "models": [model]}
    world.config({"agents": {"defaults": {"model": {"primary": "xiaomi/mimo-v2-flash"},
                                          "models": {"xiaomi/mimo-v2-flash": {"alias": "Xiaomi"}}}},
                  "models": {"mode": "merge", "providers": {"xiaomi": block}}})  # fmt: skip


def local_at(world: World, api: str, base_url: str, **extra: Any) -> None:
    world.env["LOCAL_KEY"] = LOCAL_KEY
    model = {"id": "qwen3-coder", "name": "Qwen3 Coder", "headers": {"X-Model-Header": "model-side"}}
    block = {"baseUrl": base_url, "api": api, "apiKey": "LOCAL_KEY", "headers": {"X-Team": "blue"},
             "models": [model], **extra}  # fmt: skip
    world.config({"models": {"providers": {"local": block}}})


def assert_nothing_ambient(request: Recorded) -> None:
    sent = str(request.headers.items()) + request.body.decode()
    for name in ("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "OPENAI_API_KEY"):
        assert AMBIENT[name] not in sent
    for header in ("X-Ambient-Header", "OpenAI-Organization", "OpenAI-Project"):
        assert header not in request.headers


def test_anthropic_sdk_calls_xiaomi_with_bearer(world: World, server: Loopback) -> None:
    import anthropic

    xiaomi_at(world, server.url("/anthropic"))
    conn = world.resolve().connection("Xiaomi")
    kwargs = anthropic_kwargs(conn)
    assert kwargs["auth_token"] == XIAOMI_KEY and "api_key" not in kwargs
    client = anthropic.Anthropic(**kwargs, max_retries=0)
    reply = client.messages.create(model=conn.model_id, max_tokens=1, messages=PING)  # type: ignore[arg-type]
    assert reply.content[0].text == "pong"  # type: ignore[union-attr]
    (request,) = server.requests
    assert request.path == "/anthropic/v1/messages"
    assert request.headers["Authorization"] == f"Bearer {XIAOMI_KEY}"
    assert "x-api-key" not in request.headers
    assert request.json["model"] == "mimo-v2-flash"
    assert_nothing_ambient(request)


def test_anthropic_sdk_sends_x_api_key_and_the_merged_headers(world: World, server: Loopback) -> None:
    import anthropic

    local_at(world, "anthropic-messages", server.url("/proxy"))
    conn = world.resolve().connection("local/qwen3-coder")
    assert conn.auth_scheme == "x-api-key"
    client = anthropic.Anthropic(**anthropic_kwargs(conn), max_retries=0)
    client.messages.create(model=conn.model_id, max_tokens=1, messages=PING)  # type: ignore[arg-type]
    (request,) = server.requests
    assert request.path == "/proxy/v1/messages"
    assert request.headers["x-api-key"] == LOCAL_KEY
    assert "Authorization" not in request.headers
    assert (request.headers["X-Team"], request.headers["X-Model-Header"]) == ("blue", "model-side")
    assert request.json["model"] == "qwen3-coder"
    assert_nothing_ambient(request)


def test_openai_sdk_chat_completions(world: World, server: Loopback) -> None:
    import openai

    local_at(world, "openai-completions", server.url("/v1"))
    conn = world.resolve().connection("local/qwen3-coder")
    client = openai.OpenAI(**openai_kwargs(conn), max_retries=0)
    reply = client.chat.completions.create(model=conn.model_id, max_tokens=1, messages=PING)  # type: ignore[arg-type]
    assert reply.choices[0].message.content == "pong"
    (request,) = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["Authorization"] == f"Bearer {LOCAL_KEY}"
    assert (request.headers["X-Team"], request.headers["X-Model-Header"]) == ("blue", "model-side")
    assert request.json["model"] == "qwen3-coder"
    assert_nothing_ambient(request)


def test_openai_sdk_responses(world: World, server: Loopback) -> None:
    import openai

    local_at(world, "openai-responses", server.url("/v1"))
    conn = world.resolve().connection("local/qwen3-coder")
    assert conn.url == server.url("/v1/responses")
    client = openai.OpenAI(**openai_kwargs(conn), max_retries=0)
    client.responses.create(model=conn.model_id, input="ping", max_output_tokens=16)
    (request,) = server.requests
    assert request.path == "/v1/responses"
    assert request.headers["Authorization"] == f"Bearer {LOCAL_KEY}"
    assert request.json["model"] == "qwen3-coder"
    assert_nothing_ambient(request)


def test_the_builders_refuse_a_connection_that_is_not_ready_or_of_another_api(world: World) -> None:
    block = {"baseUrl": "http://127.0.0.1:9/v1", "api": "openai-completions", "apiKey": "UNSET_KEY",
             "models": [{"id": "m", "name": "M"}]}  # fmt: skip
    world.config({"models": {"providers": {"local": block}}})
    world.env["XIAOMI_API_KEY"] = XIAOMI_KEY
    registry = world.resolve()
    with pytest.raises(ConfigError, match="local/m: credential missing"):
        openai_kwargs(registry.connection("local/m"))
    with pytest.raises(ConfigError, match="spoken by the anthropic SDK, not openai"):
        openai_kwargs(registry.connection("xiaomi/mimo-v2-flash"))


def test_litellm_model_list_calls_every_model_of_the_registry(world: World, server: Loopback) -> None:
    import json

    import litellm

    xiaomi_at(world, server.url("/anthropic"))
    world.env["LOCAL_KEY"] = LOCAL_KEY
    config = world.config_file.read_text()
    local = {"baseUrl": server.url("/v1"), "api": "openai-completions", "apiKey": "LOCAL_KEY",
             "headers": {"X-Team": "blue"}, "models": [{"id": "qwen3-coder", "name": "Qwen3 Coder"}]}  # fmt: skip
    data = json.loads(config)
    data["models"]["providers"]["local"] = local
    world.config(data)
    model_list = litellm_model_list(world.resolve())
    assert [e["model_name"] for e in model_list] == ["xiaomi/mimo-v2-flash", "local/qwen3-coder", "Xiaomi"]
    router = litellm.Router(model_list=model_list)
    router.completion(model="Xiaomi", messages=PING, max_tokens=1)
    router.completion(model="local/qwen3-coder", messages=PING, max_tokens=1)
    xiaomi, local_request = server.requests
    assert xiaomi.path == "/anthropic/v1/messages"
    assert xiaomi.headers["Authorization"] == f"Bearer {XIAOMI_KEY}"
    assert xiaomi.json["model"] == "mimo-v2-flash"
    assert local_request.path == "/v1/chat/completions"
    assert local_request.headers["Authorization"] == f"Bearer {LOCAL_KEY}"
    assert local_request.headers["X-Team"] == "blue"
    assert local_request.json["model"] == "qwen3-coder"
    for request in (xiaomi, local_request):
        assert AMBIENT["ANTHROPIC_API_KEY"] not in str(request.headers.items())
        assert AMBIENT["OPENAI_API_KEY"] not in str(request.headers.items())
