"""The deep merge of includes: objects merge key by key, arrays concatenate, anything else: later wins."""

from __future__ import annotations

from typing import Any

from deepmerge import Merger

_MERGER = Merger([(dict, ["merge"]), (list, ["append"])], ["override"], ["override"])


def deep_merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """`overlay` merged onto `base`. Mutates and returns `base`; callers pass values they own."""
    result: dict[str, Any] = _MERGER.merge(base, overlay)
    return result
