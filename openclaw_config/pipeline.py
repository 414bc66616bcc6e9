"""The resolution pipeline (SPEC section 2): the one place that states the order of the stages.

    locate -> read config -> $include -> environment -> ${VAR} -> schema -> agent (--agent)
           -> model defaults -> auth profiles (+ Qwen/MiniMax CLI OAuth files) -> implicit providers
           -> configured providers -> late implicit providers (copilot) -> merge with models.json
           -> credentials -> EffectiveRegistry

(Model defaults are filled in per provider by the registry, when first asked for: a runtime that
looks at a few of thousands of models does not pay for the rest. Likewise the credentials stage only
gathers its inputs; a provider's credential is worked out when asked for.)

The last stage, the runtime registry (`runtime/`: pi's rules over that models.json document and the
built-in catalog), is built from the EffectiveRegistry on demand (`registry.runtime`).

`resolve()` is the only function that looks at the process (os.environ, cwd, home, clock) and only
when the caller does not pass those in. Nothing here writes anything.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .advice import advice_warnings, locate_warning
from .composition.duplicate_keys import duplicate_key_warnings
from .composition.environment import EffectiveEnvironment, build_environment, config_env_vars
from .composition.includes import include_roots, resolve_includes
from .composition.key_order import in_openclaw_order
from .composition.non_finite import non_finite_problems
from .composition.substitution import MAX_SUBSTITUTED_CHARS, substitute
from .credentials.inputs import AuthInputs
from .errors import ConfigError, ConfigWarning, Problem, in_file_order
from .explain.context import ResolutionContext
from .gc_pause import cycle_collection_paused
from .paths import Locations, locate, with_agent_dir_from
from .providers.catalog import load_catalog
from .providers.existing import merge_existing
from .providers.external_cli import cli_credential_files, with_cli_credentials
from .providers.implicit import Discover, implicit_providers
from .providers.implicit_rules import RuleInputs
from .providers.merge import ProviderSet, produce_providers
from .registry.build import build_registry
from .registry.model import EffectiveRegistry
from .schema.validate import schema_problems
from .sources.auth_profiles import AuthStore, merged_store, read_auth_store
from .sources.bounded_read import MissingFile
from .sources.dotenv_file import read_dotenv
from .sources.json5_file import ParsedFile, read_json5
from .sources.legacy_auth import with_legacy_auth
from .sources.models_json import read_models_json

if TYPE_CHECKING:
    from .composition.agents import AgentSelection


@dataclass(frozen=True)
class ComposedConfig:
    """The config after `$include`: its value, the top-level file and every included file."""

    value: dict[str, Any]
    root: ParsedFile | None
    included: tuple[ParsedFile, ...]

    @property
    def files(self) -> tuple[Path, ...]:
        return tuple(f.path for f in (self.root, *self.included) if f is not None)


Clock = Callable[[], float]
_P = ParamSpec("_P")
_R = TypeVar("_R")


def resolve(
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | str | None = None,
    home: Path | str | None = None,
    config_path: Path | str | None = None,
    agent_dir: Path | str | None = None,
    now: float | Clock | None = None,
    agent: str | None = None,
    discover: bool | Mapping[str, str] = False,
) -> EffectiveRegistry:
    """Resolve the effective model registry. Raises `ConfigError` listing every problem found.

    env          the environment variables (default: a copy of `os.environ`)
    cwd          the working directory, where the workspace `.env` is (default: the current one)
    home         the home directory (default: `HOME` of `env`, else the user's)
    config_path  the config file (default: `OPENCLAW_CONFIG_PATH`, else `<state dir>/openclaw.json`)
    agent_dir    the agent dir (default: `OPENCLAW_AGENT_DIR`, else `<state dir>/agents/main/agent`)
    now          the time token expiries are checked against: seconds since the epoch, or a clock
                 returning them, as `time.time` (the default)
    agent        an id of `agents.list[]`: its agent dir (auth store, models.json) and model overrides
    discover     ask the local ollama server for its models, as OpenClaw does (resolution is offline
                 otherwise: `registry.discovery` says what was not asked); a mapping of provider id
                 to URL asks there instead (`{"ollama": "http://127.0.0.1:8080/api/tags"}`)

    `Resolver` takes the same arguments, and keeps the result while nothing it read changes.
    """
    environ = dict(os.environ if env is None else env)
    locations = locate_active(environ, cwd=cwd, home=home, config_path=config_path, agent_dir=agent_dir)
    endpoints = None if discover is False else {} if discover is True else dict(discover)
    return resolve_at(locations, environ, now_ms=clock_of(now)() * 1000, agent=agent, discover=endpoints)


def clock_of(now: float | Clock | None) -> Clock:
    """`now` as a clock: `time.time` when None, itself when callable, else always that time."""
    if now is None:
        return time.time
    if callable(now):
        return now
    fixed = float(now)
    return lambda: fixed


def locate_active(
    environ: Mapping[str, str],
    *,
    cwd: Path | str | None = None,
    home: Path | str | None = None,
    config_path: Path | str | None = None,
    agent_dir: Path | str | None = None,
) -> Locations:
    """The files in effect for `environ`; home defaults to its HOME, cwd to the current directory."""
    return locate(
        environ,
        home=Path(home) if home is not None else Path(environ.get("HOME") or Path.home()),
        cwd=Path(cwd) if cwd is not None else Path.cwd(),
        config_path=Path(config_path) if config_path is not None else None,
        agent_dir=Path(agent_dir) if agent_dir is not None else None,
    )


def read_config(locations: Locations, process_env: Mapping[str, str]) -> ComposedConfig:
    """Stages 1-2: the config file (missing = empty) with its includes resolved.

    Only a config that is not there at all is empty: a symlink to a missing file is an error (it
    names a config the user meant to have, and writing one would replace the link by a plain file).
    """
    roots = include_roots(locations.config_file, process_env.get("OPENCLAW_INCLUDE_ROOTS"), locations.home)
    try:
        return compose_config(locations.config_file, roots)
    except MissingFile:
        if os.path.islink(locations.config_file):
            target = os.readlink(locations.config_file)
            message = f"config file is a symbolic link to {target}, which does not exist"
            hint = "create the file it points to, or remove the link"
            raise ConfigError([Problem(message, file=str(locations.config_file), hint=hint)]) from None
        return ComposedConfig({}, None, ())


def compose_config(config_file: Path, include_roots: tuple[Path, ...]) -> ComposedConfig:
    """Read `config_file` and resolve its `$include`s, confined to `include_roots`."""
    root = read_json5(config_file)
    if not isinstance(root.value, dict):
        raise ConfigError([_root_problem(root, (), "the config root must be an object")])
    value, included = resolve_includes(root, include_roots)
    if not isinstance(value, dict):
        raise ConfigError([_root_problem(root, ("$include",), "the config root must be an object after $include")])
    return ComposedConfig(value, root, tuple(included))


def _root_problem(root: ParsedFile, path: tuple[str, ...], message: str) -> Problem:
    from .sources.locate import position_of

    line, column = position_of(root.text, path) or (None, None)
    return Problem(message, file=str(root.path), line=line, column=column, path=(), hint="wrap it in { }")


def effective_environment(
    locations: Locations, process_env: Mapping[str, str], composed: ComposedConfig
) -> EffectiveEnvironment:
    """Stage 3: the layered environment (process, workspace .env, state .env, config env block)."""
    return build_environment(
        process_env,
        read_dotenv(locations.workspace_dotenv),
        read_dotenv(locations.global_dotenv),
        config_env_vars(composed.value.get("env")),
        str(locations.config_file),
        load_catalog(),
        composed.value.get("env"),
    )


def os_problem(exc: OSError) -> Problem:
    """A file-system error as a problem: the file (or folder), what failed and what to do."""
    reason = exc.strerror or type(exc).__name__
    hint = "check that it exists and that you may read it (and the folders above it)"
    return Problem(f"cannot be used: {reason}", file=None if exc.filename is None else str(exc.filename), hint=hint)


def _file_errors_named(stages: Callable[_P, _R]) -> Callable[_P, _R]:
    """Any file-system error on the way becomes a `ConfigError` naming the file."""

    @functools.wraps(stages)
    def named(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return stages(*args, **kwargs)
        except OSError as exc:
            raise ConfigError([os_problem(exc)]) from None

    return named


@cycle_collection_paused()  # it only creates acyclic data: see gc_pause
@_file_errors_named
def resolve_at(
    locations: Locations,
    process_env: Mapping[str, str],
    *,
    now_ms: float,
    agent: str | None = None,
    discover: Discover = None,
) -> EffectiveRegistry:
    """Every stage, in order."""
    catalog = load_catalog()
    composed = read_config(locations, process_env)
    env = effective_environment(locations, process_env, composed)
    locations = with_agent_dir_from(locations, process_env, env.values)
    config = substitute_variables(composed, env)
    problems = schema_problems(config)
    texts = (f.text for f in (composed.root, *composed.included) if f is not None)
    problems += non_finite_problems(config, texts, problems)
    if problems:
        raise ConfigError(locate_problems(problems, composed))
    main_store = locations.auth_store
    selection = None
    if agent is not None:  # the agent's own dir, store and models.json; its model overrides
        from .composition.agents import config_for_agent

        selection = choose_agent(config, agent, locations, composed)
        locations = locations.with_agent_dir(selection.agent_dir)
        config = config_for_agent(config, selection)

    models_section = config.get("models") or {}
    # Copies, as filling in a missing apiKey writes into them. Model defaults (stage 5) are filled in
    # by the registry, per provider, when its models are first asked for (`Provider.raw`).
    explicit = {
        pid: in_openclaw_order(dict(p), "provider") for pid, p in (models_section.get("providers") or {}).items()
    }
    user_home = Path(process_env["HOME"]) if process_env.get("HOME") else locations.home
    store = with_cli_credentials(read_agent_store(locations.auth_store, main_store), user_home, catalog, now_ms)
    existing = read_models_json(locations.models_json)
    provider_set = ProviderSet()
    rule_inputs = RuleInputs(env, store, catalog, now_ms, config, provider_set.warnings)
    implicit = implicit_providers(rule_inputs, provider_set, discover=discover)
    mode = models_section.get("mode", "merge")
    produce_providers(
        explicit,
        implicit,
        env,
        store,
        catalog,
        provider_set,
        late=lambda: implicit_providers(rule_inputs, provider_set, after_explicit=True, discover=discover),
    )
    existing, models_json_text = merge_existing(provider_set, existing, mode, env, store, catalog)

    legacy = legacy_warnings(locations)
    warnings = [*legacy, *env.warnings, *store.warnings]
    warnings += existing.warnings
    warnings += provider_set.warnings
    replaced = mode == "replace" and bool(provider_set.providers)  # nothing produced: the old file stays
    dropped = tuple(p for p in existing.providers if p not in provider_set.providers) if replaced else ()
    warnings += advice_warnings(config, composed, env, store, dropped, str(locations.models_json))
    stores = (store.path, *((store.inherited_from,) if store.inherited_from else ()))
    inputs = (*composed.files, locations.workspace_dotenv, locations.global_dotenv, *stores, existing.path)
    inputs += cli_credential_files(user_home, catalog)
    context = ResolutionContext(composed, env, store, existing, provider_set, catalog, mode, now_ms)  # for explain()
    registry = build_registry(locations, config, provider_set, env, warnings, inputs, existing.readable, context)
    auth = AuthInputs(config, composed.value, env, store, catalog, now_ms, locations.cwd, user_home, main_store)
    return replace(
        registry,
        _warnings=functools.partial(every_warning, registry.warnings, len(legacy), composed),
        agent=selection,
        discovery=tuple(provider_set.discovery),
        _auth=auth,
        _models_json_text=models_json_text,
    )


def every_warning(found: tuple[ConfigWarning, ...], at: int, composed: ComposedConfig) -> tuple[ConfigWarning, ...]:
    """The warnings `found`, with the keys written twice inserted `at` their place, all located. Run
    when the registry's warnings are first read: looking for duplicate keys costs as much as checking
    the schema, and a runtime that only resolves and writes does not need them."""
    every = [*found[:at], *duplicate_key_warnings(composed), *found[at:]]
    return tuple(locate_warning(w, composed) for w in every)


def legacy_warnings(locations: Locations) -> list[ConfigWarning]:
    return [
        ConfigWarning(f"{what}: OpenClaw 2026.2.9 still reads it, but later releases drop legacy locations")
        for what in locations.legacy
    ]


def choose_agent(config: dict[str, Any], agent: str, locations: Locations, composed: ComposedConfig) -> AgentSelection:
    from .composition.agents import select_agent

    try:
        return select_agent(config, agent, locations)
    except ConfigError as error:
        raise ConfigError(locate_problems(list(error.problems), composed)) from None


def read_agent_store(store_path: Path, main_store: Path) -> AuthStore:
    """An agent's auth store: an agent other than the main one also sees the main agent's profiles."""
    store = read_auth_store(store_path)
    if store_path == main_store:
        return with_legacy_auth(store)
    main = read_auth_store(main_store)  # inherited as it is (OpenClaw reads no legacy file for it here)
    return merged_store(main, store if main.profiles else with_legacy_auth(store))


def substitute_variables(composed: ComposedConfig, env: EffectiveEnvironment) -> dict[str, Any]:
    """Stage 4: `${VAR}` everywhere; every missing variable is reported at once."""
    if not any(f.may_contain("${") for f in (composed.root, *composed.included) if f is not None):
        return composed.value  # nothing to substitute: skip the walk
    result = substitute(composed.value, env.substituted)
    if result.oversized is not None:
        name, path = result.oversized
        limit = MAX_SUBSTITUTED_CHARS // 1_000_000
        message = f"substituting environment variables adds more than {limit} MB to the config (here: {name})"
        hint = "use long values in fewer places"
        raise ConfigError(locate_problems([Problem(message, path=path, hint=hint)], composed))
    if result.missing:
        problems = [_missing_variable(name, path, env) for name, path in result.missing]
        raise ConfigError(locate_problems(problems, composed))
    value: dict[str, Any] = result.value
    return value


def _missing_variable(name: str, path: tuple[str | int, ...], env: EffectiveEnvironment) -> Problem:
    """A variable no source sets; one the workspace .env sets but may not (a credential, a protected
    variable) is said to be found there and ignored, with where to put it instead."""
    hint = f"set {name} in the environment, ~/.openclaw/.env or the config env block"
    ignored = next((o for o, _ in env.shadowed.get(name, []) if o.source == "workspace .env"), None)
    if ignored is None:
        return Problem(f"environment variable {name} is not set", path=path, hint=hint)
    where = f"{ignored.file} line {ignored.line}" if ignored.line else str(ignored.file)
    message = f"environment variable {name} was found in the workspace .env ({where}) but is not read from there"
    return Problem(message, path=path, hint=f"set {name} in the environment or ~/.openclaw/.env")


def locate_problems(problems: list[Problem], composed: ComposedConfig) -> list[Problem]:
    """Give each problem the file and line:column its config path comes from; in file and position order."""
    from .composition.source_map import locate_problem

    return in_file_order(locate_problem(p, composed) for p in problems)
