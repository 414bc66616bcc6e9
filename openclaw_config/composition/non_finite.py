"""`Infinity` and `NaN`: JSON5 has them, JSON does not.

A config may spell them (JSON5 allows it), but every number of the config ends up in JSON files
(`models.json`) that OpenClaw's own strict reader then refuses. So each one is a located problem.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ..errors import ConfigPath, Problem


def non_finite_problems(value: Any, texts: Iterable[str], already: Iterable[Problem] = ()) -> list[Problem]:
    """A problem for every `Infinity` or `NaN` number in `value` (but at the paths of `already`, the
    schema's problems); only walked when one of the files' `texts` could spell one (the common config
    has neither word, and is not walked)."""
    if not any("Infinity" in t or "NaN" in t for t in texts):
        return []
    problems = []
    reported = {p.path for p in already}
    pending: list[tuple[Any, ConfigPath]] = [(value, ())]
    while pending:
        node, path = pending.pop()
        if isinstance(node, float) and not math.isfinite(node) and path not in reported:
            spelled = "NaN" if math.isnan(node) else "Infinity" if node > 0 else "-Infinity"
            message = f"{spelled} is not a number JSON can hold; OpenClaw could not read the models.json it gives"
            problems.append(Problem(message, path=path, hint="write a finite number"))
        elif isinstance(node, dict):
            pending.extend((child, (*path, key)) for key, child in node.items())
        elif isinstance(node, list):
            pending.extend((child, (*path, index)) for index, child in enumerate(node))
    return problems[::-1]
