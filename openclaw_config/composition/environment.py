"""The effective environment (SPEC section 4): layered sources, each variable tagged with its source.

The layers, highest first, are `ENV_SOURCES`. A lower layer only fills a variable that no higher
layer set to a non-blank value. Nothing here writes to `os.environ`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import ConfigWarning
from ..providers.catalog import Catalog
from ..sources.dotenv_file import DotenvFile

EnvSource = Literal["process", "workspace .env", "state .env", "config env"]

#: Priority of the environment layers, highest first.
ENV_SOURCES: tuple[EnvSource, ...] = ("process", "workspace .env", "state .env", "config env")

# Process variables a lower-trust source (the workspace .env, which comes with any checkout, and the
# config env block) must never be able to set: they redirect binaries, code loading, trust or state.
_PROTECTED_NAMES = frozenset(
    {
        "LD_PRELOAD",
        "LD_LIBRARY_PATH",
        "NODE_OPTIONS",
        "NODE_PATH",
        "GIT_ASKPASS",
        "SSH_ASKPASS",
        "GIT_EXEC_PATH",
        "GIT_CONFIG_GLOBAL",
        "PYTHONPATH",
        "PYTHONSTARTUP",
        "BASH_ENV",
        "ENV",
        "PATH",
        "HOME",
        "SHELL",
        "USERPROFILE",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "NODE_EXTRA_CA_CERTS",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "OPENCLAW_HOME",
        "OPENCLAW_STATE_DIR",
        "OPENCLAW_CONFIG_PATH",
        "OPENCLAW_PROFILE",
    }
)
_PROTECTED_PREFIXES = ("SSH_", "GIT_SSH", "OPENCLAW_GATEWAY_", "LD_", "DYLD_")
_CONFIG_ENV_SETTINGS = frozenset({"shellEnv", "vars"})
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def is_protected(name: str) -> bool:
    upper = name.upper()
    return upper in _PROTECTED_NAMES or upper.startswith(_PROTECTED_PREFIXES)


@dataclass(frozen=True)
class EnvOrigin:
    """Where a variable's effective value came from."""

    source: EnvSource
    file: str | None = None  # the .env or config file
    line: int | None = None  # its line in a .env file


@dataclass(frozen=True)
class EffectiveEnvironment:
    values: Mapping[str, str]
    origins: Mapping[str, EnvOrigin]
    #: Values that lost to a higher layer: name -> [(origin, value)], for `explain`.
    shadowed: Mapping[str, list[tuple[EnvOrigin, str]]] = field(default_factory=dict)
    warnings: tuple[ConfigWarning, ...] = ()
    #: Variables OpenClaw set at start-up from another one: name -> the variable copied.
    copied_from: Mapping[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        """The value of `name` if it is set to something non-blank."""
        value = self.values.get(name)
        return value if value is not None and value.strip() else None

    def substituted(self, name: str) -> str | None:
        """What `${name}` becomes: its value unless unset or empty (whitespace is a value)."""
        return self.values.get(name) or None

    def contributing_sources(self) -> list[EnvSource]:
        """The layers that set at least one variable in effect, highest first: one rule for every
        layer, the process included (`show` and `show --json` both list these)."""
        used = {o.source for o in self.origins.values()}
        return [s for s in ENV_SOURCES if s in used]


def config_env_vars(env_block: Any) -> dict[str, str]:
    """Variables of a config `env` block: `vars` entries, then string keys written directly under it."""
    if not isinstance(env_block, dict):
        return {}
    found: dict[str, str] = {}
    nested = env_block.get("vars")
    if isinstance(nested, dict):
        found.update((k, v) for k, v in nested.items() if isinstance(v, str) and v)
    direct = env_block.items()
    found.update((k, v) for k, v in direct if k not in _CONFIG_ENV_SETTINGS and isinstance(v, str) and v.strip())
    return found


def config_env_path(env_block: Any, name: str) -> tuple[str, ...]:
    """Where a variable of `config_env_vars` is written: `env.NAME` (which wins) or `env.vars.NAME`."""
    if not isinstance(env_block, dict) or (isinstance(env_block.get(name), str) and name not in _CONFIG_ENV_SETTINGS):
        return ("env", name)
    return ("env", "vars", name)


def build_environment(
    process: Mapping[str, str],
    workspace: DotenvFile,
    state: DotenvFile,
    config_vars: Mapping[str, str],
    config_file: str,
    catalog: Catalog,
    env_block: Any = None,
) -> EffectiveEnvironment:
    values = dict(process)
    origins = {name: EnvOrigin("process") for name in process}
    shadowed: dict[str, list[tuple[EnvOrigin, str]]] = {}
    warnings = [*workspace.warnings, *state.warnings]

    def offer(name: str, value: str, origin: EnvOrigin) -> None:
        # A .env never overrides a variable that is set, even blank (Node dotenv); the config env
        # block fills a blank one too.
        current = values.get(name)
        if current is not None and (current.strip() or origin.source != "config env"):
            shadowed.setdefault(name, []).append((origin, value))
            return
        values[name] = value
        origins[name] = origin

    for name, value in workspace.values.items():
        origin = EnvOrigin("workspace .env", str(workspace.path), workspace.lines.get(name))
        if is_protected(name):
            message = (
                f"{name} in the workspace .env ignored (line {origin.line}): it is a protected process variable, "
                "which a checkout must not set; put it in the process environment or the state-dir .env"
            )
            warnings.append(ConfigWarning(message, origin.file, line=origin.line, column=1))
            shadowed.setdefault(name, []).append((origin, value))
            continue
        if catalog.is_credential_variable(name):
            warnings.append(_ignored_workspace_credential(name, origin))
            shadowed.setdefault(name, []).append((origin, value))
            continue
        offer(name, value, origin)
    for name, value in state.values.items():
        offer(name, value, EnvOrigin("state .env", str(state.path), state.lines.get(name)))
    copied = _copy_zai_key(values, origins)
    for name, value in config_vars.items():
        if is_protected(name) or not _ENV_NAME.match(name):
            reason = "is a protected process variable" if is_protected(name) else "is not a valid variable name"
            message = f"{name} in the config env block ignored: it {reason}"
            warnings.append(ConfigWarning(message, config_file, config_env_path(env_block, name)))
            continue
        offer(name, value, EnvOrigin("config env", config_file))
    return EffectiveEnvironment(values, origins, shadowed, tuple(warnings), copied)


def _copy_zai_key(values: dict[str, str], origins: dict[str, EnvOrigin]) -> dict[str, str]:
    """OpenClaw copies Z_AI_API_KEY into a blank ZAI_API_KEY at start-up (after the .env files)."""
    legacy = values.get("Z_AI_API_KEY", "")
    if not legacy.strip() or values.get("ZAI_API_KEY", "").strip():
        return {}
    values["ZAI_API_KEY"] = legacy
    origins["ZAI_API_KEY"] = origins["Z_AI_API_KEY"]
    return {"ZAI_API_KEY": "Z_AI_API_KEY"}


def _ignored_workspace_credential(name: str, origin: EnvOrigin) -> ConfigWarning:
    return ConfigWarning(
        f"{name} ignored: provider credentials are not read from a workspace .env "
        f"(line {origin.line}); put it in the process environment, the state-dir .env or an auth profile",
        origin.file,
    )
