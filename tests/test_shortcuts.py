"""The shortcuts that make large configs fast do not change what a resolution gives.

Walks are skipped for files that cannot hold `$include` or `${`, values are shared instead of copied,
and a provider's models and their defaults are made on first use.
"""

from __future__ import annotations

import copy
from typing import Any

from world import LOCAL_PROVIDER, World

from openclaw_config.composition.deep_merge import deep_merge
from openclaw_config.composition.substitution import substitute


def test_a_reference_spelled_with_an_escape_is_substituted(world: World) -> None:
    # No literal `${` anywhere in the file: the escape alone must not let the walk be skipped.
    world.env["LOCAL_HOST"] = "escaped-host"
    world.config('{ models: { providers: { local: { baseUrl: "http://\\u0024{LOCAL_HOST}/v1", models: [] } } } }')
    assert world.resolve().providers["local"].base_url == "http://escaped-host/v1"


def test_a_missing_variable_spelled_with_an_escape_is_reported(world: World) -> None:
    world.config('{ models: { providers: { local: { baseUrl: "http://$\\{NOT_SET}/v1", models: [] } } } }')
    assert "NOT_SET" in str(world.error())


def test_an_include_key_spelled_with_an_escape_is_expanded(world: World) -> None:
    world.config('{ agents: { "\\u0024include": "./agents.json5" } }')
    world.write(world.state_dir / "agents.json5", {"defaults": {"model": {"primary": "local/m9"}}})
    assert world.resolve().default_model == "local/m9"


def test_merging_leaves_both_inputs_as_they_were() -> None:
    base: dict[str, Any] = {"a": {"list": [1], "kept": True}, "b": 1}
    overlay: dict[str, Any] = {"a": {"list": [2], "new": True}, "c": 3}
    base_before, overlay_before = copy.deepcopy(base), copy.deepcopy(overlay)
    merged = deep_merge(base, overlay)
    assert merged == {"a": {"list": [1, 2], "kept": True, "new": True}, "b": 1, "c": 3}
    assert (base, overlay) == (base_before, overlay_before)


def test_substitution_leaves_its_input_as_it_was() -> None:
    config: dict[str, Any] = {"a": [{"url": "http://${HOST}"}, {"plain": "x"}], "b": {"n": 1}}
    before = copy.deepcopy(config)
    result = substitute(config, {"HOST": "h"}.get)
    assert result.value == {"a": [{"url": "http://h"}, {"plain": "x"}], "b": {"n": 1}}
    assert config == before


def test_included_files_merged_with_siblings_keep_the_positions_of_their_values(world: World) -> None:
    # Source maps read the parsed files after the merge: merging must not have written into them.
    world.config({"models": {"providers": {"$include": ["./a.json5", "./b.json5"], "local": LOCAL_PROVIDER}}})
    world.write(world.state_dir / "a.json5", {"one": {**LOCAL_PROVIDER, "models": [{"id": "a1", "name": "A1"}]}})
    world.write(world.state_dir / "b.json5", {"one": {"models": [{"id": "b1", "name": "B1"}]}})
    registry = world.resolve()
    assert [m.id for m in registry.providers["one"].models] == ["a1", "b1"]
    explained = " ".join(str(record) for record in registry.explain("models.providers.one.models.1.id"))
    assert "b.json5" in explained and "a.json5" not in explained


def test_a_provider_kept_from_models_json_is_written_back_as_it_was_but_its_models_get_defaults(world: World) -> None:
    kept = {"baseUrl": "http://old", "models": [{"id": "legacy", "name": "Legacy"}]}
    world.models_json({"providers": {"old": kept}})
    provider = world.resolve().providers["old"]
    assert provider.raw == kept
    [model] = provider.models
    assert (model.context_window, model.max_tokens, model.input, model.reasoning) == (200_000, 8192, ("text",), False)


def test_a_configured_provider_is_written_with_its_model_defaults(world: World) -> None:
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})
    document = world.resolve().to_models_json()
    assert document is not None
    [model] = document["providers"]["local"]["models"]
    assert model == {
        "id": "m1",
        "name": "M1",
        "reasoning": False,
        "input": ["text"],
        "cost": {"input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0},
        "contextWindow": 200_000,
        "maxTokens": 8192,
    }
