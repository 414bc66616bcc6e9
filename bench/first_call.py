"""One timed call in a fresh process: the first `resolve()` of a case, or the first `json.loads` of
its plain JSON. Prints the milliseconds it took.

Usage: python bench/first_call.py resolve|json.loads CASE_DIR SEED_DIR

The process first does the same work on the seed case (imports, the compiled validator, the
provider catalog: what every call after the first finds ready), then collects garbage and times one
call. Run for the 1x and the 10x case alike, every measurement starts from the same memory state;
in a loop, the 1x run re-uses the memory its predecessor freed, which the 10x run cannot.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generate import Case


def first_call(what: str, case: Case, seed: Case) -> Callable[[], object]:
    """Warm up on `seed`, and return the call to time on `case`."""
    if what == "resolve":
        from openclaw_config import resolve

        resolve(env=seed.env, cwd=seed.cwd)
        return partial(resolve, env=case.env, cwd=case.cwd)
    json.loads((seed.root / "plain.json").read_text(encoding="utf-8"))
    return partial(json.loads, (case.root / "plain.json").read_text(encoding="utf-8"))


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in ("resolve", "json.loads"):
        print(__doc__, file=sys.stderr)
        return 2
    case_dir, seed_dir = Path(sys.argv[2]), Path(sys.argv[3])
    call = first_call(sys.argv[1], Case(case_dir.name, case_dir), Case(seed_dir.name, seed_dir))
    gc.collect()
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    print(f"{elapsed * 1000:.4f}")
    del result
    return 0


if __name__ == "__main__":
    sys.exit(main())
