"""`probe`: send one minimal request per model and report whether the call works.

The only command that uses the network. Exit 0 when every probed model answered 2xx, else 1.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from ..calling.probing import ProbeResult, probe
from ..pipeline import resolve
from .main import add_agent_option, add_location_options


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "refs", nargs="*", metavar="REF", help="model refs or aliases (default: the default model and fallbacks)"
    )
    parser.add_argument(
        "--timeout", type=_seconds, default=10.0, metavar="S", help="seconds to wait per model (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    add_location_options(parser)
    add_agent_option(parser)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"--timeout takes a number of seconds greater than 0, not {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    registry = resolve(config_path=args.config, agent_dir=args.agent_dir, agent=args.agent)
    results = probe(registry, args.refs or None, timeout=args.timeout)
    if args.json:
        from ..json_text import json_text

        ok = all(r.ok for r in results)
        print(json_text({"ok": ok, "results": [r.to_dict() for r in results]}, indent=2))
    else:
        print(probe_text(results), end="")
    return 0 if results and all(r.ok for r in results) else 1


def probe_text(results: Sequence[ProbeResult]) -> str:
    """One block per model: the verdict line, then where it went and why it failed."""
    if not results:
        return "No model to probe (no default model and no REF given).\n"
    lines: list[str] = []
    for r in results:
        status = str(r.status) if r.status is not None else "-"
        latency = f"{r.latency_ms:g} ms" if r.latency_ms is not None else "-"
        reach = "reachable" if r.reachable else "unreachable"
        lines.append(f"{r.ref}: {'ok' if r.ok else 'FAILED'}  {reach}  HTTP {status}  auth {r.auth}  {latency}")
        if r.url:
            lines.append(f"    POST {r.url}" + (f"  ({r.auth_form})" if r.auth_form else ""))
        if r.error:
            lines.append(f"    {r.error}")
    failed = sum(1 for r in results if not r.ok)
    lines.append(
        f"{len(results) - failed} of {len(results)} models answered" + (f", {failed} failed" if failed else "")
    )
    return "\n".join(lines) + "\n"
