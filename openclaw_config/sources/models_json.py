"""The existing generated registry (`<agent>/models.json`), kept in `merge` mode."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ConfigWarning


@dataclass(frozen=True)
class ExistingModelsJson:
    path: Path
    providers: dict[str, Any] = field(default_factory=dict)  # every entry, of any kind, in file order
    readable: bool = True  # False: the file exists but is damaged; back it up before replacing it
    warnings: tuple[ConfigWarning, ...] = ()

    @property
    def blocks(self) -> dict[str, dict[str, Any]]:
        """The entries that are provider objects (the others are written back untouched)."""
        return {pid: block for pid, block in self.providers.items() if isinstance(block, dict)}


def read_models_json(path: Path) -> ExistingModelsJson:
    from .bounded_read import STORE_MAX_BYTES, MissingFile, read_bounded, reason
    from .strict_json import StrictJsonError, load_strict_json

    try:
        data = load_strict_json(read_bounded(path, what="models.json", max_bytes=STORE_MAX_BYTES).decode("utf-8"))
    except MissingFile:
        return ExistingModelsJson(path)
    except ConfigError as exc:
        return _unreadable(path, reason(exc))
    except (StrictJsonError, UnicodeDecodeError) as exc:
        return _unreadable(path, str(exc))
    providers = data.get("providers") if isinstance(data, dict) else None
    if not isinstance(providers, dict):
        return _unreadable(path, 'no "providers" object')
    return ExistingModelsJson(path, dict(providers))  # entries of any kind are kept as they are, as OpenClaw does


def _unreadable(path: Path, reason: str) -> ExistingModelsJson:
    warning = ConfigWarning(
        f"existing models.json ignored ({reason}); it is backed up before being replaced", str(path)
    )
    return ExistingModelsJson(path, readable=False, warnings=(warning,))
