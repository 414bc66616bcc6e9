"""Tests for openclaw_config.sources.json5_positions."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path as FsPath
from typing import Any

import pyjson5
import pytest

from openclaw_config.sources.json5_positions import (
    Json5SyntaxError,
    Path,
    Position,
    PositionIndex,
    index_positions,
    line_col,
    offset_from_pyjson5_error,
)

REPO = FsPath(__file__).resolve().parent.parent


def assert_at(position: Position | None, line: int, column: int, text: str, token: str) -> None:
    """`position` is at line:column, and the text there starts with `token`."""
    assert position is not None
    assert (position.line, position.column) == (line, column)
    assert text.startswith(token, position.offset), text[position.offset : position.offset + 20]


def decoded_paths(value: Any, prefix: Path = ()) -> Iterator[Path]:
    """Every path of a decoded JSON5 value, containers before their members."""
    yield prefix
    if isinstance(value, dict):
        for key, member in value.items():
            yield from decoded_paths(member, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from decoded_paths(item, (*prefix, index))


# --- line_col --------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\u2029"])
def test_line_col_counts_each_kind_of_line_break_once(newline: str) -> None:
    text = f"ab{newline}cd{newline}{newline}e"
    e = text.index("e")
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 1) == (1, 2)
    assert line_col(text, text.index("c")) == (2, 1)
    assert line_col(text, text.index("d")) == (2, 2)
    assert line_col(text, e) == (4, 1)
    assert line_col(text, len(text)) == (4, 2)


def test_line_col_details() -> None:
    crlf = "a\r\nb"
    assert line_col(crlf, 1) == (1, 2)  # the "\r"
    assert line_col(crlf, 2) == (1, 3)  # the "\n" still ends line 1
    assert line_col(crlf, 3) == (2, 1)
    assert line_col("\U0001f600x", 1) == (1, 2)  # an astral char is one column
    assert line_col("", 0) == (1, 1)
    with pytest.raises(ValueError):
        line_col("abc", 4)
    with pytest.raises(ValueError):
        line_col("abc", -1)


# --- keys and values -------------------------------------------------------

BASIC = """\
{
  name: "x",
  "quoted": 'single',
  'single': {inner: [10, 20]},
}
"""


def test_keys_and_values_of_unquoted_and_quoted_members() -> None:
    index = index_positions(BASIC)
    assert_at(index.key(("name",)), 2, 3, BASIC, "name:")
    assert_at(index.value(("name",)), 2, 9, BASIC, '"x"')
    assert_at(index.key(("quoted",)), 3, 3, BASIC, '"quoted"')
    assert_at(index.value(("quoted",)), 3, 13, BASIC, "'single'")
    assert_at(index.key(("single",)), 4, 3, BASIC, "'single'")
    assert_at(index.value(("single",)), 4, 13, BASIC, "{inner")
    assert_at(index.key(("single", "inner")), 4, 14, BASIC, "inner")
    assert_at(index.value(("single", "inner")), 4, 21, BASIC, "[10")
    assert_at(index.value(("single", "inner", 1)), 4, 26, BASIC, "20]")


def test_root_array_items_and_unknown_paths() -> None:
    index = index_positions(BASIC)
    assert_at(index.value(()), 1, 1, BASIC, "{")
    assert index.key(()) is None
    assert index.key(("single", "inner", 0)) is None  # array items have no key
    assert index.value(("single", "inner", 0)) is not None
    assert index.key(("nope",)) is None
    assert index.value(("nope",)) is None
    assert index.value(("single", "inner", 2)) is None
    assert index.value(("name", "deeper")) is None
    assert index.value(("single", "inner", "0")) is None  # indices are ints
    offset = BASIC.index("20")
    assert index.value(("single", "inner", 1)) == Position(4, 26, offset)


def test_scalar_root() -> None:
    text = "// just a number\n  -0x1F  \n"
    index = index_positions(text)
    assert_at(index.value(()), 2, 3, text, "-0x1F")
    assert list(index.paths()) == [()]


def test_comments_before_keys() -> None:
    text = """\
