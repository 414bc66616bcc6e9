"""`onboard --auth-choice xiaomi-api-key`: store the key, configure the provider, print what changed.

The key comes from `--xiaomi-api-key`, else a prompt without echo when stdin is a terminal, else
(`--non-interactive` or no terminal) `XIAOMI_API_KEY` from the environment. Usage problems exit 2;
a config that cannot be changed safely exits 1 and nothing is written.
"""

from __future__ import annotations

import argparse
import getpass
import os
import shlex
import sys

from ..errors import ConfigError
from ..onboarding import AUTH_CHOICES, ApiKeyChoice, OnboardResult, checked_key, onboard
from ..outputs.paths import AS_IS, PathStyle
from ..providers.catalog import load_catalog
from .main import add_location_options, print_problems, program_name

_USAGE_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    parser.add_argument("--auth-choice", metavar="CHOICE", help=f"what to set up: {', '.join(AUTH_CHOICES)}")
    parser.add_argument(
        "--xiaomi-api-key",
        metavar="KEY",
        help='the key (e.g. --xiaomi-api-key "$XIAOMI_API_KEY"); without it you are asked for it',
    )
    parser.add_argument(
        "--api-key-stdin",
        action="store_true",
        help="read the key from standard input (one line), e.g. from a password manager: keeps it out of "
        "the process list, where --xiaomi-api-key KEY puts it",
    )
    parser.add_argument(
        "--non-interactive", action="store_true", help="never prompt: use the flag, else XIAOMI_API_KEY"
    )


def run(args: argparse.Namespace) -> int:
    choice = AUTH_CHOICES.get(args.auth_choice or "")
    if choice is None:
        given = f"unknown --auth-choice {args.auth_choice!r}" if args.auth_choice else "--auth-choice is required"
        return _usage(f"{given}; supported: {', '.join(AUTH_CHOICES)}")
    try:
        key = checked_key(_key(args, choice))
    except LookupError as exc:
        return _usage(str(exc.args[0]))
    except EOFError:  # Ctrl-D at the prompt
        return _usage("no key entered; nothing was written")
    except ValueError as exc:
        return _usage(f"{exc}; nothing was written")
    try:
        result = onboard(choice.name, key, config_path=args.config, agent_dir=args.agent_dir)
    except ConfigError as exc:
        print_problems(exc.problems)
        if not getattr(exc, "written", ()):
            print("nothing was written: fix what is listed above, then run onboard again", file=sys.stderr)
        return 1
    next_step = f"{_command()} show" + "".join(
        f" {flag} {shlex.quote(value)}"
        for flag, value in (("--config", args.config), ("--agent-dir", args.agent_dir))
        if value
    )
    sys.stdout.write(render_result(result, next_step, PathStyle.of_process()))
    return 0


def _command() -> str:
    """The command the user ran, as they can run it again: the script by name when it is the one
    on PATH, else by the path it was run at; or `python -m openclaw_config`."""
    import shutil

    name = program_name()
    if name.startswith("python "):
        return name
    script = sys.argv[0]
    found = shutil.which(name)
    same = found is not None and os.path.realpath(found) == os.path.realpath(script)
    return name if same or os.sep not in script else shlex.quote(script)


def _key(args: argparse.Namespace, choice: ApiKeyChoice) -> str:
    """The key from the flag, the prompt or the environment; LookupError says how to pass one."""
    if args.xiaomi_api_key is not None:
        return str(args.xiaomi_api_key)
    if args.api_key_stdin:
        line = sys.stdin.readline(4096)
        if not line:
            raise EOFError
        return line.rstrip("\r\n")
    if not args.non_interactive and sys.stdin.isatty():
        return getpass.getpass(f"{choice.label} (input hidden): ")
    variable = load_catalog().key_variables(choice.provider)[0]
    from_env = os.environ.get(variable, "")
    if from_env.strip():
        return from_env
    raise LookupError(
        f'no {choice.label}: pass it with --xiaomi-api-key KEY (e.g. --xiaomi-api-key "${variable}"), '
        f"set {variable} in the environment, or run it in a terminal (without --non-interactive) to be asked"
    )


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return _USAGE_ERROR


def render_result(result: OnboardResult, next_step: str, paths: PathStyle = AS_IS) -> str:
    """What changed, file by file (keys redacted), and what to run next."""
    headline = (
        f"Onboarded {result.auth_choice}: profile {result.profile_id}, default model {result.model_ref}."
        if result.changed
        else f"Nothing to change: {result.auth_choice} is already set up with this key."
    )
    lines = [headline]
    for change in result.files:
        kept = f" (previous version kept as {paths(change.backup)})" if change.backup is not None else ""
        lines.append(f"{paths(change.path)}: {change.status}{kept}")
        lines += [f"  - {line}" for line in change.changes if change.status != "unchanged"]
    lines += [f"note: {note}" for note in result.notes]
    lines.append(f"Next: {next_step}")
    return "\n".join(lines) + "\n"
