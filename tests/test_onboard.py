"""Tests for the onboarding library (`onboard_xiaomi`): effects, preservation, safety, refusals."""

from __future__ import annotations

import json
import os
import stat
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pyjson5
import pytest

from openclaw_config import ConfigError, onboard_xiaomi, resolve
from openclaw_config.onboarding import config_file as config_file_module
from openclaw_config.onboarding import onboard
from openclaw_config.onboarding.config_file import check_unchanged
from openclaw_config.providers.catalog import load_catalog

KEY = "sk-canary-5f0e1d2c3b4a"
CATALOG_XIAOMI = load_catalog().providers["xiaomi"].implicit
assert CATALOG_XIAOMI is not None


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(root: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file and folder under `root`: content and mode."""
    found = {}
    for path in sorted(root.rglob("*")):
        content = None if path.is_dir() else path.read_bytes()
        found[str(path.relative_to(root))] = (content, mode(path))
    return found


class Home:
    """A temporary home: the state dir, the config and the agent's store, and onboarding into it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.state = root / ".openclaw"
        self.config = self.state / "openclaw.json"
        self.agent = self.state / "agents" / "main" / "agent"
        self.store = self.agent / "auth-profiles.json"
        self.env = {"HOME": str(root)}

    def write_config(self, text: str, file_mode: int = 0o600) -> None:
        self.state.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.config.write_text(text, encoding="utf-8")
        self.config.chmod(file_mode)

    def onboard(self, key: str = KEY) -> Any:
        return onboard_xiaomi(key, env=self.env, cwd=self.root)

    def resolve(self) -> Any:
        return resolve(env=self.env, cwd=self.root, now=0)


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path)


def test_onboarding_an_empty_home_creates_store_and_config(home: Home) -> None:
    result = home.onboard()
    assert (result.store.status, result.config.status) == ("created", "created")
    assert json.loads(home.store.read_text()) == {
        "version": 1,
        "profiles": {"xiaomi:default": {"type": "api_key", "provider": "xiaomi", "key": KEY}},
    }
    assert json.loads(home.config.read_text()) == {
        "auth": {"profiles": {"xiaomi:default": {"provider": "xiaomi", "mode": "api_key"}}},
        "models": {"providers": {"xiaomi": CATALOG_XIAOMI}},
        "agents": {
            "defaults": {
                "model": {"primary": "xiaomi/mimo-v2-flash"},
                "models": {"xiaomi/mimo-v2-flash": {"alias": "Xiaomi"}},
            }
        },
    }
    assert (mode(home.store), mode(home.agent), mode(home.state), mode(home.config)) == (0o600, 0o700, 0o700, 0o600)
    registry = home.resolve()
    credential = registry.providers["xiaomi"].credential
    assert (credential.source, credential.profile_id, credential.value) == ("profile", "xiaomi:default", KEY)
    assert registry.resolved_default == "xiaomi/mimo-v2-flash"
    assert result.notes == ()
    assert KEY not in repr(result)


def test_a_second_run_changes_nothing(home: Home) -> None:
    home.onboard()
    before = snapshot(home.root)
    result = home.onboard()
    assert not result.changed
    assert (result.store.status, result.config.status) == ("unchanged", "unchanged")
    assert snapshot(home.root) == before  # not even a backup


RICH = """\
// Hand-written config: every comment, key and blank line here must survive.
{
  $schema: "./schema.json",
  /* environment */
  env: { vars: { FOO: "bar" } },

  gateway: { port: 18789, bind: "loopback" }, // gateway stays
  models: {
    mode: "merge",
    providers: {
      // my xiaomi
      xiaomi: {
        baseUrl: "https://proxy.example/xiaomi", // the catalog URL replaces it
        apiKey: "${XIAOMI_API_KEY}",
        headers: { "X-Team": "blue" },
        models: [
          { id: "mimo-v2-pro", name: "MiMo Pro" }, // mine
        ],
      },
      openai: { baseUrl: "https://api.openai.com/v1", apiKey: "${OPENAI_API_KEY}", models: [{ id: "gpt", name: "G" }] },
    },
  },
  agents: {
    defaults: {
      model: { primary: "openai/gpt", fallbacks: ["openai/gpt"] },
      workspace: "~/work",
    },
    list: [{ id: "main" }],
  },
}
"""


