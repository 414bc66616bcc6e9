"""Writing `<agent>/models.json` (SPEC section 10)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError, Problem
from ..gc_pause import cycle_collection_paused
from ..sources.bounded_read import STORE_MAX_BYTES
from ..sources.json5_file import read_text
from ..sources.models_json import models_json_text
from .redact import names_a_variable, redact, redact_text

if TYPE_CHECKING:
    from ..registry.model import EffectiveRegistry


render_models_json = models_json_text  # the exact text OpenClaw writes for a document


def redacted_models_json(document: dict[str, Any], secrets: list[str], is_set: Callable[[str], bool]) -> dict[str, Any]:
    """The document as `models-json` prints it unasked: every `apiKey` that holds a key (from a profile,
    or written literally) redacted, and the same for auth-like headers and any of `secrets` met
    elsewhere. `apiKey`s that name a variable (`is_set` tells which are set) stay as they are."""
    from ..explain.secrets import redact_headers

    def clean(value: Any) -> Any:
        if isinstance(value, str):
            return redact(value) if value in secrets else redact_text(value, secrets)
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        return [clean(v) for v in value] if isinstance(value, list) else value

    providers = {}
    for pid, block in document.get("providers", {}).items():
        if not isinstance(block, dict):  # kept from an old models.json as it was
            providers[pid] = clean(block)
            continue
        shown = dict(block)
        key = shown.get("apiKey")
        if isinstance(key, str) and key.strip() and not names_a_variable(key, is_set):
            shown["apiKey"] = redact(key)
        if "headers" in shown:
            shown["headers"] = redact_headers(shown["headers"])
        providers[pid] = clean(shown)
    return {**document, "providers": providers}


def secrets_in(registry: EffectiveRegistry) -> list[str]:
    """Every secret the resolution saw (keys in effect, profile secrets, credential variables) that
    is not a variable name."""
    from ..explain.secrets import known_secrets
    from .render import secrets_of

    context = registry._context
    found = known_secrets(registry, context) if context is not None else set(secrets_of(registry))
    return sorted(s for s in found if not names_a_variable(s, lambda name: variable_is_set(registry, name)))


def variable_is_set(registry: EffectiveRegistry, name: str) -> bool:
    context = registry._context
    return context is not None and context.env.get(name) is not None


@cycle_collection_paused()  # the document is thousands of acyclic dicts: see gc_pause
def write_models_json(registry: EffectiveRegistry) -> bool:
    """Write the registry's models.json; False when there is nothing to write or nothing changed.

    The agent dir is created 0700 and the file is 0600. A damaged existing file is backed up first.
    """
    text = registry._models_json_text
    if text is None:
        document = registry.to_models_json()
        if document is None:
            return False
        text = render_models_json(document)
    path = registry.locations.models_json
    _refuse_special(path)
    try:
        if read_text(path, what="models.json", max_bytes=STORE_MAX_BYTES) == text:
            return False
    except ConfigError:
        pass
    from .atomic import backup, write_atomic  # only a write needs them (and shutil, tempfile)

    if path.exists() and not registry.existing_models_json_readable:
        backup(path)
    write_atomic(path, text)
    return True


def _refuse_special(path: Path) -> None:
    """A models.json that is not a regular file (a FIFO, a device, a dangling symlink) is not replaced:
    it is not what this tool writes, and someone put it there."""
    import os
    import stat

    try:
        info = os.stat(path)
    except FileNotFoundError:
        if not os.path.islink(path):
            return
        problem = Problem("models.json is a symbolic link to a missing file; it was not replaced", file=str(path))
        raise ConfigError([problem]) from None
    if not stat.S_ISREG(info.st_mode):
        message = "models.json is not a regular file; it was not replaced"
        raise ConfigError([Problem(message, file=str(path), hint="remove it, then write again")])
