"""The auth profile store (SPEC section 8): which profile gives the implicit xiaomi provider its key."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from world import World

from openclaw_config import EffectiveRegistry
from openclaw_config.sources.auth_profiles import read_auth_store

NOW = 1_750_000_000.0  # seconds since the epoch, as resolve(now=...) takes it
NOW_MS = NOW * 1000


def api_key(key: str, provider: str = "xiaomi") -> dict[str, Any]:
    return {"type": "api_key", "provider": provider, "key": key}


def token(value: str, expires: Any = None, provider: str = "xiaomi") -> dict[str, Any]:
    profile = {"type": "token", "provider": provider, "token": value}
    return profile if expires is None else {**profile, "expires": expires}


def xiaomi_key(registry: EffectiveRegistry) -> str | None:
    provider = registry.providers.get("xiaomi")
    if provider is None:
        return None
    return provider.credential.value if provider.credential else None


def test_the_first_usable_profile_in_file_order_wins(world: World) -> None:
    world.auth_store({"xiaomi:b": api_key("key-b"), "xiaomi:a": api_key("key-a")})
    registry = world.resolve(now=NOW)
    assert xiaomi_key(registry) == "key-b"
    credential = registry.providers["xiaomi"].credential
    assert credential is not None
    assert (credential.source, credential.profile_id, credential.store) == (
        "profile",
        "xiaomi:b",
        str(world.agent_dir / "auth-profiles.json"),
    )


@pytest.mark.parametrize("spelling", ["Xiaomi", " xiaomi ", "XIAOMI\t"])
def test_provider_ids_compare_case_insensitively_after_trimming(world: World, spelling: str) -> None:
    world.auth_store({"p": api_key("key-x", provider=spelling)})
    assert xiaomi_key(world.resolve(now=NOW)) == "key-x"


def test_a_profile_of_another_provider_does_not_count(world: World) -> None:
    world.auth_store({"openai:default": api_key("key-o", provider="openai")})
    assert world.resolve(now=NOW).providers == {}


def test_oauth_profiles_are_ignored(world: World) -> None:
    oauth = {"type": "oauth", "provider": "xiaomi", "access": "a", "refresh": "r", "expires": NOW_MS + 10_000}
    world.auth_store({"xiaomi:oauth": oauth, "xiaomi:later": api_key("key-later")})
    assert xiaomi_key(world.resolve(now=NOW)) == "key-later"


def test_a_token_without_expiry_is_used(world: World) -> None:
    world.auth_store({"xiaomi:t": token("tok-forever")})
    assert xiaomi_key(world.resolve(now=NOW)) == "tok-forever"


def test_a_token_expiring_in_the_future_is_used(world: World) -> None:
    world.auth_store({"xiaomi:t": token("tok-fresh", expires=NOW_MS + 60_000)})
    assert xiaomi_key(world.resolve(now=NOW)) == "tok-fresh"


def test_an_expired_token_is_skipped_with_a_warning(world: World) -> None:
    world.auth_store({"xiaomi:old": token("tok-expired-secret", expires=NOW_MS - 1), "xiaomi:key": api_key("key-next")})
    registry = world.resolve(now=NOW)
    assert xiaomi_key(registry) == "key-next"
    [warning] = [w for w in registry.warnings if "xiaomi:old" in w.message]
    assert warning.file == str(world.agent_dir / "auth-profiles.json")
    assert "tok-expired-secret" not in str(warning)


def test_the_clock_decides_whether_a_token_has_expired(world: World) -> None:
    world.auth_store({"xiaomi:t": token("tok", expires=NOW_MS)})
    assert xiaomi_key(world.resolve(now=NOW - 1)) == "tok"
    assert xiaomi_key(world.resolve(now=NOW + 1)) is None


@pytest.mark.parametrize("expires", [0, -1, "2099-01-01", True, [], {}])
def test_a_token_whose_expiry_is_not_a_positive_number_is_skipped(world: World, expires: Any) -> None:
    world.auth_store({"xiaomi:bad": token("tok-bad", expires=expires)})
    registry = world.resolve(now=NOW)
    assert "xiaomi" not in registry.providers
    assert any("xiaomi:bad" in w.message for w in registry.warnings)


def test_an_expired_token_is_warned_about_once(world: World) -> None:
    world.auth_store({"xiaomi:old": token("tok", expires=NOW_MS - 1)})
    world.config({"models": {"providers": {"xiaomi": {"baseUrl": "http://x", "models": [{"id": "m", "name": "M"}]}}}})
    registry = world.resolve(now=NOW)
    assert len([w for w in registry.warnings if "xiaomi:old" in w.message]) == 1


@pytest.mark.parametrize("blank", ["", "   ", None, 42])
def test_a_profile_without_a_usable_secret_is_skipped(world: World, blank: Any) -> None:
    world.auth_store(
        {"xiaomi:empty": {"type": "api_key", "provider": "xiaomi", "key": blank}, "xiaomi:ok": api_key("key-ok")}
    )
    assert xiaomi_key(world.resolve(now=NOW)) == "key-ok"


# --- a damaged store: a warning, no crash, the file left alone ----------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "{ this is not json",
        "[]",
        '{"version": 1}',
        '{"version": 1, "profiles": []}',
        b"\xff\xfe not utf-8",
        "",
    ],
)
def test_a_malformed_store_is_empty_with_a_warning_and_left_unchanged(world: World, content: str | bytes) -> None:
    path = world.write(world.agent_dir / "auth-profiles.json", content)
    before = path.read_bytes(), os.stat(path).st_mtime_ns
    registry = world.resolve(now=NOW)
    assert registry.providers == {}
    assert [w.file for w in registry.warnings] == [str(path)]
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_a_store_that_is_a_directory_is_a_warning(world: World) -> None:
    (world.agent_dir / "auth-profiles.json").mkdir(parents=True)
    registry = world.resolve(now=NOW)
    assert [w.file for w in registry.warnings] == [str(world.agent_dir / "auth-profiles.json")]


def test_entries_that_are_not_objects_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "auth-profiles.json"
    path.write_text('{"profiles": {"bad": "text", "good": {"type": "api_key", "provider": "xiaomi", "key": "k"}}}')
    store = read_auth_store(path)
    assert [p.id for p in store.profiles] == ["good"]
    assert store.warnings == ()


def test_a_missing_store_is_empty_without_warnings(tmp_path: Path) -> None:
    store = read_auth_store(tmp_path / "auth-profiles.json")
    assert (store.profiles, store.warnings) == ((), ())


def test_profile_repr_hides_the_secret(tmp_path: Path) -> None:
    path = tmp_path / "auth-profiles.json"
    path.write_text('{"profiles": {"x": {"type": "token", "provider": "xiaomi", "token": "tok-hidden-canary"}}}')
    assert "tok-hidden-canary" not in repr(read_auth_store(path))
