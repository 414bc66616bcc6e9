"""`list`: the models OpenClaw's `models list` shows, as rows (JSON, a table, or plain refs).

Without `--all` the rows are the configured entries, in this order: the default model, the
fallbacks, the image model, the image fallbacks, then every key of `agents.defaults.models`; each
is tagged (`default`, `fallback#N`, `image`, `img-fallback#N`, `configured`, `alias:A,B`) and
looked up in the runtime registry (a `missing` row when the runtime has no such model). With
`--all` the rows are every runtime model, sorted by provider and id, with the same tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from ..registry.model import EffectiveRegistry, Model

_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1"})


@dataclass(frozen=True)
class ListOptions:
    all: bool = False
    provider: str | None = None
    local: bool = False
    full: bool = False  # each row's runtime model, and the registry problems


@dataclass
class Entry:
    """One configured model reference: its key (`provider/model`), tags and aliases."""

    key: str
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


def configured_entries(registry: EffectiveRegistry) -> list[Entry]:
    """The models the config selects, each once, in the order OpenClaw lists them."""
    entries: dict[str, Entry] = {}

    def add(ref: str | None, tag: str) -> None:
        if ref is not None:
            entry = entries.setdefault(ref, Entry(ref))
            if tag not in entry.tags:
                entry.tags.append(tag)

    add(registry.resolved_default, "default")
    defaults = _agent_defaults(registry.config)
    for key, tag, fallback_tag in (("model", None, "fallback"), ("imageModel", "image", "img-fallback")):
        choice = defaults.get(key)
        if not isinstance(choice, dict):
            continue
        fallbacks = choice.get("fallbacks")
        if tag is not None and isinstance(choice.get("primary"), str):
            add(_ref(registry, choice["primary"]), tag)
        for index, fallback in enumerate(fallbacks if isinstance(fallbacks, list) else (), start=1):
            add(_ref(registry, str(fallback)), f"{fallback_tag}#{index}")
    for key in defaults.get("models") or {}:
        add(_ref(registry, str(key), aliases=False), "configured")
    for alias, ref in registry.aliases.items():
        aliased = entries.get(_ref(registry, ref, aliases=False) or "")
        if aliased is not None:
            aliased.aliases.append(alias)
    return list(entries.values())


def _agent_defaults(config: Mapping[str, Any]) -> Mapping[str, Any]:
    agents = config.get("agents")
    defaults = agents.get("defaults") if isinstance(agents, dict) else None
    return defaults if isinstance(defaults, dict) else {}


def _ref(registry: EffectiveRegistry, text: str, *, aliases: bool = True) -> str | None:
    """The `provider/model` key `text` names (an alias only where `aliases`), None if it names none."""
    trimmed = text.strip()
    if not trimmed:
        return None
    if not aliases and "/" not in trimmed:
        trimmed = f"anthropic/{trimmed}"
    provider, _, model = registry.resolve_ref(trimmed).partition("/")
    provider, model = provider.strip(), model.strip()
    return f"{provider}/{model}" if provider and model else None


def model_rows(registry: EffectiveRegistry, options: ListOptions) -> list[dict[str, Any]]:
    """The rows `list` prints, as OpenClaw's `models list --json` shapes them."""
    entries = configured_entries(registry)
    wanted = _provider_filter(options.provider)
    runtime = registry.runtime
    if options.all:
        by_key = {entry.key: entry for entry in entries}
        models: Iterable[Model] = sorted(runtime.models(), key=lambda m: (_collation(m.provider), _collation(m.id)))
        return [
            _row(registry, model.ref, model, by_key.get(model.ref), options.full)
            for model in models
            if (wanted is None or model.provider.lower() == wanted) and (not options.local or is_local(model.base_url))
        ]
    rows = []
    for entry in entries:
        provider, _, model_id = entry.key.partition("/")
        if wanted is not None and provider.lower() != wanted:
            continue
        found = runtime.model(provider, model_id)
        if options.local and (found is None or not is_local(found.base_url)):
            continue
        rows.append(_row(registry, entry.key, found, entry, options.full))
    return rows


def _provider_filter(provider: str | None) -> str | None:
    if provider is None or not provider.strip():
        return None
    from ..providers.catalog import load_catalog

    return load_catalog().normalize_id(provider)


def _row(registry: EffectiveRegistry, key: str, model: Model | None, entry: Entry | None, full: bool) -> dict[str, Any]:
    tags = list(entry.tags) if entry is not None else []
    if model is None:
        row: dict[str, Any] = {
            "key": key, "name": key, "input": "-", "contextWindow": None, "local": None, "available": None,
            "tags": [*tags, "missing"], "missing": True,
        }  # fmt: skip
    else:
        if entry is not None and entry.aliases:
            tags = [t for t in tags if t != "alias" and not t.startswith("alias:")]
            tags.append(f"alias:{','.join(entry.aliases)}")
        row = {
            "key": key, "name": model.name or model.id, "input": "+".join(model.input) or "text",
            "contextWindow": model.context_window, "local": is_local(model.base_url),
            "available": registry.provider_auth.has_auth(model.provider), "tags": tags, "missing": False,
        }  # fmt: skip
    if full:
        row["model"] = None if model is None else model.printable()
    return row


def is_local(base_url: str | None) -> bool:
    """Whether a base URL points at this machine or the local network (as OpenClaw decides it)."""
    if not base_url:
        return False
    try:
        parts = urlsplit(base_url)
        host = parts.hostname
    except ValueError:
        return False
    if not parts.scheme or host is None:
        return False
    if "[" in parts.netloc:  # OpenClaw compares IPv6 hosts with their brackets: never "::1"
        host = f"[{host}]"
    return host in _LOCAL_HOSTS or host.endswith(".local")


# ASCII punctuation and spaces moved below the digits, keeping their order among themselves.
_PUNCTUATION_FIRST = {
    code: chr(1 + rank) for rank, code in enumerate(c for c in range(32, 127) if not chr(c).isalnum())
}


def _collation(text: str) -> tuple[str, str]:
    """Close to JavaScript's `localeCompare`: case-insensitive first, punctuation before digits and
    letters, a prefix before what extends it, then the exact text (so the order is total)."""
    return text.casefold().translate(_PUNCTUATION_FIRST), text


def list_document(registry: EffectiveRegistry, options: ListOptions) -> dict[str, Any]:
    """`list --json`: `count` and `models`; with `full`, `registryProblems` too."""
    rows = model_rows(registry, options)
    document: dict[str, Any] = {"count": len(rows), "models": rows}
    if options.full:
        document["registryProblems"] = [problem.to_dict() for problem in registry.registry_problems]
    return document


def render_table(rows: list[dict[str, Any]]) -> str:
    """The rows as a table: model, input, context window, local, auth, tags."""
    if not rows:
        return "No models found.\n"
    width = max(24, min(48, max(len(row["key"]) for row in rows)))
    lines = [f"{'Model':<{width}} {'Input':<10} {'Ctx':<7} {'Local':<5} {'Auth':<5} Tags"]
    for row in rows:
        key = row["key"] if len(row["key"]) <= width else row["key"][: width - 3] + "..."
        cells = (
            f"{key:<{width}}", f"{row['input']:<10}", f"{_tokens(row['contextWindow']):<7}",
            f"{_yes_no(row['local']):<5}", f"{_yes_no(row['available']):<5}", ",".join(row["tags"]),
        )  # fmt: skip
        lines.append(" ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _tokens(value: Any) -> str:
    if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
        return "-"
    return str(round(value)) if value < 1024 else f"{round(value / 1024)}k"


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else "yes" if value else "no"
