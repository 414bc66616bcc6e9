"""A key written twice in one object: the last one wins (as in OpenClaw), and the user is warned at
file:line:col, by `resolve()`, `show` and `validate`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyjson5
import pytest
from world import World

from openclaw_config.composition.duplicate_keys import may_have_duplicates
from openclaw_config.sources.json5_positions import index_positions
from openclaw_config.validation import check_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DUPLICATED = '{\n  models: {\n    mode: "merge",\n    mode: "replace",\n  },\n}\n'


def test_the_last_value_wins_and_resolve_warns_at_the_later_key(world: World) -> None:
    world.config(DUPLICATED)
    registry = world.resolve()
    assert registry.config["models"]["mode"] == "replace"
    [warning] = [w for w in registry.warnings if "twice" in w.message]
    assert (warning.file, warning.line, warning.column, warning.path) == (
        str(world.config_file), 4, 5, ("models", "mode"),
    )  # fmt: skip
    assert "line 3:5 is ignored" in warning.message
    assert str(warning).startswith(f"{world.config_file}:4:5: models.mode: key 'mode' is written twice")


def test_a_duplicate_in_an_included_file_is_located_there_with_its_config_path(world: World) -> None:
    fragment = world.write(world.config_file.parent / "models.json5", "{ providers: {}, mode: 'merge', mode: 'merge' }")
    world.config('{ models: { $include: "./models.json5" } }')
    [warning] = [w for w in world.resolve().warnings if "twice" in w.message]
    assert (warning.file, warning.line, warning.column, warning.path) == (str(fragment), 1, 33, ("models", "mode"))


def test_show_lists_the_warning_with_its_position(world: World, cli: Any) -> None:
    world.config(DUPLICATED)
    result = cli("show")
    assert result.code == 0
    assert "  - ~/.openclaw/openclaw.json:4:5: models.mode: key 'mode' is written twice" in result.stdout


def test_validate_reports_it_as_a_warning_and_still_passes(world: World, cli: Any) -> None:
    config = world.config(DUPLICATED)
    result = cli("validate", str(config))
    assert result.code == 0
    assert result.stdout.startswith("~/.openclaw/openclaw.json:4:5: warning: models.mode: key 'mode' is written twice")
    assert result.stderr == "1 file valid: ~/.openclaw/openclaw.json (1 warning)\n"
    [warning] = check_files([config]).warnings
    assert (warning.line, warning.column) == (4, 5)


def _corpus() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.json*") if p.is_file() and p.stat().st_size < 200_000)


def _parsed(path: Path) -> tuple[str, Any] | None:
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    try:
        return text, pyjson5.decode(text)
    except Exception:  # a deliberately broken fixture
        return None


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_the_counting_check_never_misses_a_duplicate(path: Path) -> None:
    parsed = _parsed(path)
    if parsed is None or not isinstance(parsed[1], dict) or not parsed[1]:
        pytest.skip("not an object")
    text, value = parsed
    has_duplicates = bool(index_positions(text).duplicates())
    assert may_have_duplicates(text, value) or not has_duplicates
    # The same text with a key written twice more, at its start: now it must be seen.
    start = text.index("{") + 1
    doubled = f"{text[:start]} zz_dup: 1, zz_dup: {{ a: 'x:y' }}, {text[start:]}"
    assert may_have_duplicates(doubled, pyjson5.decode(doubled))


@pytest.mark.parametrize(
    "text",
    [
        '{ baseUrl: "http://host:8080/v1", note: "a: b" }',  # colons in strings
        "{\n  // Provider 1: the gateway\n  a: 1,\n}",  # a colon in a comment
        "{ a: 'x\\x3a y' }",  # a colon spelled as an escape
        '{ "quoted:key": 1, b: [{ c: 2 }, { c: 3 }] }',
    ],
)
def test_the_counting_check_lets_files_without_duplicates_through_without_a_scan(text: str) -> None:
    assert not may_have_duplicates(text, pyjson5.decode(text))


@pytest.mark.parametrize(
    "text",
    [
        "{ a: 1, a: 2 }",
        '{ a: { b: 1 }, "a": {} }',
        "{ /* a: */ b: 1, b: 2 }",
        "{ // note: x\n b: 1, b: 2 }",
        "{ a: 'x\\x3a', a: 1 }",
        "{ a: [{ b: 1, b: 1 }] }",
    ],
)
def test_the_counting_check_sees_every_duplicate(text: str) -> None:
    assert index_positions(text).duplicates()
    assert may_have_duplicates(text, pyjson5.decode(text))


def test_keys_written_twice_are_looked_for_when_the_warnings_are_first_read(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the look costs as much as the schema check on a large config: a runtime that only resolves and
    # writes models.json does not pay it; the warnings keep their order (legacy locations first)
    from openclaw_config import pipeline

    calls: list[int] = []
    real = pipeline.duplicate_key_warnings
    monkeypatch.setattr(pipeline, "duplicate_key_warnings", lambda composed: calls.append(1) or real(composed))
    world.env["CLAWDBOT_STATE_DIR"] = str(world.state_dir)
    world.config(DUPLICATED)
    registry = world.resolve()
    registry.write_models_json()
    assert calls == []
    messages = [w.message for w in registry.warnings]
    assert calls == [1] and [w.message for w in registry.warnings] == messages  # worked out once
    assert "CLAWDBOT_STATE_DIR" in messages[0] and "written twice" in messages[1]
