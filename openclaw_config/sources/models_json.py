"""The existing generated registry (`<agent>/models.json`), kept in `merge` mode."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigWarning


@dataclass(frozen=True)
class ExistingModelsJson:
    path: Path
    providers: dict[str, Any] = field(default_factory=dict)
    readable: bool = True  # False: the file exists but is damaged; back it up before replacing it
    warnings: tuple[ConfigWarning, ...] = ()


def read_models_json(path: Path) -> ExistingModelsJson:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ExistingModelsJson(path)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or getattr(exc, "msg", None) or str(exc)
        return _unreadable(path, str(reason))
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
