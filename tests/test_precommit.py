"""The published pre-commit hook, run by the real `pre-commit` tool on a temporary repository.

pre-commit installs a hook from a committed revision, so the checkout as it is now (committed or
not) is copied into a temporary git repository and committed there; the hook's environment is
built from that copy (pip installs its dependencies, from its cache or PyPI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOT_PACKAGED = (".git", ".venv", "__pycache__", "*.egg-info", ".*_cache", "build", "dist", "tests", "fixtures", "bench")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git_env(home: Path) -> dict[str, str]:
    """An environment where no user or system git configuration can interfere."""
    config = home / "gitconfig"
    config.write_text("[user]\n\tname = Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n")
    return {**os.environ, "GIT_CONFIG_GLOBAL": str(config), "GIT_CONFIG_NOSYSTEM": "1"}


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def commit_checkout(target: Path, env: dict[str, str]) -> str:
    """Copy this checkout into a new git repository at `target`, commit it; the commit's id."""
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(*NOT_PACKAGED))
    git("init", "-q", cwd=target, env=env)
    git("add", "-A", cwd=target, env=env)
    git("commit", "-q", "-m", "snapshot", cwd=target, env=env)
    return git("rev-parse", "HEAD", cwd=target, env=env).strip()


def run_hooks(project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    git("add", "-A", cwd=project, env=env)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_hook_fails_on_a_broken_config_and_passes_on_a_valid_one(tmp_path: Path) -> None:
    env = {**git_env(tmp_path), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    revision = commit_checkout(tmp_path / "hook-repo", env)
    project = tmp_path / "project"
    (project / "config").mkdir(parents=True)
    git("init", "-q", cwd=project, env=env)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {tmp_path / 'hook-repo'}\n    rev: {revision}\n"
        "    hooks:\n      - id: openclaw-config-validate\n"
    )
    config = project / "config" / "openclaw.json"
    # A fragment included by the config: checked through it, not as a config of its own.
    (project / "config" / "models.json5").write_text("{\n  mode: 'merge',\n  providers: {},\n}\n")
    template = '{\n  models: { $include: "./models.json5" },\n  agents: { defaults: { model: { KEY: "x/y" } } },\n}\n'
    config.write_text(template.replace("KEY", "primry"))
    (project / "package.json").write_text("{ not json at all")  # another tool's file: left alone
    (project / "renovate.json5").write_text('{ extends: ["config:recommended"] }\n')  # JSON5, not OpenClaw's

    broken = run_hooks(project, env)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "config/openclaw.json:3:34: error: agents.defaults.model.primry: unknown key 'primry'" in broken.stdout
    assert "models.json5" not in broken.stdout
    assert "renovate.json5" not in broken.stdout and "package.json" not in broken.stdout
    assert "Traceback" not in broken.stdout + broken.stderr

    config.write_text(template.replace("KEY", "primary"))
    fixed = run_hooks(project, env)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "openclaw-config validate" in fixed.stdout and "Passed" in fixed.stdout
