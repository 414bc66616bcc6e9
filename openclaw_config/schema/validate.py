"""Strict validation of a composed config (SPEC section 6), as located `Problem`s."""

from __future__ import annotations

from typing import Any

from ..errors import ConfigPath, Problem, format_path


def schema_problems(config: Any) -> list[Problem]:
    """Every schema violation of `config`; empty when it is valid."""
    if not isinstance(config, dict):
        return [Problem(f"the config must be an object, not {_kind(config)}", path=(), hint="wrap it in { }")]
    from pydantic_core import ValidationError

    from .compiled import config_validator

    try:
        config_validator().validate_python(config)
    except ValidationError as exc:
        return [_problem(error) for error in exc.errors(include_url=False)]
    return []


def _problem(error: Any) -> Problem:
    path: ConfigPath = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        where = "at the root" if len(path) == 1 else f"in {format_path(path[:-1])}"
        return Problem(f"unknown key {path[-1]!r} {where}", path=path, hint="remove it or check its spelling")
    if kind == "missing":
        return Problem(f"required field {path[-1]!r} is missing", path=path, hint="add it")
    shown = repr(error.get("input")) if kind == "literal_error" else _kind(error.get("input"))
    return Problem(f"{error['msg']} (got {shown})", path=path, hint="fix the value")


def _kind(value: Any) -> str:
    """The JSON kind of a value, never the value itself: it might be a secret in the wrong place."""
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")
