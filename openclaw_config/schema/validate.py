"""Strict validation of a document (SPEC section 6 for the config), as located `Problem`s."""

from __future__ import annotations

from typing import Any

from ..errors import ConfigPath, Problem
from .kinds import DocumentKind

_WHAT = {"config": "the config", "auth-profiles": "the auth profile store", "models-json": "models.json"}


def schema_problems(document: Any, kind: DocumentKind = "config") -> list[Problem]:
    """Every schema violation of `document` (a config unless `kind` says otherwise); empty when valid."""
    if not isinstance(document, dict):
        return [Problem(f"{_WHAT[kind]} must be an object, not {_kind(document)}", path=(), hint="wrap it in { }")]
    from pydantic_core import ValidationError

    from .compiled import document_validator

    problems: list[Problem] = []
    if kind != "config" or not _valid_provider_by_provider(document):
        try:
            document_validator(kind).validate_python(document)
        except ValidationError as exc:
            problems = [_problem(error, document, kind) for error in exc.errors(include_url=False)]
    if kind == "config":
        problems.extend(_reference_problems(document))
    return problems


def _reference_problems(config: dict[str, Any]) -> list[Problem]:
    """The rules OpenClaw itself holds the sections this engine passes through to (see
    `reference_sections`); not even imported for a config of `models` alone."""
    if not any(key not in ("models", "$schema") for key in config):
        return []
    from .reference_refinements import refinement_problems
    from .reference_sections import needs_check, section_problems

    if not needs_check(config):
        return []
    problems = section_problems(config)
    # The checks beyond the data, where the data holds: a value of the wrong kind is reported once.
    reported = {p.path for p in problems}
    return problems + [p for p in refinement_problems(config) if p.path not in reported]


def _valid_provider_by_provider(config: dict[str, Any]) -> bool:
    """Whether `config` is valid, checked one provider block at a time (False also when it has no
    providers or this cannot be done: then the check of the whole config decides, and reports).

    Same verdict as one check of the whole config, but each block's validated copy (which pydantic
    builds and we drop) is freed before the next is made: the memory is reused, instead of a copy of
    every model at once. At 10x the 0.79 MB config that is 20% faster.
    """
    from .compiled import config_validator, provider_validator

    models = config.get("models")
    if not isinstance(models, dict) or not isinstance(models.get("providers"), dict) or not models["providers"]:
        return False
    providers: dict[str, Any] = models["providers"]
    one_provider = provider_validator()
    if one_provider is None:
        return False
    without_providers = {**config, "models": {**models, "providers": {}}}
    return config_validator().isinstance_python(without_providers) and all(
        one_provider.isinstance_python(block) for block in providers.values()
    )


def _problem(error: Any, document: Any, kind: DocumentKind) -> Problem:
    from .messages import problem_for  # the wording of every schema problem

    return problem_for(error, _real_path(tuple(error["loc"]), document), kind)


def _real_path(loc: ConfigPath, document: Any) -> ConfigPath:
    """`loc` without the segment pydantic inserts after a tagged union: the tag, e.g. "api_key".

    The tag is the value of the object's `type`; it may also be one of its keys (a token profile
    has a `token`), so it is recognised by the value, before looking at the keys.
    """
    path: list[str | int] = []
    node, at_tag = document, False
    for segment in loc:
        at_tag = not at_tag and isinstance(node, dict) and node.get("type") == segment
        if at_tag:
            continue
        path.append(segment)
        node = _child(node, segment)
    return tuple(path)


def _child(node: Any, segment: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(segment)
    if isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
        return node[segment]
    return None


def _kind(value: Any) -> str:
    """The JSON kind of a value, never the value itself: it might be a secret in the wrong place."""
    kinds = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return kinds.get(type(value), "a number")
