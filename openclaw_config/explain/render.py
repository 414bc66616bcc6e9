"""`show --explain`: provenance records for people (text) and for programs (`--json`).

The records are already redacted (`trace.explain` scrubs them); this module only lays them out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, Problem
from ..json_text import json_text
from ..outputs.paths import AS_IS, PathStyle
from .records import ProvenanceRecord, Shorten

if TYPE_CHECKING:
    from ..registry.model import EffectiveRegistry

_LEGEND = '"from" is where the value in effect was set; "overrode" is a value that lost to it, and why.'


def render_explanation(
    registry: EffectiveRegistry,
    path: str | None,
    *,
    as_json: bool,
    show_all: bool = False,
    indent: int | None = 2,
    paths: PathStyle = AS_IS,
) -> str:
    """The explanation `show --explain [PATH] [--all] [--json]` prints; a PATH that matches nothing is
    an error. Without `show_all`, values that are only defaults (set nowhere, overriding nothing) are
    left out and counted. JSON is indented by `indent` (compact when None); `paths` says how the
    text shows files."""
    records = registry.explain(path)
    if path and not records:
        raise ConfigError(
            [
                Problem(
                    f"nothing in the registry matches {path!r}",
                    hint="give a config path (models.providers.xiaomi.baseUrl), a provider id (xiaomi), "
                    "a model ref (xiaomi/mimo-v2-flash) or a variable name (XIAOMI_API_KEY)",
                )
            ]
        )
    shown = records if show_all else [r for r in records if not r.is_default]
    omitted = len(records) - len(shown)
    if as_json:
        document = explanation_to_dict(registry, path, shown)
        document["defaultsOmitted"] = omitted
        return json_text(document, indent=indent) + "\n"
    return explanation_text(registry, shown, omitted, paths)


def explanation_to_dict(
    registry: EffectiveRegistry, path: str | None, records: list[ProvenanceRecord]
) -> dict[str, Any]:
    return {
        "configPath": str(registry.config_path),
        "agentDir": str(registry.agent_dir),
        "selected": path,
        "records": [record.to_dict() for record in records],
    }


def explanation_text(
    registry: EffectiveRegistry, records: list[ProvenanceRecord], omitted: int = 0, paths: PathStyle = AS_IS
) -> str:
    def short(file: str) -> str:
        return paths(file)

    lines = [
        "Where the effective values come from",
        f"  config file  {short(str(registry.config_path))}",
        f"  agent dir    {short(str(registry.agent_dir))}",
        f"  {_LEGEND}",
    ]
    for title, group in _sections(records):
        lines += ["", title]
        for record in group:
            lines += _record_lines(record, short)
    if omitted:
        what = "value that is only a default is" if omitted == 1 else "values that are only defaults are"
        lines += ["", f"{omitted} {what} not shown (--all shows every value)"]
    return "\n".join(lines) + "\n"


def _sections(records: list[ProvenanceRecord]) -> Iterator[tuple[str, list[ProvenanceRecord]]]:
    """Consecutive records grouped: the model choice, then each provider and each of its models."""
    title, group = "", list[ProvenanceRecord]()
    for record in records:
        heading = _heading(record)
        if heading != title and group:
            yield title, group
            group = []
        title = heading
        group.append(record)
    if group:
        yield title, group


def _heading(record: ProvenanceRecord) -> str:
    if record.provider is None and _is_variable(record):
        return f"Variable {record.path[1]}"
    if record.provider is None:
        return "Model choice"
    if record.model is not None and record.path[:3] == ("models", "providers", record.provider):
        return f"Provider {record.provider}, model {record.model}"
    return f"Provider {record.provider}"


def _label(record: ProvenanceRecord) -> str:
    """The record's path, relative to its provider or model section."""
    path = record.path
    if record.provider is not None and path[:3] == ("models", "providers", record.provider):
        rest = path[5:] if record.model is not None and len(path) > 4 and path[3] == "models" else path[3:]
        if not rest:
            return "(the model)" if len(path) > 4 else "(the provider)"
        return ".".join(str(p) for p in rest)
    return str(record.path[1]) if _is_variable(record) else record.dotted_path


def _is_variable(record: ProvenanceRecord) -> bool:
    return record.provider is None and len(record.path) == 2 and record.path[0] == "env"


def _record_lines(record: ProvenanceRecord, short: Shorten) -> list[str]:
    head = f"  {_label(record)} = {_show(record.value)}"
    if record.note:
        head += f"  ({record.note})"
    lines = [head]
    lines += [f"      from      {origin.describe(short)}" for origin in record.origins]
    label = "overrode" if record.value is not None else "ignored "  # nothing is in effect to override
    for lost in record.overridden:
        same = lost.value == record.value and record.value is not None
        value = "the same value" if same else _show(lost.value)
        lines.append(f"      {label}  {value} from {lost.origin.describe(short)} -- {lost.reason}")
    return lines


def _show(value: Any) -> str:
    return "(none)" if value is None else json.dumps(value, ensure_ascii=False)
