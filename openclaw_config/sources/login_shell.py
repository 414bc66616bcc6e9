"""The login-shell import OpenClaw runs at start-up (`env.shellEnv.enabled`): a side effect, so it
runs only when asked (`--shell-env`, or `import_login_shell_env()` from a program).

As OpenClaw 2026.2.9 does it (data/shell_env-2026.2.9.json): nothing happens when any expected key
is already set; else `$SHELL -l -c 'env -0'` runs with the configured timeout, and the expected
keys it sets that are unset here are imported. Its output is bounded; its stderr is discarded.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).with_name("data") / "shell_env-2026.2.9.json"
_TRUTHY = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class ShellImport:
    """What the import did: `values` to add to the environment (`applied` names them), or why not."""

    values: Mapping[str, str] = field(default_factory=dict, repr=False)  # may hold secrets
    skipped: str | None = None  # "disabled", "already-has-keys" or the failure

    @property
    def applied(self) -> tuple[str, ...]:
        return tuple(self.values)


@cache
def _rules() -> dict[str, Any]:
    rules: dict[str, Any] = json.loads(_DATA.read_text(encoding="utf-8"))
    return rules


def shell_env_enabled(config: Mapping[str, Any], env: Mapping[str, str]) -> bool:
    shell_env = (config.get("env") or {}).get("shellEnv") or {}
    switch = env.get(_rules()["switchVariable"], "").strip().lower() in _TRUTHY
    return switch or (isinstance(shell_env, dict) and shell_env.get("enabled") is True)


def import_login_shell_env(config: Mapping[str, Any], env: Mapping[str, str]) -> ShellImport:
    """Run the user's login shell, as OpenClaw would, and return the variables it would import."""
    rules = _rules()
    if not shell_env_enabled(config, env):
        return ShellImport(skipped="disabled")
    expected: list[str] = rules["expectedKeys"]
    if any(env.get(key, "").strip() for key in expected):
        return ShellImport(skipped="already-has-keys")
    shell = env.get("SHELL", "").strip() or rules["defaultShell"]
    try:
        output = _run(shell, dict(env), _timeout_ms(config, env) / 1000, rules["maxOutputBytes"])
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return ShellImport(skipped=f"the login shell {shell} failed: {exc}")
    found = dict(part.split("=", 1) for part in output.decode("utf-8", "replace").split("\0") if "=" in part)
    values = {key: found[key] for key in expected if not env.get(key, "").strip() and found.get(key, "").strip()}
    return ShellImport(values)


def _timeout_ms(config: Mapping[str, Any], env: Mapping[str, str]) -> float:
    configured = ((config.get("env") or {}).get("shellEnv") or {}).get("timeoutMs")
    if isinstance(configured, int | float) and not isinstance(configured, bool):
        return max(0.0, float(configured))
    raw = env.get(_rules()["timeoutVariable"], "").strip()
    return max(0, int(raw)) if raw.lstrip("-").isdigit() else _rules()["defaultTimeoutMs"]


def _run(shell: str, env: dict[str, str], timeout_s: float, max_bytes: int) -> bytes:
    """The shell's stdout, read with a deadline and a size bound (the shell is killed past either)."""
    import selectors
    import time

    deadline = time.monotonic() + timeout_s
    with subprocess.Popen(
        [shell, "-l", "-c", "env -0"], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, start_new_session=True,
    ) as process:  # fmt: skip
        assert process.stdout is not None
        chunks: list[bytes] = []
        size = 0
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            try:
                while True:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise subprocess.TimeoutExpired(shell, timeout_s)
                    if not selector.select(left):
                        continue
                    chunk = os.read(process.stdout.fileno(), 65536)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > max_bytes:
                        raise ValueError(f"it printed more than {max_bytes} bytes")
                    chunks.append(chunk)
                process.wait(max(0.1, deadline - time.monotonic()))
            except BaseException:
                os.killpg(process.pid, 9)
                raise
        return b"".join(chunks)
