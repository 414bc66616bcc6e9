"""The root sections this engine does not model, validated to OpenClaw's own rules.

OpenClaw publishes the JSON Schema of its config (generated from its schema; see
`scripts/regenerate_config_schema.py`). Its structural rules are kept as data, keyed by the
OpenClaw version, and checked here for the keywords that document uses. The data is loaded only
for a config that has such a section. The walk follows the schema, which has no references, so
its depth is bounded by the schema's whatever the input; `{}` (anything) ends it.

The parts the engine's own schema checks (`models`, `auth`, `env`, the default models of
`agents.defaults`) are skipped, and so is the kind of the objects it checks: each problem is
reported once, in the same words (see `messages`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ConfigPath, Problem, format_path
from . import messages as words

OPENCLAW_VERSION = "2026.2.9"
DATA_FILE = Path(__file__).with_name("data") / f"openclaw-config-{OPENCLAW_VERSION}.json"
Schema = dict[str, Any]

#: Checked in full by the engine's schema (`definitions.py`): the reference is not walked there.
OWNED: frozenset[ConfigPath] = frozenset(
    {("$schema",), ("models",), ("auth",), ("env",),
     ("agents", "defaults", "model"), ("agents", "defaults", "imageModel"), ("agents", "defaults", "models")}
)  # fmt: skip
#: Objects whose kind the engine's schema checks (besides every root section): only their keys are left.
SHAPED: frozenset[ConfigPath] = frozenset({("agents", "defaults"), ("agents", "list")})
_SAFE_INTEGER = 9007199254740991  # JavaScript's bound, which the reference states on every integer
_TYPE_WORDS = {"string": "a string", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "object": "an object", "array": "an array", "null": "null"}  # fmt: skip
_ERROR_TYPES = {"string": "string_type", "number": "float_type", "integer": "int_type"}


_OWNED_PREFIXES = frozenset(path[:end] for path in OWNED for end in range(1, len(path)))


def needs_check(config: dict[str, Any]) -> bool:
    """Whether `config` holds anything outside the parts the engine checks itself (the data is then
    not loaded at all: the 0.79 MB benchmark config holds only such parts)."""
    stack: list[tuple[ConfigPath, dict[str, Any]]] = [((), config)]
    while stack:
        path, node = stack.pop()
        for key, value in node.items():
            where = (*path, key)
            if where not in OWNED and where not in _OWNED_PREFIXES:
                return True
            if where in _OWNED_PREFIXES and isinstance(value, dict):
                stack.append((where, value))
    return False


@cache
def reference_schema() -> Schema:
    schema: Schema = json.loads(DATA_FILE.read_text(encoding="utf-8"))["schema"]
    return schema


def section_problems(config: dict[str, Any]) -> list[Problem]:
    """Every violation of the reference's rules in the sections of `config` not checked elsewhere."""
    sections = reference_schema().get("properties", {})
    problems: list[Problem] = []
    for key, value in config.items():
        if key in sections and (key,) not in OWNED:
            problems.extend(_problems(sections[key], value, (key,)))
    return problems


def _problems(schema: Schema, value: Any, path: ConfigPath) -> list[Problem]:
    """The violations of `schema` by `value` at `path`; the first failed check of a value only."""
    if (path in OWNED) or not schema:
        return []
    if "anyOf" in schema:
        return _any_of(schema["anyOf"], value, path)
    kinds = _kinds(schema)
    if kinds and not any(_is_kind(value, kind) for kind in kinds):
        if len(path) == 1 or path in SHAPED:
            return []  # the engine's schema reports the kind of this one
        return [_wrong_kind(value, kinds, schema, path)]
    wrong = _constant(schema, value, path) or _number(schema, value, path) or _text(schema, value, path)
    if wrong is not None:
        return [wrong]
    if isinstance(value, dict):
        return _object(schema, value, path)
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        return [p for i, item in enumerate(value) for p in _problems(schema["items"], item, (*path, i))]
    return []


