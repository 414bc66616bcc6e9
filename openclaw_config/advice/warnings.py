"""Each rule is a small function yielding `ConfigWarning`s; `advice_warnings` runs them all."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..composition.environment import EffectiveEnvironment
from ..errors import ConfigPath, ConfigWarning, Problem
from ..sources.auth_profiles import PROFILE_TYPES, AuthStore

if TYPE_CHECKING:
    from ..pipeline import ComposedConfig


def advice_warnings(
    config: Mapping[str, Any],
    composed: ComposedConfig,
    env: EffectiveEnvironment,
    store: AuthStore,
    dropped_providers: tuple[str, ...],
    models_json: str,
) -> list[ConfigWarning]:
    """Every advice warning, located in the config where a config path names the cause."""
    located = [*_aliases_equal_but_for_case(config), *_shell_env_not_run(config)]
    found = [locate_warning(ConfigWarning(message, path=path), composed) for message, path in located]
    found += _unusable_profiles(store)
    if dropped_providers:
        names = ", ".join(dropped_providers)
        found.append(ConfigWarning(
            f'models.mode "replace" drops the providers of the existing models.json: {names} '
            '(use mode "merge" to keep them)', models_json,
        ))  # fmt: skip
    return found


def _aliases_equal_but_for_case(config: Mapping[str, Any]) -> Iterator[tuple[str, ConfigPath]]:
    models = ((config.get("agents") or {}).get("defaults") or {}).get("models") or {}
    first: dict[str, tuple[str, str]] = {}
    for ref, entry in models.items():
        alias = entry.get("alias") if isinstance(entry, dict) else None
        if not (isinstance(alias, str) and alias.strip()):
            continue
        folded = alias.strip().lower()
        if folded in first and first[folded][0] != alias.strip():
            earlier, earlier_ref = first[folded]
            yield (
                f"alias {alias.strip()!r} differs from alias {earlier!r} (of {earlier_ref}) only in case; aliases "
                f"are matched without regard to case, so only one of them can be used (rename one)",
                ("agents", "defaults", "models", ref, "alias"),
            )
        first.setdefault(folded, (alias.strip(), ref))


def _shell_env_not_run(config: Mapping[str, Any]) -> Iterator[tuple[str, ConfigPath]]:
    shell_env = (config.get("env") or {}).get("shellEnv") or {}
    if isinstance(shell_env, dict) and shell_env.get("enabled") is True:
        yield (
            "OpenClaw imports missing key variables from your login shell at start-up; this tool does not run "
            "your shell unless asked, so variables only your shell profile sets are not seen here (pass "
            "--shell-env to run it as OpenClaw does, or export them, or put them in ~/.openclaw/.env)",
            ("env", "shellEnv", "enabled"),
        )


def _unusable_profiles(store: AuthStore) -> Iterator[ConfigWarning]:
    for profile in store.profiles:
        why = None
        if profile.type not in PROFILE_TYPES:
            why = f"has type {profile.type!r}, which OpenClaw does not know ({', '.join(sorted(PROFILE_TYPES))})"
        elif not profile.provider:
            why = "names no provider"
        elif profile.type in ("api_key", "token") and not (profile.secret or "").strip():
            why = f"has no {'key' if profile.type == 'api_key' else 'token'}"
        elif profile.type == "oauth" and not (profile.access or profile.refresh):
            why = "has neither an access nor a refresh token"
        if why:
            store_file = str(profile.file or store.path)
            yield ConfigWarning(f"auth profile {profile.id} {why}: OpenClaw cannot use it", store_file)


def locate_warning(warning: ConfigWarning, composed: ComposedConfig) -> ConfigWarning:
    """`warning` with the file and line:column of its config path, when it has a path but no line
    (the file it names is where the path starts; the key may be written in an included file)."""
    if warning.path is None or warning.line is not None:
        return warning
    from ..composition.source_map import locate_problem

    located = locate_problem(Problem(warning.message, path=warning.path), composed)
    if located.file is None:
        return warning
    return ConfigWarning(warning.message, located.file, warning.path, located.line, located.column)
