"""`status`: which credential each provider uses, and whether any is missing or expiring.

The same command as OpenClaw's `openclaw models status`: `--json` prints its document (secrets
redacted), `--plain` only the resolved default model, and `--check` exits 1 when a provider in use
has no credential or an OAuth/token profile has expired, 2 when one expires within a day.
"""

from __future__ import annotations

import argparse
import sys

from .main import add_agent_option, add_location_options, add_shell_env_option, resolve_for


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    add_agent_option(parser)
    add_shell_env_option(parser)
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the status as JSON (OpenClaw's document)")
    shape.add_argument("--plain", action="store_true", help="print only the resolved default model")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when a provider in use has no credential or an OAuth/token profile has expired, "
        "2 when one expires within a day (for cron and CI)",
    )
    parser.add_argument("--reveal", action="store_true", help="print secrets in full (they are redacted otherwise)")


def run(args: argparse.Namespace) -> int:
    registry = resolve_for(args)
    if args.plain:
        print(registry.resolved_default)
        return registry.auth_status().check_code if args.check else 0
    status = registry.auth_status()
    if args.json:
        from ..json_text import json_text
        from ..outputs.status import status_document

        print(json_text(status_document(status, reveal=args.reveal), indent=2))
    else:
        from ..outputs.status_text import status_text

        sys.stdout.write(status_text(status, reveal=args.reveal))
    return status.check_code if args.check else 0
