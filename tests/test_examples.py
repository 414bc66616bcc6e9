"""The bundled examples, run exactly as README.md runs them (`OPENCLAW_STATE_DIR=... show`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"


def show(example: str, *args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "OPENCLAW_STATE_DIR": str(EXAMPLES / example)}
    return subprocess.run(
        [sys.executable, "-m", "openclaw_config", "show", *args],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_show_on_the_seed_example_reports_the_xiaomi_provider(tmp_path: Path) -> None:
    text = show("seed", tmp_path=tmp_path)
    assert text.returncode == 0, text.stderr
    expected = [
        "anthropic-messages", "https://api.xiaomimimo.com/anthropic", "xiaomi/mimo-v2-flash",
        "context 262144", "max 8192", "Default model  xiaomi/mimo-v2-flash",
    ]  # fmt: skip
    assert [e for e in expected if e not in text.stdout] == []
    data = json.loads(show("seed", "--json", tmp_path=tmp_path).stdout)
    [model] = data["providers"]["xiaomi"]["models"]
    assert (model["ref"], model["contextWindow"], model["maxTokens"]) == ("xiaomi/mimo-v2-flash", 262144, 8192)
    assert data["resolvedDefault"] == "xiaomi/mimo-v2-flash"


def test_the_team_example_resolves_its_includes_aliases_and_state_dotenv(tmp_path: Path) -> None:
    result = show("team", "--json", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["defaultModel"], data["resolvedDefault"]) == ("Xiaomi", "xiaomi/mimo-v2-flash")
    assert data["fallbacks"] == ["local/qwen3-coder"]
    assert data["providers"]["local"]["baseUrl"] == "http://localhost:4000/v1"
    credential = data["providers"]["xiaomi"]["credential"]
    assert (credential["envVar"], credential["envSource"]) == ("XIAOMI_API_KEY", "state .env")
    assert "sk-example-not-a-real-key-42" not in result.stdout
