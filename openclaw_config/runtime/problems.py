"""Registry problems: what makes OpenClaw's runtime refuse `models.json`, said where it is written.

Each `Violation` of `rules` becomes a `RegistryProblem`: the provider and model, the config file
and line:column where the config defines them (or the existing models.json, for a provider kept
from it), what the runtime will do about it, and the fix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..errors import Anchor, ConfigPath, Problem
from .rules import Rule, Violation

ProviderSource = Literal["config", "implicit", "models.json"]


@dataclass(frozen=True)
class RegistryProblem(Problem):
    """A reason the runtime will ignore `models.json` entirely. `hint` is the fix."""

    rule: Rule = "schema"
    provider: str = ""
    model: str | None = None  # the model's id, for a problem of one model
    source: ProviderSource = "config"  # where the provider block comes from

    @property
    def fix(self) -> str:
        return self.hint or ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule, "provider": self.provider, "model": self.model, "source": self.source,
            "file": self.file, "line": self.line, "column": self.column, "path": self.config_path,
            "message": self.message, "fix": self.fix,
        }  # fmt: skip


@dataclass(frozen=True)
class Consequence:
    """What the runtime loses when it refuses the document, for the messages."""

    release: str
    custom_models: int
    providers: int

    def __str__(self) -> str:
        lost = f"{self.custom_models} model{'s' if self.custom_models != 1 else ''}"
        return (
            f"OpenClaw {self.release} will ignore models.json entirely, so every custom model is unavailable "
            f"({lost} of {self.providers} provider{'s' if self.providers != 1 else ''}; only the built-in catalog is "
            "left, with no provider overrides)"
        )


_WHAT: dict[Rule, str] = {
    "schema": "{detail}",
    "no-endpoint": "provider {provider} has no baseUrl, no modelOverrides and no models",
    "missing-base-url": "provider {provider} has models but no baseUrl",
    "missing-api-key": "provider {provider} has models but no apiKey",
    "missing-api": "model {provider}/{model} has no api (neither its own nor its provider's)",
    "missing-id": "a model of provider {provider} has no id",
    "context-window": "model {provider}/{model} has a contextWindow that is not positive",
    "max-tokens": "model {provider}/{model} has a maxTokens that is not positive",
}
_ANCHOR: dict[Rule, Anchor] = {"missing-base-url": "parent", "missing-api-key": "parent", "missing-api": "parent"}


def describe(
    violation: Violation,
    source: ProviderSource,
    consequence: Consequence,
    key_variables: tuple[str, ...],
) -> RegistryProblem:
    """The problem for `violation`, not yet located (`path` is the config path it would be at)."""
    pid, model = violation.provider, violation.model
    what = _WHAT[violation.rule].format(provider=pid, model=model, detail=_schema_detail(violation))
    return RegistryProblem(
        f"{what}: {consequence}",
        path=("models", *violation.path),
        hint=_fix(violation, source, key_variables),
        anchor=_ANCHOR.get(violation.rule, "value"),
        rule=violation.rule,
        provider=pid,
        model=model,
        source=source,
    )


def _schema_detail(violation: Violation) -> str:
    where = ".".join(str(p) for p in violation.path[2:]) or "the provider block"
    return f"provider {violation.provider}: {where} {violation.detail}" if violation.provider else violation.detail


def _fix(violation: Violation, source: ProviderSource, key_variables: tuple[str, ...]) -> str:
    pid = violation.provider
    at = f"models.providers.{pid}"
    rule = violation.rule
    if rule == "missing-api-key":
        variables = "".join(f", or set {name}" for name in key_variables)
        fix = (
            f"set {at}.apiKey (the key, or the name of the environment variable that holds it){variables}, "
            f"or add an api_key profile for {pid} to auth-profiles.json"
        )
    elif rule == "missing-base-url":
        fix = f"set {at}.baseUrl to the provider's API endpoint"
    elif rule == "missing-api":
        fix = f'set api on the model or on {at} (e.g. "openai-completions", "anthropic-messages")'
    elif rule == "no-endpoint":
        fix = f"give {at} a baseUrl or models, or remove it"
    elif rule == "missing-id":
        fix = "give the model an id, or remove it"
    elif rule in ("context-window", "max-tokens"):
        fix = "set a positive number, or remove the field"
    else:
        fix = "fix the value"
    if source == "models.json":
        fix += (
            f'; {pid} comes from the existing models.json, kept because models.mode is "merge": fix or remove it '
            f'there, configure {at} to replace it, or set models.mode to "replace"'
        )
    return fix


Locate = Callable[[RegistryProblem], RegistryProblem]


def located_in_text(problem: RegistryProblem, file: str, text: str) -> RegistryProblem:
    """`problem` located in a strict-JSON document (the existing models.json), by its in-file path."""
    from ..sources.locate import position_of

    in_file: ConfigPath = (problem.path or ())[1:]  # ("models", "providers", ...) -> ("providers", ...)
    if problem.anchor == "parent" and in_file:
        position = position_of(text, in_file[:-1], "key")
    else:
        position = position_of(text, in_file, problem.anchor)
    line, column = position if position else (None, None)
    return replace(problem, file=file, line=line, column=column)


def counted(document: Mapping[str, Any]) -> tuple[int, int]:
    """How many custom models, and how many providers with models, the document holds."""
    providers = document.get("providers")
    blocks = [b for b in providers.values() if isinstance(b, dict)] if isinstance(providers, dict) else []
    with_models = [b["models"] for b in blocks if isinstance(b.get("models"), list) and b["models"]]
    return sum(len(m) for m in with_models), len(with_models)
