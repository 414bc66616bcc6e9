"""The implicit providers: one test (or a few) per trigger rule of the data file, and `discover`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from openclaw_config import EffectiveRegistry, resolve
from openclaw_config.cli.main import main
from openclaw_config.providers.catalog import load_catalog

FAR_FUTURE_MS = 4102444800000  # 2100-01-01


class World:
    """A home with a state dir, an agent dir and nothing else; tests add the files they need."""

    def __init__(self, root: Path) -> None:
        self.home = root / "home"
        self.state = self.home / ".openclaw"
        self.agent = self.state / "agents" / "main" / "agent"
        self.agent.mkdir(parents=True)
        self.cwd = root / "cwd"
        self.cwd.mkdir()

    def profiles(self, **profiles: dict[str, Any]) -> None:
        store = {"version": 1, "profiles": profiles}
        (self.agent / "auth-profiles.json").write_text(json.dumps(store), encoding="utf-8")

    def config(self, text: str) -> None:
        (self.state / "openclaw.json").write_text(text, encoding="utf-8")

    def env(self, **variables: str) -> dict[str, str]:
        return {"HOME": str(self.home), "OPENCLAW_STATE_DIR": str(self.state), **variables}

    def resolve(self, discover: Any = False, **variables: str) -> EffectiveRegistry:
        return resolve(env=self.env(**variables), cwd=self.cwd, home=self.home, discover=discover)

    def providers(self, **variables: str) -> dict[str, Any]:
        document = self.resolve(**variables).to_models_json() or {"providers": {}}
        providers: dict[str, Any] = document["providers"]
        return providers


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def catalog_block(pid: str) -> dict[str, Any]:
    block = load_catalog().providers[pid].implicit
    assert block is not None
    return json.loads(json.dumps(block))  # type: ignore[no-any-return]


# -- key: a key variable (its name is written) or a profile's key (the key) --------------------


def test_key_rule_from_a_variable_writes_its_name(world: World) -> None:
    providers = world.providers(QIANFAN_API_KEY="bce-v3-0123456789abcdef")
    assert providers == {"qianfan": {**catalog_block("qianfan"), "apiKey": "QIANFAN_API_KEY"}}
    assert [m["id"] for m in providers["qianfan"]["models"]] == ["deepseek-v3.2", "ernie-5.0-thinking-preview"]


def test_key_rule_from_a_token_profile_writes_the_token(world: World) -> None:
    world.profiles(**{"synthetic:work": {"type": "token", "provider": "synthetic", "token": "syn-token-0123456789"}})
    assert world.providers()["synthetic"]["apiKey"] == "syn-token-0123456789"


def test_key_rule_ignores_an_oauth_profile(world: World) -> None:
    world.profiles(**{"moonshot:o": {"type": "oauth", "provider": "moonshot", "access": "a", "refresh": "r"}})
    assert world.providers() == {}


def test_implicit_providers_come_in_openclaws_order(world: World) -> None:
    keys = {f"{p}_API_KEY": "k-0123456789abcdef" for p in ("QIANFAN", "OLLAMA", "XIAOMI", "VENICE", "MINIMAX")}
    assert list(world.providers(**keys)) == ["minimax", "venice", "xiaomi", "ollama", "qianfan"]


# -- oauth-placeholder: any profile of the provider; the apiKey is a placeholder -------------------


@pytest.mark.parametrize("kind", ["oauth", "api_key"])
def test_oauth_placeholder_rule_takes_any_profile(world: World, kind: str) -> None:
    profile = {"type": kind, "provider": "minimax-portal", "access": "acc-0123456789", "key": "sk-0123456789ab"}
    world.profiles(**{"minimax-portal:default": profile})
    providers = world.providers()
    assert providers == {"minimax-portal": {**catalog_block("minimax-portal"), "apiKey": "minimax-oauth"}}
    assert providers["minimax-portal"]["baseUrl"] == "https://api.minimax.io/anthropic"
    credential = world.resolve().providers["minimax-portal"].credential
    assert credential is not None and credential.source == "placeholder"
    assert credential.describe() == "OAuth placeholder (auth profile minimax-portal:default signs the calls)"


def test_the_qwen_cli_oauth_file_is_a_profile(world: World) -> None:
    creds = {"access_token": "acc-qwen-cli-0123", "refresh_token": "ref-qwen-cli-0123", "expiry_date": FAR_FUTURE_MS}
    (world.home / ".qwen").mkdir()
    (world.home / ".qwen" / "oauth_creds.json").write_text(json.dumps(creds), encoding="utf-8")
    registry = world.resolve()
    assert registry.to_models_json() == {
        "providers": {"qwen-portal": {**catalog_block("qwen-portal"), "apiKey": "qwen-oauth"}}
    }
    assert registry.credentials("qwen-portal").credential is not None


def test_an_incomplete_qwen_cli_file_is_ignored(world: World) -> None:
    (world.home / ".qwen").mkdir()
    (world.home / ".qwen" / "oauth_creds.json").write_text('{"access_token": "a", "expiry_date": 1}', encoding="utf-8")
    assert world.providers() == {}


def test_a_fresh_cli_profile_in_the_store_is_kept(world: World) -> None:
    mine = {"type": "oauth", "provider": "qwen-portal", "access": "mine", "refresh": "r", "expires": FAR_FUTURE_MS}
    world.profiles(**{"qwen-portal:qwen-cli": mine})
    creds = {"access_token": "theirs", "refresh_token": "r2", "expiry_date": FAR_FUTURE_MS + 1}
    (world.home / ".qwen").mkdir()
    (world.home / ".qwen" / "oauth_creds.json").write_text(json.dumps(creds), encoding="utf-8")
    registry = world.resolve()
    profile = registry._context.store.profile("qwen-portal:qwen-cli") if registry._context else None
    assert profile is not None and profile.access == "mine"


# -- profile-metadata-base-url: the gateway's URL from the profile's metadata ---------------------

GATEWAY = {"type": "api_key", "provider": "cloudflare-ai-gateway", "key": "cf-key-00112233445566"}


def test_gateway_rule_needs_both_metadata_fields(world: World) -> None:
    world.profiles(**{"cloudflare-ai-gateway:a": {**GATEWAY, "metadata": {"accountId": "acct", "gatewayId": "  "}}})
    assert world.providers() == {}


def test_gateway_rule_prefers_the_key_variable_and_trims_metadata(world: World) -> None:
    world.profiles(**{"cloudflare-ai-gateway:a": {**GATEWAY, "metadata": {"accountId": " a1 ", "gatewayId": "g2"}}})
    gateway = world.providers(CLOUDFLARE_AI_GATEWAY_API_KEY="cf-env-0123456789")["cloudflare-ai-gateway"]
    assert gateway["baseUrl"] == "https://gateway.ai.cloudflare.com/v1/a1/g2/anthropic"
    assert gateway["apiKey"] == "CLOUDFLARE_AI_GATEWAY_API_KEY"


# -- github-token: copilot, added after the configured providers, only when not configured ---------


def test_copilot_rule_from_a_token_profile(world: World) -> None:
    world.profiles(
        **{"github-copilot:github": {"type": "token", "provider": "github-copilot", "token": "ghu_0123456789"}}
    )
    registry = world.resolve()
    assert registry.to_models_json() == {"providers": {"github-copilot": catalog_block("github-copilot")}}
    [note] = registry.discovery
    assert (note.provider, note.attempted) == ("github-copilot", False)


def test_a_configured_copilot_wins_whole(world: World) -> None:
    world.config('{ models: { providers: { "github-copilot": { baseUrl: "https://copilot.example", models: [] } } } }')
    assert world.providers(GH_TOKEN="ghp_0123456789abcdef") == {
        "github-copilot": {"baseUrl": "https://copilot.example", "models": []}
    }


# -- aws-discovery: bedrock is made only by Bedrock's answer, which offline never comes -----------


def test_bedrock_discovery_is_not_attempted_with_aws_credentials(world: World) -> None:
    registry = world.resolve(AWS_PROFILE="dev", AWS_REGION="eu-west-1")
    assert registry.to_models_json() is None or "amazon-bedrock" not in registry.to_models_json()["providers"]  # type: ignore[index]
    [note] = registry.discovery
    assert note.provider == "amazon-bedrock" and "eu-west-1" in note.what and "not attempted" in note.outcome


@pytest.mark.parametrize(
    ("setting", "variables", "tried"),
    [("false", {"AWS_PROFILE": "dev"}, False), ("true", {}, True), ("{}", {"AWS_ACCESS_KEY_ID": "AKIA"}, False)],
)
def test_bedrock_discovery_follows_its_setting(
    world: World, setting: str, variables: dict[str, str], tried: bool
) -> None:
    enabled = "" if setting == "{}" else f"enabled: {setting}"
    world.config(f"{{ models: {{ bedrockDiscovery: {{ {enabled} }} }} }}")
    assert [n.provider for n in world.resolve(**variables).discovery] == (["amazon-bedrock"] if tried else [])


# -- discovery: offline by default; --discover asks the local ollama server ------------------------


class _Tags(BaseHTTPRequestHandler):
    answer: bytes = b""

    def do_GET(self) -> None:
        if self.path != "/api/tags":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def ollama_server() -> Iterator[str]:
    _Tags.answer = json.dumps({"models": [{"name": "llama3.2:3b"}, {"name": "deepseek-r1:8b"}]}).encode()
    server = HTTPServer(("127.0.0.1", 0), _Tags)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/tags"
    server.shutdown()
    server.server_close()
    thread.join()


def test_without_discover_ollama_has_no_models_and_says_why(world: World) -> None:
    registry = world.resolve(OLLAMA_API_KEY="ollama-local")
    assert registry.to_models_json()["providers"]["ollama"]["models"] == []  # type: ignore[index]
    [note] = registry.discovery
    assert (note.provider, note.attempted) == ("ollama", False) and "not attempted" in str(note)


def test_discover_asks_the_local_ollama_server(world: World, ollama_server: str) -> None:
    registry = world.resolve(discover={"ollama": ollama_server}, OLLAMA_API_KEY="ollama-local")
    models = registry.to_models_json()["providers"]["ollama"]["models"]  # type: ignore[index]
    model = {"input": ["text"], "contextWindow": 128000, "maxTokens": 8192, "params": {"streaming": False}}
    cost = {"cost": {"input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0}}
    assert models == [
        {"id": "llama3.2:3b", "name": "llama3.2:3b", "reasoning": False, **model, **cost},
        {"id": "deepseek-r1:8b", "name": "deepseek-r1:8b", "reasoning": True, **model, **cost},
    ]
    [note] = registry.discovery
    assert note.attempted and note.outcome == "2 models"


def test_discover_with_no_server_answering_gives_no_models(world: World, ollama_server: str) -> None:
    gone = ollama_server.replace("/api/tags", "/elsewhere")  # the server answers 404 there
    registry = world.resolve(discover={"ollama": gone}, OLLAMA_API_KEY="ollama-local")
    assert registry.to_models_json()["providers"]["ollama"]["models"] == []  # type: ignore[index]
    [note] = registry.discovery
    assert note.attempted and "HTTP 404" in note.outcome


def test_cli_discover_flag(
    world: World, ollama_server: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(load_catalog().discovery["ollama-tags"], "url", ollama_server)  # type: ignore[index]
    for name, value in world.env(OLLAMA_API_KEY="ollama-local").items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(world.cwd)
    assert main(["models-json", "--discover"]) == 0
    assert [m["id"] for m in json.loads(capsys.readouterr().out)["providers"]["ollama"]["models"]] == [
        "llama3.2:3b",
        "deepseek-r1:8b",
    ]
    assert main(["show"]) == 0
    assert "ollama: the models of the local server" in capsys.readouterr().out
    assert main(["show", "--json", "--discover"]) == 0
    [note] = json.loads(capsys.readouterr().out)["discovery"]
    assert note == {"provider": "ollama", "what": f"the models of the local server ({ollama_server})",
                    "attempted": True, "outcome": "2 models"}  # fmt: skip
