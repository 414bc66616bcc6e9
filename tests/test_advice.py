"""Advice warnings: what OpenClaw accepts silently but a user almost surely did not mean."""

from __future__ import annotations

from world import World

from openclaw_config import ConfigWarning


def messages(world: World) -> list[ConfigWarning]:
    return list(world.resolve().warnings)


def test_an_api_key_that_names_an_unset_variable_is_warned_about_where_it_is_written(world: World) -> None:
    world.config('{\n  models: { providers: { p: {\n    baseUrl: "http://p", apiKey: "MY_PROXY_KEY",\n'
                 '    models: [{ id: "m", name: "M" }] } } },\n}\n')  # fmt: skip
    [warning] = [w for w in messages(world) if "MY_PROXY_KEY" in w.message]
    assert "looks like an environment variable name, but it is not set" in warning.message
    assert (warning.file, warning.line, warning.path) == (
        str(world.config_file),
        3,
        ("models", "providers", "p", "apiKey"),
    )
    world.env["MY_PROXY_KEY"] = "sk-proxy-0123456789abcdef"
    assert not [w for w in messages(world) if "MY_PROXY_KEY" in w.message]


def test_a_literal_key_is_not_taken_for_a_variable_name(world: World) -> None:
    world.config({"models": {"providers": {"p": {"baseUrl": "http://p", "apiKey": "sk-LIVE-abc",
                                                 "models": [{"id": "m", "name": "M"}]}}}})  # fmt: skip
    assert not [w for w in messages(world) if "looks like an environment variable name" in w.message]


def test_aliases_that_differ_only_in_case_are_warned_about(world: World) -> None:
    world.config({"agents": {"defaults": {"models": {
        "openai/gpt-5.2": {"alias": "Fast"}, "openai/gpt-5-mini": {"alias": "fast"}, "openai/gpt-4o": {"alias": "Eye"},
    }}}})  # fmt: skip
    [warning] = [w for w in messages(world) if "only in case" in w.message]
    assert "'fast'" in warning.message and "'Fast'" in warning.message
    assert warning.path == ("agents", "defaults", "models", "openai/gpt-5-mini", "alias")


def test_unusable_profiles_are_listed_with_their_store(world: World) -> None:
    world.auth_store({
        "good": {"type": "api_key", "provider": "openai", "key": "sk-good-0123456789"},
        "empty": {"type": "api_key", "provider": "openai", "key": "  "},
        "odd": {"type": "password", "provider": "openai"},
        "nobody": {"type": "token", "token": "tok-0123456789"},
        "dry": {"type": "oauth", "provider": "anthropic"},
    })  # fmt: skip
    found = {w.message.split()[2]: w for w in messages(world) if w.message.startswith("auth profile")}
    assert set(found) == {"empty", "odd", "nobody", "dry"}
    assert all(w.file == str(world.agent_dir / "auth-profiles.json") for w in found.values())
    assert "has no key" in found["empty"].message and "'password'" in found["odd"].message


def test_replace_mode_says_which_kept_providers_it_drops(world: World) -> None:
    world.models_json({"providers": {"old": {"baseUrl": "http://old", "models": []},
                                     "p": {"baseUrl": "http://p0", "models": []}}})  # fmt: skip
    provider = {"baseUrl": "http://p", "apiKey": "k", "models": [{"id": "m", "name": "M"}]}
    world.config({"models": {"mode": "replace", "providers": {"p": provider}}})
    [warning] = [w for w in messages(world) if "drops" in w.message]
    assert "old" in warning.message and "p," not in warning.message
    assert warning.file == str(world.agent_dir / "models.json")
    world.config({"models": {"mode": "merge", "providers": {"p": provider}}})
    assert not [w for w in messages(world) if "drops" in w.message]


def test_a_login_shell_import_that_was_not_run_is_said(world: World) -> None:
    world.config("{\n  env: { shellEnv: { enabled: true } },\n}\n")
    [warning] = [w for w in messages(world) if "login shell" in w.message]
    assert (warning.line, warning.path) == (2, ("env", "shellEnv", "enabled"))


def test_an_ignored_env_vars_entry_is_named_by_its_own_path_and_line(world: World) -> None:
    world.config('{\n  env: {\n    vars: {\n      NODE_OPTIONS: "--require ./x.js",\n    },\n  },\n}\n')
    [warning] = [w for w in messages(world) if "NODE_OPTIONS" in w.message]
    assert (warning.path, warning.file, warning.line) == (("env", "vars", "NODE_OPTIONS"), str(world.config_file), 4)
    world.config('{\n  env: { NODE_OPTIONS: "--require ./x.js" },\n}\n')
    [warning] = [w for w in messages(world) if "NODE_OPTIONS" in w.message]
    assert (warning.path, warning.line) == (("env", "NODE_OPTIONS"), 2)