def _kinds(schema: Schema) -> list[str]:
    kind = schema.get("type")
    return [kind] if isinstance(kind, str) else list(kind or [])


def _is_kind(value: Any, kind: str) -> bool:
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        try:  # OpenClaw reads a number beyond a double's range as Infinity, which it refuses
            finite = math.isfinite(value)
        except OverflowError:
            return False
        return finite and (kind == "number" or isinstance(value, int) or value.is_integer())
    checks = {"string": str, "boolean": bool, "object": dict, "array": list, "null": type(None)}
    return isinstance(value, checks.get(kind, object))


def _expected(schema: Schema) -> str:
    """What `schema` accepts, in words: "a whole number greater than 0", "true or false"."""
    choices = _choices(schema)
    if choices is not None:
        return words.one_of(choices)
    kinds = _kinds(schema)
    if not kinds:
        return "a value of another kind"
    said = [_TYPE_WORDS.get(kind, kind) for kind in kinds]
    bounds = {k: schema[k] for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum") if k in schema}
    renamed = {"minimum": "ge", "maximum": "le", "exclusiveMinimum": "gt", "exclusiveMaximum": "lt"}
    shown = {renamed[k]: v for k, v in bounds.items() if abs(v) < _SAFE_INTEGER}
    return words.one_of([*said[:-1], said[-1] + words.bounds_words(shown)])


def _choices(schema: Schema) -> list[str] | None:
    """The JSON of the values `schema` allows, when it allows only a few (const or enum)."""
    if "const" in schema:
        return [json.dumps(schema["const"], ensure_ascii=False)]
    if isinstance(schema.get("enum"), list):
        return [json.dumps(choice, ensure_ascii=False) for choice in schema["enum"]]
    return None


def _wrong_kind(value: Any, kinds: list[str], schema: Schema, path: ConfigPath) -> Problem:
    expected = _expected({"type": kinds, **{k: v for k, v in schema.items() if k != "type"}})
    found = words.describe_value(value, path)
    hint = words.fix_hint(value, _ERROR_TYPES.get(kinds[0], f"{kinds[0]}_type"), expected)
    return Problem(f"{words.field_name(path)} must be {expected}, not {found}", path=path, hint=hint)


def _constant(schema: Schema, value: Any, path: ConfigPath) -> Problem | None:
    choices = _choices(schema)
    allowed = [schema["const"]] if "const" in schema else schema.get("enum")
    if choices is None or any(_same(value, choice) for choice in allowed or ()):
        return None
    found = words.describe_value(value, path)
    return Problem(
        f"{words.field_name(path)} must be {words.one_of(choices)}, not {found}",
        path=path, hint=words.choice_hint(value, choices, path),
    )  # fmt: skip


def _same(value: Any, choice: Any) -> bool:
    if _is_kind(value, "number") and _is_kind(choice, "number"):
        return bool(value == choice)
    return type(value) is type(choice) and bool(value == choice)


def _number(schema: Schema, value: Any, path: ConfigPath) -> Problem | None:
    if not _is_kind(value, "number"):
        return None
    fails = (
        ("minimum" in schema and value < schema["minimum"]) or ("maximum" in schema and value > schema["maximum"])
        or ("exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"])
        or ("exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"])
    )  # fmt: skip
    if not fails:
        return None
    expected = _expected(schema)
    found = words.describe_value(value, path)
    return Problem(
        f"{words.field_name(path)} must be {expected}, not {found}", path=path, hint=f"change it to {expected}"
    )


def _text(schema: Schema, value: Any, path: ConfigPath) -> Problem | None:
    """A string too short, too long, or not matching the pattern."""
    if not isinstance(value, str):
        return None
    wrong = _text_rule(schema, value)
    if wrong is None:
        return None
    rule, fix = wrong
    found = words.describe_value(value, path)
    return Problem(f"{words.field_name(path)} must {rule}, not {found}", path=path, hint=fix)


