"""An existing models.json that is exactly the document produced without it is not parsed (issue 15):
merging it changes nothing. Anything else in it is parsed and merged as before."""

from __future__ import annotations

import json
from typing import Any

import pytest
from world import LOCAL_PROVIDER, World

from openclaw_config.outputs.models_json import render_models_json
from openclaw_config.sources import strict_json


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a strict JSON text (auth store, models.json) is parsed, with its length."""
    seen: list[int] = []
    real = strict_json.load_strict_json

    def counting(text: str, **options: Any) -> Any:
        seen.append(len(text))
        return real(text, **options)

    monkeypatch.setattr(strict_json, "load_strict_json", counting)
    return seen


def _configured(world: World) -> None:
    world.env["XIAOMI_API_KEY"] = "sk-xm-canary-123456789"
    world.config({"models": {"providers": {"local": LOCAL_PROVIDER}}})


def test_the_file_written_last_time_is_not_parsed_and_not_written_again(world: World, parses: list[int]) -> None:
    _configured(world)
    assert world.resolve().write_models_json() is True
    size = len((world.agent_dir / "models.json").read_text(encoding="utf-8"))
    parses.clear()
    registry = world.resolve()
    assert size not in parses
    assert registry.write_models_json() is False
    assert registry.existing_models_json_readable and registry.warnings == ()


def test_its_text_is_the_text_of_the_registry_document(world: World) -> None:
    _configured(world)
    world.resolve().write_models_json()
    registry = world.resolve()
    document = registry.to_models_json()
    assert document is not None
    assert registry._models_json_text == render_models_json(document)
    assert registry._models_json_text == (world.agent_dir / "models.json").read_text(encoding="utf-8")


def test_one_byte_more_and_it_is_parsed_and_its_other_providers_kept(world: World, parses: list[int]) -> None:
    _configured(world)
    world.resolve().write_models_json()
    document = json.loads((world.agent_dir / "models.json").read_text(encoding="utf-8"))
    document["providers"]["old"] = {"baseUrl": "http://old", "apiKey": "OLD_KEY", "models": []}
    world.models_json(json.dumps(document, indent=2) + "\n")
    parses.clear()
    registry = world.resolve()
    assert parses  # read this time
    assert list(registry.providers) == ["xiaomi", "local", "old"]
    assert registry.providers["old"].origin == "models.json"
    assert registry._models_json_text is None
    registry.write_models_json()
    written = json.loads((world.agent_dir / "models.json").read_text(encoding="utf-8"))
    assert written == registry.to_models_json() and "old" in written["providers"]


def test_a_reformatted_file_is_parsed_and_written_again(world: World, parses: list[int]) -> None:
    _configured(world)
    registry = world.resolve()
    document = registry.to_models_json()
    world.models_json(json.dumps(document) + "\n")  # the same value, on one line
    parses.clear()
    again = world.resolve()
    assert parses and again._models_json_text is None
    assert again.write_models_json() is True
    assert (world.agent_dir / "models.json").read_text(encoding="utf-8") == render_models_json(document or {})


def test_explain_still_sees_the_unparsed_file(world: World) -> None:
    _configured(world)
    world.resolve().write_models_json()
    registry = world.resolve()
    records = registry.explain("models.providers.local.baseUrl")
    assert records and records[0].value == LOCAL_PROVIDER["baseUrl"]


def test_replace_mode_drops_the_file_and_names_what_it_drops(world: World) -> None:
    world.config({"models": {"mode": "replace", "providers": {"local": LOCAL_PROVIDER}}})
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "models": []}}})
    registry = world.resolve()
    assert list(registry.providers) == ["local"]
    assert registry.to_models_json() is not None
    # the advice names what replace mode drops: that alone reads the old file
    assert any("old" in w.message for w in registry.warnings)
