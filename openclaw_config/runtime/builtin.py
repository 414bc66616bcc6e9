"""The built-in model catalog OpenClaw's runtime starts from (pi-ai's generated models), as data.

`data/openclaw-<release>.json` says which pi-ai release an OpenClaw release pins (and a few tables
of that release); `data/pi-ai-<version>.json` holds that release's models, in pi's own order and
exactly as pi holds them (`scripts/regenerate_builtin_catalog.py` writes it). Both are read on
first use only: a resolution that never asks for a built-in model never parses the catalog.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from . import OPENCLAW_RELEASE

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class ReleasePins:
    """What one OpenClaw release's runtime registry is made of."""

    openclaw: str
    pi_ai: str
    aws_provider: str
    aws_credential_variables: tuple[tuple[str, ...], ...]  # any one group, all of it set

    @property
    def catalog_file(self) -> Path:
        return DATA_DIR / f"pi-ai-{self.pi_ai}.json"


@cache
def release_pins(openclaw: str = OPENCLAW_RELEASE) -> ReleasePins:
    data = json.loads((DATA_DIR / f"openclaw-{openclaw}.json").read_text(encoding="utf-8"))
    return ReleasePins(
        openclaw=data["openclaw"],
        pi_ai=data["piAi"],
        aws_provider=data["awsProvider"],
        aws_credential_variables=tuple(tuple(group) for group in data["awsCredentialVariables"]),
    )


@dataclass(frozen=True)
class BuiltinCatalog:
    """pi-ai's models, provider by provider, in the order pi's registry lists them."""

    version: str
    providers: Mapping[str, tuple[Mapping[str, Any], ...]]
    file: Path = field(compare=False)

    def models(self) -> Iterator[Mapping[str, Any]]:
        for models in self.providers.values():
            yield from models

    def __len__(self) -> int:
        return sum(len(models) for models in self.providers.values())

    def model(self, provider: str, model_id: str) -> Mapping[str, Any] | None:
        """The built-in model `provider/model_id` (exact ids, as pi compares them)."""
        return self._index.get((provider, model_id))

    @cached_property
    def _index(self) -> dict[tuple[str, str], Mapping[str, Any]]:
        return {(m["provider"], m["id"]): m for m in self.models()}


@cache
def load_builtin_catalog(openclaw: str = OPENCLAW_RELEASE) -> BuiltinCatalog:
    """The catalog of the pi-ai release `openclaw` pins (read once per process)."""
    file = release_pins(openclaw).catalog_file
    data = json.loads(file.read_text(encoding="utf-8"))
    providers = {provider: tuple(models) for provider, models in data["providers"].items()}
    return BuiltinCatalog(version=data["piAi"], providers=providers, file=file)
