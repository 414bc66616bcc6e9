"""`probe [REF ...] [--timeout S] [--json]`: one minimal request per model, against loopback only.

Success, a rejected key (401), a server that never answers, a refused connection, and a 500 whose
body echoes the key (which must not reach the output).
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from loopback import Loopback
from world import CliResult, World

from openclaw_config.calling import probe

Cli = Callable[..., CliResult]
KEY = "xk-CANARY-probe-key-000001"


@pytest.fixture
def server() -> Iterator[Loopback]:
    with Loopback() as running:
        yield running


def xiaomi_at(world: World, base_url: str, *, key: str = KEY, fallbacks: list[str] | None = None) -> None:
    world.env["XIAOMI_API_KEY"] = key
    model = {"id": "mimo-v2-flash", "name": "Xiaomi MiMo V2 Flash"}
    providers: dict[str, Any] = {"xiaomi": {"baseUrl": base_url, "api": "anthropic-messages",
                                            "apiKey": "XIAOMI_API_KEY", "models": [model]}}  # fmt: skip
    world.config({"agents": {"defaults": {"model": {"primary": "xiaomi/mimo-v2-flash", "fallbacks": fallbacks or []}}},
                  "models": {"providers": providers}})  # fmt: skip


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def assert_no_key(result: CliResult, key: str = KEY) -> None:
    assert key not in result.stdout and key not in result.stderr


def test_success(world: World, cli: Cli, server: Loopback) -> None:
    xiaomi_at(world, server.url("/anthropic"))
    result = cli("probe")
    assert result.code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("xiaomi/mimo-v2-flash: ok  reachable  HTTP 200  auth accepted  ")
    assert lines[0].endswith(" ms")
    assert lines[1] == f"    POST {server.url('/anthropic/v1/messages')}  (Authorization: Bearer xk-C…01)"
    assert lines[-1] == "1 of 1 models answered"
    (request,) = server.requests
    assert request.path == "/anthropic/v1/messages"
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert request.headers["anthropic-version"] == "2023-06-01"
    assert request.json == {
        "model": "mimo-v2-flash",
        "max_tokens": 1,
        "messages": [{"role": "user", "content": "ping"}],
    }
    assert_no_key(result)


def test_a_rejected_key(world: World, cli: Cli, server: Loopback) -> None:
    xiaomi_at(world, server.url("/anthropic"))
    server.answer(401, {"error": {"type": "authentication_error", "message": "invalid x-api-key"}})
    result = cli("probe")
    assert result.code == 1
    assert "xiaomi/mimo-v2-flash: FAILED  reachable  HTTP 401  auth rejected" in result.stdout
    assert "HTTP 401 (the key was rejected): " in result.stdout
    assert result.stdout.splitlines()[-1] == "0 of 1 models answered, 1 failed"


def test_a_server_that_does_not_answer_in_time(world: World, cli: Cli, server: Loopback) -> None:
    xiaomi_at(world, server.url("/anthropic"))
    server.delay = 2.0
    result = cli("probe", "--timeout", "0.3")
    assert result.code == 1
    assert "xiaomi/mimo-v2-flash: FAILED  reachable  HTTP -  auth unknown  -" in result.stdout
    assert "connected, but no answer within 0.3 s" in result.stdout


def test_a_refused_connection(world: World, cli: Cli) -> None:
    port = free_port()
    xiaomi_at(world, f"http://127.0.0.1:{port}/anthropic")
    result = cli("probe", "--json")
    assert result.code == 1
    document = json.loads(result.stdout)
    assert document == {"ok": False, "results": [{
        "ref": "xiaomi/mimo-v2-flash", "url": f"http://127.0.0.1:{port}/anthropic/v1/messages", "ok": False,
        "reachable": False, "status": None, "auth": "unknown", "latencyMs": None,
        "authHeader": "Authorization: Bearer xk-C…01", "error": "connection refused by 127.0.0.1"}]}  # fmt: skip


@pytest.mark.parametrize("key", [KEY, "k-12345"], ids=["long key", "short key"])
def test_a_500_that_echoes_the_key_does_not_print_it(world: World, cli: Cli, server: Loopback, key: str) -> None:
    xiaomi_at(world, server.url("/anthropic"), key=key)
    server.answer(500, f'{{"error": "internal: request with key {key} (Authorization: Bearer {key}) failed"}}')
    for args in (("probe",), ("probe", "--json")):
        result = cli(*args)
        assert result.code == 1
        assert_no_key(result, key)
        assert "500" in result.stdout
    assert all(request.headers["Authorization"] == f"Bearer {key}" for request in server.requests)


def test_default_and_fallbacks_are_probed_and_one_failure_fails(world: World, cli: Cli, server: Loopback) -> None:
    xiaomi_at(world, server.url("/anthropic"), fallbacks=["local/qwen3-coder"])
    config = json.loads(world.config_file.read_text())
    config["models"]["providers"]["local"] = {"baseUrl": f"http://127.0.0.1:{free_port()}/v1",
                                              "api": "openai-completions", "apiKey": "LOCAL_KEY",
                                              "models": [{"id": "qwen3-coder", "name": "Qwen3 Coder"}]}  # fmt: skip
    world.env["LOCAL_KEY"] = "sk-CANARY-probe-local-0002"
    world.config(config)
    result = cli("probe", "--json")
    assert result.code == 1
    results = json.loads(result.stdout)["results"]
    assert [(r["ref"], r["ok"]) for r in results] == [("xiaomi/mimo-v2-flash", True), ("local/qwen3-coder", False)]
    only = cli("probe", "xiaomi/mimo-v2-flash")  # a REF narrows it
    assert only.code == 0 and "local/qwen3-coder" not in only.stdout


def test_what_cannot_be_probed_is_said_and_nothing_is_sent(world: World, cli: Cli, server: Loopback) -> None:
    xiaomi_at(world, server.url("/anthropic"))
    config = json.loads(world.config_file.read_text())
    config["models"]["providers"]["local"] = {"baseUrl": server.url("/v1"), "api": "openai-completions",
                                              "apiKey": "LOCAL_KEY", "models": [{"id": "m", "name": "M"}]}  # fmt: skip
    world.config(config)
    result = cli("probe", "local/m", "nowhere/nothing")
    assert result.code == 1
    assert "local/m: FAILED  unreachable" in result.stdout
    assert "not probed: credential missing: models.providers.local.apiKey names the variable LOCAL_KEY" in result.stdout
    assert "not probed: no model 'nowhere/nothing' in the registry" in result.stdout
    assert server.requests == []


def test_show_and_resolve_never_probe(world: World, cli: Cli, server: Loopback) -> None:
    xiaomi_at(world, server.url("/anthropic"))
    assert cli("show").code == 0 and cli("show", "--json").code == 0 and cli("status").code == 0
    world.resolve().connection("xiaomi/mimo-v2-flash")
    assert server.requests == []


def test_a_bad_timeout_is_bad_usage(world: World, cli: Cli) -> None:
    result = cli("probe", "--timeout", "soon")
    assert result.code == 2
    assert "--timeout takes a number of seconds greater than 0, not 'soon'" in result.stderr


def test_the_library_probe(world: World, server: Loopback) -> None:
    xiaomi_at(world, server.url("/anthropic"))
    (result,) = probe(world.resolve(), timeout=5)
    assert (result.ok, result.reachable, result.status, result.auth) == (True, True, 200, "accepted")
    assert result.latency_ms is not None and result.latency_ms >= 0
    assert KEY not in repr(result)


def test_a_google_model_is_probed_with_its_key_header(world: World, cli: Cli, server: Loopback) -> None:
    world.env["GEMINI_KEY"] = "AIza-CANARY-probe-google-03"
    block = {"baseUrl": server.url("/v1beta"), "api": "google-generative-ai", "apiKey": "GEMINI_KEY",
             "models": [{"id": "gemini-x", "name": "Gemini X"}]}  # fmt: skip
    world.config({"models": {"providers": {"g": block}}})
    result = cli("probe", "g/gemini-x")
    assert result.code == 0, result.stdout
    (request,) = server.requests
    assert request.path == "/v1beta/models/gemini-x:generateContent"
    assert request.headers["x-goog-api-key"] == "AIza-CANARY-probe-google-03"
    assert "Authorization" not in request.headers
    assert_no_key(result, "AIza-CANARY-probe-google-03")
