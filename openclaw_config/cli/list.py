"""`list`: the models OpenClaw's runtime will have, as `openclaw models list` shows them.

Without `--all`: the configured models (default, fallbacks, image models, `agents.defaults.models`).
With `--all`: every model of the runtime registry (the built-in catalog and models.json). `--json`
prints OpenClaw's document (`{"count": 0, "models": []}` when nothing matches); `--full` adds each
row's runtime model and the `registryProblems`. Registry problems are also said on stderr.
"""

from __future__ import annotations

import argparse
import sys

from ..json_text import json_text
from ..pipeline import resolve
from .main import add_discover_option, add_location_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    add_discover_option(parser)
    parser.add_argument("--all", action="store_true", help="every model of the runtime registry, not only configured")
    parser.add_argument("--provider", metavar="P", help="only the models of provider P")
    parser.add_argument("--local", action="store_true", help="only models served from this machine or the local net")
    parser.add_argument("--json", action="store_true", help="print JSON (count and models)")
    parser.add_argument("--plain", action="store_true", help="print one model ref per line")
    parser.add_argument(
        "--full", action="store_true", help="with --json: each row's runtime model and the registry problems"
    )


def run(args: argparse.Namespace) -> int:
    from ..outputs.model_list import ListOptions, list_document, render_table
    from ..outputs.redact import redact_text
    from ..outputs.render import secrets_of

    registry = resolve(config_path=args.config, agent_dir=args.agent_dir, discover=args.discover)
    options = ListOptions(all=args.all, provider=args.provider, local=args.local, full=args.full)
    document = list_document(registry, options)
    secrets = secrets_of(registry)
    for problem in registry.registry_problems:
        print(redact_text(f"warning: {problem}", secrets), file=sys.stderr)
    if args.json:
        indent = 2 if sys.stdout.isatty() else None
        text = json_text(document, indent=indent) + "\n"
    elif args.plain:
        text = "".join(f"{row['key']}\n" for row in document["models"])
    else:
        text = render_table(document["models"])
    sys.stdout.write(redact_text(text, secrets))
    return 0
