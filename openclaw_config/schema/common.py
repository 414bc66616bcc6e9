"""Building blocks shared by the schema definitions: configs, field titles, constrained types.

Every field gets a human title (`baseUrl` -> "Base URL") from `field_title`, so the JSON Schemas
that editors show need no hand-written titles; descriptions are written next to each field.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import ConfigDict, Field
from pydantic.fields import FieldInfo

# Words that camelCase splitting would otherwise show in the wrong case.
_WORDS = {
    "url": "URL",
    "api": "API",
    "id": "ID",
    "ms": "(ms)",
    "oauth": "OAuth",
    "json": "JSON",
    "http": "HTTP",
    "ui": "UI",
}


def field_title(name: str, _info: FieldInfo | Any = None) -> str:
    """`baseUrl` -> "Base URL", `timeoutMs` -> "Timeout (ms)", `cacheRead` -> "Cache read"."""
    words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name)
    shown = [_WORDS.get(word.lower(), word.lower()) for word in words]
    if not shown:
        return name
    first = shown[0]
    shown[0] = first if first != first.lower() else first.capitalize()
    return " ".join(shown)


def strict() -> ConfigDict:
    """Unknown keys are errors; values are never coerced (the engine's validation)."""
    return ConfigDict(extra="forbid", strict=True, field_title_generator=field_title)


def open_keys() -> ConfigDict:
    """Keys not listed are accepted and passed through; listed keys are still checked."""
    return ConfigDict(extra="allow", strict=True, field_title_generator=field_title)


def doc(text: str) -> Any:
    """A field's one-line description (its title comes from `field_title`)."""
    return Field(description=text)


NonEmpty = Annotated[str, Field(min_length=1)]
Positive = Annotated[float, Field(gt=0)]
#: Any finite number greater than 0 (OpenClaw takes 1500.5, 8192.0 and 1e5 for token counts).
PositiveNumber = Annotated[float, Field(gt=0, allow_inf_nan=False)]
PositiveInt = Annotated[int, Field(gt=0)]
