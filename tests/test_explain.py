"""`registry.explain()` and `show --explain` on small worlds: rules, key choices, the text layout."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest
from world import LOCAL_PROVIDER, CliResult, World

from openclaw_config.explain.records import ProvenanceRecord

SEED = """{
  env: { XIAOMI_API_KEY: "sk-seed-key-0123456789" },
  agents: { defaults: { model: { primary: "xiaomi/mimo-v2-flash" } } },
  models: {
    providers: {
      xiaomi: {
        baseUrl: "https://api.xiaomimimo.com/anthropic",
        api: "anthropic-messages",
        apiKey: "XIAOMI_API_KEY",
        models: [{ id: "mimo-v2-flash", name: "Xiaomi MiMo V2 Flash", contextWindow: 262144 }],
      },
    },
  },
}
"""


def records(world: World, path: str | None = None) -> dict[str, ProvenanceRecord]:
    return {r.dotted_path: r for r in world.resolve().explain(path)}


def line_col(text: str, snippet: str) -> tuple[int, int]:
    offset = text.index(snippet)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def provider(**fields: Any) -> dict[str, Any]:
    return {**LOCAL_PROVIDER, **fields}


def test_a_given_max_tokens_above_the_context_window_is_capped(world: World) -> None:
    model = {"id": "m1", "name": "M1", "contextWindow": 1000, "maxTokens": 9999}
    world.config({"models": {"providers": {"local": provider(apiKey="LOCAL_KEY", models=[model])}}})
    record = records(world)["models.providers.local.models.0.maxTokens"]
    assert record.value == 1000
    rule = "maxTokens = min(maxTokens, contextWindow): never more than the context window"
    assert [o.rule for o in record.origins] == [rule]
    (lost,) = record.overridden
    assert lost.value == 9999 and lost.origin.kind == "config" and "capped" in lost.reason


def test_a_config_provider_without_api_key_gets_its_key_variable(world: World) -> None:
    world.env = {"ANTHROPIC_OAUTH_TOKEN": "oauth-token-0123456789", "ANTHROPIC_API_KEY": "api-key-0123456789"}
    world.config({"models": {"providers": {"anthropic": provider()}}})
    found = records(world, "anthropic")
    api_key = found["models.providers.anthropic.apiKey"]
    assert api_key.value == "ANTHROPIC_OAUTH_TOKEN"
    assert "a provider without apiKey gets the name of its key variable" in str(api_key.origins[0].rule)
    (unused,) = found["models.providers.anthropic.credential"].overridden
    assert unused.origin.env_var == "ANTHROPIC_API_KEY" and "ANTHROPIC_OAUTH_TOKEN comes first" in unused.reason


def test_an_expired_token_profile_is_listed_with_the_reason(world: World) -> None:
    world.auth_store(
        {
            "xiaomi:old": {"type": "token", "provider": "xiaomi", "token": "tok-old-0123456789", "expires": 1},
            "xiaomi:new": {"type": "api_key", "provider": "xiaomi", "key": "sk-new-0123456789"},
        }
    )
    credential = records(world)["models.providers.xiaomi.credential"]
    assert credential.origins[0].profile == "xiaomi:new"
    (expired,) = credential.overridden
    assert expired.origin.profile == "xiaomi:old" and "expired" in expired.reason


def test_a_trimmed_provider_id_points_at_the_id_as_written(world: World) -> None:
    text = '{ models: { providers: { " local ": { baseUrl: "http://x", apiKey: "K", models: [] } } } }'
    world.config(text)
    (origin,) = records(world)["models.providers.local.baseUrl"].origins
    assert (origin.line, origin.column) == line_col(text, "baseUrl")


@pytest.mark.parametrize(
    ("primary", "note"),
    [("Xiaomi", "resolves to xiaomi/mimo-v2-flash: an alias"), ("mimo-v2-flash", "an anthropic model")],
)
def test_the_default_model_says_what_it_resolves_to(world: World, primary: str, note: str) -> None:
    world.env = {"XIAOMI_API_KEY": "sk-0123456789abc"}
    world.config(
        {
            "agents": {
                "defaults": {"model": {"primary": primary}, "models": {"xiaomi/mimo-v2-flash": {"alias": "Xiaomi"}}}
            }
        }
    )
    record = records(world)["agents.defaults.model.primary"]
    assert record.value == primary and note in str(record.note)


def test_a_blank_primary_falls_back_to_the_default_and_shows_the_blank(world: World) -> None:
    world.config({"agents": {"defaults": {"model": {"primary": "  "}}}})
    record = records(world)["agents.defaults.model.primary"]
    assert record.value == "anthropic/claude-opus-4-6" and record.origins[0].kind == "default"
    assert [(lost.value, lost.reason) for lost in record.overridden] == [("  ", "blank: counts as unset")]


def test_a_registry_not_made_by_resolve_has_nothing_to_explain(world: World) -> None:
    registry = dataclasses.replace(world.resolve(), _context=None)
    with pytest.raises(ValueError, match="not made by resolve"):
        registry.explain()


def test_narrowing_to_nothing_returns_no_records(world: World) -> None:
    world.config(SEED)
    assert world.resolve().explain("models.providers.nope") == []


def test_the_text_reads_section_by_section(world: World, cli: Callable[..., CliResult]) -> None:
    world.config(SEED)
    result = cli("show", "--explain", "--all")
    assert result.code == 0, result.stderr
    line, column = line_col(SEED, "baseUrl")
    lines = result.stdout.splitlines()
    start = lines.index('  baseUrl = "https://api.xiaomimimo.com/anthropic"')
    assert lines[start + 1] == f"      from      config ~/.openclaw/openclaw.json:{line}:{column}"
    assert lines[start + 2].startswith("      overrode  the same value from built-in provider catalog ")
    assert (
        lines.index("Model choice")
        < lines.index("Provider xiaomi")
        < lines.index("Provider xiaomi, model xiaomi/mimo-v2-flash")
    )
    key_line, key_column = line_col(SEED, "XIAOMI_API_KEY")
    assert (
        "      from      env XIAOMI_API_KEY (set in the config env block at "
        f"~/.openclaw/openclaw.json:{key_line}:{key_column})"
    ) in lines
    assert "      from      default: maxTokens = min(8192, contextWindow) unless set" in lines


def test_the_json_holds_the_same_records_as_the_library(world: World, cli: Callable[..., CliResult]) -> None:
    world.config(SEED)
    document = json.loads(cli("show", "--explain", "xiaomi/mimo-v2-flash", "--all", "--json").stdout)
    assert document["selected"] == "xiaomi/mimo-v2-flash"
    assert document["records"] == [r.to_dict() for r in world.resolve().explain("xiaomi/mimo-v2-flash")]


def test_the_key_variable_beats_the_config_api_key_at_run_time(world: World) -> None:
    # OpenClaw 2026.2.9 sends the provider's key variable before the config's apiKey (which it sends
    # as written: it does not look `MY_KEY` up as a variable).
    world.env = {"MY_KEY": "sk-mine-0123456789", "XIAOMI_API_KEY": "sk-xiaomi-0123456789"}
    world.config({"models": {"providers": {"xiaomi": provider(apiKey="MY_KEY")}}})
    credential = records(world)["models.providers.xiaomi.credential"]
    assert credential.origins[0].env_var == "XIAOMI_API_KEY"
    (unused,) = credential.overridden
    assert unused.origin.kind == "config" and unused.value == "MY_KEY"
    assert unused.reason == "not used: set, but not used: XIAOMI_API_KEY comes first"
