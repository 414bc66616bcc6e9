"""`onboard`: store an API key and point the config at its provider (SPEC section 11).

Everything is read and checked before anything is written: the config must parse, compose and
validate; the sections to change must be written in the config file itself (not supplied by an
`$include`); the edited text must mean exactly the intended config. Then, holding OpenClaw's lock of
the auth store (`auth-profiles.json.lock`), the store is read again, the profile merged in, and the
files written: backups first, then the store (on its own it already makes the provider usable),
then the config.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..composition.substitution import substitute
from ..errors import ConfigError, Problem
from ..outputs.redact import redact_text
from ..paths import Locations
from ..pipeline import ComposedConfig, effective_environment, locate_active, locate_problems, read_config, resolve_at
from ..providers.catalog import load_catalog
from ..schema.validate import schema_problems
from .config_file import backup_config, check_unchanged, edited_text, include_problems, write_config
from .store import StorePlan, plan_store, write_store
from .store_lock import refresh, store_locked
from .xiaomi import AUTH_CHOICES, XIAOMI, ApiKeyChoice, ConfigPlan, plan_config

FileStatus = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class FileChange:
    """What onboarding did to one file; `changes` never contain a secret in full."""

    path: Path
    status: FileStatus
    changes: tuple[str, ...] = ()
    backup: Path | None = None  # the copy kept of the previous content


@dataclass(frozen=True)
class OnboardResult:
    auth_choice: str
    profile_id: str
    model_ref: str
    store: FileChange
    config: FileChange
    notes: tuple[str, ...] = ()  # things to know that changed nothing (redacted)

    @property
    def files(self) -> tuple[FileChange, FileChange]:
        return (self.store, self.config)

    @property
    def changed(self) -> bool:
        return any(f.status != "unchanged" for f in self.files)


def checked_key(api_key: str) -> str:
    """The key without surrounding blanks; ValueError (never showing the key) if it cannot be one."""
    key = api_key.strip()
    if not key:
        raise ValueError("the API key is blank")
    if any(char.isspace() or not char.isprintable() for char in key):
        raise ValueError("the API key contains spaces or control characters; pass only the key itself")
    return key


def onboard(
    auth_choice: str,
    api_key: str,
    *,
    config_path: Path | str | None = None,
    agent_dir: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | str | None = None,
    cwd: Path | str | None = None,
) -> OnboardResult:
    """Store `api_key` for `auth_choice` and configure its provider and default model.

    Raises ValueError for an unknown choice or an unusable key, ConfigError when the config cannot be
    changed safely (invalid, or a section to change comes from `$include`): nothing is written then.
    Defaults as for `resolve()`: a copy of `os.environ`, the current directory, the home directory.
    """
    choice = AUTH_CHOICES.get(auth_choice)
    if choice is None:
        raise ValueError(f"unknown auth choice {auth_choice!r}; supported: {', '.join(AUTH_CHOICES)}")
    key = checked_key(api_key)
    environ = dict(os.environ if env is None else env)
    locations = locate_active(environ, cwd=cwd, home=home, config_path=config_path, agent_dir=agent_dir)
    catalog = load_catalog()
    composed = read_config(locations, environ)
    _validate(composed, locations, environ)
    plan = plan_config(composed.value, choice, catalog)
    text = _edited_config(composed, plan, locations, environ)
    original = composed.root.text if composed.root is not None else None
    check_unchanged(locations.config_file, original)
    with store_locked(locations.auth_store) as lock:
        # Read again under OpenClaw's lock: a profile it wrote meanwhile is kept, not overwritten.
        store_plan = plan_store(locations.auth_store, choice.profile_id, choice.provider, key)
        store_backup, config_backup = _write_in_order(locations.config_file, original, text, store_plan, lock)

    store = FileChange(
        store_plan.path,
        _status(store_plan.exists, store_plan.text is not None),
        (store_plan.description,),
        store_backup,
    )
    config_changes = tuple(c.description for c in plan.changes)
    config = FileChange(
        locations.config_file, _status(original is not None, text is not None), config_changes, config_backup
    )
    notes = [*plan.notes, *_credential_notes(locations, environ, choice, key), *_folder_notes(locations.agent_dir)]
    return OnboardResult(
        choice.name, choice.profile_id, choice.model_ref, store, config, tuple(redact_text(n, [key]) for n in notes)
    )


class PartlyWritten(ConfigError):
    """Writing stopped part way: `written` were written completely, the other files not at all."""

    def __init__(self, problems: list[Problem], written: tuple[Path, ...]) -> None:
        super().__init__(problems)
        self.written = written


def _write_in_order(
    config_file: Path, original: str | None, text: str | None, store_plan: StorePlan, lock: Path
) -> tuple[Path | None, Path | None]:
    """Backups first (a failure there changes nothing), then the store (on its own it already makes
    the provider usable), then the config. Each write is atomic, so after any failure every file is
    either as it was or complete, and the error says which were written."""
    written: list[Path] = []
    try:
        config_backup = backup_config(config_file, original) if text is not None else None
        store_backup = write_store(store_plan)
        if store_plan.text is not None:
            written.append(store_plan.path)
        refresh(lock)
        if text is not None:
            write_config(config_file, original, text)
    except (OSError, ConfigError) as exc:
        raise _stopped(exc, tuple(written), config_file, store_plan) from None
    return store_backup, config_backup


def _stopped(exc: OSError | ConfigError, written: tuple[Path, ...], config_file: Path, plan: StorePlan) -> ConfigError:
    from ..pipeline import os_problem

    problems = list(exc.problems) if isinstance(exc, ConfigError) else [os_problem(exc)]
    if not written:
        return ConfigError(problems)
    done = f"{plan.path} was written ({plan.description})"
    summary = Problem(f"{done}; {config_file} was not changed", hint="fix what is listed above, then run onboard again")
    return PartlyWritten([*problems, summary], written)


def onboard_xiaomi(
    api_key: str,
    *,
    config_path: Path | str | None = None,
    agent_dir: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    home: Path | str | None = None,
    cwd: Path | str | None = None,
) -> OnboardResult:
    """`openclaw onboard --auth-choice xiaomi-api-key --xiaomi-api-key KEY`, as a function. See `onboard`."""
    return onboard(XIAOMI.name, api_key, config_path=config_path, agent_dir=agent_dir, env=env, home=home, cwd=cwd)


def _validate(composed: ComposedConfig, locations: Locations, environ: Mapping[str, str]) -> None:
    """Schema problems of the config as it stands. A `${VAR}` that is not set is not one of them:
    the onboarding does not depend on the environment it runs in (`show` reports missing variables)."""
    environment = effective_environment(locations, environ, composed)
    config = substitute(composed.value, environment.substituted).value  # unset variables stay as written
    problems = schema_problems(config)
    if problems:
        raise ConfigError(locate_problems(problems, composed))


def _edited_config(
    composed: ComposedConfig, plan: ConfigPlan, locations: Locations, environ: Mapping[str, str]
) -> str | None:
    """The config's new text (None: nothing to change); ConfigError if it cannot be edited safely."""
    if not plan.changes:
        return None
    problems = include_problems(composed, plan.changes)
    if problems:
        raise ConfigError(locate_problems(problems, composed))
    edits = [change.edit for change in plan.changes]
    return edited_text(composed, edits, locations.config_file, environ, locations.home)


def _status(existed: bool, written: bool) -> FileStatus:
    return "unchanged" if not written else "updated" if existed else "created"


def _credential_notes(locations: Locations, environ: Mapping[str, str], choice: ApiKeyChoice, key: str) -> list[str]:
    """Say so when the provider will not use the key just stored (a key elsewhere comes first)."""
    try:
        registry = resolve_at(locations, environ, now_ms=time.time() * 1000)
    except ConfigError as exc:
        return [f"the configuration does not resolve yet ({exc.problems[0]}); `show` lists what to fix"]
    provider = registry.providers.get(choice.provider)
    credential = provider.credential if provider is not None else None
    if credential is not None and credential.value == key:
        return []
    used = credential.describe() if credential is not None else "no key"
    return [f"{choice.provider} will use {used}, not the {choice.profile_id} profile just stored: that comes first"]


def _folder_notes(agent_dir: Path) -> list[str]:
    try:
        mode = stat.S_IMODE(agent_dir.stat().st_mode)
    except OSError:
        return []
    if not mode & 0o077:
        return []
    return [f"{agent_dir} can be read by other users (mode {mode:o}); `chmod 700` it to keep the key private"]
