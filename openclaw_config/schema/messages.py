"""Schema errors in the user's words: which field, what it must be, what was found, and the fix.

pydantic reports an error as a type (`int_type`, `extra_forbidden`, ...) at a location; its own
wording ("Input should be a valid dictionary") talks about Python, not about the config. Here each
error becomes a `Problem` that names the field, says what kind of value it takes (read from the
compiled schema itself, so the constraints shown are the ones checked), describes the value found
and says how to fix it. A value is quoted only when it cannot be a secret: never a string under a
key-, token- or secret-like name, nor a string long enough to be a key.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from typing import Any

from ..errors import ConfigPath, Problem, format_path
from .kinds import DocumentKind
from .schema_walk import Schema, known_keys, schema_at

#: Strings shorter than this may be quoted back to the user; API keys are longer.
_MAX_QUOTED = 16
# Words of a key name (`apiKey`, `MY_API_KEY`, `Authorization`) that mark its value as a possible secret.
_SECRET_WORDS = frozenset(
    {"key", "apikey", "token", "secret", "password", "passwd", "credential", "credentials", "cookie",
     "signature", "authorization", "access", "refresh", "bearer"}
)  # fmt: skip
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
_ALLOWED_SHOWN = 8  # list the keys allowed at a place when there are no more than this


def problem_for(error: Any, path: ConfigPath, kind: DocumentKind) -> Problem:
    """The `Problem` for one pydantic error (`error["loc"]` in the document, `path` without the tags
    pydantic inserts after a tagged union)."""
    loc = tuple(error["loc"])
    kind_of_error = error["type"]
    value = error.get("input")
    if kind_of_error == "extra_forbidden":
        return unknown_key(path, known_keys(kind, loc[:-1]))
    if kind_of_error == "missing":
        return missing_field(path, _expected(schema_at(kind, loc)), holder(path[:-1]))
    if kind_of_error == "union_tag_not_found":
        union = schema_at(kind, loc) or {}
        tags = [json.dumps(tag) for tag in union.get("choices", {})]
        return missing_field((*path, "type"), one_of(tags) if tags else None, holder(path))
    if kind_of_error == "union_tag_invalid":
        tags = _quoted_choices(str(error.get("ctx", {}).get("expected_tags", "")))
        tag_path = (*path, "type")
        found = describe_value(value.get("type") if isinstance(value, dict) else value, tag_path)
        return Problem(
            f"type must be {one_of(tags)}, not {found}", path=tag_path, hint=choice_hint(value, tags, tag_path)
        )
    expected_schema = schema_at(kind, loc)
    return _wrong_value(path, value, kind_of_error, expected_schema, error)


def unknown_key(path: ConfigPath, known: list[str]) -> Problem:
    key = str(path[-1])
    where = "at the root" if len(path) == 1 else f"in {format_path(path[:-1])}"
    near = nearest(key, known)
    if near is not None:
        hint = f"did you mean {near!r}?"
    elif len(known) == 1:
        hint = f"remove it, or check its spelling: the only key allowed here is {known[0]!r}"
    elif known and len(known) <= _ALLOWED_SHOWN:
        hint = f"remove it, or check its spelling: the keys allowed here are {', '.join(map(repr, known))}"
    else:
        hint = "remove it, or check its spelling; `openclaw-config schema` lists every key"
    return Problem(f"unknown key {key!r} {where}", path=path, hint=hint, anchor="key")


def missing_field(path: ConfigPath, expected: str | None, holder: str) -> Problem:
    name = str(path[-1])
    what = f" ({expected})" if expected else ""
    return Problem(
        f"required field {name!r} is missing", path=path, hint=f"add {name}{what} to {holder}", anchor="parent"
    )


def _wrong_value(path: ConfigPath, value: Any, error_type: str, schema: Schema | None, error: Any) -> Problem:
    name = field_name(path)
    found = describe_value(value, path)
    if error_type == "literal_error":
        choices = _quoted_choices(str(error.get("ctx", {}).get("expected", "")))
        return Problem(
            f"{name} must be {one_of(choices)}, not {found}", path=path, hint=choice_hint(value, choices, path)
        )
    expected = _expected(schema) or _expected_from_error(error_type, error)
    if expected is None:  # an error this module has no words for: say what is known, never pydantic's text
        hint = "check it against the schema: `openclaw-config schema` prints it"
        return Problem(f"{name} cannot be {found} here", path=path, hint=hint)
    return Problem(f"{name} must be {expected}, not {found}", path=path, hint=fix_hint(value, error_type, expected))


def fix_hint(value: Any, error_type: str, expected: str) -> str:
    """How to turn the value found into one of the expected kind."""
    if error_type == "string_too_short":
        return "give it a value: it cannot be empty"
    if error_type == "string_type" and isinstance(value, int | float) and not isinstance(value, bool):
        return "put the value in quotes"
    if error_type in ("int_type", "float_type") and isinstance(value, str) and _is_number(value):
        return "write the number without quotes"
    if error_type == "int_type" and isinstance(value, float) and math.isfinite(value):
        return "use a whole number, without a decimal point"
    if isinstance(value, float) and not math.isfinite(value):
        return "use a finite number, not Infinity or NaN"
    if expected == "an object" and isinstance(value, list):
        return "write it as { key: value, ... }, not as a list [ ... ]"
    if expected.startswith("an array") and isinstance(value, dict):
        return "write it as a list [ ... ], not as an object { ... }"
    return f"change it to {expected}"


# -- what was found, what is expected ----------------------------------------------------------


def describe_value(value: Any, path: ConfigPath = ()) -> str:
    """The value found, for a message: quoted only when it cannot be a secret."""
    secret_place = is_secret_place(path)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        if secret_place:
            return "a number"
        return repr(value) if isinstance(value, float) and math.isfinite(value) else _number(value)
    if isinstance(value, str):
        if value == "":
            return "an empty string"
        if secret_place or len(value) >= _MAX_QUOTED or not value.isprintable():
            return f"a string of {len(value)} characters" if len(value) > 1 else "a string of 1 character"
        return f"the string {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, dict):
        return "an empty object" if not value else "an object"
    if isinstance(value, list):
        return "an empty array" if not value else "an array"
    return "a value of another kind"


def is_secret_place(path: ConfigPath) -> bool:
    """Whether a value at `path` may be a secret: under a key-, token- or secret-like name, or a header."""
    for part in path:
        if isinstance(part, str) and (part == "headers" or _SECRET_WORDS & {w.lower() for w in _WORD.findall(part)}):
            return True
    return False


def field_name(path: ConfigPath) -> str:
    """How a message names the field at `path`: its key, or "item N of KEY" in an array."""
    if not path:
        return "the document"
    last = path[-1]
    if isinstance(last, int):
        return f"item {last} of {path[-2]}" if len(path) > 1 else f"item {last}"
    return str(last)


def holder(path: ConfigPath) -> str:
    """The object at `path`, in words: "this model", "provider 'p'", "the root"."""
    if not path:
        return "the root"
    if len(path) >= 2 and isinstance(path[-1], int) and path[-2] == "models":
        return "this model"
    if len(path) >= 2 and path[-2] == "providers":
        return f"provider {path[-1]!r}"
    if len(path) >= 2 and path[-2] == "profiles":
        return f"profile {path[-1]!r}"
    return format_path(path)


def _expected(schema: Schema | None) -> str | None:
    """What a schema accepts, in words ("a whole number greater than 0"); None if not known."""
    if schema is None:
        return None
    kind = schema.get("type")
    if kind == "str":
        return "a non-empty string" if schema.get("min_length", 0) >= 1 else "a string"
    if kind in ("int", "float"):
        base = "a whole number" if kind == "int" else "a number"
        return base + bounds_words(schema)
    if kind == "bool":
        return "true or false"
    if kind == "literal":
        return one_of([json.dumps(v, ensure_ascii=False) for v in schema.get("expected", [])])
    if kind in ("typed-dict", "dict", "model", "model-fields"):
        return "an object"
    if kind == "list":
        return "an array"
    if kind == "tagged-union":
        return "an object"
    if kind == "nullable":
        inner = _expected(schema.get("schema"))
        return f"{inner} or null" if inner else None
    return None


def _expected_from_error(error_type: str, error: Any) -> str | None:
    """What a value must be, from the error alone (when the schema could not be read)."""
    ctx = error.get("ctx") or {}
    words = {
        "string_type": "a string", "string_too_short": "a non-empty string", "int_type": "a whole number",
        "float_type": "a number", "bool_type": "true or false", "dict_type": "an object",
        "list_type": "an array", "finite_number": "a finite number",
    }  # fmt: skip
    if error_type in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return "a number" + bounds_words({k: v for k, v in ctx.items() if k in ("gt", "ge", "lt", "le")})
    return words.get(error_type)


def bounds_words(schema: Schema) -> str:
    """ " greater than 0", ", 0 or more": the bounds of a number, to follow its kind."""
    strict = [f"{words} {_number(schema[key])}" for key, words in (("gt", "greater than"), ("lt", "less than"))
              if key in schema]  # fmt: skip
    inclusive = [
        f"{_number(schema[key])} or {words}" for key, words in (("ge", "more"), ("le", "less")) if key in schema
    ]
    return "".join(f" {part}" for part in strict) + "".join(f", {part}" for part in inclusive)


def _number(value: float) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text.replace("_", ""))
    except ValueError:
        return False
    return True


def _quoted_choices(expected: str) -> list[str]:
    """pydantic's "'a', 'b' or 'c'" as ['"a"', '"b"', '"c"']."""
    return [json.dumps(word) for word in re.findall(r"'((?:[^'\\]|\\.)*)'", expected)]


def one_of(choices: list[str]) -> str:
    if not choices:
        return "one of the allowed values"
    if len(choices) == 1:
        return choices[0]
    return f"{', '.join(choices[:-1])} or {choices[-1]}"


def choice_hint(value: Any, choices: list[str], path: ConfigPath) -> str:
    words = [json.loads(c) for c in choices]
    if isinstance(value, str) and not is_secret_place(path):
        near = nearest(value, [word for word in words if isinstance(word, str)])
        if near is not None:
            return f"did you mean {json.dumps(near)}?"
    return f"use {one_of(choices)}"


def nearest(word: str, known: list[str]) -> str | None:
    """The known key `word` most likely misspells: same letters in another case or without `_`/`-`,
    else the closest by similarity (`modles` -> `models`, `fallback` -> `fallbacks`)."""
    if not known:
        return None
    folded = {_fold(k): k for k in known}
    if _fold(word) in folded and folded[_fold(word)] != word:
        return folded[_fold(word)]
    close = difflib.get_close_matches(word.lower(), [k.lower() for k in known], n=1, cutoff=0.75)
    if not close:
        return None
    return next(k for k in known if k.lower() == close[0])


def _fold(word: str) -> str:
    return re.sub(r"[_\-\s]", "", word).lower()
