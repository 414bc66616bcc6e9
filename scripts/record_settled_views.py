#!/usr/bin/env python3
"""Re-record the views of conformance cases with the reference's models.json settled first.

OpenClaw 2026.2.9 starts a background `ensureOpenClawModelsJson()` when its agent context module
loads; on an agent dir without models.json that write (a plain, non-atomic `fs.writeFile`) races
with the `models list` command's own write and read, so a first `models list` on a fresh copy of a
case may read an empty or half-written file and show custom models as missing. Which run loses
the race depends on timing (a case recorded alone and the same case recorded beside another one
differ). The runtime itself, and every later command, sees the settled file.

The registry view's script also does not load ~/.openclaw/.env as the OpenClaw CLI does, so an agent
dir moved there was missed; location variables of that file are given to it as the CLI has them.

This tool runs `openclaw models status` once on each fresh copy (which writes models.json the way
the runtime will have it) before the view is recorded, and writes the views that differ into
the case's expected.json, keeping the first recording under "views_first_run". Development tool:
it needs the reference (../shared/oracle, installed under /tmp); tests and CI never run it.

    python scripts/record_settled_views.py ORACLE_DIR CASES_DIR [CASE ...]
"""

import json
import os
import subprocess
import sys
from pathlib import Path

RACED_VIEWS = ("list", "list_all", "registry")
# registry_dump.mjs (the registry view) reads these from the process environment only, while the
# OpenClaw CLI first loads ~/.openclaw/.env into it: the view is recorded with them set as the CLI has them.
LOCATION_VARIABLES = ("OPENCLAW_AGENT_DIR", "OPENCLAW_STATE_DIR", "PI_CODING_AGENT_DIR")


def main(argv: list[str]) -> int:
    oracle_dir, cases_dir, *only = argv
    sys.path.insert(0, oracle_dir)
    import oracle  # the reference's runner (not part of this project)

    first_copy = oracle._fresh_copy

    def settled_copy(case_dir):  # the same fresh copy, with models.json written once already
        work, root = first_copy(case_dir)
        meta = json.loads(Path(case_dir, "case.json").read_text())
        node, openclaw = os.path.join(oracle.NODE, "node"), os.path.join(oracle.OC, "openclaw.mjs")
        cli = [node, openclaw, "models", "status", "--json"]
        env = oracle._env(meta, root)
        subprocess.run(cli, cwd=os.path.join(root, "cwd"), env=env, capture_output=True, timeout=240)
        return work, root

    first_env = oracle._env

    def env_with_state_dotenv(meta, root):  # as the OpenClaw CLI has it once ~/.openclaw/.env is loaded
        env = first_env(meta, root)
        dotenv = Path(root, "home", ".openclaw", ".env")
        for line in dotenv.read_text().splitlines() if dotenv.is_file() else ():
            name, sep, value = line.partition("=")
            if sep and name.strip() in LOCATION_VARIABLES and name.strip() not in env:
                env[name.strip()] = (
                    value.strip().replace("~", env["HOME"], 1) if value.strip().startswith("~") else value.strip()
                )
        return env

    oracle._fresh_copy = settled_copy
    oracle._env = env_with_state_dotenv
    baseline = json.loads(Path(oracle.BASELINE).read_text())
    for name in sorted(only or os.listdir(cases_dir)):
        folder = os.path.join(cases_dir, name)
        expected_file = os.path.join(folder, "expected.json")
        if not os.path.isfile(expected_file):
            continue
        expected = json.loads(Path(expected_file).read_text())
        if "views" not in expected or "deviation" in expected or expected["exit"] != 0:
            continue
        settled = oracle.compact_views(oracle.run_case(folder)["views"], baseline)
        # status_full is not affected: `models status` has no second reader of models.json
        changed = {k: v for k, v in settled.items() if k in RACED_VIEWS and expected["views"].get(k) != v}
        if not changed:
            print(name, "unchanged", flush=True)
            continue
        expected["views_first_run"] = {k: expected["views"][k] for k in changed}
        expected["views"].update(changed)
        Path(expected_file).write_text(json.dumps(expected, indent=1) + "\n")
        print(name, "re-recorded", sorted(changed), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
