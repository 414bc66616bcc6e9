"""Calling (the stage after the registry): what goes over the wire for a model, and a probe.

conn = connection(registry, "Xiaomi")        # or registry.connection("Xiaomi")
conn.url, conn.auth_form, conn.model_id      # .../anthropic/v1/messages, Authorization: Bearer <key>, mimo-v2-flash
Anthropic(**anthropic_kwargs(conn))          # OpenAI(**openai_kwargs(conn))
Router(model_list=litellm_model_list(registry))
probe(registry)                              # one minimal request per model (network: only when asked)
"""

from typing import TYPE_CHECKING

from ..lazy import lazy_attributes

if TYPE_CHECKING:
    from .apis import ApiKind, CallingTable, load_table
    from .description import Connection, connection
    from .litellm_config import litellm_entry, litellm_model_list, registry_connections
    from .probing import ProbeResult, probe, probe_connection
    from .sdk import anthropic_kwargs, openai_kwargs

# Where each name lives; imported on first use.
_HOMES = {
    "ApiKind": "apis", "CallingTable": "apis", "load_table": "apis",
    "Connection": "description", "connection": "description",
    "litellm_entry": "litellm_config", "litellm_model_list": "litellm_config",
    "registry_connections": "litellm_config",
    "ProbeResult": "probing", "probe": "probing", "probe_connection": "probing",
    "anthropic_kwargs": "sdk", "openai_kwargs": "sdk",
}  # fmt: skip

__all__ = [
    "ApiKind",
    "CallingTable",
    "Connection",
    "ProbeResult",
    "anthropic_kwargs",
    "connection",
    "litellm_entry",
    "litellm_model_list",
    "load_table",
    "openai_kwargs",
    "probe",
    "probe_connection",
    "registry_connections",
]


__getattr__ = lazy_attributes(__name__, _HOMES)
