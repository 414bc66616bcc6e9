"""`python -m openclaw_config COMMAND`: parse arguments, run one command, turn errors into exit codes.

Each command lives in its own module with `add_arguments(parser)` and `run(args) -> int`; `COMMANDS`
is the table of them. Modules are imported only when their command runs, to keep start-up fast.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from ..registry.model import EffectiveRegistry

from ..errors import ConfigError, Problem, in_file_order
from ..gc_pause import cycle_collection_paused

#: command name -> (module under openclaw_config.cli, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "show": ("show", "show the effective model registry and where it came from"),
    "models-json": ("models_json", "print (or --write) the models.json document"),
    "list": ("list", "list the models OpenClaw's runtime will have (configured ones, or --all)"),
    "status": ("status", "which credential each provider uses; missing, expiring or cooling-down auth (--check)"),
    "validate": ("validate", "check config files (or auth-profiles.json, models.json) and report every problem"),
    "schema": ("schema", "print the JSON Schema of the config, auth-profiles.json or models.json"),
    "probe": ("probe", "send one minimal request per model: reachable, HTTP status, auth accepted (network)"),
    "onboard": ("onboard", "store a provider API key and make its model the default (--auth-choice xiaomi-api-key)"),
}


def program_name() -> str:
    """The command the user ran: `python -m openclaw_config`, or the `openclaw-config` script."""
    main_module = sys.modules.get("__main__")
    spec = getattr(main_module, "__spec__", None)
    if spec is not None and spec.name in ("openclaw_config", "openclaw_config.__main__"):
        return "python -m openclaw_config"
    script = os.path.basename(sys.argv[0]) if sys.argv else ""
    return script if script.startswith("openclaw-config") else "python -m openclaw_config"


class _VersionAction(argparse.Action):
    """`--version`: the installed version, looked up only when asked (it costs an import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("openclaw-config")
        except PackageNotFoundError:  # run from a checkout that is not installed
            found = "(not installed)"
        print(f"openclaw-config {found}")
        parser.exit()


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog=program_name(), description="Resolve OpenClaw's model configuration.", formatter_class=_help_formatter
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    subparsers = {
        name: commands.add_parser(name, help=help_text, description=help_text, formatter_class=_help_formatter)
        for name, (_, help_text) in COMMANDS.items()
    }
    return parser, subparsers


def _help_formatter(prog: str) -> argparse.HelpFormatter:
    # Without a width, argparse imports shutil (and with it bz2, lzma and zlib: about 3 ms, on every
    # run) to ask for the terminal's; this asks the way shutil.get_terminal_size() does.
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return argparse.HelpFormatter(prog, width=int(columns))
    stdout = sys.__stdout__
    try:
        width = (os.get_terminal_size(stdout.fileno()).columns if stdout is not None else 0) or 80
    except (ValueError, OSError):  # not a terminal, or a closed or replaced stream
        width = 80
    return argparse.HelpFormatter(prog, width=width)


def add_location_options(parser: argparse.ArgumentParser) -> None:
    """`--config` and `--agent-dir`, shared by every command that resolves."""
    parser.add_argument(
        "--config", metavar="PATH", help="config file (default: OPENCLAW_CONFIG_PATH or ~/.openclaw/openclaw.json)"
    )
    parser.add_argument(
        "--agent-dir", metavar="PATH", help="agent dir (default: OPENCLAW_AGENT_DIR or ~/.openclaw/agents/main/agent)"
    )


def add_discover_option(parser: argparse.ArgumentParser) -> None:
    """`--discover`: ask the local ollama server for its models (resolution is offline otherwise)."""
    parser.add_argument(
        "--discover",
        action="store_true",
        help="ask the local ollama server for its models, as OpenClaw does (http://127.0.0.1:11434, 5 s timeout); "
        "without it nothing is asked of the network",
    )


def add_shell_env_option(parser: argparse.ArgumentParser) -> None:
    """`--shell-env`: run the login-shell import OpenClaw runs when `env.shellEnv.enabled` is set."""
    parser.add_argument(
        "--shell-env",
        action="store_true",
        help="when env.shellEnv.enabled (or OPENCLAW_LOAD_SHELL_ENV) is set, run your login shell as OpenClaw "
        "does ($SHELL -l -c 'env -0', bounded by shellEnv.timeoutMs) and import its unset key variables",
    )


def add_agent_option(parser: argparse.ArgumentParser) -> None:
    """`--agent ID`: resolve for an agent of `agents.list[]` (its agent dir and model overrides)."""
    parser.add_argument(
        "--agent", metavar="ID", help="an agent of agents.list[] (default: the main agent dir, as OpenClaw does)"
    )


def resolve_for(args: argparse.Namespace) -> EffectiveRegistry:
    """The registry of the location and agent options; a `--json` command that fails still prints
    its errors as JSON on stdout (and, like every command, in words on stderr)."""
    from ..pipeline import resolve

    try:
        discover = getattr(args, "discover", False)
        registry = resolve(config_path=args.config, agent_dir=args.agent_dir, agent=args.agent, discover=discover)
        if not getattr(args, "shell_env", False):
            return registry
        from ..sources.login_shell import import_login_shell_env

        imported = import_login_shell_env(registry.config, os.environ)
        if imported.skipped is not None:
            print(f"login shell not imported: {imported.skipped}", file=sys.stderr)
            return registry
        print(f"login shell imported: {', '.join(imported.applied) or 'nothing'}", file=sys.stderr)
        env = {**os.environ, **imported.values}
        return resolve(env=env, config_path=args.config, agent_dir=args.agent_dir, agent=args.agent, discover=discover)
    except ConfigError as exc:
        if getattr(args, "json", False):
            from ..outputs.findings import print_errors_as_json

            print_errors_as_json(in_file_order(exc.problems))
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser, subparsers = _parser()
    args_list = list(sys.argv[1:] if argv is None else argv)
    # Only the chosen command's module is imported (and only it adds its options).
    chosen = next((a for a in args_list if a in COMMANDS), None)
    module = importlib.import_module(f".{COMMANDS[chosen][0]}", __package__) if chosen else None
    if module is not None and chosen is not None:
        module.add_arguments(subparsers[chosen])
    args = parser.parse_args(args_list)
    if not _streams_usable():
        return 1
    if chosen != "onboard" and not _explicit_config_exists(getattr(args, "config", None)):
        return 1
    try:
        with cycle_collection_paused():  # a command builds acyclic data and ends: see gc_pause
            result: int = module.run(args) if module is not None else 2
        sys.stdout.flush()  # a full disk shows here, while a clean message can still be given
        return result
    except ConfigError as exc:
        print_problems(exc.problems)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        _print_os_error(exc)
        return 1
    except Exception as exc:  # a bug of ours must still not dump a traceback on the user
        print(f"internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        return 1


def _explicit_config_exists(config: str | None) -> bool:
    """A config named with `--config` must exist: a mistyped path would otherwise resolve as an empty
    config and look fine (only the default location may be missing, as OpenClaw allows)."""
    if config is None or os.path.exists(config):
        return True
    link = " (a symbolic link to a missing file)" if os.path.islink(config) else ""
    print_problems([Problem(f"config file not found{link}", file=config, hint="check the path given to --config")])
    return False


def _streams_usable() -> bool:
    """Make the standard streams safe to print anything to, or say why they are not.

    Text that the stream's encoding cannot hold (an ASCII-only terminal and the `…` of a redacted
    secret; a lone surrogate read from a JSON file) is escaped, never a crash. A closed standard
    output (`>&-`) is said once on stderr.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")
    if sys.stdout is None or sys.stdout.closed:
        if sys.stderr is not None and not sys.stderr.closed:
            message = "error: standard output is closed; nothing was printed (run it with its output open)"
            print(message, file=sys.stderr)
        return False
    return True


def _print_os_error(exc: OSError) -> None:
    """A file-system error no stage turned into a problem: the output could not be written, or a file
    or folder could not be used. Either way, what failed and what to do."""
    reason = exc.strerror or type(exc).__name__
    if exc.filename is None:
        message = f"error: the output could not be written: {reason} (check the disk, or where the output goes)"
    else:
        message = f"error: {exc.filename}: {reason} (check that it exists and that you may read and write it)"
    with contextlib.suppress(OSError, ValueError):
        print(message, file=sys.stderr)
        sys.stderr.flush()


def print_problems(problems: Sequence[Problem]) -> None:
    """`error: FILE:LINE:COL: PATH: message (hint)` on stderr, one per problem, files shown as by
    every text output (`~/...` under the home directory)."""
    from ..outputs.paths import PathStyle

    shown = PathStyle.of_process()
    for problem in problems:
        print(f"error: {shown.file_of(problem)}", file=sys.stderr)


def run_and_exit() -> NoReturn:
    """The `openclaw-config` program: `main()`, then exit at once with its status.

    The interpreter's clean-up at exit frees every object one by one (the registry of a large config
    is most of a million) and ends with a full cycle collection: 10 ms of a 0.79 MB `show --json`,
    for memory the operating system takes back anyway. Every file this package writes is closed
    (and synced) before that point, so only the standard streams need flushing first.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):  # gone, closed, full or absent
            stream.flush()
    os._exit(code)
