#!/usr/bin/env python3
"""Regenerate the reference's config rules (`openclaw_config/schema/data/openclaw-config-<VERSION>.json`).

OpenClaw publishes the JSON Schema of its config (its gateway serves it as `config.schema`),
generated from its own schema. This script imports an installed OpenClaw's bundled config module
with Node, asks it for that JSON Schema, and keeps only the structural rules: every `default`,
title and description is dropped, and a key that has a default is not required (OpenClaw fills
it in). Run it by hand after installing a new release; tests and CI never run it:

    python scripts/regenerate_config_schema.py 2026.2.9 --package-dir /tmp/oc/pkg/package

Needs `node` (22 or newer) on PATH, or `--node`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "openclaw_config" / "schema" / "data"
# Tries each export of a bundled config chunk until one yields the config's JSON Schema (the chunks
# and their export names are hashed per build). Importing a chunk may print; the result goes to a file.
_DUMP = """
import { writeFileSync } from "node:fs";
const [chunk, out] = process.argv.slice(1);
const module = await import(chunk);
for (const value of Object.values(module)) {
  if (!value || typeof value.toJSONSchema !== "function") continue;
  const schema = value.toJSONSchema({ target: "draft-07", unrepresentable: "any" });
  if (schema && schema.properties && schema.properties.gateway && schema.properties.models) {
    writeFileSync(out, JSON.stringify(schema));
    process.exit(0);
  }
}
process.exit(3);
"""
_TEXTUAL = frozenset({"default", "title", "description", "examples", "$comment"})


def dump_schema(package_dir: Path, node: str) -> dict[str, Any]:
    """The config JSON Schema of the OpenClaw unpacked at `package_dir`."""
    chunks = sorted((package_dir / "dist").glob("config-*.js"))
    with tempfile.TemporaryDirectory(prefix="openclaw-schema-") as scratch:
        out = Path(scratch) / "schema.json"
        for chunk in chunks:
            done = subprocess.run(
                [node, "--input-type=module", "-e", _DUMP, chunk.resolve().as_uri(), str(out)],
                capture_output=True, text=True, check=False, timeout=120,
            )  # fmt: skip
            if done.returncode == 0 and out.exists():
                schema: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
                return schema
    raise SystemExit(f"no config JSON Schema found in {package_dir / 'dist'} (is it an unpacked openclaw?)")


def structural(node: Any) -> Any:
    """`node` without defaults and text; a key with a default is not required."""
    if isinstance(node, list):
        return [structural(item) for item in node]
    if not isinstance(node, dict):
        return node
    kept = {key: value for key, value in node.items() if key not in _TEXTUAL and key != "$schema"}
    if isinstance(kept.get("properties"), dict):
        properties = kept["properties"]
        if "required" in kept:
            required = [name for name in kept["required"] if "default" not in properties.get(name, {})]
            kept["required"] = required
            if not required:
                del kept["required"]
        kept["properties"] = {name: structural(value) for name, value in properties.items()}
    return {key: value if key == "properties" else structural(value) for key, value in kept.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help="the OpenClaw release, e.g. 2026.2.9")
    parser.add_argument("--package-dir", type=Path, required=True, help="the unpacked openclaw package")
    parser.add_argument("--node", default="node", help="the node binary (default: node on PATH)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help=f"where to write (default: {DATA_DIR})")
    args = parser.parse_args(argv)
    declared = json.loads((args.package_dir / "package.json").read_text(encoding="utf-8")).get("version")
    if declared != args.version:
        raise SystemExit(f"{args.package_dir} holds openclaw {declared}, not {args.version}")
    document = {"openclaw": args.version, "schema": structural(dump_schema(args.package_dir, args.node))}
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"openclaw-config-{args.version}.json"
    target.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {target}: {len(document['schema'].get('properties', {}))} root sections")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