// leading comment { not: parsed }
{
  // line comment, with "quotes" and a: b
  first: 1, /* block
  spanning { lines } */ second: 2,
  /* a */ /* b */ third /* before colon */ : /* before value */ 3,
  fourth: 4 // trailing
}
"""
    index = index_positions(text)
    assert_at(index.value(()), 2, 1, text, "{")
    assert_at(index.key(("first",)), 4, 3, text, "first")
    assert_at(index.key(("second",)), 5, 25, text, "second")
    assert_at(index.value(("second",)), 5, 33, text, "2,")
    assert_at(index.key(("third",)), 6, 19, text, "third")
    assert_at(index.value(("third",)), 6, 65, text, "3,")
    assert_at(index.key(("fourth",)), 7, 3, text, "fourth")
    assert list(index.paths()) == [(), ("first",), ("second",), ("third",), ("fourth",)]


def test_multiline_strings_with_line_continuations_before_the_target() -> None:
    text = (
        "{\n"
        '  a: "one \\\n'  # backslash + LF
        "two \\\r\n"  # backslash + CRLF
        "three \\\u2028"  # backslash + LS
        'four",\n'
        "  'b\\\nc': 'it\\'s \"x\" \\u00e9',\n"  # a key with a continuation
        "  target: true,\n"
        "}"
    )
    assert pyjson5.decode(text)["a"] == "one two three four"
    index = index_positions(text)
    assert_at(index.value(("a",)), 2, 6, text, '"one')
    assert_at(index.key(("bc",)), 6, 3, text, "'b\\")
    assert_at(index.value(("bc",)), 7, 5, text, "'it")
    assert_at(index.key(("target",)), 8, 3, text, "target")
    assert_at(index.value(("target",)), 8, 11, text, "true")


def test_identifier_and_escaped_keys() -> None:
    text = """{
  $include: "a.json5", $schema: 1, _private: 2,
  ключ: 3, naïve: 4, e\u0301t\u00e9: 5, a\u203fb: 6,
  \\u0061b: 7, x\\u0024: 8,
  "q\\"uote": 9, '\\ud83d\\ude00': 10, "tab\\tnul\\0": 11,
}"""
    decoded = pyjson5.decode(text)
    index = index_positions(text)
    assert list(index.paths())[1:] == [(key,) for key in decoded]
    assert_at(index.key(("$include",)), 2, 3, text, "$include")
    assert_at(index.key(("$schema",)), 2, 24, text, "$schema")
    assert_at(index.key(("_private",)), 2, 36, text, "_private")
    assert_at(index.key(("ключ",)), 3, 3, text, "ключ")
    assert_at(index.value(("naïve",)), 3, 19, text, "4")
    assert_at(index.key(("e\u0301t\u00e9",)), 3, 22, text, "e\u0301")
    assert_at(index.key(("a\u203fb",)), 3, 31, text, "a\u203f")
    assert_at(index.key(("ab",)), 4, 3, text, "\\u0061b")
    assert_at(index.key(("x$",)), 4, 15, text, "x\\u0024")
    assert_at(index.key(('q"uote',)), 5, 3, text, '"q')
    assert_at(index.key(("\U0001f600",)), 5, 17, text, "'\\ud83d")
    assert_at(index.value(("tab\tnul\0",)), 5, 51, text, "11")


def test_numbers_and_literals() -> None:
    text = (
        "[0x1F, -0XaB, .5, 5., +1, -1.5e-3, 1E+2, 0, Infinity, -Infinity,\n"
        " +Infinity, NaN, -NaN, true, false, null, 'NaN']"
    )
    decoded = pyjson5.decode(text)
    index = index_positions(text)
    assert len(list(index.paths())) == 1 + len(decoded) == 18
    assert_at(index.value((1,)), 1, 8, text, "-0XaB")
    assert_at(index.value((2,)), 1, 15, text, ".5")
    assert_at(index.value((3,)), 1, 19, text, "5.")
    assert_at(index.value((4,)), 1, 23, text, "+1")
    assert_at(index.value((9,)), 1, 55, text, "-Infinity")
    assert_at(index.value((10,)), 2, 2, text, "+Infinity")
    assert_at(index.value((12,)), 2, 18, text, "-NaN")
    assert_at(index.value((15,)), 2, 37, text, "null")
    assert math.isnan(decoded[12])


def test_digit_separators_are_accepted_like_pyjson5() -> None:
    text = "{window: 128_000, mask: 0x_FF_FF, f: 1_0.5_0e1_0}"  # not JSON5, but pyjson5 reads it
    assert pyjson5.decode(text)["window"] == 128000
    index = index_positions(text)
    assert_at(index.value(("mask",)), 1, 25, text, "0x_FF_FF")
    assert_at(index.value(("f",)), 1, 38, text, "1_0.5")


def test_nested_arrays_and_trailing_commas() -> None:
    text = "[\n  [1, [2, 3,],],\n  {a: [[],[{},],],},\n  [],\n]\n"
    index = index_positions(text)
    assert list(index.paths()) == [
        (),
        (0,),
        (0, 0),
        (0, 1),
        (0, 1, 0),
        (0, 1, 1),
        (1,),
        (1, "a"),
        (1, "a", 0),
        (1, "a", 1),
        (1, "a", 1, 0),
        (2,),
    ]
    assert_at(index.value((0, 1, 1)), 2, 11, text, "3,]")
    assert_at(index.key((1, "a")), 3, 4, text, "a:")
    assert_at(index.value((1, "a", 1, 0)), 3, 12, text, "{},]")
    assert_at(index.value((2,)), 4, 3, text, "[]")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029"])
def test_other_line_breaks(newline: str) -> None:
    text = newline.join(["{", "  a: 1,", "  // comment", "  b: [", "    true", "  ]", "}"])
    index = index_positions(text)
    assert_at(index.key(("a",)), 2, 3, text, "a:")
    assert_at(index.key(("b",)), 4, 3, text, "b:")
    assert_at(index.value(("b", 0)), 5, 5, text, "true")


def test_bom_and_unicode_whitespace() -> None:
    text = "\ufeff{\u00a0a:\u30001,\u2003\tb\v:\f2\u202f}"
    assert pyjson5.decode(text) == {"a": 1, "b": 2}
    index = index_positions(text)
    assert_at(index.value(()), 1, 2, text, "{")  # the BOM is a character too
    assert_at(index.key(("a",)), 1, 4, text, "a:")
    assert_at(index.value(("b",)), 1, 15, text, "2")


def test_duplicate_keys_index_the_later_member() -> None:
    text = """{
  a: {x: 1, y: [1]},
  b: 2,
  a: {z: 3},
  b: 4,
}"""
    assert pyjson5.decode(text) == {"a": {"z": 3}, "b": 4}
    index = index_positions(text)
    assert_at(index.key(("a",)), 4, 3, text, "a: {z")
    assert_at(index.value(("b",)), 5, 6, text, "4")
    assert index.value(("a", "x")) is None  # the overridden subtree is gone
    assert index.value(("a", "y", 0)) is None
    assert list(index.paths()) == [(), ("a",), ("a", "z"), ("b",)]
    assert_at(index.nearest(("a", "x")), 4, 3, text, "a: {z")


def test_duplicate_quoted_and_unquoted_spellings_are_one_key() -> None:
    text = "{a: 1, 'a': 2, \"\\u0061\": 3}"
    index = index_positions(text)
    assert list(index.paths()) == [(), ("a",)]
    assert_at(index.key(("a",)), 1, 16, text, '"\\u0061"')


# --- nearest ---------------------------------------------------------------

NEAREST = """{
  models: {
    providers: {
      foo: {
        models: [
          {id: "m1"},
        ],
      },
    },
  },
}"""


def test_nearest() -> None:
    index = index_positions(NEAREST)
    foo = ("models", "providers", "foo")
    assert_at(index.nearest(foo), 4, 7, NEAREST, "foo:")
    # A missing required field: point at the object that lacks it.
    assert_at(index.nearest((*foo, "models", 0, "name")), 6, 11, NEAREST, "{id")
    assert_at(index.nearest((*foo, "models", 0, "id")), 6, 12, NEAREST, "id:")
    assert_at(index.nearest((*foo, "models", 3, "id")), 5, 9, NEAREST, "models: [")
    assert_at(index.nearest((*foo, "nope", "deeper")), 4, 7, NEAREST, "foo:")
    assert_at(index.nearest(("missing",)), 1, 1, NEAREST, "{")
    assert_at(index.nearest(()), 1, 1, NEAREST, "{")


def test_nearest_in_a_root_array() -> None:
    text = "[\n  {a: 1},\n]"
    index = index_positions(text)
    assert_at(index.nearest((0,)), 2, 3, text, "{a")  # array items: the value
    assert_at(index.nearest((0, "b")), 2, 3, text, "{a")
    assert_at(index.nearest(("x",)), 1, 1, text, "[")


def test_index_is_a_position_index() -> None:
    assert isinstance(index_positions("{}"), PositionIndex)
    assert list(index_positions("{}").paths()) == [()]


# --- syntax errors -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ('{\n  a: "abc,\n  b: 1\n}', 2, 6, "unterminated string"),
        ("{\n  a: 'abc", 2, 6, "unterminated string"),
        ('{a: "ok", b: "x\\1"}', 1, 16, "invalid escape sequence"),
        ("{a: '\\x4g'}", 1, 6, "invalid escape sequence"),
        ("{a: '\\u12'}", 1, 6, "invalid escape sequence"),
        ("{\n  a: 1,\n  /* never closed\n  b: 2\n}", 3, 3, "unterminated block comment"),
        ("{\n  a: 1\n  b: 2\n}", 3, 3, "expected ',' or '}', found 'b'"),
        ("[1 2]", 1, 4, "expected ',' or ']', found '2'"),
        ("[1,,2]", 1, 4, "expected a value, found ','"),
        ("{,}", 1, 2, "expected a key or '}', found ','"),
        ("{a 1}", 1, 4, "expected ':' after the key, found '1'"),
        ("{1: 2}", 1, 2, "expected a key or '}', found '1'"),
        ("{x\u00b2: 2}", 1, 3, "expected ':' after the key, found '²'"),  # "other number": no identifier part
        ("{a: undefined}", 1, 5, "unexpected word 'undefined'"),
        ("{a: 01}", 1, 5, "invalid number"),
        ("[0x]", 1, 2, "invalid number"),
        ("[1e]", 1, 2, "invalid number"),
        ("[+]", 1, 2, "expected a value, found '+'"),
        ("{a: 1}\n// done\n}", 3, 1, "expected end of input after the root value, found '}'"),
        ("{\r\n  a: [1,\r\n", 3, 1, "expected a value or ']', found end of input ('[' at 2:6 is not closed)"),
        ("{\n  a: {b: 1}\n", 3, 1, "expected ',' or '}', found end of input ('{' at 1:1 is not closed)"),
        ("{\n  a: {b: 1},\n", 3, 1, "expected a key or '}', found end of input ('{' at 1:1 is not closed)"),
        ("[\n  [1]", 2, 6, "expected ',' or ']', found end of input ('[' at 1:1 is not closed)"),
        ("{a:", 1, 4, "expected a value, found end of input"),
        ("", 1, 1, "expected a value, found end of input"),
        ("  // only a comment\n", 2, 1, "expected a value, found end of input"),
    ],
)
def test_syntax_errors(text: str, line: int, column: int, message: str) -> None:
    with pytest.raises(pyjson5.Json5DecoderException):
        pyjson5.decode(text)
    with pytest.raises(Json5SyntaxError) as caught:
        index_positions(text)
    error = caught.value
    assert (error.line, error.column, error.message) == (line, column, message)
    assert str(error) == f"{line}:{column}: {message}"
    assert line_col(text, error.offset) == (line, column)
    assert isinstance(error, ValueError)


def test_nesting_limit() -> None:
    assert len(list(index_positions("[" * 200 + "]" * 200).paths())) == 200
    with pytest.raises(Json5SyntaxError, match="nested over 256 deep"):
        index_positions("[" * 300 + "]" * 300)


# --- agreement with pyjson5 ------------------------------------------------

MIXED = """\ufeff// Mixed features
{
  $schema: 'https://example.com/schema.json',
  models: {
    mode: "merge",
    providers: {
      "open-ai": {
        baseUrl: 'https://api.example.com/v1', /* inline */ apiKey: "${OPENAI_KEY}",
        models: [
          { id: "gpt", name: 'Long \\
name', contextWindow: 0x20000, cost: {input: .5, output: 5., cached: +1e-3,}, },
          { id: "other", tags: ["a", ['b', [Infinity, -NaN]],], },
        ],
      },
      'dup': {a: 1}, dup: {b: [null, true, false]},
    },
  },
  "quoted key": {"": "empty key", '\\u00e9\\t': 'escaped'},\u2028 list: [], obj: {},
}
"""


def generated_text(providers: int) -> str:
    members = [
        f"""  // provider {i}
  "prov-{i}": {{
    url: 'https://api{i}.example.com', key: "${{KEY_{i}}}", on: true, w: {i}.5,
    models: [{{ id: "m{i}", name: 'Model \\
{i}', window: 0x{i:x}, cost: {{input: .5, output: -1.5e-3,}}, }}, [1, [2]],],
  }},
"""
        for i in range(50)
    ]
    return "{\n" + "".join(members) + "}\n"


def _fixture_files() -> list[FsPath]:
    return sorted(REPO.glob("fixtures/**/*.json")) + sorted(REPO.glob("fixtures/**/*.json5"))


@pytest.mark.parametrize("text", [BASIC, NEAREST, MIXED, generated_text(50)])
def test_paths_agree_with_pyjson5(text: str) -> None:
    assert_agrees_with_pyjson5(text)


@pytest.mark.parametrize("file", _fixture_files(), ids=lambda f: str(f.relative_to(REPO)))
def test_paths_agree_with_pyjson5_on_fixture_files(file: FsPath) -> None:
    text = file.read_text(encoding="utf-8")
    try:
        pyjson5.decode(text)
    except pyjson5.Json5DecoderException:
        pytest.skip("not valid JSON5 (a deliberately broken fixture)")
    assert_agrees_with_pyjson5(text)


def assert_agrees_with_pyjson5(text: str) -> None:
    """Same paths (as a set: pyjson5 keeps a duplicate key at its first place)."""
    index = index_positions(text)
    paths = list(index.paths())
    assert len(paths) == len(set(paths))
    assert set(paths) == set(decoded_paths(pyjson5.decode(text)))
    for path in paths:
        value = index.value(path)
        assert value is not None
        assert text[value.offset] not in " \t\r\n,:/"
        key = index.key(path)
        if path and isinstance(path[-1], str):
            assert key is not None and key.offset < value.offset
            if "\\" not in text[key.offset : key.offset + len(path[-1]) + 2]:
                assert text.startswith(path[-1], key.offset + (text[key.offset] in "'\""))
        else:
            assert key is None


# --- offsets of pyjson5 errors ---------------------------------------------


def pyjson5_error(text: str) -> Exception:
    with pytest.raises(pyjson5.Json5DecoderException) as caught:
        pyjson5.decode(text)
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("{\n  models: {\n    providers: { ,, }\n  }\n}\n", 3, 18),  # the first ","
        ('{"a": 1,,}', 1, 9),  # the stray comma
        ("{\n  a: 'x',\n  b: c\n}", 3, 6),  # the "c"
        ('{\n  "é\U0001f600": 1 x}', 2, 11),  # code points, not bytes or UTF-16 units
        ("{\r\n  a: 1,\r\n  b: ,\r\n}", 3, 6),
        ("{\n  a: 'never closed\n}", 2, 6),  # unclosed: where the string starts
        ("[\n  1,\n  2", 1, 1),  # unclosed array
        ("", 1, 1),
    ],
)
def test_offset_from_pyjson5_error(text: str, line: int, column: int) -> None:
    error = pyjson5_error(text)
    offset = offset_from_pyjson5_error(error)
    assert offset is not None
    assert line_col(text, offset) == (line, column)
    assert offset_from_pyjson5_error(error, text) == offset


def test_offset_from_pyjson5_extra_data_error() -> None:
    text = "{a: 1}\n\n// trailing comment\n  }"
    error = pyjson5_error(text)
    assert type(error).__name__ == "Json5ExtraData"
    assert offset_from_pyjson5_error(error) == 6  # where the root value ended
    offset = offset_from_pyjson5_error(error, text)
    assert offset is not None
    assert line_col(text, offset) == (4, 3)  # the stray "}"


def test_offset_from_other_exceptions_is_none() -> None:
    assert offset_from_pyjson5_error(ValueError("error near 12")) is None
    assert offset_from_pyjson5_error(pyjson5.Json5DecoderException("no position")) is None
    assert offset_from_pyjson5_error(pyjson5.Json5DecoderException()) is None


# --- value ends --------------------------------------------------------------

ENDS = """\
// a config
{
  a: [1, {b: "x}"}, /* ] */ -Infinity,],
  'c d': { e: 'it\\'s', f: null, g: {} } , // }
  h: 0x1F,
  a: [true],
}
"""


def test_end_is_one_past_each_value_so_the_slice_decodes_to_the_value() -> None:
    index = index_positions(ENDS)
    decoded = pyjson5.decode(ENDS)
    for path in index.paths():
        start, end = index.value(path), index.end(path)
        assert start is not None and end is not None
        expected: Any = decoded
        for part in path:
            expected = expected[part]
        assert pyjson5.decode(ENDS[start.offset : end.offset]) == expected, path
    end = index.end(("c d",))
    assert end is not None and ENDS[end.offset - 1] == "}" and ENDS[end.offset] == " "


def test_end_of_an_overridden_duplicate_or_unknown_path_is_none() -> None:
    index = index_positions(ENDS)
    assert index.end(("a", 1, "b")) is None  # the first `a` lost to the later one
    assert index.end(("nope",)) is None
    assert PositionIndex("{}", {(): (None, 0)}).end(()) is None  # built without ends
