"""The credential rules of one OpenClaw release (`data/<version>.json`), loaded once.

Which variables hold a provider's key is the provider catalog's business (`providers/catalog.json`);
this file holds the rest of what decides a credential: how profile types rank, which OAuth
providers can refresh a token, the providers `status` checks the environment for, and the few
providers whose credential is not a key at all (Google ADC, the AWS SDK chain).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .inputs import DEFAULT_VERSION  # the release data/<version>.json is read for by default

DATA_DIR = Path(__file__).with_name("data")

__all__ = ["DEFAULT_VERSION", "AdcRule", "CredentialRules", "load_rules"]


class AdcRule:
    """A provider authenticated by application default credentials: variables and a file."""

    __slots__ = ("credentials_file_variable", "default_credentials_file", "label", "location_variables",
                 "project_variables", "value")  # fmt: skip

    def __init__(self, rule: dict[str, Any]) -> None:
        self.label: str = rule["label"]
        self.value: str = rule["value"]
        self.project_variables: tuple[str, ...] = tuple(rule["projectVariables"])
        self.location_variables: tuple[str, ...] = tuple(rule["locationVariables"])
        self.credentials_file_variable: str = rule["credentialsFileVariable"]
        self.default_credentials_file: str = rule["defaultCredentialsFile"]


class CredentialRules:
    """The rules of one release, read from its data file. (A plain class: it is made once, and a
    dataclass would cost more to define, on every start of the CLI, than it saves.)"""

    def __init__(self, data: dict[str, Any]) -> None:
        aws = data["awsSdk"]
        self.version: str = data["openclawVersion"]
        self.default_provider: str = data["defaultProvider"]
        self.warn_after_ms = int(data["warnAfterMs"])
        self.profile_type_rank: Mapping[str, int] = dict(data["profileTypeRank"])
        self.config_mode_accepts: Mapping[str, tuple[str, ...]] = {
            mode: tuple(types) for mode, types in data["configModeAccepts"].items()
        }
        self.oauth_env_marker: str = data["oauthEnvMarker"]
        self.oauth_json_key_providers = frozenset(data["oauthJsonKeyProviders"])
        self.oauth_refresh_providers = frozenset(data["oauthRefreshProviders"])
        self.status_env_providers: tuple[str, ...] = tuple(data["statusEnvProviders"])
        # target -> source: OpenClaw copies source into target at start-up when target is unset
        self.copied_variables: Mapping[str, str] = dict(data["copiedVariables"])
        self.shell_env_switch: str = data["shellEnvSwitch"]
        self.adc: Mapping[str, AdcRule] = {pid: AdcRule(r) for pid, r in data["applicationDefaultCredentials"].items()}
        self.aws_sdk_providers = frozenset(aws["providers"])
        self.aws_sdk_chain: tuple[tuple[str, ...], ...] = tuple(tuple(step) for step in aws["chain"])
        self.aws_sdk_fallback: str = aws["fallback"]

    def mode_accepts(self, mode: str, profile_type: str) -> bool:
        """Whether a profile of `profile_type` may serve a config profile entry of `mode`."""
        return profile_type in self.config_mode_accepts.get(mode, (mode,))


@cache
def load_rules(version: str = DEFAULT_VERSION) -> CredentialRules:
    return CredentialRules(json.loads((DATA_DIR / f"{version}.json").read_text(encoding="utf-8")))
