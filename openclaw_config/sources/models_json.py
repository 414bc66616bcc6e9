"""The existing generated registry (`<agent>/models.json`), kept in `merge` mode, and the exact text
of that file's format.

The file is read when the resolution starts; it is parsed only when something needs its providers.
When it is exactly the document the resolution makes without it (the usual case: nothing changed
since it was written), merging it changes nothing, and it is never parsed: see
`providers.existing.merge_existing`.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ConfigWarning


def models_json_text(document: dict[str, Any]) -> str:
    """The exact text OpenClaw writes for `document`: 2-space indentation and a trailing newline."""
    from ..json_text import json_text

    return json_text(document, indent=2) + "\n"


class ExistingModelsJson:
    """The models.json found in the agent dir: its `text` (None when there is none, or it could not be
    read), and its entries, parsed on first use."""

    def __init__(
        self,
        path: Path,
        text: str | None = None,
        *,
        unreadable: str | None = None,
        providers: dict[str, Any] | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self._unreadable = unreadable  # why the file exists but cannot be used
        if providers is not None:  # already known: the text is exactly the document of these
            self.__dict__["_parsed"] = (providers, None)

    def known_to_hold(self, providers: dict[str, Any]) -> ExistingModelsJson:
        """This file, whose text is exactly the document holding `providers`: no parse needed."""
        return ExistingModelsJson(self.path, self.text, providers=providers)

    @cached_property
    def _parsed(self) -> tuple[dict[str, Any], str | None]:
        """Its entries (every kind, in file order), and why it is unreadable (None when it is not)."""
        if self._unreadable is not None or self.text is None:
            return {}, self._unreadable
        from .strict_json import StrictJsonError, load_strict_json

        try:
            data = load_strict_json(self.text)
        except StrictJsonError as exc:
            return {}, str(exc)
        providers = data.get("providers") if isinstance(data, dict) else None
        if not isinstance(providers, dict):
            return {}, 'no "providers" object'
        return dict(providers), None  # entries of any kind are kept as they are, as OpenClaw does

    @property
    def providers(self) -> dict[str, Any]:
        """Every entry of its `providers`, of any kind, in file order."""
        return self._parsed[0]

    @property
    def blocks(self) -> dict[str, dict[str, Any]]:
        """The entries that are provider objects (the others are written back untouched)."""
        return {pid: block for pid, block in self.providers.items() if isinstance(block, dict)}

    @property
    def readable(self) -> bool:
        """False: the file exists but is damaged; it is backed up before being replaced."""
        return self._parsed[1] is None

    @property
    def warnings(self) -> tuple[ConfigWarning, ...]:
        reason = self._parsed[1]
        if reason is None:
            return ()
        message = f"existing models.json ignored ({reason}); it is backed up before being replaced"
        return (ConfigWarning(message, str(self.path)),)


def read_models_json(path: Path) -> ExistingModelsJson:
    """The models.json at `path`, read now (a missing file is no file: nothing to keep)."""
    from .bounded_read import STORE_MAX_BYTES, MissingFile, read_bounded, reason

    try:
        data = read_bounded(path, what="models.json", max_bytes=STORE_MAX_BYTES)
    except MissingFile:
        return ExistingModelsJson(path)
    except ConfigError as exc:
        return ExistingModelsJson(path, unreadable=reason(exc))
    try:
        return ExistingModelsJson(path, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return ExistingModelsJson(path, unreadable=str(exc))
