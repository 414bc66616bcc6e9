"""A third-party validator (`jsonschema`) agrees with `validate` on every conformance case."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError

from openclaw_config.composition.includes import include_roots
from openclaw_config.errors import Problem
from openclaw_config.paths import Locations
from openclaw_config.pipeline import compose_config, locate_active
from openclaw_config.schema.json_schema import generate_json_schema
from openclaw_config.schema.kinds import DocumentKind
from openclaw_config.validation import validate_file

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "conformance"
SCHEMA_INVALID = {
    "df_passthrough_section_validated",
    "unknown_key_rejected",
    "unknown_root_key_rejected",
    "bad_mode_rejected",
    "model_name_required",
    "wrong_type_rejected",
}
# Their problem is not in what a schema sees: JSON5 syntax or $include.
NOT_COMPOSABLE = {"json5_syntax_error", "include_cycle_error", "include_escape_error", "include_missing_file_error"}
ALL_CASES = sorted(p.name for p in CASES.iterdir() if (p / "case.json").exists())


def case_locations(name: str) -> Locations:
    """Where the engine looks for this case's files (the case's environment, its home and cwd)."""
    case = CASES / name
    env = {k: v.replace("@CASE@", str(case)) for k, v in json.loads((case / "case.json").read_text())["env"].items()}
    return locate_active(env, cwd=case / "cwd", home=case / "home")


@cache
def validator(kind: DocumentKind) -> Draft202012Validator:
    return Draft202012Validator(generate_json_schema(kind))


def composed_config(path: Path) -> dict[str, Any]:
    """The config with its includes resolved (what both validators see); no ${VAR} substitution."""
    return compose_config(path, include_roots(path, None, path.parent)).value


def reasons_from_jsonschema(errors: list[ValidationError]) -> set[tuple[str, tuple[str | int, ...]]]:
    """(reason, config path) for each error, in the terms `validate` uses."""
    reasons = set()
    for error in errors:
        where = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            allowed = error.schema.get("properties", {})
            reasons |= {("unknown key", (*where, key)) for key in error.instance if key not in allowed}
        elif error.validator == "required":
            reasons |= {("missing", (*where, key)) for key in error.validator_value if key not in error.instance}
        else:
            reasons.add(("bad value", where))
    return reasons


def reasons_from_validate(problems: list[Problem]) -> set[tuple[str, tuple[str | int, ...]]]:
    names = {"key": "unknown key", "parent": "missing", "value": "bad value"}
    return {(names[p.anchor], p.path or ()) for p in problems}


def valid_configs() -> list[str]:
    """Cases with a config file whose problem, if any, is not in the files (e.g. a missing variable)."""
    return [n for n in ALL_CASES if n not in SCHEMA_INVALID | NOT_COMPOSABLE and case_locations(n).config_file.exists()]


@pytest.mark.parametrize("name", valid_configs())
def test_every_valid_conformance_config_is_accepted_by_both(name: str) -> None:
    config_file = case_locations(name).config_file
    assert list(validator("config").iter_errors(composed_config(config_file))) == []
    assert validate_file(config_file) == []


@pytest.mark.parametrize("name", sorted(SCHEMA_INVALID))
def test_invalid_conformance_configs_are_rejected_by_both_for_the_same_reason(name: str) -> None:
    config_file = case_locations(name).config_file
    errors = list(validator("config").iter_errors(composed_config(config_file)))
    problems = validate_file(config_file)
    assert errors and problems
    assert reasons_from_jsonschema(errors) == reasons_from_validate(problems)


def agent_dir_files() -> list[tuple[str, DocumentKind, Path]]:
    files: list[tuple[str, DocumentKind, Path]] = []
    for name in ALL_CASES:
        locations = case_locations(name)
        files += [(name, "auth-profiles", locations.auth_store)] if locations.auth_store.exists() else []
        files += [(name, "models-json", locations.models_json)] if locations.models_json.exists() else []
    return files


@pytest.mark.parametrize(("name", "kind", "path"), agent_dir_files(), ids=lambda v: str(v).split("/")[-1])
def test_agent_dir_files_of_the_cases_are_judged_alike(name: str, kind: DocumentKind, path: Path) -> None:
    problems = validate_file(path)
    if name == "profile_store_malformed":  # not JSON at all: the engine ignores it with a warning
        assert [(p.line, p.column) for p in problems] == [(1, 3)]
        assert "JSON syntax error" in problems[0].message
        return
    if name == "df_authstore_bom":  # OpenClaw's JSON.parse rejects the BOM: the store counts for nothing
        assert [(p.line, p.column) for p in problems] == [(1, 1)]
        assert "byte-order mark" in problems[0].message and "none of its profiles count" in problems[0].message
        return
    assert problems == []
    assert list(validator(kind).iter_errors(json.loads(path.read_text()))) == []


def test_the_cases_cover_every_kind_of_file() -> None:
    assert {"config_path_override", "state_dir_override", "include_root_level", "subst_missing_error"} <= set(
        valid_configs()
    )
    assert {kind for _, kind, _ in agent_dir_files()} == {"auth-profiles", "models-json"}
    assert set(ALL_CASES) >= SCHEMA_INVALID | NOT_COMPOSABLE
