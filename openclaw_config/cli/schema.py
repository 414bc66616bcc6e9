"""`schema [--kind KIND]`: print the JSON Schema (draft 2020-12) of a config or an agent-dir file."""

from __future__ import annotations

import argparse
import sys

from ..schema.kinds import KINDS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind", choices=KINDS, default="config", help="config (default), auth-profiles or models-json"
    )


def run(args: argparse.Namespace) -> int:
    from ..schema.json_schema import render_json_schema

    sys.stdout.write(render_json_schema(args.kind))
    return 0
