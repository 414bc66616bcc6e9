"""The checks OpenClaw 2026.2.9 makes beyond its published JSON Schema (which cannot state them),
learnt from its behaviour: each rule here is one it was seen to refuse a config for.

A rule is a place (a config path, `*` for any key or item) and a check of the object found there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from ..errors import ConfigPath, Problem, format_path
from . import messages as words

Check = Callable[[dict[str, Any], ConfigPath], Iterator[Problem]]
# A duration as OpenClaw reads it: a number, and a unit of ms, s, m or h (minutes when left out).
_DURATION = re.compile(r"(?:\d+(?:\.\d+)?|\.\d+)(?:ms|s|m|h)?", re.IGNORECASE)


def _one_tool_list(policy: dict[str, Any], path: ConfigPath) -> Iterator[Problem]:
    if "allow" in policy and "alsoAllow" in policy:
        yield Problem(
            f"{format_path(path)} cannot set both allow and alsoAllow",
            path=path,
            hint="merge alsoAllow into allow, or remove allow and use a profile with alsoAllow",
        )  # fmt: skip


def _heartbeat(heartbeat: dict[str, Any], path: ConfigPath) -> Iterator[Problem]:
    every = heartbeat.get("every")
    if isinstance(every, str) and not _DURATION.fullmatch(every.strip()):
        found = words.describe_value(every, (*path, "every"))
        yield Problem(
            f"every must be a duration such as 30m, 90s or 1.5h, not {found}",
            path=(*path, "every"), hint="write a number and one unit: ms, s, m or h",
        )  # fmt: skip
    target = heartbeat.get("target")
    if isinstance(target, str) and not target.strip():
        yield Problem("target must not be empty", path=(*path, "target"), hint="name a target, or remove the key")


def _open_direct_messages(policy_key: str) -> Check:
    """An "open" policy for direct messages must say so in allowFrom too: `"*"` (anyone)."""

    def check(channel: dict[str, Any], path: ConfigPath) -> Iterator[Problem]:
        allowed = channel.get("allowFrom")
        if channel.get(policy_key) == "open" and not (isinstance(allowed, list) and "*" in allowed):
            yield Problem(
                f'{policy_key} "open" needs allowFrom to include "*"',
                path=(*path, "allowFrom"), anchor="value" if "allowFrom" in channel else "parent",
                hint=f'add "*" to allowFrom, or use another {policy_key}',
            )  # fmt: skip

    return check


def _telegram_webhook(channel: dict[str, Any], path: ConfigPath) -> Iterator[Problem]:
    yield from _needs(channel, path, "webhookUrl", "webhookSecret")


def _telegram_account_webhook(account: dict[str, Any], path: ConfigPath, telegram: dict[str, Any]) -> Iterator[Problem]:
    if not telegram.get("webhookSecret"):  # an account may use the channel's secret
        yield from _needs(account, path, "webhookUrl", "webhookSecret")


def _slack_http(channel: dict[str, Any], path: ConfigPath) -> Iterator[Problem]:
    if channel.get("mode") == "http":
        yield from _needs(channel, path, "mode", "signingSecret", when='mode "http"')


def _needs(
    holder: dict[str, Any], path: ConfigPath, key: str, needed: str, when: str | None = None
) -> Iterator[Problem]:
    if holder.get(key) and not holder.get(needed):
        yield Problem(
            f"{when or key} needs {needed}", path=(*path, needed), anchor="parent",
            hint=f"set {format_path((*path, needed))} as well",
        )  # fmt: skip


_DM_POLICY_CHANNELS = ("telegram", "whatsapp", "signal", "imessage", "bluebubbles")
_DM_POLICY_ACCOUNTS = ("telegram", "whatsapp")
RULES: tuple[tuple[ConfigPath, Check], ...] = (
    (("agents", "defaults", "heartbeat"), _heartbeat),
    (("agents", "list", "*", "heartbeat"), _heartbeat),
    *((("channels", channel), _open_direct_messages("dmPolicy")) for channel in _DM_POLICY_CHANNELS),
    *((("channels", channel, "accounts", "*"), _open_direct_messages("dmPolicy")) for channel in _DM_POLICY_ACCOUNTS),
    *((("channels", channel, "dm"), _open_direct_messages("policy")) for channel in ("discord", "slack")),
    (("channels", "telegram"), _telegram_webhook),
    (("channels", "slack"), _slack_http),
)


def refinement_problems(config: dict[str, Any]) -> list[Problem]:
    """Every breach of these rules in `config` (a value of the wrong kind is left to the schema)."""
    rules = [*RULES, *((place, _one_tool_list) for place in _tool_policy_places())]
    problems = [problem for place, check in rules for path, found in _objects_at(config, place)
                for problem in check(found, path)]  # fmt: skip
    channels = config.get("channels")
    telegram = channels.get("telegram") if isinstance(channels, dict) else None
    if isinstance(telegram, dict):
        for path, account in _objects_at(config, ("channels", "telegram", "accounts", "*")):
            problems.extend(_telegram_account_webhook(account, path, telegram))
    return problems


def json_schema_rules() -> list[tuple[ConfigPath, dict[str, Any]]]:
    """The rules here that a JSON Schema can state, with where: for the committed schema (`json_schema`)."""
    rules: list[tuple[ConfigPath, dict[str, Any]]] = [
        (place, {"not": {"required": ["allow", "alsoAllow"]}}) for place in _tool_policy_places()
    ]
    for heartbeat in (("agents", "defaults", "heartbeat"), ("agents", "list", "*", "heartbeat")):
        rules.append(((*heartbeat, "every"), {"pattern": r"^\s*(?:\d+(?:\.\d+)?|\.\d+)(?:[mM][sS]|[sSmMhH])?\s*$"}))
        rules.append(((*heartbeat, "target"), {"pattern": r"\S"}))
    return rules


@cache
def _tool_policy_places() -> tuple[ConfigPath, ...]:
    """Every place the reference's data has a tool policy (an object with both allow and alsoAllow):
    OpenClaw refuses both at once in each of them."""
    from .reference_sections import reference_schema

    places: set[ConfigPath] = set()
    stack: list[tuple[ConfigPath, Any]] = [((), reference_schema())]
    while stack:
        path, schema = stack.pop()
        if not isinstance(schema, dict):
            continue
        declared = schema.get("properties")
        properties: dict[str, Any] = declared if isinstance(declared, dict) else {}
        if "allow" in properties and "alsoAllow" in properties:
            places.add(path)
        stack.extend(((*path, name), child) for name, child in properties.items())
        stack.extend((path, branch) for branch in schema.get("anyOf", ()))
        stack.extend(((*path, "*"), schema[key]) for key in ("items", "additionalProperties") if key in schema)
    return tuple(sorted(places, key=str))


def _objects_at(config: dict[str, Any], place: ConfigPath) -> Iterator[tuple[ConfigPath, dict[str, Any]]]:
    """The objects at `place` in `config`, with their paths."""
    reached: list[tuple[ConfigPath, Any]] = [((), config)]
    for segment in place:
        following: list[tuple[ConfigPath, Any]] = []
        for path, node in reached:
            if isinstance(node, dict):
                keys = list(node) if segment == "*" else [segment] if segment in node else []
                following.extend(((*path, key), node[key]) for key in keys)
            elif isinstance(node, list) and segment == "*":
                following.extend(((*path, index), item) for index, item in enumerate(node))
        reached = following
    yield from ((path, node) for path, node in reached if isinstance(node, dict))
