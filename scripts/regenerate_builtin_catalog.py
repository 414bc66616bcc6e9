#!/usr/bin/env python3
"""Regenerate the built-in model catalog (`openclaw_config/runtime/data/pi-ai-<VERSION>.json`).

OpenClaw's runtime registry starts from the models that its pinned `@mariozechner/pi-ai` release
generates into `dist/models.generated.js`. This script fetches that release with `npm pack`,
imports the generated module with Node, and writes every model, in the module's order, as compact
JSON. With `--openclaw`, it also records which pi-ai release that OpenClaw release pins (in
`openclaw-<OPENCLAW>.json` beside it), so that the next catalog is one command away:

    python scripts/regenerate_builtin_catalog.py 0.52.9 --openclaw 2026.2.9
    python scripts/regenerate_builtin_catalog.py 0.52.9 --package-dir /path/to/unpacked/pi-ai

Needs `npm` (unless --package-dir is given) and `node` (18 or newer) on PATH, or `--node`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "openclaw_config" / "runtime" / "data"
PACKAGE = "@mariozechner/pi-ai"
GENERATED_MODULE = Path("dist") / "models.generated.js"
REQUIRED_FIELDS = (
    "id", "name", "api", "provider", "baseUrl", "reasoning", "input", "cost", "contextWindow", "maxTokens",
)  # fmt: skip
# Prints the generated MODELS object as JSON; object key order is the module's own.
_DUMP = "const m = await import(process.argv[1]); process.stdout.write(JSON.stringify(m.MODELS));"


def fetch_package(version: str, into: Path) -> Path:
    """`npm pack` the release into `into` and unpack it; the package's folder."""
    done = subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{version}", "--pack-destination", str(into), "--silent"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"npm pack {PACKAGE}@{version} failed: {done.stderr.strip() or done.stdout.strip()}")
    tarball = into / done.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as archive:
        archive.extractall(into / "unpacked", filter="data")
    return into / "unpacked" / "package"


def dump_models(package_dir: Path, node: str) -> dict[str, dict[str, Any]]:
    module = (package_dir / GENERATED_MODULE).resolve()
    if not module.is_file():
        raise SystemExit(f"{module}: not found (is {package_dir} an unpacked {PACKAGE}?)")
    done = subprocess.run(
        [node, "--input-type=module", "-e", _DUMP, module.as_uri()], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"node could not import {module}: {done.stderr.strip()}")
    models: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return models


def catalog_document(version: str, generated: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The data file: every provider's models, in the generated module's order, as pi holds them."""
    providers: dict[str, list[dict[str, Any]]] = {}
    for provider, models in generated.items():
        for model_id, model in models.items():
            missing = [f for f in REQUIRED_FIELDS if f not in model]
            if missing or model["provider"] != provider or model["id"] != model_id:
                raise SystemExit(f"{provider}/{model_id}: unexpected model shape (missing {missing})")
        providers[provider] = list(models.values())
    return {"piAi": version, "source": f"{PACKAGE}@{version} {GENERATED_MODULE.as_posix()}", "providers": providers}


def write_compact(path: Path, document: dict[str, Any]) -> None:
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("version", help=f"the {PACKAGE} release, e.g. 0.52.9")
    parser.add_argument("--openclaw", metavar="VERSION", help="also record that this OpenClaw release pins it")
    parser.add_argument("--package-dir", type=Path, help=f"an unpacked {PACKAGE} to read instead of npm pack")
    parser.add_argument("--node", default="node", help="the node binary (default: node on PATH)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help=f"where to write (default: {DATA_DIR})")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pi-ai-") as scratch:
        package_dir = args.package_dir or fetch_package(args.version, Path(scratch))
        declared = json.loads((package_dir / "package.json").read_text(encoding="utf-8")).get("version")
        if declared != args.version:
            raise SystemExit(f"{package_dir} holds {PACKAGE} {declared}, not {args.version}")
        document = catalog_document(args.version, dump_models(package_dir, args.node))
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"pi-ai-{args.version}.json"
    write_compact(target, document)
    count = sum(len(models) for models in document["providers"].values())
    print(f"wrote {target}: {count} models of {len(document['providers'])} providers")
    if args.openclaw:
        pin = args.out / f"openclaw-{args.openclaw}.json"
        existing = json.loads(pin.read_text(encoding="utf-8")) if pin.exists() else {}
        write_compact(pin, {**existing, "openclaw": args.openclaw, "piAi": args.version})
        print(f"wrote {pin}: OpenClaw {args.openclaw} uses {PACKAGE} {args.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
