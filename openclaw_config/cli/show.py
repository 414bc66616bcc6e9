"""`show`: the effective registry for a person debugging a setup (or `--json` for a program)."""

from __future__ import annotations

import argparse
import json
import sys

from ..pipeline import resolve
from .main import add_location_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    parser.add_argument("--json", action="store_true", help="print the registry as JSON")
    parser.add_argument("--reveal", action="store_true", help="print secrets in full (they are redacted otherwise)")
    parser.add_argument(
        "--explain",
        nargs="?",
        const="",
        metavar="PATH",
        help="where each value came from and what it overrode; PATH narrows it to a config path, "
        "a provider id or a model ref (secrets stay redacted, even with --reveal)",
    )


def run(args: argparse.Namespace) -> int:
    registry = resolve(config_path=args.config, agent_dir=args.agent_dir)
    if args.explain is not None:
        from ..explain.render import render_explanation

        sys.stdout.write(render_explanation(registry, args.explain or None, as_json=args.json))
    elif args.json:
        json.dump(registry.to_dict(reveal=args.reveal), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        from ..outputs.render import render_text

        sys.stdout.write(render_text(registry, reveal=args.reveal))
    return 0
