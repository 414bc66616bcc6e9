"""`models-json`: the models.json document the engine would write; `--write` writes it.

Keys held in it (from an auth profile, or written literally) are printed redacted unless `--reveal`;
`--write` always writes the document as it is.
"""

from __future__ import annotations

import argparse
import sys

from ..outputs.models_json import redacted_models_json, render_models_json, secrets_in, variable_is_set
from ..outputs.paths import PathStyle
from ..pipeline import resolve
from .main import add_agent_option, add_discover_option, add_location_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_location_options(parser)
    add_discover_option(parser)
    add_agent_option(parser)
    parser.add_argument(
        "--write", action="store_true", help="write it to <agent dir>/models.json (atomically, mode 0600)"
    )
    parser.add_argument("--reveal", action="store_true", help="print keys in full (they are redacted otherwise)")


def run(args: argparse.Namespace) -> int:
    registry = resolve(config_path=args.config, agent_dir=args.agent_dir, agent=args.agent, discover=args.discover)
    document = registry.to_models_json() or {"providers": {}}
    if not args.reveal:
        document = redacted_models_json(document, secrets_in(registry), lambda n: variable_is_set(registry, n))
    sys.stdout.write(render_models_json(document))
    if args.write:
        target = PathStyle.of_process()(registry.locations.models_json)
        try:
            changed = registry.write_models_json()
        except OSError as exc:  # the user's file system, not a bug: say which file and why
            print(f"error: {target}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return 1
        note = (
            f"wrote {target}"
            if changed
            else f"{target} unchanged"
            if registry.providers
            else "no providers: nothing written"
        )
        print(note, file=sys.stderr)
    return 0
