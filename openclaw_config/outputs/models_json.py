"""Writing `<agent>/models.json` (SPEC section 10)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .atomic import backup, write_atomic
from .json_text import json_text

if TYPE_CHECKING:
    from ..registry.model import EffectiveRegistry


def render_models_json(document: dict[str, Any]) -> str:
    """The exact bytes OpenClaw writes: 2-space indentation and a trailing newline."""
    return json_text(document, indent=2) + "\n"


def write_models_json(registry: EffectiveRegistry) -> bool:
    """Write the registry's models.json; False when there is nothing to write or nothing changed.

    The agent dir is created 0700 and the file is 0600. A damaged existing file is backed up first.
    """
    document = registry.to_models_json()
    if document is None:
        return False
    path = registry.locations.models_json
    text = render_models_json(document)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    if path.exists() and not registry.existing_models_json_readable:
        backup(path)
    write_atomic(path, text)
    return True
