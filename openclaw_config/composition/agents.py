"""Agents (`agents.list[]`): which one a resolution is for, its agent dir and its model overrides.

An entry has an `id` (compared lower-case, odd characters folded to `-`), an optional `agentDir`
(default `<state>/agents/<id>/agent`) and an optional `model`: a ref, or `{primary, fallbacks}`
whose `fallbacks`, when present, replace the defaults' for that agent. Without a list the only
agent is `main`. The default agent is the first entry marked `default: true`, else the first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Problem
from ..paths import Locations, agent_dir_for

MAIN_AGENT = "main"
_VALID_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z", re.IGNORECASE)
_INVALID_CHARACTERS = re.compile(r"[^a-z0-9_-]+")


@dataclass(frozen=True)
class AgentSelection:
    """The agent a resolution is for."""

    id: str
    agent_dir: Path
    primary: str | None = None  # the agent's own primary model, if it sets one
    fallbacks: tuple[str, ...] | None = None  # its own fallbacks (None: those of agents.defaults)
    index: int | None = None  # its entry in agents.list
    is_default: bool = False


def normalize_agent_id(raw: Any) -> str:
    text = raw.strip() if isinstance(raw, str) else ""
    if not text:
        return MAIN_AGENT
    if _VALID_ID.match(text):
        return text.lower()
    folded = _INVALID_CHARACTERS.sub("-", text.lower()).strip("-")[:64]
    return folded or MAIN_AGENT


def agent_entries(config: Mapping[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    agents = config.get("agents")
    listed = agents.get("list") if isinstance(agents, dict) else None
    return [(i, e) for i, e in enumerate(listed) if isinstance(e, dict)] if isinstance(listed, list) else []


def agent_ids(config: Mapping[str, Any]) -> list[str]:
    ids = list(dict.fromkeys(normalize_agent_id(e.get("id")) for _, e in agent_entries(config)))
    return ids or [MAIN_AGENT]


def default_agent_id(config: Mapping[str, Any]) -> str:
    entries = [e for _, e in agent_entries(config)]
    if not entries:
        return MAIN_AGENT
    chosen = next((e for e in entries if e.get("default")), entries[0])
    return normalize_agent_id(chosen.get("id"))


def select_agent(config: Mapping[str, Any], raw_id: str, locations: Locations) -> AgentSelection:
    """The agent `raw_id` names; a `ConfigError` when the config does not define it."""
    agent_id = normalize_agent_id(raw_id)
    known = agent_ids(config)
    if agent_id not in known:
        raise ConfigError([Problem(f"unknown agent id {raw_id.strip()!r}", file=str(locations.config_file),
                                   path=("agents", "list"),
                                   hint=f"the config defines {', '.join(known)}")])  # fmt: skip
    index, entry = next(((i, e) for i, e in agent_entries(config) if normalize_agent_id(e.get("id")) == agent_id),
                        (None, {}))  # fmt: skip
    configured = entry.get("agentDir")
    agent_dir = agent_dir_for(locations, agent_id, configured if isinstance(configured, str) else None)
    primary, fallbacks = _model_overrides(entry.get("model"))
    return AgentSelection(agent_id, agent_dir, primary, fallbacks, index, agent_id == default_agent_id(config))


def _model_overrides(model: Any) -> tuple[str | None, tuple[str, ...] | None]:
    if isinstance(model, str):
        return model.strip() or None, None
    if not isinstance(model, dict):
        return None, None
    primary = model.get("primary")
    fallbacks = model.get("fallbacks")
    chosen = primary.strip() or None if isinstance(primary, str) else None
    return chosen, tuple(f for f in fallbacks if isinstance(f, str)) if isinstance(fallbacks, list) else None


def config_for_agent(config: dict[str, Any], agent: AgentSelection) -> dict[str, Any]:
    """The config as the agent sees it: its model overrides in `agents.defaults.model`."""
    if agent.primary is None and agent.fallbacks is None:
        return config
    agents = dict(config.get("agents") or {})
    defaults = dict(agents.get("defaults") or {})
    model = dict(defaults.get("model") or {}) if isinstance(defaults.get("model"), dict) else {}
    if agent.primary is not None:
        model["primary"] = agent.primary
    if agent.fallbacks is not None:
        model["fallbacks"] = list(agent.fallbacks)
    return {**config, "agents": {**agents, "defaults": {**defaults, "model": model}}}
