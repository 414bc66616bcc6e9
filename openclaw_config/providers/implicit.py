"""The implicit providers: the built-in ones OpenClaw injects without being configured.

Each entry of the data file names its rule (`implicit_rules.RULES`); the entries are applied in the
data's order, those marked `afterExplicit` once the configured providers are merged in. Where
OpenClaw would ask the network (a `discovery` entry), a `DiscoveryNote` says it was not asked, and
what stands in for the answer; `discover` asks the local ollama server (the one discovery that
needs no account and stays on this machine).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..composition.tree import json_copy
from .catalog import CatalogProvider
from .implicit_rules import RULES, DiscoveryNote, Injection, RuleInputs, bedrock_region, github_token_present

if TYPE_CHECKING:
    from .merge import ProviderSet

#: provider id -> the endpoint to ask instead of the reference's (a local server of a test, say)
Discover = Mapping[str, str] | None


def implicit_providers(
    inputs: RuleInputs, result: ProviderSet, *, after_explicit: bool = False, discover: Discover = None
) -> dict[str, dict[str, Any]]:
    """The blocks injected at this point (before or after the configured providers), by id."""
    found: dict[str, dict[str, Any]] = {}
    for entry in inputs.catalog.implicit_providers():
        if entry.rule is None or entry.rule.after_explicit != after_explicit:
            continue
        injection = RULES[entry.rule.trigger](entry, inputs)
        note = _discovery(entry, inputs, injection, discover)
        if note is not None:
            result.discovery.append(note)
        if injection is None:
            continue
        found[entry.id] = injection.block
        result.implicit_blocks[entry.id] = json_copy(injection.block)
        result.injection_reasons[entry.id] = injection.reason
        if injection.profile_id is not None:
            result.injection_profiles[entry.id] = injection.profile_id
            if entry.rule.placeholder is not None:
                result.placeholders[entry.id] = injection.profile_id
        if injection.key is not None:
            result.key_sources[entry.id] = injection.key
    return found


def _discovery(
    entry: CatalogProvider, inputs: RuleInputs, injection: Injection | None, discover: Discover
) -> DiscoveryNote | None:
    kind = entry.rule.discovery if entry.rule else None
    spec = inputs.catalog.discovery.get(kind or "", {})
    if kind == "bedrock-list-foundation-models":
        region = bedrock_region(inputs)
        if region is None:
            return None
        return _not_asked(entry, f"{spec.get('what')} in {region}", spec)
    if injection is None:
        return None
    if kind == "ollama-tags":
        url = (discover or {}).get(entry.id) or str(spec.get("url"))
        if discover is not None:
            return _ollama(entry, injection, url, spec)
        return _not_asked(entry, f"the models of the local server ({url})", spec)
    if kind == "copilot-token-exchange" and not github_token_present(entry, inputs):
        return None  # a profile without a token: OpenClaw does not ask either
    return _not_asked(entry, str(spec.get("what")), spec) if kind else None


def _not_asked(entry: CatalogProvider, what: str, spec: Mapping[str, Any]) -> DiscoveryNote:
    offline = spec.get("offline") or "no models"
    hint = " (--discover asks it)" if entry.rule and entry.rule.discovery == "ollama-tags" else ""
    return DiscoveryNote(
        entry.id, what, False, f"not attempted{hint}; {offline}, as OpenClaw has when it gets no answer"
    )


def _ollama(entry: CatalogProvider, injection: Injection, url: str, spec: Mapping[str, Any]) -> DiscoveryNote:
    from .discovery import DiscoveryFailed, ollama_models

    try:
        models = ollama_models(url, spec)
    except DiscoveryFailed as failure:
        return DiscoveryNote(
            entry.id, f"the models of the local server ({url})", True, f"no answer ({failure}); no models"
        )
    injection.block["models"] = models
    count = f"{len(models)} model{'' if len(models) == 1 else 's'}"
    return DiscoveryNote(entry.id, f"the models of the local server ({url})", True, count)
