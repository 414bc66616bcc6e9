"""The existing generated registry (`<agent>/models.json`), kept in `merge` mode."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, ConfigWarning


@dataclass(frozen=True)
class ExistingModelsJson:
    path: Path
    providers: dict[str, Any] = field(default_factory=dict)
    readable: bool = True  # False: the file exists but is damaged; back it up before replacing it
    warnings: tuple[ConfigWarning, ...] = ()


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
    kept = {k: v for k, v in providers.items() if isinstance(v, dict)}
    return ExistingModelsJson(path, kept)


def _unreadable(path: Path, reason: str) -> ExistingModelsJson:
    warning = ConfigWarning(
        f"existing models.json ignored ({reason}); it is backed up before being replaced", str(path)
    )
    return ExistingModelsJson(path, readable=False, warnings=(warning,))
