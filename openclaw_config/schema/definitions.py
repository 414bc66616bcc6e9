"""The configuration schema (SPEC section 6) as typed dictionaries, validated by pydantic.

These definitions are the single source of truth: the runtime validator is compiled from them
(see `compiled.py`), and so are the JSON Schemas under `schemas/`. Importing this module builds
pydantic machinery, so the hot path never imports it; it loads the compiled validator instead.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

_STRICT = ConfigDict(extra="forbid", strict=True)
_OPEN = ConfigDict(extra="allow", strict=True)

NonEmpty = Annotated[str, Field(min_length=1)]
Positive = Annotated[float, Field(gt=0)]
PositiveInt = Annotated[int, Field(gt=0)]
Api = Literal[
    "openai-completions", "openai-responses", "anthropic-messages",
    "google-generative-ai", "github-copilot", "bedrock-converse-stream",
]  # fmt: skip
Headers = Annotated[dict[str, str], Field(description="Extra HTTP headers sent with every request.")]


def _doc(text: str) -> Any:
    return Field(description=text)


@with_config(_STRICT)
class ModelCost(TypedDict):
    """Price per million tokens; missing fields count as 0."""

    input: NotRequired[Annotated[float, _doc("Price of input tokens.")]]
    output: NotRequired[Annotated[float, _doc("Price of output tokens.")]]
    cacheRead: NotRequired[Annotated[float, _doc("Price of cache-read tokens.")]]
    cacheWrite: NotRequired[Annotated[float, _doc("Price of cache-write tokens.")]]


@with_config(_STRICT)
class ModelCompat(TypedDict):
    """Request-shape switches for OpenAI-compatible servers."""

    supportsStore: NotRequired[Annotated[bool, _doc("The server accepts the `store` field.")]]
    supportsDeveloperRole: NotRequired[Annotated[bool, _doc("The server accepts the `developer` role.")]]
    supportsReasoningEffort: NotRequired[Annotated[bool, _doc("The server accepts `reasoning_effort`.")]]
    maxTokensField: NotRequired[
        Annotated[Literal["max_completion_tokens", "max_tokens"], _doc("Name of the max-tokens request field.")]
    ]


@with_config(_STRICT)
class ModelDefinition(TypedDict):
    """One model a provider serves."""

    id: Annotated[NonEmpty, _doc("Model id, as the provider's API knows it.")]
    name: Annotated[NonEmpty, _doc("Display name.")]
    api: NotRequired[Annotated[Api, _doc("API dialect for this model; defaults to the provider's.")]]
    reasoning: NotRequired[Annotated[bool, _doc("The model supports extended reasoning (default false).")]]
    input: NotRequired[Annotated[list[Literal["text", "image"]], _doc('Input kinds (default ["text"]).')]]
    cost: NotRequired[Annotated[ModelCost, _doc("Token prices.")]]
    contextWindow: NotRequired[Annotated[PositiveInt, _doc("Context window in tokens (default 200000).")]]
    maxTokens: NotRequired[Annotated[PositiveInt, _doc("Maximum output tokens (default min(8192, contextWindow)).")]]
    headers: NotRequired[Headers]
    compat: NotRequired[Annotated[ModelCompat, _doc("Compatibility switches.")]]


@with_config(_STRICT)
class ProviderDefinition(TypedDict):
    """A model provider: where to reach it, how to authenticate, which models it serves."""

    baseUrl: Annotated[NonEmpty, _doc("Base URL of the provider's API.")]
    apiKey: NotRequired[Annotated[str, _doc("API key, or the name of the environment variable holding it.")]]
    auth: NotRequired[Annotated[Literal["api-key", "aws-sdk", "oauth", "token"], _doc("Authentication method.")]]
    api: NotRequired[Annotated[Api, _doc("API dialect the provider speaks.")]]
    headers: NotRequired[Headers]
    authHeader: NotRequired[Annotated[bool, _doc("Send the key as an Authorization header.")]]
    models: Annotated[list[ModelDefinition], _doc("Models served by this provider.")]


@with_config(_STRICT)
class ModelsSection(TypedDict):
    """Model providers and how they combine with the existing models.json."""

    mode: NotRequired[
        Annotated[
            Literal["merge", "replace"], _doc("merge keeps providers already in models.json; replace drops them.")
        ]
    ]
    providers: NotRequired[Annotated[dict[str, ProviderDefinition], _doc("Providers by id.")]]
    bedrockDiscovery: NotRequired[Annotated[dict[str, Any], _doc("AWS Bedrock discovery settings (passed through).")]]


@with_config(_STRICT)
class ShellEnv(TypedDict):
    """Import variables from a login shell."""

    enabled: NotRequired[Annotated[bool, _doc("Run the login shell to import its environment.")]]
    timeoutMs: NotRequired[Annotated[Annotated[int, Field(ge=0)], _doc("How long the shell may take, in ms.")]]


@with_config(ConfigDict(extra="allow", strict=True))
class EnvSection(TypedDict, extra_items=str):  # type: ignore[call-arg]
    """Environment variables for OpenClaw; any other key is a variable with a string value."""

    shellEnv: NotRequired[Annotated[ShellEnv, _doc("Login-shell import settings.")]]
    vars: NotRequired[Annotated[dict[str, str], _doc("Variables, by name.")]]


@with_config(_STRICT)
class AuthProfileRef(TypedDict):
    """A credential profile known to the config (the secret lives in auth-profiles.json)."""

    provider: Annotated[str, _doc("Provider id.")]
    mode: Annotated[Literal["api_key", "oauth", "token"], _doc("Kind of credential.")]
    email: NotRequired[Annotated[str, _doc("Account e-mail, for OAuth profiles.")]]


@with_config(_STRICT)
class AuthCooldowns(TypedDict):
    """Back-off after billing or repeated failures."""

    billingBackoffHours: NotRequired[Annotated[Positive, _doc("Hours to back off after a billing error.")]]
    billingBackoffHoursByProvider: NotRequired[Annotated[dict[str, Positive], _doc("The same, per provider.")]]
    billingMaxHours: NotRequired[Annotated[Positive, _doc("Longest billing back-off, in hours.")]]
    failureWindowHours: NotRequired[Annotated[Positive, _doc("Window for counting failures, in hours.")]]


@with_config(_STRICT)
class AuthSection(TypedDict):
    """Credential profiles and the order they are tried in."""

    profiles: NotRequired[Annotated[dict[str, AuthProfileRef], _doc("Profiles by id (`provider:name`).")]]
    order: NotRequired[Annotated[dict[str, list[str]], _doc("Profile ids to try, per provider.")]]
    cooldowns: NotRequired[Annotated[AuthCooldowns, _doc("Back-off settings.")]]


@with_config(_STRICT)
class ModelChoice(TypedDict):
    """A primary model and its fallbacks, as `provider/model` refs or aliases."""

    primary: NotRequired[Annotated[str, _doc("The model to use first.")]]
    fallbacks: NotRequired[Annotated[list[str], _doc("Models to try, in order, when the primary fails.")]]


@with_config(_STRICT)
class AgentModelEntry(TypedDict):
    """Per-model settings for agents."""

    alias: NotRequired[Annotated[str, _doc("Short name usable instead of the ref.")]]
    params: NotRequired[Annotated[dict[str, Any], _doc("Extra request parameters.")]]
    streaming: NotRequired[Annotated[bool, _doc("Stream responses.")]]


@with_config(_OPEN)
class AgentDefaults(TypedDict):
    """Defaults for every agent; keys not listed here pass through."""

    model: NotRequired[Annotated[ModelChoice, _doc("Default text model and fallbacks.")]]
    imageModel: NotRequired[Annotated[ModelChoice, _doc("Default image model and fallbacks.")]]
    models: NotRequired[Annotated[dict[str, AgentModelEntry], _doc("Settings per `provider/model` ref.")]]


@with_config(_OPEN)
class AgentsSection(TypedDict):
    """Agents; `list` and other keys pass through."""

    defaults: NotRequired[Annotated[AgentDefaults, _doc("Defaults for every agent.")]]
    list: NotRequired[Annotated[list[Any], _doc("Agent definitions (passed through).")]]


PassThroughObject = Annotated[dict[str, Any], _doc("Not modelled by openclaw-config: passed through untouched.")]
PassThroughList = Annotated[list[Any], _doc("Not modelled by openclaw-config: passed through untouched.")]


@with_config(_STRICT)
class OpenClawConfig(TypedDict):
    """OpenClaw configuration (`~/.openclaw/openclaw.json`), as read by openclaw-config."""

    schema_: NotRequired[Annotated[str, Field(alias="$schema", description="JSON Schema for editors.")]]
    env: NotRequired[Annotated[EnvSection, _doc("Environment variables.")]]
    auth: NotRequired[Annotated[AuthSection, _doc("Credential profiles.")]]
    models: NotRequired[Annotated[ModelsSection, _doc("Model providers.")]]
    agents: NotRequired[Annotated[AgentsSection, _doc("Agent defaults and definitions.")]]
    bindings: NotRequired[PassThroughList]
    meta: NotRequired[PassThroughObject]
    wizard: NotRequired[PassThroughObject]
    diagnostics: NotRequired[PassThroughObject]
    logging: NotRequired[PassThroughObject]
    update: NotRequired[PassThroughObject]
    browser: NotRequired[PassThroughObject]
    ui: NotRequired[PassThroughObject]
    nodeHost: NotRequired[PassThroughObject]
    tools: NotRequired[PassThroughObject]
    broadcast: NotRequired[PassThroughObject]
    audio: NotRequired[PassThroughObject]
    media: NotRequired[PassThroughObject]
    messages: NotRequired[PassThroughObject]
    commands: NotRequired[PassThroughObject]
    approvals: NotRequired[PassThroughObject]
    session: NotRequired[PassThroughObject]
    cron: NotRequired[PassThroughObject]
    hooks: NotRequired[PassThroughObject]
    web: NotRequired[PassThroughObject]
    channels: NotRequired[PassThroughObject]
    discovery: NotRequired[PassThroughObject]
    canvasHost: NotRequired[PassThroughObject]
    talk: NotRequired[PassThroughObject]
    gateway: NotRequired[PassThroughObject]
    memory: NotRequired[PassThroughObject]
    skills: NotRequired[PassThroughObject]
    plugins: NotRequired[PassThroughObject]
