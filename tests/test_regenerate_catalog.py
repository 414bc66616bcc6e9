"""scripts/regenerate_builtin_catalog.py: the generated module of a pi-ai release -> the data file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from script_module import load_script


def _script() -> ModuleType:
    return load_script("regenerate_builtin_catalog")


def _model(provider: str, model_id: str, **extra: Any) -> dict[str, Any]:
    return {"id": model_id, "name": model_id.upper(), "api": "openai-completions", "provider": provider,
            "baseUrl": "https://x", "reasoning": False, "input": ["text"],
            "cost": {"input": 1, "output": 2, "cacheRead": 0, "cacheWrite": 0},
            "contextWindow": 1000, "maxTokens": 100, **extra}  # fmt: skip


def _fake_package(root: Path, version: str, models: dict[str, dict[str, Any]]) -> Path:
    (root / "dist").mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": "@mariozechner/pi-ai", "version": version}))
    (root / "dist" / "models.generated.js").write_text(f"export const MODELS = {json.dumps(models)};\n")
    return root


def test_the_document_keeps_the_modules_order_and_refuses_odd_models() -> None:
    script = _script()
    generated = {"zeta": {"b": _model("zeta", "b"), "a": _model("zeta", "a", compat={"x": True})},
                 "alpha": {"c": _model("alpha", "c")}}  # fmt: skip
    document = script.catalog_document("9.9.9", generated)
    assert document["piAi"] == "9.9.9"
    assert list(document["providers"]) == ["zeta", "alpha"]
    assert [m["id"] for m in document["providers"]["zeta"]] == ["b", "a"]
    broken = {"zeta": {"b": {k: v for k, v in _model("zeta", "b").items() if k != "api"}}}
    with pytest.raises(SystemExit, match="zeta/b"):
        script.catalog_document("9.9.9", broken)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node on PATH")
def test_a_release_becomes_a_compact_data_file_and_a_pin(tmp_path: Path) -> None:
    script = _script()
    models = {"p": {"m1": _model("p", "m1", headers={"X": "y"}), "m0": _model("p", "m0")}}
    package = _fake_package(tmp_path / "package", "1.2.3", models)
    out = tmp_path / "data"
    assert script.main(["1.2.3", "--package-dir", str(package), "--out", str(out), "--openclaw", "2099.1.1"]) == 0
    text = (out / "pi-ai-1.2.3.json").read_text(encoding="utf-8")
    assert "\n" not in text.rstrip("\n") and ": " not in text  # compact
    assert json.loads(text)["providers"] == {"p": [models["p"]["m1"], models["p"]["m0"]]}
    assert json.loads((out / "openclaw-2099.1.1.json").read_text()) == {"openclaw": "2099.1.1", "piAi": "1.2.3"}
    with pytest.raises(SystemExit, match=r"1\.2\.3, not 4\.5\.6"):
        script.main(["4.5.6", "--package-dir", str(package), "--out", str(out)])
