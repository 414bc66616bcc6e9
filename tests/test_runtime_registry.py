"""The registry OpenClaw's runtime runs on: the built-in catalog, pi's merge rules, what it refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from world import World

from openclaw_config.runtime.builtin import load_builtin_catalog, release_pins

BASELINE = Path(__file__).resolve().parent.parent / "fixtures" / "conformance_baseline.json"
GW_KEY = "gw-canary-secret-0123456789abcd"


def _provider(**fields: Any) -> dict[str, Any]:
    block = {"baseUrl": "https://gw.example/v1", "apiKey": "GW_KEY", "api": "openai-completions"}
    block.update(fields)
    return {k: v for k, v in block.items() if v is not None}


# --- the built-in catalog -----------------------------------------------------------------------


def test_the_catalog_is_the_references_own_view_of_it() -> None:
    # The reference's runtime registry with nothing configured, recorded by the oracle.
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))["registry"]["models"]
    catalog = load_builtin_catalog()
    assert catalog.version == release_pins().pi_ai == "0.52.9"
    assert len(catalog) == len(recorded) == 712
    for model in recorded:
        assert catalog.model(model["provider"], model["id"]) == model


def test_a_new_user_gets_the_default_model_from_the_catalog(world: World) -> None:
    world.env["ANTHROPIC_API_KEY"] = "sk-ant-registry-test-0123456789"
    registry = world.resolve()
    model = registry.model(registry.resolved_default)
    assert model is not None and model.source == "built-in"
    assert (model.ref, model.name, model.input, model.context_window) == (
        "anthropic/claude-opus-4-6", "Claude Opus 4.6", ("text", "image"), 200_000,
    )  # fmt: skip
    assert registry.provider_auth.has_auth("anthropic")
    assert len(registry.runtime_models()) == 712 and registry.registry_problems == ()


# --- merge rules ---------------------------------------------------------------------------------


def test_a_provider_block_repoints_the_built_in_models(world: World) -> None:
    world.env["PROXY_TOKEN"] = "proxy-canary-secret-0123456789"
    headers = {"X-Proxy": "PROXY_TOKEN", "X-Team": "blue"}
    world.config({"models": {"providers": {"anthropic": {"baseUrl": "https://proxy.internal/v1", "headers": headers,
                                                         "models": []}}}})  # fmt: skip
    registry = world.resolve()
    anthropic = [m for m in registry.runtime_models() if m.provider == "anthropic"]
    assert len(anthropic) == 22 and all(m.base_url == "https://proxy.internal/v1" for m in anthropic)
    assert all(m.headers == {"X-Proxy": "proxy-canary-secret-0123456789", "X-Team": "blue"} for m in anthropic)
    assert anthropic[0].printable_headers()["X-Proxy"] == "prox…89"  # a value from the environment is a secret
    openai = registry.model("openai/gpt-5.2")
    assert openai is not None and openai.base_url == "https://api.openai.com/v1"


def test_model_overrides_patch_built_in_models_field_by_field(world: World) -> None:
    base = load_builtin_catalog().model("openrouter", "openai/gpt-4o")
    assert base is not None
    world.models_json({"providers": {"openrouter": {"modelOverrides": {"openai/gpt-4o": {
        "name": "Mine", "cost": {"input": 1}, "headers": {"X-A": "b"},
        "compat": {"supportsStore": False, "openRouterRouting": {"only": ["azure"]}},
    }}}}})  # fmt: skip
    model = world.resolve().model("openrouter/openai/gpt-4o")
    assert model is not None and model.source == "built-in"
    assert model.name == "Mine" and model.context_window == base["contextWindow"]
    assert model.cost == {**base["cost"], "input": 1}
    assert model.headers == {**(base.get("headers") or {}), "X-A": "b"}
    routing = {"openRouterRouting": {"only": ["azure"]}}
    assert model.compat == {**(base.get("compat") or {}), "supportsStore": False, **routing}


def test_a_custom_model_with_a_built_in_id_takes_its_place(world: World) -> None:
    world.env["OPENAI_API_KEY"] = "sk-openai-registry-test-0123456789"
    world.config({"models": {"providers": {"openai": _provider(apiKey="OPENAI_API_KEY", api="openai-responses",
                 models=[{"id": "gpt-5.2", "name": "Mine", "contextWindow": 64000, "maxTokens": 4000}])}}})  # fmt: skip
    registry = world.resolve()
    order = [f"{m['provider']}/{m['id']}" for m in load_builtin_catalog().models()]
    runtime = registry.runtime_models()
    assert [m.ref for m in runtime] == order
    mine = runtime[order.index("openai/gpt-5.2")]
    assert (mine.name, mine.source, mine.context_window, mine.max_tokens) == ("Mine", "config", 64000, 4000)


def test_custom_models_get_the_providers_api_url_and_headers_then_auth_header(world: World) -> None:
    world.env["GW_KEY"] = GW_KEY
    world.config({"models": {"providers": {"gw": _provider(
        authHeader=True, headers={"X-Org": "acme"},
        models=[{"id": "m", "name": "M", "headers": {"X-Model": "m1"}},
                {"id": "r", "name": "R", "api": "anthropic-messages"}],
    )}}})  # fmt: skip
    registry = world.resolve()
    first, second = registry.model("gw/m"), registry.model("gw/r")
    assert first is not None and second is not None
    assert (first.api, second.api, first.base_url, first.source) == (
        "openai-completions", "anthropic-messages", "https://gw.example/v1", "config",
    )  # fmt: skip
    assert first.headers == {"X-Org": "acme", "X-Model": "m1", "Authorization": f"Bearer {GW_KEY}"}
    assert first.printable_headers() == {"X-Org": "acme", "X-Model": "m1", "Authorization": "Bearer gw-c…cd"}
    assert GW_KEY not in repr(first) and GW_KEY not in json.dumps(first.printable())
    assert registry.model("gw/missing") is None


def test_an_injected_provider_is_told_apart(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = "sk-xiaomi-registry-test"
    model = world.resolve().model("xiaomi/mimo-v2-flash")
    assert model is not None and model.source == "implicit"


# --- what the runtime refuses --------------------------------------------------------------------


def test_one_provider_without_api_key_drops_every_custom_model(world: World) -> None:
    world.env["GW_KEY"] = GW_KEY
    good = _provider(baseUrl="https://anthropic-proxy.internal", models=[{"id": "m1", "name": "M1"}])
    world.config(
        "{\n  models: {\n    providers: {\n      anthropic: "
        + json.dumps(good)
        + ",\n      bad: "
        + json.dumps(_provider(apiKey=None, models=[{"id": "m1", "name": "M1"}]))
        + "\n    }\n  }\n}\n"
    )
    registry = world.resolve()
    [problem] = registry.registry_problems
    assert (problem.rule, problem.provider, problem.model, problem.source) == ("missing-api-key", "bad", None, "config")
    assert (problem.file, problem.line, problem.column) == (str(world.config_file), 5, 7)
    assert problem.config_path == "models.providers.bad.apiKey"
    assert "no apiKey" in problem.message and "ignore models.json entirely" in problem.message
    assert "2 models of 2 providers" in problem.message
    assert "models.providers.bad.apiKey" in problem.fix and "auth-profiles.json" in problem.fix
    assert registry.model("bad/m1") is None and registry.model("anthropic/m1") is None
    assert not [m for m in registry.runtime_models() if m.source != "built-in"]
    opus = registry.model("anthropic/claude-opus-4-6")  # the provider's baseUrl no longer applies either
    assert opus is not None and opus.base_url == "https://api.anthropic.com"
    assert registry.configured_model("bad/m1") is not None  # it is still configured, and written to models.json


def test_a_model_without_any_api_is_refused(world: World) -> None:
    world.env["GW_KEY"] = GW_KEY
    world.config({"models": {"providers": {"p": _provider(api=None, models=[{"id": "m1", "name": "M1"}])}}})
    [problem] = world.resolve().registry_problems
    assert (problem.rule, problem.provider, problem.model) == ("missing-api", "p", "m1")
    assert problem.config_path == "models.providers.p.models.0.api"
    assert (problem.file, problem.line) == (str(world.config_file), 8)  # the model that lacks it


@pytest.mark.parametrize(
    ("block", "rule", "path"),
    [
        (_provider(baseUrl=None, models=[{"id": "m1"}]), "missing-base-url", "models.providers.p.baseUrl"),
        (_provider(baseUrl=None, models=[]), "no-endpoint", "models.providers.p"),
        (_provider(models=[{"name": "M1"}]), "missing-id", "models.providers.p.models.0"),
    ],
)
def test_every_refusal_rule_of_a_kept_provider(world: World, block: dict[str, Any], rule: str, path: str) -> None:
    # The config schema already requires a baseUrl and model ids; a provider kept from models.json may lack them.
    world.env["GW_KEY"] = GW_KEY
    written = world.models_json({"providers": {"p": block}})
    problems = world.resolve().registry_problems
    assert [(p.rule, p.provider, p.config_path) for p in problems][:1] == [(rule, "p", path)]
    assert problems[0].file == str(written) and problems[0].line is not None


def test_a_kept_models_json_provider_is_checked_where_it_is_written(world: World) -> None:
    world.env["GW_KEY"] = GW_KEY
    path = world.models_json({"providers": {"old": _provider(models=[
        {"id": "a", "contextWindow": 0}, {"id": "b", "maxTokens": -1, "cost": {"input": 1}},
    ])}})  # fmt: skip
    problems = world.resolve().registry_problems
    assert [(p.rule, p.model, p.source) for p in problems] == [("schema", "b", "models.json")]  # the schema first
    assert problems[0].file == str(path) and "all four" in problems[0].message
    assert "models.mode" in problems[0].fix
    models = [{"id": "a", "contextWindow": 0}, {"id": "b", "maxTokens": -1}]
    world.models_json({"providers": {"old": _provider(models=models)}})
    problems = world.resolve().registry_problems
    assert [(p.rule, p.model) for p in problems] == [("context-window", "a"), ("max-tokens", "b")]
    assert all(p.file == str(path) and p.line is not None for p in problems)


def test_registry_problems_are_shown_and_fail_validate(world: World, cli: Any) -> None:
    world.config({"models": {"providers": {"foo": {"baseUrl": "http://x", "api": "openai-completions",
                                                   "models": [{"id": "m1", "name": "M1"}]}}}})  # fmt: skip
    shown = cli("show")
    assert shown.code == 0 and "Registry problems" in shown.stdout and "foo has models but no apiKey" in shown.stdout
    as_json = json.loads(cli("show", "--json").stdout)
    assert [p["rule"] for p in as_json["registryProblems"]] == ["missing-api-key"]
    checked = cli("validate")
    assert checked.code == 1
    want = "~/.openclaw/openclaw.json:4:7: error: models.providers.foo.apiKey: provider foo has"
    assert checked.stdout.startswith(want)


# --- unknown models ------------------------------------------------------------------------------


def test_unknown_references_are_warnings_where_they_are_written(world: World) -> None:
    world.config(
        '{\n  agents: { defaults: {\n    model: { primary: "ghost/one", fallbacks: ["openai/gpt-5.2", "ghost/two"] },\n'
        '    imageModel: { primary: "ghost/eye" },\n    models: { "ghost/alias": { alias: "Boo" } },\n  } },\n}\n'
    )
    warnings = {w.message.split(" names")[0]: w for w in world.resolve().warnings}
    assert set(warnings) == {"primary model 'ghost/one'", "fallback 'ghost/two'", "image model 'ghost/eye'",
                             "the target of alias 'Boo', 'ghost/alias'"}  # fmt: skip
    lines = world.config_file.read_text(encoding="utf-8").splitlines()

    def at(line: int, text: str) -> tuple[int, int]:
        return line, lines[line - 1].index(text) + 1

    positions = {label: (w.line, w.column) for label, w in warnings.items()}
    assert positions == {
        "primary model 'ghost/one'": at(3, '"ghost/one"'), "fallback 'ghost/two'": at(3, '"ghost/two"'),
        "image model 'ghost/eye'": at(4, '"ghost/eye"'),
        "the target of alias 'Boo', 'ghost/alias'": at(5, '"ghost/alias"'),
    }  # fmt: skip
    assert all(w.file == str(world.config_file) and f":{w.line}:{w.column}:" in str(w) for w in warnings.values())


# --- laziness ------------------------------------------------------------------------------------

_CATALOG_READ = (
    "import sys; from openclaw_config.cli.main import main; code = main(sys.argv[1:]); "
    "from openclaw_config.runtime.builtin import load_builtin_catalog as c; "
    "print('READ' if c.cache_info().currsize else 'NOT READ', file=sys.stderr)"
)


@pytest.mark.parametrize(("args", "read"), [(["show"], False), (["show", "--json"], False), (["models-json"], False),
                                            (["list"], False), (["list", "--all", "--json"], True)])  # fmt: skip
def test_the_catalog_is_read_only_when_a_built_in_model_is_asked_for(world: World, args: list[str], read: bool) -> None:
    world.env["XIAOMI_API_KEY"] = "sk-xiaomi-registry-test"
    world.config({"agents": {"defaults": {"model": {"primary": "xiaomi/mimo-v2-flash"}}}})
    done = subprocess.run(
        [sys.executable, "-c", _CATALOG_READ, *args], cwd=world.cwd, capture_output=True, text=True, timeout=60,
        env={**world.env, "HOME": str(world.home), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == ("READ" if read else "NOT READ")


def test_a_credential_header_written_literally_is_redacted_too(world: World) -> None:
    literal = "sk-literal-header-canary-0123456789"
    world.env["GW_KEY"] = GW_KEY
    world.config({"models": {"providers": {"gw": _provider(headers={"X-Api-Key": literal, "X-Team": "blue"},
                                                           models=[{"id": "m", "name": "M"}])}}})  # fmt: skip
    model = world.resolve().model("gw/m")
    assert model is not None and model.headers["X-Api-Key"] == literal  # what the runtime sends
    assert model.printable_headers() == {"X-Api-Key": "sk-l…89", "X-Team": "blue"}
    assert literal not in json.dumps(model.printable())
