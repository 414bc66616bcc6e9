"""Editing the user's config file safely: refuse what cannot be edited in place, verify, back up, write.

Only the top-level config file is ever edited. A section the onboarding must change that an
`$include` supplies (in whole or in part) is refused: editing it here would split it across files.
The edited text is parsed again and, with its includes, must compose to exactly the intended config;
otherwise nothing is written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..composition.includes import INCLUDE_KEY, include_roots, resolve_includes
from ..composition.source_map import trace
from ..errors import ConfigError, ConfigPath, Problem, format_path
from ..outputs.atomic import backup, write_atomic
from ..sources.json5_file import ParsedFile, parse_json5, read_text
from .json5_edit import Edit, EditError, apply_to_text, apply_to_value
from .xiaomi import ConfigChange, value_at

if TYPE_CHECKING:
    from ..pipeline import ComposedConfig

_BOM = "\ufeff"


def include_problems(composed: ComposedConfig, changes: Sequence[ConfigChange]) -> list[Problem]:
    """One problem per section the changes touch that an `$include` supplies."""
    if composed.root is None or not composed.included:
        return []
    own = _without_includes(composed.root.value)
    problems: dict[ConfigPath, Problem] = {}
    for change in changes:
        section = _supplied_section(change.edit.path, composed.value, own)
        if section is None:
            continue
        if section in problems:  # one problem per section, listing every change it blocks
            old = problems[section]
            problems[section] = Problem(old.message, path=section, hint=f"{old.hint}; {change.description}")
            continue
        origin = trace(change.edit.path, composed)
        supplier = f" ({origin[0].path})" if origin is not None and origin[0] is not composed.root else ""
        problems[section] = Problem(
            f"this section comes (at least in part) from an $include{supplier} and onboarding must change it, "
            f"but it edits only {composed.root.path.name}",
            path=section,
            hint=f"write {format_path(section)} in {composed.root.path.name} instead of including it, or make "
            f"these changes in the included file yourself, then run onboard again: {change.description}",
        )
    return list(problems.values())


def _supplied_section(path: ConfigPath, composed: Any, own: Any) -> ConfigPath | None:
    """The first section on `path` whose composed value is not exactly what the root file itself says."""
    for length in range(1, len(path) + 1):
        section = path[:length]
        if value_at(composed, section) != value_at(own, section):
            return section
    return None


def _without_includes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_includes(v) for k, v in value.items() if k != INCLUDE_KEY}
    if isinstance(value, list):
        return [_without_includes(v) for v in value]
    return value


def edited_text(
    composed: ComposedConfig, edits: Sequence[Edit], config_file: Path, env: Mapping[str, str], home: Path
) -> str:
    """The new config text; raises ConfigError (nothing written) if it would not mean what we intend."""
    if composed.root is None:
        return json.dumps(apply_to_value({}, edits), indent=2, ensure_ascii=False) + "\n"
    root = composed.root
    try:
        text = apply_to_text(root.text, edits)
        value = parse_json5(text, root.path)
        roots = include_roots(config_file, env.get("OPENCLAW_INCLUDE_ROOTS"), home)
        recomposed, _ = resolve_includes(ParsedFile(root.path, text, value), roots)
    except (EditError, ConfigError) as exc:
        raise _unsafe(root.path, str(exc)) from None
    if not _same(value, apply_to_value(root.value, edits)) or not _same(
        recomposed, apply_to_value(composed.value, edits)
    ):
        raise _unsafe(root.path, "the edited file would not hold exactly the intended settings")
    return text


def _same(a: Any, b: Any) -> bool:
    """Equal as data (NaN equals NaN here, which `==` does not give)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _unsafe(path: Path, reason: str) -> ConfigError:
    return ConfigError(
        [
            Problem(
                f"onboarding could not edit this file safely: {reason}",
                file=str(path),
                hint="please report this; you can add the settings by hand (see the README)",
            )
        ]
    )


def backup_config(config_file: Path, original: str | None) -> Path | None:
    """The one `.bak` of the config as it was before this run (None when there was no config)."""
    return None if original is None else backup(config_file, latest_only=True)


def write_config(config_file: Path, original: str | None, text: str) -> None:
    """Write the new config (keeping the file's mode, BOM and symlink).

    Refuses if the file changed since it was read: someone else's edit must not be lost.
    """
    check_unchanged(config_file, original)
    if original is None:
        write_atomic(config_file, text)
        return
    has_bom = _starts_with_bom(config_file)
    target = Path(os.path.realpath(config_file))  # a symlinked config stays a symlink
    write_atomic(target, (_BOM if has_bom else "") + text, keep_mode=True)


def _starts_with_bom(config_file: Path) -> bool:
    from ..sources.bounded_read import CONFIG_MAX_BYTES, read_bounded

    return read_bounded(config_file, what="config file", max_bytes=CONFIG_MAX_BYTES).startswith(_BOM.encode())


def check_unchanged(config_file: Path, original: str | None) -> None:
    """Raise if the config file is not as it was read (`None`: it did not exist)."""
    exists = config_file.exists()
    if (original is None and not exists) or (exists and read_text(config_file, what="config file") == original):
        return
    message = "the config file changed while onboarding was reading it; it was not written"
    raise ConfigError([Problem(message, file=str(config_file), hint="run onboard again")])