def changed_and_added_lines(old: str, new: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(old line -> new line) replacements and inserted lines; fails if a line was deleted or moved."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    replaced: list[tuple[str, str]] = []
    added: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "insert":
            added += new_lines[j1:j2]
        elif tag == "replace":
            assert i2 - i1 == 1, f"more than one line replaced at once: {old_lines[i1:i2]}"
            replaced.append((old_lines[i1], new_lines[j1]))
            added += new_lines[j1 + 1 : j2]
        else:
            assert tag == "equal", f"lines deleted: {old_lines[i1:i2]}"
    return replaced, added


def test_a_commented_config_keeps_everything_it_does_not_change(home: Home) -> None:
    home.write_config(RICH, file_mode=0o640)
    result = home.onboard()
    new = home.config.read_text()
    replaced, added = changed_and_added_lines(RICH, new)
    base_url = CATALOG_XIAOMI["baseUrl"]
    assert replaced == [
        (
            '        baseUrl: "https://proxy.example/xiaomi", // the catalog URL replaces it\n',
            f'        baseUrl: "{base_url}", // the catalog URL replaces it\n',
        ),
        (
            '      model: { primary: "openai/gpt", fallbacks: ["openai/gpt"] },\n',
            '      model: { primary: "xiaomi/mimo-v2-flash", fallbacks: ["openai/gpt"] },\n',
        ),
    ]
    assert added == [
        "          {\n",
        '            id: "mimo-v2-flash",\n',
        '            name: "Xiaomi MiMo V2 Flash",\n',
        "            reasoning: false,\n",
        '            input: ["text"],\n',
        "            cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },\n",
        "            contextWindow: 262144,\n",
        "            maxTokens: 8192,\n",
        "          },\n",
        '        api: "anthropic-messages",\n',
        "      models: {\n",
        '        "xiaomi/mimo-v2-flash": { alias: "Xiaomi" },\n',
        "      },\n",
        "  auth: {\n",
        "    profiles: {\n",
        '      "xiaomi:default": { provider: "xiaomi", mode: "api_key" },\n',
        "    },\n",
        "  },\n",
    ]
    xiaomi = pyjson5.decode(new)["models"]["providers"]["xiaomi"]
    assert xiaomi["models"][1] == CATALOG_XIAOMI["models"][0]  # the inserted text means the catalog model
    assert result.config.backup == home.state / "openclaw.json.bak"
    assert result.config.backup.read_text() == RICH
    assert (mode(home.config), mode(home.store), mode(home.agent)) == (0o640, 0o600, 0o700)
    assert "kept models.providers.xiaomi.apiKey: it is used before the stored auth profile" in result.notes


def test_a_strict_json_config_stays_strict_json(home: Home) -> None:
    text = json.dumps({"gateway": {"port": 1}, "agents": {"defaults": {"workspace": "w"}}}, indent=2) + "\n"
    home.write_config(text)
    home.onboard()
    new = home.config.read_text()
    replaced, added = changed_and_added_lines(text, new)
    # Old lines change only by the comma a new member needs after them (the diff pairs the old "  }" of
    # `agents` with a later, identical line); json.loads proves the file is still strict JSON.
    assert replaced == [('      "workspace": "w"\n', '      "workspace": "w",\n')]
    assert "  },\n" in added
    assert '      "xiaomi:default": { "provider": "xiaomi", "mode": "api_key" }\n' in added
    assert json.loads(new)["gateway"] == {"port": 1}


def test_the_store_keeps_other_profiles_and_fields(home: Home) -> None:
    store = {
        "version": 1,
        "profiles": {
            "anthropic:me": {"type": "oauth", "provider": "anthropic", "access": "a", "refresh": "r", "expires": 9},
            "xiaomi:default": {"type": "api_key", "provider": "xiaomi", "key": "sk-old-key-000000"},
        },
        "order": {"xiaomi": ["xiaomi:default"]},
        "lastGood": {"anthropic": "anthropic:me"},
        "usageStats": {"anthropic:me": {"lastUsed": 1}},
    }
    home.agent.mkdir(mode=0o700, parents=True)
    home.store.write_text(json.dumps(store))
    result = home.onboard()
    expected = json.loads(json.dumps(store))
    expected["profiles"]["xiaomi:default"]["key"] = KEY
    assert json.loads(home.store.read_text()) == expected
    assert list(json.loads(home.store.read_text())["profiles"]) == ["anthropic:me", "xiaomi:default"]
    assert result.store.status == "updated" and "replaced" in result.store.changes[0]
    assert "sk-old-key-000000" not in repr(result) and KEY not in repr(result)


def test_a_malformed_store_is_backed_up_not_clobbered(home: Home) -> None:
    home.agent.mkdir(mode=0o700, parents=True)
    home.store.write_text('{"profiles": {"x": ')
    result = home.onboard()
    assert result.store.backup == home.agent / "auth-profiles.json.bak"
    assert result.store.backup.read_text() == '{"profiles": {"x": '
    assert "was not valid JSON" in result.store.changes[0] and "a new store was started" in result.store.changes[0]
    assert json.loads(home.store.read_text())["profiles"]["xiaomi:default"]["key"] == KEY


def test_an_unreadable_store_stops_before_anything_is_written(home: Home) -> None:
    home.store.mkdir(parents=True)  # a folder where the file should be: cannot be read
    before = snapshot(home.root)
    with pytest.raises(ConfigError, match="auth profile store cannot be read"):
        home.onboard()
    assert snapshot(home.root) == before


def refused(home: Home, *expected: str) -> ConfigError:
    """Onboarding raises ConfigError mentioning every `expected` text and leaves every file as it was."""
    before = snapshot(home.root)
    with pytest.raises(ConfigError) as caught:
        home.onboard()
    message = str(caught.value)
    for text in expected:
        assert text in message
    assert KEY not in message
    assert snapshot(home.root) == before
    return caught.value


def test_an_invalid_config_is_refused(home: Home) -> None:
    home.write_config(
        '{\n  models: {\n    providers: {\n      xiaomi: { baseUrl: "x", modles: [] },\n    },\n  },\n}\n'
    )
    error = refused(home, "openclaw.json:4:", "models.providers.xiaomi", "modles")
    assert any(p.hint for p in error.problems)


def test_a_config_with_a_syntax_error_is_refused(home: Home) -> None:
    home.write_config("{\n  gateway: { port: 1 \n}\n")
    refused(home, "openclaw.json:", "JSON5 syntax error")


def test_a_section_supplied_by_include_is_refused(home: Home) -> None:
    home.write_config('{\n  models: { $include: "./models.json5" },\n}\n')
    (home.state / "models.json5").write_text('{ providers: { openai: { baseUrl: "u", models: [] } } }')
    error = refused(home, "models: this section comes (at least in part) from an $include", "models.json5")
    assert "models.providers.xiaomi: added" in str(error)  # says what to do by hand


def test_an_include_elsewhere_does_not_block_onboarding(home: Home) -> None:
    home.write_config('{\n  $include: "./gateway.json5",\n  agents: { defaults: { workspace: "w" } },\n}\n')
    (home.state / "gateway.json5").write_text("{ gateway: { port: 1 } }")
    home.onboard()
    assert pyjson5.decode(home.config.read_text())["$include"] == "./gateway.json5"
    assert home.resolve().resolved_default == "xiaomi/mimo-v2-flash"


def test_an_unset_variable_elsewhere_does_not_block_onboarding(home: Home) -> None:
    home.write_config('{ models: { providers: { o: { baseUrl: "${PROXY_URL}", models: [] } } } }\n')
    result = home.onboard()
    assert result.config.status == "updated"
    assert any("does not resolve yet" in note and "PROXY_URL" in note for note in result.notes)


@pytest.mark.parametrize(("key", "message"), [("", "blank"), ("  \t", "blank"), ("sk-a sk-b", "spaces")])
def test_a_blank_or_garbled_key_is_refused(home: Home, key: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        home.onboard(key)
    assert not home.root.joinpath(".openclaw").exists()


def test_an_unknown_auth_choice_is_refused(home: Home) -> None:
    with pytest.raises(ValueError, match="supported: xiaomi-api-key"):
        onboard("openai-api-key", KEY, env=home.env, cwd=home.root)
    assert not home.state.exists()


def test_user_aliases_and_fallbacks_are_kept(home: Home) -> None:
    home.write_config(
        '{ agents: { defaults: { model: { primary: "Mimo", fallbacks: ["a/b"] },'
        ' models: { "xiaomi/mimo-v2-flash": { alias: "Mimo" } } } } }'
    )
    home.onboard()
    defaults = pyjson5.decode(home.config.read_text())["agents"]["defaults"]
    assert defaults["model"] == {"primary": "Mimo", "fallbacks": ["a/b"]}  # already names the model
    assert defaults["models"] == {"xiaomi/mimo-v2-flash": {"alias": "Mimo"}}


def test_the_alias_is_not_taken_from_another_model(home: Home) -> None:
    home.write_config('{ agents: { defaults: { models: { "other/m": { alias: "xiaomi" } } } } }')
    result = home.onboard()
    models = pyjson5.decode(home.config.read_text())["agents"]["defaults"]["models"]
    assert models == {"other/m": {"alias": "xiaomi"}}
    assert "alias 'Xiaomi' not added for xiaomi/mimo-v2-flash: it already names other/m" in result.notes


def test_an_existing_profile_entry_is_corrected_in_place(home: Home) -> None:
    home.write_config('{ auth: { profiles: { "xiaomi:default": { provider: "xiaomi", mode: "oauth", email: "e" } } } }')
    home.onboard()
    profile = pyjson5.decode(home.config.read_text())["auth"]["profiles"]["xiaomi:default"]
    assert profile == {"provider": "xiaomi", "mode": "api_key", "email": "e"}


def test_a_key_that_comes_first_is_pointed_out(home: Home) -> None:
    home.env["XIAOMI_API_KEY"] = "sk-from-the-env-1234"
    result = home.onboard()
    assert "xiaomi will use env XIAOMI_API_KEY (process), not the xiaomi:default profile just stored" in result.notes[0]
    assert "sk-from-the-env-1234" not in repr(result)


def test_a_symlinked_config_stays_a_symlink_and_a_bom_stays(home: Home) -> None:
    real = home.root / "dotfiles" / "openclaw.json"
    real.parent.mkdir()
    real.write_bytes(b"\xef\xbb\xbf{ gateway: { port: 1 } }\n")
    real.chmod(0o644)
    home.state.mkdir()
    home.config.symlink_to(real)
    home.onboard()
    assert home.config.is_symlink() and os.readlink(home.config) == str(real)
    assert real.read_bytes().startswith(b"\xef\xbb\xbf{ gateway: { port: 1 }, auth: ")
    assert mode(real) == 0o644


def test_nothing_is_written_when_the_edited_text_would_mean_something_else(
    home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    home.write_config("{ gateway: { port: 1 } }\n")

    def sloppy_edit(text: str, edits: Any) -> str:
        return text.replace("port: 1", "port: 2").replace("}\n", ", agents: {} }\n", 1)

    monkeypatch.setattr(config_file_module, "apply_to_text", sloppy_edit)
    error = refused(home, "could not edit this file safely", "would not hold exactly the intended settings")
    assert error.problems[0].file == str(home.config)


def test_a_config_changed_meanwhile_is_not_overwritten(home: Home) -> None:
    home.write_config("{}")
    with pytest.raises(ConfigError, match="changed while onboarding"):
        check_unchanged(home.config, "{ }")
    with pytest.raises(ConfigError, match="changed while onboarding"):
        check_unchanged(home.config, None)  # created meanwhile
    check_unchanged(home.config, "{}")
    check_unchanged(home.state / "missing.json", None)
