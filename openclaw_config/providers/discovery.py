"""Asking a local ollama server for its models, as OpenClaw does (`GET /api/tags`, short timeout).

Only when the caller opts in (`resolve(discover=...)`, `--discover`): resolution is otherwise offline.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from ..composition.tree import json_copy


class DiscoveryFailed(Exception):
    """The server did not answer, or not with a model list; the message says how."""


def ollama_models(url: str, spec: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The models of the ollama server at `url` (its /api/tags), each filled in from `spec["model"]`."""
    timeout = float(spec.get("timeoutSeconds", 5))
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            data = json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise DiscoveryFailed(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise DiscoveryFailed(str(reason)) from None
    except (ValueError, UnicodeDecodeError):
        raise DiscoveryFailed("the answer is not JSON") from None
    listed = data.get("models") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        raise DiscoveryFailed("the answer has no model list")
    markers = tuple(spec.get("reasoningMarkers", ()))
    models = []
    for entry in listed:
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, str) and name:
            reasoning = any(marker in name.lower() for marker in markers)
            models.append({"id": name, "name": name, **json_copy(dict(spec["model"])), "reasoning": reasoning})
    return models
