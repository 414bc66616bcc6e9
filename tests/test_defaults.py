"""Model defaults (SPEC section 7)."""

from __future__ import annotations

from typing import Any

import pytest
from world import World

from openclaw_config.composition.defaults import with_model_defaults, with_provider_defaults


def test_every_default_is_filled_in() -> None:
    assert with_model_defaults({"id": "m", "name": "M"}) == {
        "id": "m",
        "name": "M",
        "reasoning": False,
        "input": ["text"],
        "cost": {"input": 0, "output": 0, "cacheRead": 0, "cacheWrite": 0},
        "contextWindow": 200_000,
        "maxTokens": 8192,
    }


def test_given_fields_come_in_openclaws_order_and_missing_cost_fields_become_zero() -> None:
    model = {"cost": {"output": 2.5}, "id": "m", "name": "M", "reasoning": True, "input": ["text", "image"]}
    result = with_model_defaults(model)
    assert list(result) == ["id", "name", "reasoning", "input", "cost", "contextWindow", "maxTokens"]
    assert result["cost"] == {"input": 0, "output": 2.5, "cacheRead": 0, "cacheWrite": 0}
    assert (result["reasoning"], result["input"]) == (True, ["text", "image"])


@pytest.mark.parametrize(
    ("given", "context_window", "max_tokens"),
    [
        ({}, 200_000, 8192),
        ({"contextWindow": 4096}, 4096, 4096),
        ({"contextWindow": 4096, "maxTokens": 100_000}, 4096, 4096),
        ({"contextWindow": 262_144, "maxTokens": 32_000}, 262_144, 32_000),
        ({"maxTokens": 300_000}, 200_000, 200_000),
        ({"contextWindow": 0}, 200_000, 8192),
        ({"contextWindow": -5, "maxTokens": 0}, 200_000, 8192),
        ({"contextWindow": True, "maxTokens": True}, 200_000, 8192),
        ({"contextWindow": "1000"}, 200_000, 8192),
    ],
)
def test_context_window_and_max_tokens(given: dict[str, Any], context_window: int, max_tokens: int) -> None:
    result = with_model_defaults({"id": "m", "name": "M", **given})
    assert (result["contextWindow"], result["maxTokens"]) == (context_window, max_tokens)


def test_the_input_is_not_modified() -> None:
    model = {"id": "m", "name": "M", "cost": {"input": 1}}
    with_model_defaults(model)
    assert model == {"id": "m", "name": "M", "cost": {"input": 1}}


def test_provider_defaults_apply_to_every_model() -> None:
    provider = {"baseUrl": "x", "models": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "maxTokens": 10}]}
    result = with_provider_defaults(provider)
    assert [m["maxTokens"] for m in result["models"]] == [8192, 10]
    assert provider["models"][0] == {"id": "a", "name": "A"}


def test_defaults_reach_models_json_and_the_registry(world: World) -> None:
    world.config(
        {
            "models": {
                "providers": {
                    "foo": {
                        "baseUrl": "http://x",
                        "apiKey": "sk-foo-defaults-test",
                        "api": "openai-completions",
                        "models": [{"id": "m1", "name": "M1", "contextWindow": 1000}],
                    }
                }
            }
        }
    )
    registry = world.resolve()
    document = registry.to_models_json()
    assert document is not None
    written = document["providers"]["foo"]["models"][0]
    assert (written["contextWindow"], written["maxTokens"], written["input"]) == (1000, 1000, ["text"])
    for found in (registry.configured_model("foo/m1"), registry.model("foo/m1")):  # as configured, at runtime
        assert found is not None
        assert (found.context_window, found.max_tokens, found.reasoning) == (1000, 1000, False)


def test_models_kept_from_an_old_models_json_get_defaults_in_the_registry(world: World) -> None:
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "models": [{"id": "legacy", "name": "Legacy"}]}}})
    # As configured: OpenClaw's runtime refuses this old file (no apiKey, no api), see test_runtime_registry.py.
    found = world.resolve().configured_model("old/legacy")
    assert found is not None
    assert (found.context_window, found.max_tokens, found.input) == (200_000, 8192, ("text",))
