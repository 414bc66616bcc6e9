"""Root sections besides models and agents that OpenClaw 2026.2.9 validates strictly, written as its
behaviour shows them (a bad value there makes OpenClaw refuse the whole config).

Sections not defined here are still passed through unchecked (see `definitions.OpenClawConfig`).
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from .common import doc, strict

_STRICT = strict()

LogLevel = Literal["silent", "fatal", "error", "warn", "info", "debug", "trace"]


@with_config(_STRICT)
class LoggingSection(TypedDict):
    """How OpenClaw logs."""

    level: NotRequired[Annotated[LogLevel, doc("Level of the log file.")]]
    file: NotRequired[Annotated[str, doc("The log file.")]]
    consoleLevel: NotRequired[Annotated[LogLevel, doc("Level of the console log.")]]
    consoleStyle: NotRequired[Annotated[Literal["pretty", "compact", "json"], doc("Console log format.")]]
    redactSensitive: NotRequired[Annotated[Literal["off", "tools"], doc("What is redacted from logs.")]]
    redactPatterns: NotRequired[Annotated[list[str], doc("Extra patterns to redact.")]]


@with_config(_STRICT)
class UpdateSection(TypedDict):
    """Self-update settings."""

    channel: NotRequired[Annotated[Literal["stable", "beta", "dev"], doc("Release channel.")]]
    checkOnStart: NotRequired[Annotated[bool, doc("Check for an update at start-up.")]]
