"""`show`: the effective registry for a person debugging a setup (or `--json` for a program)."""

from __future__ import annotations

import argparse
import sys

from ..json_text import json_text
from ..outputs.paths import PathStyle
from .main import add_agent_option, add_discover_option, add_location_options, add_shell_env_option, resolve_for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    add_discover_option(parser)
    add_agent_option(parser)
    add_shell_env_option(parser)
    parser.add_argument("--json", action="store_true", help="print the registry as JSON")
    parser.add_argument(
        "--indent",
        type=_indent,
        metavar="N",
        help="indent --json output by N spaces (default: 2 when printing to a terminal; compact, on one "
        "line, when piped or redirected, where programs read it)",
    )
    parser.add_argument("--reveal", action="store_true", help="print secrets in full (they are redacted otherwise)")
    parser.add_argument(
        "--explain",
        nargs="?",
        const="",
        metavar="PATH",
        help="where each value set somewhere came from and what it overrode; PATH narrows it to a config path, "
        "a provider id, a model ref or a variable (XIAOMI_API_KEY, env.vars.X); secrets stay redacted, even "
        "with --reveal",
    )
    parser.add_argument(
        "--all", action="store_true", help="with --explain: also the values that are only defaults (set nowhere)"
    )


def run(args: argparse.Namespace) -> int:
    if args.all and args.explain is None:
        print("error: --all goes with --explain (show --explain --all)", file=sys.stderr)
        return 2
    registry = resolve_for(args)
    indent = args.indent if args.indent is not None else (2 if sys.stdout.isatty() else None)
    shown = PathStyle.of_process()
    if args.explain is not None:
        from ..explain.render import render_explanation

        text = render_explanation(
            registry, args.explain or None, as_json=args.json, show_all=args.all, indent=indent, paths=shown
        )
        sys.stdout.write(text)
    elif args.json:
        print(json_text(registry.to_dict(reveal=args.reveal), indent=indent))
    else:
        from ..outputs.render import render_text

        sys.stdout.write(render_text(registry, reveal=args.reveal, paths=shown))
    return 0


def _indent(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise argparse.ArgumentTypeError(f"expected a number of spaces (0 or more), got {text!r}")
    return int(text)
