"""Tests for openclaw_config.onboarding.json5_edit: targeted edits that leave the rest of the text alone."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pyjson5
import pytest

from openclaw_config.onboarding.json5_edit import (
    AppendItems,
    Edit,
    EditError,
    SetValue,
    apply_to_text,
    apply_to_value,
)
from openclaw_config.onboarding.xiaomi import XIAOMI, plan_config
from openclaw_config.providers.catalog import load_catalog

PROFILE = SetValue(("auth", "profiles", "xiaomi:default"), {"provider": "xiaomi", "mode": "api_key"})
PRIMARY = SetValue(("agents", "defaults", "model", "primary"), "xiaomi/mimo-v2-flash")


def edited(text: str, edits: list[Edit]) -> str:
    """Apply `edits` and check the result decodes to the same edits applied to the decoded text."""
    result = apply_to_text(text, edits)
    assert pyjson5.decode(result) == apply_to_value(pyjson5.decode(text), edits)
    return result


def only_lines_added(old: str, new: str) -> list[str]:
    """The lines `new` adds to `old`; fails if any line of `old` was changed, moved or removed."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    added: list[str] = []
    for tag, _, _, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, old, new)
        if tag == "insert":
            added += new_lines[j1:j2]
    return added


COMMENTED = """\
// top comment
{
  /* block */
  gateway: { port: 1 }, // trailing comment
  agents: {
    defaults: {
      model: { primary: 'anthropic/x', fallbacks: ["a/b"] }, // keep
    },
  },
}
"""


def test_replacing_a_value_changes_only_that_value() -> None:
    result = edited(COMMENTED, [PRIMARY])
    assert result == COMMENTED.replace("'anthropic/x'", '"xiaomi/mimo-v2-flash"')


def test_inserting_keeps_every_line_and_follows_indentation_and_trailing_commas() -> None:
    result = edited(COMMENTED, [PROFILE])
    assert only_lines_added(COMMENTED, result) == [
        "  auth: {\n",
        "    profiles: {\n",
        '      "xiaomi:default": { provider: "xiaomi", mode: "api_key" },\n',
        "    },\n",
        "  },\n",
    ]


def test_missing_comma_is_added_after_the_last_member_and_comments_stay_on_their_line() -> None:
    text = '{\n  "a": 1, // one\n  "b": [1, 2] /* two */\n}\n'
    result = edited(text, [SetValue(("c",), True)])
    assert result == '{\n  "a": 1, // one\n  "b": [1, 2], /* two */\n  "c": true\n}\n'  # strict JSON stays JSON


def test_one_line_containers_stay_on_one_line() -> None:
    text = '{ models: { providers: { xiaomi: { baseUrl: "http://x", models: [{ id: "q", name: "Q" }] } } } }'
    models = ("models", "providers", "xiaomi", "models")
    result = edited(text, [AppendItems(models, ({"id": "m", "name": "M"},)), SetValue(("agents", "x"), 1)])
    assert result == (
        '{ models: { providers: { xiaomi: { baseUrl: "http://x", models: [{ id: "q", name: "Q" }, '
        '{ id: "m", name: "M" }] } } }, agents: { x: 1 } }'
    )


def test_appending_to_a_multi_line_array_follows_its_layout() -> None:
    text = "{\n    list: [\n        1,\n        2 // two\n    ]\n}"
    result = edited(text, [AppendItems(("list",), (3, {"k": [1, {"deep": True}]}))])
    assert result == (
        "{\n    list: [\n        1,\n        2, // two\n        3,\n        {\n            k: [\n"
        "                1,\n                { deep: true }\n            ]\n        }\n    ]\n}"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{}", '{\n  auth: {\n    profiles: {\n      "xiaomi:default": { provider: "xiaomi", mode: "api_key" }\n'),
        ("{\n  auth: {},\n}", '{\n  auth: {\n    profiles: {\n      "xiaomi:default": { provider: "xiaomi", mode'),
        ("{\n  auth: {\n    // none yet\n  },\n}", "{\n  auth: {\n    // none yet\n    profiles: {\n"),
    ],
)
def test_empty_objects_get_the_member_on_its_own_lines(text: str, expected: str) -> None:
    assert edited(text, [PROFILE]).startswith(expected)


def test_crlf_tabs_and_closing_brace_on_the_last_line() -> None:
    text = "{\r\n\ta: 1 }"
    assert edited(text, [SetValue(("b",), "x")]) == '{\r\n\ta: 1,\r\n\tb: "x"\r\n}'


def test_keys_that_are_not_identifiers_are_quoted() -> None:
    result = edited("{ a: 1 }", [SetValue(("x/y", "$ok", "1st"), 2)])
    assert result == '{ a: 1, "x/y": { $ok: { "1st": 2 } } }'


def test_duplicate_keys_edit_the_member_that_counts() -> None:
    text = "{ a: { b: 1 }, a: { b: 2 } }"
    assert edited(text, [SetValue(("a", "b"), 3)]) == "{ a: { b: 1 }, a: { b: 3 } }"


def test_a_parent_of_the_wrong_kind_is_an_edit_error() -> None:
    with pytest.raises(EditError, match="is not an object"):
        apply_to_text("{ agents: [1] }", [SetValue(("agents", "defaults"), {})])
    with pytest.raises(EditError, match="is not an array"):
        apply_to_text("{ models: {} }", [AppendItems(("models",), (1,))])


def test_apply_to_value_copies_instead_of_mutating() -> None:
    original: dict[str, Any] = {"a": {"list": [1]}}
    result = apply_to_value(original, [AppendItems(("a", "list"), (2,)), SetValue(("a", "b", "c"), {"d": 1})])
    assert result == {"a": {"list": [1, 2], "b": {"c": {"d": 1}}}}
    assert original == {"a": {"list": [1]}}


FIXTURE_CONFIGS = sorted(
    path
    for path in (Path(__file__).resolve().parent.parent / "fixtures").rglob("*")
    if path.suffix in (".json", ".json5") and path.name not in ("case.json", "expected.json")
)


@pytest.mark.parametrize("path", FIXTURE_CONFIGS, ids=lambda p: str(p.parent.parent.name + "/" + p.name))
def test_every_fixture_file_takes_the_onboarding_edits(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    try:
        value = pyjson5.decode(text)
    except pyjson5.Json5Exception:
        pytest.skip("not JSON5 on purpose")
    if not isinstance(value, dict):
        pytest.skip("not an object")
    plan = plan_config(value, XIAOMI, load_catalog())
    assert plan.changes  # none of the fixtures is onboarded already
    edited(text, [change.edit for change in plan.changes])
