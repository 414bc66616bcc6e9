"""The recorded views of a conformance case (`expected.json["views"]`), checked against the CLI.

A view is what the reference printed for one command on a fresh copy of the case, normalized: the
case folder is `@CASE@`, every planted secret (in any printed form) is `<secret>`, and figures that
change with the clock (`remainingMs`, the time left in `[cooldown 3h]` labels) are dropped or `<t>`.
This project's output is normalized the same way, with its own redacted form of each secret; a
secret printed in full fails the check by itself.

`list_all` and `registry` views are recorded as changes against the built-in catalog
(`fixtures/conformance_baseline.json`): rows that changed or were added, and keys that are absent.
A document passes when it holds every key of the recorded one with an equal value; extra keys are
allowed at the top level only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

BASELINE_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "conformance_baseline.json"

VIEW_COMMANDS: dict[str, list[str]] = {
    "status_full": ["status", "--json"],
    "list": ["list", "--json"],
    "list_all": ["list", "--all", "--json"],
    "registry": ["list", "--all", "--json", "--full"],
}

_CLOCK_LABEL = re.compile(r"\[(cooldown|disabled(?::[^ \]]+)?) [^\]]+\]")


@cache
def baseline() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(BASELINE_FILE.read_text(encoding="utf-8"))
    return data


def project_redaction(secret: str) -> str:
    """This project's printed form of a secret: first 4, an ellipsis, last 2; `***` under 12."""
    value = secret.strip()
    return "***" if len(value) < 12 else f"{value[:4]}…{value[-2:]}"


def normalize(document: Any, case_root: str, secrets: Iterable[str]) -> Any:
    text = json.dumps(document, ensure_ascii=False).replace(case_root, "@CASE@")
    for secret in sorted({s.strip() for s in secrets if s.strip()}, key=len, reverse=True):
        text = text.replace(json.dumps(project_redaction(secret), ensure_ascii=False)[1:-1], "<secret>")
    return _without_remaining_ms(json.loads(_CLOCK_LABEL.sub(r"[\1 <t>]", text)))


def _without_remaining_ms(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_remaining_ms(v) for k, v in node.items() if k != "remainingMs"}
    if isinstance(node, list):
        return [_without_remaining_ms(v) for v in node]
    return node


def leaked_secrets(text: str, secrets: Iterable[str]) -> list[str]:
    """The secrets (8 characters or more) that appear in full in `text`, shortened for the message."""
    return sorted({s.strip()[:6] + "…" for s in secrets if len(s.strip()) >= 8 and s.strip() in text})


def difference(got: Any, want: Any, path: str = "$") -> str | None:
    """None when `got` holds everything `want` holds (extra keys only at the top), else where not."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key, value in want.items():
            if key not in got:
                return f"{path}.{key} missing"
            found = difference(got[key], value, f"{path}.{key}")
            if found:
                return found
        extra = sorted(set(got) - set(want))
        return f"{path} has extra keys {extra}" if extra and path != "$" else None
    if isinstance(want, list) and isinstance(got, list):
        if len(got) != len(want):
            counts = f"{len(got)} items, expected {len(want)}"
            return f"{path}: {counts}: {json.dumps(got)[:300]} vs {json.dumps(want)[:300]}"
        for index, (g, w) in enumerate(zip(got, want, strict=True)):
            found = difference(g, w, f"{path}[{index}]")
            if found:
                return found
        return None
    if got != want or type(got) is not type(want):
        return f"{path} = {json.dumps(got)[:200]}, expected {json.dumps(want)[:200]}"
    return None


def rebuilt(
    view: dict[str, Any], base_rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], str]
) -> dict[str, Any]:
    """The whole recorded document of a delta view, keyed: the baseline with the changes applied."""
    changed = {key(row): row for row in view["changed"]}
    absent = set(view["absent"])
    rows = {key(row): changed.pop(key(row), row) for row in base_rows if key(row) not in absent}
    rows.update(changed)
    return rows


def model_key(model: dict[str, Any]) -> str:
    return f"{model.get('provider')}/{model.get('id')}"


def view_problem(name: str, want: dict[str, Any], stdout: str, case_root: str, secrets: list[str]) -> str | None:
    """What is wrong with the output of view `name` (exit status already checked), or None."""
    try:
        got = normalize(json.loads(stdout), case_root, secrets)
    except ValueError:
        return f"not JSON: {stdout[:200]!r}"
    if name in ("status_full", "list"):
        return difference(got, want["doc"])
    if name == "list_all":  # compared by key: the reference sorts with JavaScript's localeCompare
        rows = rebuilt(want, baseline()["list_all"]["models"], lambda row: str(row["key"]))
        got_rows = {row.get("key"): row for row in got.get("models", [])}
        return difference({"count": got.get("count"), "rows": got_rows}, {"count": want["count"], "rows": rows})
    models = rebuilt(want, baseline()["registry"]["models"], model_key)
    got_models = {model_key(row.get("model") or {}): row.get("model") or {} for row in got.get("models", [])}
    found = difference({"models": got_models}, {"models": models})
    listed = got.get("registryProblems")
    if not isinstance(listed, list):
        return found or "registryProblems (a list) is missing"
    if bool(listed) != bool(want.get("error")):
        verdict = "rejected" if want.get("error") else "accepted"
        return found or f"registryProblems = {json.dumps(listed)[:200]}, but the reference {verdict} models.json"
    return found
