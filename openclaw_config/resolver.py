"""`Resolver`: a long-lived resolver for agent runtimes that ask for the registry on every turn.

`resolve()` gives back the previous result itself (the same registry object, or the same problems
again) while nothing it depends on has changed, and resolves again otherwise; when that gives an
equal registry (a file was saved unchanged), the previous object is kept. It depends on:

- every file the resolution read or looked for: the config and each included file, both `.env`
  files, the auth profile store and the existing `models.json`, each compared by its `os.stat`
  (size, mtime, inode and ctime; a missing file is a state too, so creating one is a change);
- the environment mapping;
- the clock, but only through the auth store: the result is kept until the next token or OAuth
  profile expires (or comes within the expiry warning) or a cooldown ends.

A file rewritten twice within one tick of the filesystem clock, with the same size and in place,
cannot be told apart by `stat`. So a result read from a file modified less than `SETTLE_SECONDS`
before is resolved once more after that time: such a change is seen, at most that much later.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ConfigError
from .paths import Locations
from .pipeline import clock_of, locate_active, resolve_at
from .registry.model import EffectiveRegistry
from .sources.auth_profiles import read_auth_store
from .sources.json5_file import recording_reads

SETTLE_SECONDS = 1.0

#: What `os.stat` says of a file: (size, mtime_ns, inode, ctime_ns), or None when it is missing.
Stamp = tuple[int, int, int, int] | None


def stamp(path: Path) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:  # missing, or a parent is not a directory: a state of its own
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


@dataclass(frozen=True)
class _Entry:
    """One resolution: its result (a registry or the error it raised) and what it depended on."""

    env: Mapping[str, str]
    stamps: dict[Path, Stamp]
    result: EffectiveRegistry | ConfigError
    valid_until_ms: float  # the next token expiry (inf: none)
    recheck_at_ns: int | None  # set when a file was modified too recently to trust its stamp

    def still_valid(self, env: Mapping[str, str], now: float) -> bool:
        if env is not self.env and env != self.env:
            return False
        if now * 1000 >= self.valid_until_ms or (self.recheck_at_ns is not None and now * 1e9 >= self.recheck_at_ns):
            return False
        return all(stamp(path) == known for path, known in self.stamps.items())


class Resolver:
    """Resolves like `openclaw_config.resolve()`, and keeps the result while its inputs are unchanged.

    The arguments are those of `resolve()`, under the same names, fixed when the resolver is made:
    without `env`, a copy of `os.environ` taken now (later changes to `os.environ` are not seen:
    pass `env=` to `resolve()` for that); without `cwd`, the current directory now; `now` is a clock
    (`time.time` by default) or a fixed time. Safe to share between threads: one resolves while the
    others wait for its result.
    """

    def __init__(
        self,
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | str | None = None,
        home: Path | str | None = None,
        config_path: Path | str | None = None,
        agent_dir: Path | str | None = None,
        now: float | Callable[[], float] | None = None,
        agent: str | None = None,
        discover: bool | Mapping[str, str] = False,
    ) -> None:
        self._env: dict[str, str] = dict(os.environ if env is None else env)
        self._agent = agent
        self._discover = None if discover is False else {} if discover is True else dict(discover)
        self._cwd = Path(cwd) if cwd is not None else Path.cwd()
        self._home, self._config_path, self._agent_dir = home, config_path, agent_dir
        self._clock = clock_of(now)
        self._lock = threading.Lock()
        self._entry: _Entry | None = None

    def resolve(self, *, env: Mapping[str, str] | None = None) -> EffectiveRegistry:
        """The effective registry; raises `ConfigError` as `resolve()` does.

        `env` replaces the environment mapping, for this call and the following ones.
        """
        with self._lock:
            if env is not None:
                self._env = dict(env)
            entry = self._entry
            if entry is None or not entry.still_valid(self._env, self._clock()):
                entry = self._entry = self._resolve_again(entry)
        if isinstance(entry.result, ConfigError):
            raise ConfigError(entry.result.problems)
        return entry.result

    def invalidate(self) -> None:
        """Forget the kept result: the next `resolve()` reads everything again."""
        with self._lock:
            self._entry = None

    def _resolve_again(self, previous: _Entry | None) -> _Entry:
        env = self._env
        locations = locate_active(
            env, cwd=self._cwd, home=self._home, config_path=self._config_path, agent_dir=self._agent_dir
        )
        # Stamps taken before reading, of every file known to matter: one that changes while it is
        # being read then differs next time.
        before = {path: stamp(path) for path in (*_fixed_inputs(locations), *(previous.stamps if previous else ()))}
        now = self._clock()
        with recording_reads() as config_files:
            result = _outcome(locations, env, now, self._agent, self._discover)
        if previous is not None and result == previous.result and _same_texts(result, previous.result):
            result = previous.result  # read again to the same effect (a file touched, not changed)
        # An agent of agents.list[] has its own agent dir: its store and models.json count too.
        used = result.locations if isinstance(result, EffectiveRegistry) else locations
        cli_files = result.input_files if isinstance(result, EffectiveRegistry) else ()  # the Qwen CLI's, ...
        inputs = dict.fromkeys([*_fixed_inputs(locations), *_fixed_inputs(used), *config_files, *cli_files])
        stamps = {path: before[path] if path in before else stamp(path) for path in inputs}
        return _Entry(env, stamps, result, _next_token_expiry(used, now), _recheck_time(stamps.values(), now))


def _same_texts(new: EffectiveRegistry | ConfigError, old: EffectiveRegistry | ConfigError) -> bool:
    """Whether the config files were read with the same text: a reformatted file gives an equal
    registry, but its explanations (line:col) must come from the new text."""

    def texts(result: EffectiveRegistry | ConfigError) -> tuple[tuple[Path, str], ...] | None:
        context = result._context if isinstance(result, EffectiveRegistry) else None
        if context is None:
            return None
        files = (context.composed.root, *context.composed.included)
        return tuple((f.path, f.text) for f in files if f is not None)

    return texts(new) == texts(old)


def _outcome(
    locations: Locations, env: Mapping[str, str], now: float, agent: str | None, discover: Mapping[str, str] | None
) -> EffectiveRegistry | ConfigError:
    try:
        return resolve_at(locations, env, now_ms=now * 1000, agent=agent, discover=discover)
    except ConfigError as error:  # kept too: asked again unchanged, it fails the same way
        return ConfigError(error.problems)  # without the traceback, which holds on to the frames


def _fixed_inputs(locations: Locations) -> tuple[Path, ...]:
    """The files every resolution depends on, whether they exist or not (the includes come on top)."""
    return (
        locations.config_file,
        locations.workspace_dotenv,
        locations.global_dotenv,
        locations.auth_store,
        locations.models_json,
    )


def _next_token_expiry(locations: Locations, now: float) -> float:
    """When the store's state next changes with the clock (ms since the epoch): a token or OAuth
    profile expires or comes within the expiry warning, a cooldown or disabled period ends. From
    then on the registry's credentials (`credentials()`, `auth_status()`) would differ."""
    from .credentials.rules import load_rules

    store = read_auth_store(locations.auth_store)
    warn = load_rules().warn_after_ms
    instants: list[float] = []
    for p in store.profiles:
        if p.type in ("token", "oauth") and isinstance(p.expires, int | float) and not isinstance(p.expires, bool):
            instants += [p.expires, p.expires - warn]
    for stats in store.usage_stats.values():
        instants += [v for k, v in stats.items() if k in ("cooldownUntil", "disabledUntil") and _is_number(v)]
    return min((t for t in instants if t > now * 1000), default=float("inf"))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _recheck_time(stamps: Iterable[Stamp], now: float) -> int | None:
    """When to resolve again although no stamp changed, if a file was modified too recently to trust."""
    settle_ns = int(SETTLE_SECONDS * 1e9)
    latest = max((max(s[1], s[3]) for s in stamps if s is not None), default=None)
    if latest is None or latest + settle_ns <= now * 1e9:
        return None
    return latest + settle_ns
