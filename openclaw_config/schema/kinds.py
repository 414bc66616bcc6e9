"""The three kinds of document this package can check, and how to tell them apart by file name."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args

DocumentKind = Literal["config", "auth-profiles", "models-json"]
KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)

#: kind -> file name of its JSON Schema under `schemas/`
SCHEMA_FILES: dict[DocumentKind, str] = {
    "config": "openclaw.schema.json",
    "auth-profiles": "auth-profiles.schema.json",
    "models-json": "models.schema.json",
}

_KIND_BY_NAME: dict[str, DocumentKind] = {"auth-profiles.json": "auth-profiles", "models.json": "models-json"}


def kind_of(path: Path | str) -> DocumentKind:
    """`auth-profiles.json` and `models.json` by their names; any other file is a config."""
    return _KIND_BY_NAME.get(Path(path).name, "config")


def root_type(kind: DocumentKind) -> Any:
    """The typed dictionary that defines documents of `kind` (imports pydantic machinery)."""
    if kind == "config":
        from .definitions import OpenClawConfig

        return OpenClawConfig
    from .store_definitions import AuthProfileStore, ModelsJson

    return AuthProfileStore if kind == "auth-profiles" else ModelsJson