def _key_problem(schema: Schema, key: str, path: ConfigPath) -> Problem | None:
    """A key of `path` (the object) that breaks the rule for its keys (`propertyNames`)."""
    wrong = _text_rule(schema, key)
    if wrong is None:
        return None
    rule, fix = wrong
    where = f"in {format_path(path)}" if path else "at the root"
    return Problem(f"key {key!r} {where} must {rule}", path=(*path, key), hint=f"rename it: {fix}", anchor="key")


def _text_rule(schema: Schema, text: str) -> tuple[str, str] | None:
    """(the rule `text` breaks, how to fix it), or None."""
    length = len(text.encode("utf-16-le")) // 2  # the reference counts UTF-16 code units
    shortest, longest = schema.get("minLength", 0), schema.get("maxLength", math.inf)
    if length < shortest:
        if shortest == 1:
            return "be a non-empty string", "give it a value: it cannot be empty"
        return f"have at least {shortest} characters (it has {length})", f"lengthen it to {shortest} characters"
    if length > longest:
        return f"have at most {longest} characters (it has {length})", f"shorten it to {longest} characters"
    pattern = schema.get("pattern")
    if isinstance(pattern, str) and not _matches(pattern, text):
        return f"match {pattern}", f"change it to a string that matches {pattern}"
    return None


@cache
def _compiled(pattern: str) -> re.Pattern[str] | None:
    try:  # the reference's patterns are JavaScript's; the ones it uses read the same in Python
        return re.compile(pattern)
    except re.error:
        return None


def _matches(pattern: str, value: str) -> bool:
    compiled = _compiled(pattern)
    if compiled is None:
        return True  # a pattern Python cannot read is not held against the user
    found = compiled.search(value)
    # JavaScript's `$` does not match before a final newline, Python's does.
    return found is not None and (not pattern.endswith("$") or found.end() == len(value))


def _object(schema: Schema, value: dict[str, Any], path: ConfigPath) -> list[Problem]:
    properties: dict[str, Schema] = schema.get("properties", {})
    problems = [
        words.missing_field((*path, name), _expected(properties.get(name, {})), words.holder(path))
        for name in schema.get("required", ())
        if name not in value
    ]
    extra = schema.get("additionalProperties", True)
    names = schema.get("propertyNames")
    for key, item in value.items():
        where = (*path, key)
        if isinstance(names, dict):
            wrong_name = _key_problem(names, key, path)
            if wrong_name is not None:
                problems.append(wrong_name)
                continue
        if key in properties:
            problems.extend(_problems(properties[key], item, where))
        elif extra is False:
            problems.append(words.unknown_key(where, list(properties)))
        elif isinstance(extra, dict):
            problems.extend(_problems(extra, item, where))
    return problems


def _any_of(branches: list[Schema], value: Any, path: ConfigPath) -> list[Problem]:
    """The problems of the branch the value was most likely meant for; none if one branch holds."""
    outcomes = [_problems(branch, value, path) for branch in branches]
    if any(not found for found in outcomes):
        return []
    leaves = [b for b in branches if _choices(b) is not None or set(b) <= {"type"}]
    fitting = [found for branch, found in zip(branches, outcomes, strict=True) if _fits_kind(branch, value)]
    if len(leaves) == len(branches) or not fitting:
        expected = words.one_of(list(_unique(_expected(b) for b in branches)))
        found = words.describe_value(value, path)
        choices = [c for b in branches for c in _choices(b) or ()]
        all_choices = all(_choices(b) is not None for b in branches)
        hint = words.choice_hint(value, choices, path) if all_choices else f"change it to {expected}"
        return [Problem(f"{words.field_name(path)} must be {expected}, not {found}", path=path, hint=hint)]
    return min(fitting, key=len)


def _fits_kind(branch: Schema, value: Any) -> bool:
    kinds = _kinds(branch)
    return not kinds or any(_is_kind(value, kind) for kind in kinds)


def _unique(texts: Iterator[str]) -> Iterator[str]:
    seen: set[str] = set()
    for text in texts:
        if text not in seen:
            seen.add(text)
            yield text
