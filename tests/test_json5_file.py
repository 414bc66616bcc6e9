"""Reading one JSON5 file (SPEC section 2, step 1): UTF-8, JSON5, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from world import World

from openclaw_config import ConfigError, Problem
from openclaw_config.sources.json5_file import read_json5


def only_problem(error: ConfigError) -> Problem:
    assert len(error.problems) == 1
    return error.problems[0]


def test_json5_features_are_read(tmp_path: Path) -> None:
    path = tmp_path / "c.json5"
    path.write_text(
        "// comment\n{\n  unquoted: 'single',\n  /* block */ hex: 0x10,\n  list: [1, 2,],\n  plus: +1,\n}\n",
        encoding="utf-8",
    )
    parsed = read_json5(path)
    assert parsed.value == {"unquoted": "single", "hex": 16, "list": [1, 2], "plus": 1}
    assert parsed.path == path


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf{a: 1}")
    assert read_json5(path).value == {"a": 1}


def test_syntax_error_names_the_file_and_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json5"
    path.write_text('{\n  a: 1,\n  b: "x",,\n}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_json5(path)
    problem = only_problem(caught.value)
    assert problem.file == str(path)
    assert (problem.line, problem.column) == (3, 10)  # the second comma
    assert f"{path}:3:10" in str(caught.value)


def test_an_empty_file_is_a_located_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_json5(path)
    problem = only_problem(caught.value)
    assert problem.file == str(path)
    assert (problem.line, problem.column) == (1, 1)


def test_invalid_utf8_names_the_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{\n  name: "caf\xe9"\n}')
    with pytest.raises(ConfigError) as caught:
        read_json5(path)
    problem = only_problem(caught.value)
    assert problem.file == str(path)
    assert (problem.line, problem.column) == (2, 13)
    assert "UTF-8" in problem.message


def test_missing_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nope.json5"
    with pytest.raises(ConfigError) as caught:
        read_json5(path, what="included file")
    assert only_problem(caught.value).file == str(path)
    assert "not found" in str(caught.value)


def test_a_directory_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        read_json5(tmp_path)
    assert only_problem(caught.value).file == str(tmp_path)
    assert "directory" in str(caught.value)


def test_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{"a": "' + "x" * 100 + '"}', encoding="utf-8")
    assert read_json5(path, max_bytes=200).value == {"a": "x" * 100}
    with pytest.raises(ConfigError) as caught:
        read_json5(path, max_bytes=50)
    assert only_problem(caught.value).file == str(path)


# --- the config file as the pipeline reads it -------------------------------------------------


@pytest.mark.parametrize("root", ["[]", '"text"', "42", "null"])
def test_config_root_must_be_an_object(world: World, root: str) -> None:
    world.config(root)
    error = world.error()
    assert error.problems[0].file == str(world.config_file)
    assert "object" in str(error)


def test_config_syntax_error_through_resolve_names_the_config(world: World) -> None:
    world.config("{\n  models: {\n    mode: 'merge'\n    providers: {}\n  }\n}\n")
    problem = world.error().problems[0]
    assert problem.file == str(world.config_file)
    assert (problem.line, problem.column) == (4, 5)
