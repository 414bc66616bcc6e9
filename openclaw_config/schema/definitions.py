"""The configuration schema (SPEC section 6) as typed dictionaries, validated by pydantic.

These definitions are the single source of truth: the runtime validator is compiled from them
(see `compiled.py`), and so are the JSON Schemas under `schemas/`. Importing this module builds
pydantic machinery, so the hot path never imports it; it loads the compiled validator instead.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field, with_config
from typing_extensions import TypedDict

from .common import NonEmpty, Positive, PositiveNumber, doc, open_keys, strict

_STRICT = strict()
_OPEN = open_keys()

Api = Literal[
    "openai-completions", "openai-responses", "anthropic-messages",
    "google-generative-ai", "github-copilot", "bedrock-converse-stream",
]  # fmt: skip
Headers = Annotated[dict[str, str], Field(description="Extra HTTP headers sent with every request.")]


@with_config(_STRICT)
class ModelCost(TypedDict):
    """Price per million tokens; missing fields count as 0."""

    input: NotRequired[Annotated[float, doc("Price of input tokens.")]]
    output: NotRequired[Annotated[float, doc("Price of output tokens.")]]
    cacheRead: NotRequired[Annotated[float, doc("Price of cache-read tokens.")]]
    cacheWrite: NotRequired[Annotated[float, doc("Price of cache-write tokens.")]]


@with_config(_STRICT)
class ModelCompat(TypedDict):
    """Request-shape switches for OpenAI-compatible servers."""

    supportsStore: NotRequired[Annotated[bool, doc("The server accepts the `store` field.")]]
    supportsDeveloperRole: NotRequired[Annotated[bool, doc("The server accepts the `developer` role.")]]
    supportsReasoningEffort: NotRequired[Annotated[bool, doc("The server accepts `reasoning_effort`.")]]
    maxTokensField: NotRequired[
        Annotated[Literal["max_completion_tokens", "max_tokens"], doc("Name of the max-tokens request field.")]
    ]


@with_config(_STRICT)
class ModelDefinition(TypedDict):
    """One model a provider serves."""

    id: Annotated[NonEmpty, doc("Model id, as the provider's API knows it.")]
    name: Annotated[NonEmpty, doc("Display name.")]
    api: NotRequired[Annotated[Api, doc("API dialect for this model; defaults to the provider's.")]]
    reasoning: NotRequired[Annotated[bool, doc("The model supports extended reasoning (default false).")]]
    input: NotRequired[Annotated[list[Literal["text", "image"]], doc('Input kinds (default ["text"]).')]]
    cost: NotRequired[Annotated[ModelCost, doc("Token prices.")]]
    contextWindow: NotRequired[Annotated[PositiveNumber, doc("Context window in tokens (default 200000).")]]
    maxTokens: NotRequired[Annotated[PositiveNumber, doc("Maximum output tokens (default min(8192, contextWindow)).")]]
    headers: NotRequired[Headers]
    compat: NotRequired[Annotated[ModelCompat, doc("Compatibility switches.")]]


@with_config(_STRICT)
class ProviderDefinition(TypedDict):
    """A model provider: where to reach it, how to authenticate, which models it serves."""

    baseUrl: Annotated[NonEmpty, doc("Base URL of the provider's API.")]
    apiKey: NotRequired[Annotated[str, doc("API key, or the name of the environment variable holding it.")]]
    auth: NotRequired[Annotated[Literal["api-key", "aws-sdk", "oauth", "token"], doc("Authentication method.")]]
    api: NotRequired[Annotated[Api, doc("API dialect the provider speaks.")]]
    headers: NotRequired[Headers]
    authHeader: NotRequired[Annotated[bool, doc("Send the key as an Authorization header.")]]
    models: Annotated[list[ModelDefinition], doc("Models served by this provider.")]


@with_config(_STRICT)
class ModelsSection(TypedDict):
    """Model providers and how they combine with the existing models.json."""

    mode: NotRequired[
        Annotated[Literal["merge", "replace"], doc("merge keeps providers already in models.json; replace drops them.")]
    ]
    providers: NotRequired[Annotated[dict[str, ProviderDefinition], doc("Providers by id.")]]
    bedrockDiscovery: NotRequired[Annotated[dict[str, Any], doc("AWS Bedrock discovery settings (passed through).")]]


@with_config(_STRICT)
class ShellEnv(TypedDict):
    """Import variables from a login shell."""

    enabled: NotRequired[Annotated[bool, doc("Run the login shell to import its environment.")]]
    timeoutMs: NotRequired[Annotated[Annotated[int, Field(ge=0)], doc("How long the shell may take, in ms.")]]


@with_config(_OPEN)
class EnvSection(TypedDict, extra_items=str):  # type: ignore[call-arg]
    """Environment variables for OpenClaw; any other key is a variable with a string value."""

    shellEnv: NotRequired[Annotated[ShellEnv, doc("Login-shell import settings.")]]
    vars: NotRequired[Annotated[dict[str, str], doc("Variables, by name.")]]


@with_config(_STRICT)
class AuthProfileRef(TypedDict):
    """A credential profile known to the config (the secret lives in auth-profiles.json)."""

    provider: Annotated[str, doc("Provider id.")]
    mode: Annotated[Literal["api_key", "oauth", "token"], doc("Kind of credential.")]
    email: NotRequired[Annotated[str, doc("Account e-mail, for OAuth profiles.")]]


@with_config(_STRICT)
class AuthCooldowns(TypedDict):
    """Back-off after billing or repeated failures."""

    billingBackoffHours: NotRequired[Annotated[Positive, doc("Hours to back off after a billing error.")]]
    billingBackoffHoursByProvider: NotRequired[Annotated[dict[str, Positive], doc("The same, per provider.")]]
    billingMaxHours: NotRequired[Annotated[Positive, doc("Longest billing back-off, in hours.")]]
    failureWindowHours: NotRequired[Annotated[Positive, doc("Window for counting failures, in hours.")]]


@with_config(_STRICT)
class AuthSection(TypedDict):
    """Credential profiles and the order they are tried in."""

    profiles: NotRequired[Annotated[dict[str, AuthProfileRef], doc("Profiles by id (`provider:name`).")]]
    order: NotRequired[Annotated[dict[str, list[str]], doc("Profile ids to try, per provider.")]]
    cooldowns: NotRequired[Annotated[AuthCooldowns, doc("Back-off settings.")]]


@with_config(_STRICT)
class ModelChoice(TypedDict):
    """A primary model and its fallbacks, as `provider/model` refs or aliases."""

    primary: NotRequired[Annotated[str, doc("The model to use first.")]]
    fallbacks: NotRequired[Annotated[list[str], doc("Models to try, in order, when the primary fails.")]]


@with_config(_STRICT)
class AgentModelEntry(TypedDict):
    """Per-model settings for agents."""

    alias: NotRequired[Annotated[str, doc("Short name usable instead of the ref.")]]
    params: NotRequired[Annotated[dict[str, Any], doc("Extra request parameters.")]]
    streaming: NotRequired[Annotated[bool, doc("Stream responses.")]]


@with_config(_OPEN)
class AgentDefaults(TypedDict):
    """Defaults for every agent; keys not listed here pass through."""

    model: NotRequired[Annotated[ModelChoice, doc("Default text model and fallbacks.")]]
    imageModel: NotRequired[Annotated[ModelChoice, doc("Default image model and fallbacks.")]]
    models: NotRequired[Annotated[dict[str, AgentModelEntry], doc("Settings per `provider/model` ref.")]]


@with_config(_OPEN)
class AgentsSection(TypedDict):
    """Agents; `list` and other keys pass through."""

    defaults: NotRequired[Annotated[AgentDefaults, doc("Defaults for every agent.")]]
    list: NotRequired[Annotated[list[Any], doc("Agent definitions (passed through).")]]


# Root sections this engine does not model: their kind (object or array) is checked here, the rest
# to OpenClaw's own rules, kept as data (see `reference_sections.py`).
PassedObject = dict[str, Any]
PassedList = list[Any]


def _passed(what: str) -> Any:
    return doc(f"{what} (checked to OpenClaw's rules; not used by openclaw-config).")


@with_config(_STRICT)
class OpenClawConfig(TypedDict):
    """OpenClaw configuration (`~/.openclaw/openclaw.json`), as read by openclaw-config."""

    schema_: NotRequired[
        Annotated[str, Field(alias="$schema", title="JSON Schema", description="JSON Schema for editors.")]
    ]
    env: NotRequired[Annotated[EnvSection, doc("Environment variables for OpenClaw and `${VAR}`.")]]
    auth: NotRequired[Annotated[AuthSection, doc("Credential profiles and their order.")]]
    models: NotRequired[Annotated[ModelsSection, doc("Model providers and their models.")]]
    agents: NotRequired[Annotated[AgentsSection, doc("Agent defaults (default model, aliases) and definitions.")]]
    bindings: NotRequired[Annotated[PassedList, _passed("Routing of channels and accounts to agents")]]
    meta: NotRequired[Annotated[PassedObject, _passed("Bookkeeping OpenClaw writes about the config")]]
    wizard: NotRequired[Annotated[PassedObject, _passed("State of the onboarding wizard")]]
    diagnostics: NotRequired[Annotated[PassedObject, _passed("Diagnostics settings")]]
    logging: NotRequired[Annotated[PassedObject, _passed("Logging settings")]]
    update: NotRequired[Annotated[PassedObject, _passed("Self-update channel and start-up check")]]
    browser: NotRequired[Annotated[PassedObject, _passed("Browser tool settings")]]
    ui: NotRequired[Annotated[PassedObject, _passed("User-interface settings")]]
    nodeHost: NotRequired[Annotated[PassedObject, _passed("Node host settings")]]
    tools: NotRequired[Annotated[PassedObject, _passed("Tool settings")]]
    broadcast: NotRequired[Annotated[PassedObject, _passed("Broadcast settings")]]
    audio: NotRequired[Annotated[PassedObject, _passed("Audio settings")]]
    media: NotRequired[Annotated[PassedObject, _passed("Media handling settings")]]
    messages: NotRequired[Annotated[PassedObject, _passed("Message handling settings")]]
    commands: NotRequired[Annotated[PassedObject, _passed("Chat command settings")]]
    approvals: NotRequired[Annotated[PassedObject, _passed("Approval settings")]]
    session: NotRequired[Annotated[PassedObject, _passed("Session settings")]]
    cron: NotRequired[Annotated[PassedObject, _passed("Scheduled jobs")]]
    hooks: NotRequired[Annotated[PassedObject, _passed("Hook settings")]]
    web: NotRequired[Annotated[PassedObject, _passed("Web settings")]]
    channels: NotRequired[Annotated[PassedObject, _passed("Messaging channels")]]
    discovery: NotRequired[Annotated[PassedObject, _passed("Network discovery settings")]]
    canvasHost: NotRequired[Annotated[PassedObject, _passed("Canvas host settings")]]
    talk: NotRequired[Annotated[PassedObject, _passed("Voice talk settings")]]
    gateway: NotRequired[Annotated[PassedObject, _passed("Gateway server settings")]]
    memory: NotRequired[Annotated[PassedObject, _passed("Memory settings")]]
    skills: NotRequired[Annotated[PassedObject, _passed("Skill settings")]]
    plugins: NotRequired[Annotated[PassedObject, _passed("Plugin settings")]]
