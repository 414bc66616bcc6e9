"""The deep merge of includes: objects merge key by key, arrays concatenate, anything else: later wins."""

from __future__ import annotations

from typing import Any

from deepmerge import Merger


def _merge_objects(merger: Merger, path: list[Any], base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    # deepmerge's own "merge" strategy writes into `base`; a copy leaves both inputs untouched, so
    # the walks can share the parsed values of the files instead of copying them first.
    merged = dict(base)
    for key, value in overlay.items():
        merged[key] = merger.value_strategy([*path, key], merged[key], value) if key in merged else value
    return merged


_MERGER = Merger([(dict, [_merge_objects]), (list, ["append"])], ["override"], ["override"])


def deep_merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """`overlay` merged onto `base`, as a new object; neither input is changed."""
    result: dict[str, Any] = _MERGER.merge(base, overlay)
    return result
