"""`python -m openclaw_config onboard`: end to end in a temporary home, then `show` and `models-json`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from openclaw_config.cli.main import main
from openclaw_config.providers.catalog import load_catalog

REPO = Path(__file__).resolve().parent.parent
CASE = REPO / "fixtures" / "conformance" / "explicit_xiaomi_without_key_gets_profile_key"
CANARY = "sk-CANARY-do-not-print-4d2f9a"
CATALOG_XIAOMI: Any = load_catalog().providers["xiaomi"].implicit


def run_cli(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI with only HOME (plus PATH) in its environment, stdin not a terminal."""
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "openclaw_config", *args],
        cwd=home,
        env={**base, **(env or {})},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def onboard_cli(home: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(home, "onboard", "--auth-choice", "xiaomi-api-key", *extra, env=env)


def files_of(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_onboarding_an_empty_home_then_show_and_models_json(tmp_path: Path) -> None:
    done = onboard_cli(tmp_path, "--xiaomi-api-key", CANARY)
    assert done.returncode == 0, done.stderr
    assert "Next: python -m openclaw_config show" in done.stdout
    assert "profile xiaomi:default (api_key, provider xiaomi, key sk-C…9a): added" in done.stdout
    shown = run_cli(tmp_path, "show", "--json")
    assert shown.returncode == 0, shown.stderr
    status = json.loads(shown.stdout)
    xiaomi = status["providers"]["xiaomi"]
    assert [m["ref"] for m in xiaomi["models"]] == ["xiaomi/mimo-v2-flash"]
    assert xiaomi["models"][0]["name"] == CATALOG_XIAOMI["models"][0]["name"]
    assert (xiaomi["credential"]["source"], xiaomi["credential"]["profile"]) == ("profile", "xiaomi:default")
    assert (status["defaultModel"], status["resolvedDefault"]) == ("xiaomi/mimo-v2-flash", "xiaomi/mimo-v2-flash")
    assert status["aliases"] == {"Xiaomi": "xiaomi/mimo-v2-flash"}
    for output in (done.stdout, done.stderr, shown.stdout, shown.stderr, run_cli(tmp_path, "show").stdout):
        assert CANARY not in output

    # The conformance case has an explicit xiaomi provider (its own baseUrl, a model "q") without a key and
    # a xiaomi:default profile. Onboarding an empty home gives the same situation minus the user's parts:
    # the provider written by onboarding has the catalog baseUrl and only the catalog model, and the key
    # is the onboarded one. The rest of the expected models.json (api, defaults, key from the profile)
    # must match as is.
    expected = json.loads((CASE / "expected.json").read_text())["models_json"]
    block = expected["providers"]["xiaomi"]
    catalog_ids = {m["id"] for m in CATALOG_XIAOMI["models"]}
    block["models"] = [m for m in block["models"] if m["id"] in catalog_ids]
    block["baseUrl"] = CATALOG_XIAOMI["baseUrl"]
    block["apiKey"] = CANARY
    written = run_cli(tmp_path, "models-json", "--reveal")
    assert written.returncode == 0, written.stderr
    assert json.loads(written.stdout) == expected
    unasked = run_cli(tmp_path, "models-json")  # without --reveal the key is redacted
    assert CANARY not in unasked.stdout + unasked.stderr
    assert json.loads(unasked.stdout)["providers"]["xiaomi"]["apiKey"] == f"{CANARY[:4]}…{CANARY[-2:]}"


def test_onboarding_the_conformance_home_gives_its_models_json_with_the_catalog_url(tmp_path: Path) -> None:
    shutil.copytree(CASE / "home", tmp_path, dirs_exist_ok=True)
    done = onboard_cli(tmp_path, "--xiaomi-api-key", "sk-profile-0002")  # the key the case's profile holds
    assert done.returncode == 0, done.stderr
    assert "auth-profiles.json: unchanged" in done.stdout
    expected = json.loads((CASE / "expected.json").read_text())["models_json"]
    expected["providers"]["xiaomi"]["baseUrl"] = CATALOG_XIAOMI["baseUrl"]  # SPEC 11: onboarding writes it
    written = run_cli(tmp_path, "models-json", "--reveal")
    assert json.loads(written.stdout) == expected
    status = json.loads(run_cli(tmp_path, "show", "--json").stdout)
    assert status["resolvedDefault"] == "xiaomi/mimo-v2-flash"


def test_non_interactive_reads_the_environment_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    first = onboard_cli(tmp_path, "--non-interactive", env={"XIAOMI_API_KEY": CANARY})
    assert first.returncode == 0, first.stderr
    before = files_of(tmp_path)
    second = onboard_cli(tmp_path, "--non-interactive", env={"XIAOMI_API_KEY": CANARY})
    assert second.returncode == 0
    assert second.stdout.startswith("Nothing to change")
    assert files_of(tmp_path) == before
    assert CANARY not in first.stdout + first.stderr + second.stdout + second.stderr


def refused_cli(home: Path, code: int, *args: str, mentions: tuple[str, ...]) -> str:
    before = files_of(home)
    done = onboard_cli(home, *args)
    assert done.returncode == code, done.stderr
    for text in mentions:
        assert text in done.stderr
    assert "Traceback" not in done.stderr and CANARY not in done.stdout + done.stderr
    assert files_of(home) == before
    return done.stderr


def test_refusals_exit_2_for_usage_and_change_nothing(tmp_path: Path) -> None:
    refused_cli(tmp_path, 2, "--xiaomi-api-key", "   ", mentions=("the API key is blank", "nothing was written"))
    refused_cli(tmp_path, 2, "--non-interactive", mentions=("--xiaomi-api-key KEY", "set XIAOMI_API_KEY"))
    done = run_cli(tmp_path, "onboard", "--auth-choice", "openai-api-key", "--xiaomi-api-key", CANARY)
    assert done.returncode == 2
    assert "unknown --auth-choice 'openai-api-key'; supported: xiaomi-api-key" in done.stderr
    assert files_of(tmp_path) == {}


def test_refusals_exit_1_for_a_config_that_cannot_be_changed(tmp_path: Path) -> None:
    state = tmp_path / ".openclaw"
    state.mkdir()
    (state / "openclaw.json").write_text("{ models: { mode: 'sometimes' } }\n")
    refused_cli(
        tmp_path,
        1,
        "--xiaomi-api-key",
        CANARY,
        mentions=("openclaw.json:1:", "models.mode", "nothing was written: fix what is listed above"),
    )
    (state / "openclaw.json").write_text('{ agents: { $include: "./agents.json5" } }\n')
    (state / "agents.json5").write_text('{ defaults: { model: { primary: "a/b" } } }\n')
    stderr = refused_cli(tmp_path, 1, "--xiaomi-api-key", CANARY, mentions=("agents.json5", "$include"))
    assert "agents: this section comes (at least in part) from an $include" in stderr


def test_the_key_is_asked_for_without_echo_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XIAOMI_API_KEY", "OPENCLAW_HOME", "OPENCLAW_STATE_DIR", "OPENCLAW_CONFIG_PATH", "OPENCLAW_AGENT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    prompts: list[str] = []

    def fake_getpass(prompt: str) -> str:
        prompts.append(prompt)
        return f"  {CANARY}\n"  # pasted with blanks around it

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["onboard", "--auth-choice", "xiaomi-api-key"]) == 0
    assert prompts == ["Xiaomi MiMo API key (input hidden): "]
    store = json.loads((tmp_path / ".openclaw/agents/main/agent/auth-profiles.json").read_text())
    assert store["profiles"]["xiaomi:default"]["key"] == CANARY
