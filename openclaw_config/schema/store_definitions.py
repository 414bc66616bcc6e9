"""The files OpenClaw keeps in the agent dir, as typed dictionaries: the source of their JSON Schemas.

- `auth-profiles.json` (SPEC section 8): the credential store. OpenClaw owns it and adds fields over
  time, so profiles and the store accept keys not listed here; the listed ones are checked, and the
  fields the engine needs (`key` of an api_key profile, `token` of a token profile) are required.
- `models.json` (SPEC section 10): the generated registry, provider blocks as the engine writes them.

The engine reads both tolerantly (a damaged store counts as empty); these definitions are for
`validate` and editors only, so the hot path never imports them.
"""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field, with_config
from typing_extensions import TypedDict

from .common import doc, open_keys, strict
from .definitions import ProviderDefinition

_OPEN = open_keys()
ExpiresMs = Annotated[float, Field(gt=0)]


@with_config(_OPEN)
class ApiKeyProfile(TypedDict):
    """A static API key."""

    type: Annotated[Literal["api_key"], doc("Kind of credential.")]
    provider: Annotated[str, doc("Provider id (compared case-insensitively).")]
    key: Annotated[str, doc("The API key (a secret).")]
    email: NotRequired[Annotated[str, doc("Account e-mail.")]]
    metadata: NotRequired[Annotated[dict[str, str], doc("Provider-specific details, e.g. account ids.")]]


@with_config(_OPEN)
class TokenProfile(TypedDict):
    """A bearer token that OpenClaw does not refresh."""

    type: Annotated[Literal["token"], doc("Kind of credential.")]
    provider: Annotated[str, doc("Provider id (compared case-insensitively).")]
    token: Annotated[str, doc("The token (a secret).")]
    expires: NotRequired[Annotated[ExpiresMs, doc("Expiry, in Unix milliseconds; an expired token is not used.")]]
    email: NotRequired[Annotated[str, doc("Account e-mail.")]]


@with_config(_OPEN)
class OAuthProfile(TypedDict):
    """A refreshable OAuth login (never used to inject a provider)."""

    type: Annotated[Literal["oauth"], doc("Kind of credential.")]
    provider: Annotated[str, doc("Provider id (compared case-insensitively).")]
    access: Annotated[str, doc("Access token (a secret).")]
    refresh: Annotated[str, doc("Refresh token (a secret).")]
    expires: Annotated[float, doc("Expiry of the access token, in Unix milliseconds.")]
    email: NotRequired[Annotated[str, doc("Account e-mail.")]]
    clientId: NotRequired[Annotated[str, doc("OAuth client id.")]]


AuthProfile = Annotated[ApiKeyProfile | TokenProfile | OAuthProfile, Field(discriminator="type")]


@with_config(_OPEN)
class ProfileUsageStats(TypedDict):
    """Bookkeeping OpenClaw keeps per profile for rotation and cooldowns."""

    lastUsed: NotRequired[Annotated[float, doc("When the profile was last used, in Unix milliseconds.")]]
    cooldownUntil: NotRequired[Annotated[float, doc("Not used again before this time, in Unix milliseconds.")]]
    errorCount: NotRequired[Annotated[int, doc("Failures since the last success.")]]


@with_config(_OPEN)
class AuthProfileStore(TypedDict):
    """OpenClaw's credential store (`<agent dir>/auth-profiles.json`)."""

    version: NotRequired[Annotated[int, Field(ge=1), doc("Format version of the store (1).")]]
    profiles: Annotated[dict[str, AuthProfile], doc("Credentials by profile id (`provider:name`).")]
    order: NotRequired[Annotated[dict[str, list[str]], doc("Profile ids to try, per provider.")]]
    lastGood: NotRequired[Annotated[dict[str, str], doc("The profile that last worked, per provider.")]]
    usageStats: NotRequired[Annotated[dict[str, ProfileUsageStats], doc("Usage bookkeeping, per profile id.")]]


@with_config(strict())
class ModelsJson(TypedDict):
    """The generated model registry (`<agent dir>/models.json`) that OpenClaw's agents read."""

    providers: Annotated[dict[str, ProviderDefinition], doc("Providers by id, as the engine writes them.")]
