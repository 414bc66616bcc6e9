"""Schema problems are located exactly in every corner of JSON5 (not only where the parser fails)."""

from __future__ import annotations

from pathlib import Path

from openclaw_config.validation import validate_file


def check(tmp_path: Path, text: str, *, newline: str = "\n") -> list[tuple[int, int, str]]:
    """Validate `text` as a config file: (line, column, config path) of each problem."""
    config = tmp_path / "openclaw.json5"
    config.write_bytes(text.replace("\n", newline).encode("utf-8"))
    problems = validate_file(config)
    assert all(p.file == str(config) for p in problems)
    return [(p.line or 0, p.column or 0, p.config_path or "") for p in problems]


def text_at(text: str, line: int, column: int) -> str:
    return text.split("\n")[line - 1][column - 1 :]


def test_comments_do_not_shift_positions(tmp_path: Path) -> None:
    text = (
        "// { bogus: 1 } in a comment is no key\n"
        "{\n"
        "  /* models: { mode: 'x' } */ models: {\n"
        "    mode: /* inline */ 'sometimes', // the value is wrong\n"
        "    /* a\n"
        "       multi-line comment */ bogus: 1,\n"
        "  },\n"
        "}\n"
    )
    assert check(tmp_path, text) == [(4, 24, "models.mode"), (6, 30, "models.bogus")]
    assert text_at(text, 4, 24).startswith("'sometimes'")
    assert text_at(text, 6, 30).startswith("bogus")


def test_multi_line_strings_count_their_lines(tmp_path: Path) -> None:
    text = (
        "{ models: { providers: { p: {\n"
        "  baseUrl: 'http://example.\\\n"
        "com/v1',\n"
        "  api: 'openai-\\\n"
        "chat', models: [],\n"
        "  typo: 1,\n"
        "} } } }\n"
    )
    assert check(tmp_path, text) == [(4, 8, "models.providers.p.api"), (6, 3, "models.providers.p.typo")]
    assert text_at(text, 4, 8).startswith("'openai-\\")


def test_unquoted_single_quoted_and_escaped_keys(tmp_path: Path) -> None:
    text = "{\n  models: {'providers': {\"p\\u0031\": {baseUrl: 'u', models: [], $bad: 1, 'x y': 2}}},\n}\n"
    assert check(tmp_path, text) == [(2, 64, "models.providers.p1.$bad"), (2, 73, "models.providers.p1.x y")]
    assert text_at(text, 2, 64).startswith("$bad")
    assert text_at(text, 2, 73).startswith("'x y'")


def test_trailing_commas(tmp_path: Path) -> None:
    text = "{\n  models: {\n    providers: {\n      p: { baseUrl: 'u', models: [{ id: 'm', name: 'M', },],},\n    },\n    extra: [1, 2,],\n  },\n}\n"  # noqa: E501
    assert check(tmp_path, text) == [(6, 5, "models.extra")]


def test_missing_fields_point_at_the_object_that_lacks_them(tmp_path: Path) -> None:
    text = "{\n  models: {\n    providers: {\n      p: {\n        models: [\n          {id: 'm'},\n        ],\n      },\n    },\n  },\n}\n"  # noqa: E501
    assert check(tmp_path, text) == [(4, 7, "models.providers.p.baseUrl"), (6, 11, "models.providers.p.models.0.name")]
    assert text_at(text, 4, 7).startswith("p: {")  # the provider's key
    assert text_at(text, 6, 11).startswith("{id: 'm'}")  # an array item has no key: its value


def test_windows_line_endings(tmp_path: Path) -> None:
    assert check(tmp_path, "{\n  models: {\n    mode: 'sometimes',\n  },\n}\n", newline="\r\n") == [
        (3, 11, "models.mode")
    ]


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    text = "{ agents: { defaults: { models: { 'xiaomi/mimo': { alias: '小米 🚀', streaming: 'yes' } } } } }"
    assert check(tmp_path, text) == [(1, 78, "agents.defaults.models.xiaomi/mimo.streaming")]
    assert text_at(text, 1, 78).startswith("'yes'")


def test_a_duplicate_key_is_located_where_the_value_that_counts_is(tmp_path: Path) -> None:
    text = "{\n  models: { mode: 'merge' },\n  models: { mode: 'append' },\n}\n"
    assert check(tmp_path, text) == [(3, 19, "models.mode")]


def test_hexadecimal_numbers_and_other_json5_values(tmp_path: Path) -> None:
    text = (
        "{ models: { providers: { p: { baseUrl: 'u', models: [\n"
        "  { id: 'm', name: 'M', contextWindow: 0x0, maxTokens: +Infinity, cost: { input: .5, output: 'free' } },\n"
        "] } } } }\n"
    )
    found = check(tmp_path, text)
    assert found == [
        (2, 40, "models.providers.p.models.0.contextWindow"),
        (2, 56, "models.providers.p.models.0.maxTokens"),
        (2, 94, "models.providers.p.models.0.cost.output"),
    ]
    assert [text_at(text, line, column)[:4] for line, column, _ in found] == ["0x0,", "+Inf", "'fre"]


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    providers = ",\n".join(f"  p{i}: {{ baseUrl: '', models: [] }}" for i in range(5))
    found = check(tmp_path, "{ models: { providers: {\n" + providers + "\n} } }\n")
    assert [(line, path) for line, _, path in found] == [(i + 2, f"models.providers.p{i}.baseUrl") for i in range(5)]


def test_positions_in_a_list_of_includes_and_in_sibling_keys(tmp_path: Path) -> None:
    (tmp_path / "a.json5").write_text("{\n  // first part\n  mode: 'merge',\n}\n")
    (tmp_path / "b.json5").write_text("{\n  providers: {},\n  bogus: true,\n}\n")
    config = tmp_path / "openclaw.json"
    config.write_text("{\n  models: {\n    $include: ['./a.json5', './b.json5'],\n    mode: 'often',\n  },\n}\n")
    problems = validate_file(config)
    assert [(Path(p.file or "").name, p.line, p.column, p.config_path) for p in problems] == [
        ("b.json5", 3, 3, "models.bogus"),
        ("openclaw.json", 4, 11, "models.mode"),  # the sibling wins over a.json5's mode
    ]
