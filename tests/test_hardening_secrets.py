"""Issue 12, secrets and trust: passwords and keys in URLs redacted, one protected-variable set for
every lower-trust source, control characters escaped in text output."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable

import pytest
from world import CliResult, World

Cli = Callable[..., CliResult]
GEMINI_KEY = "AIzaSy-canary-0123456789abcdef"


def provider(base_url: str, name: str = "M1") -> dict[str, object]:
    return {"baseUrl": base_url, "api": "openai-completions", "models": [{"id": "m1", "name": name}]}


def test_a_password_in_base_url_is_redacted_in_show_and_show_json(world: World, cli: Cli) -> None:
    world.config({"models": {"providers": {"p": provider("https://alice:hunter2-secret-pw@proxy.example/v1")}}})
    text, data = cli("show"), cli("show", "--json")
    assert text.code == 0 and data.code == 0
    for output in (text.stdout, data.stdout):
        assert "hunter2-secret-pw" not in output
        assert "alice:***@proxy.example" in output
    revealed = cli("show", "--json", "--reveal")
    assert "hunter2-secret-pw" in revealed.stdout


def test_a_credential_variable_substituted_into_a_url_is_redacted(world: World, cli: Cli) -> None:
    world.env["GEMINI_API_KEY"] = GEMINI_KEY
    world.config({"models": {"providers": {"p": provider("https://g.example/v1?key=${GEMINI_API_KEY}")}}})
    for args in (["show"], ["show", "--json"]):
        result = cli(*args)
        assert result.code == 0
        assert GEMINI_KEY not in result.stdout


@pytest.mark.parametrize("name", ["HTTPS_PROXY", "NODE_EXTRA_CA_CERTS", "SSH_AUTH_SOCK", "GIT_SSH_COMMAND",
                                  "LD_PRELOAD", "NODE_OPTIONS", "GIT_ASKPASS"])  # fmt: skip
def test_protected_variables_are_refused_from_every_lower_trust_source(world: World, name: str) -> None:
    world.write(world.cwd / ".env", f"{name}=/tmp/evil\n")
    registry = world.resolve()
    assert registry._context is not None and registry._context.env.get(name) is None
    assert any(name in w.message and "protected" in w.message for w in registry.warnings)
    world.write(world.cwd / ".env", "")
    world.config({"env": {"vars": {name: "/tmp/evil"}}})
    registry = world.resolve()
    assert registry._context is not None and registry._context.env.get(name) is None
    assert any(name in w.message and "protected" in w.message for w in registry.warnings)


def test_control_characters_of_config_values_are_escaped_in_text_output(world: World, cli: Cli) -> None:
    world.config({"models": {"providers": {"p": provider("http://h/v1\x1b[2J", name="M1\nforged: line")}}})
    result = cli("show")
    assert result.code == 0
    assert "\x1b" not in result.stdout and "\nforged: line" not in result.stdout
    assert "\\x1b" in result.stdout and "\\x0a" in result.stdout
    assert json.loads(cli("show", "--json").stdout)["providers"]["p"]["baseUrl"].endswith("\x1b[2J")


def test_onboard_reads_the_key_from_stdin(world: World, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("sk-from-stdin-0123456789\n"))
    result = cli("onboard", "--auth-choice", "xiaomi-api-key", "--api-key-stdin")
    assert result.code == 0, result.stderr
    store = json.loads((world.agent_dir / "auth-profiles.json").read_text())
    assert store["profiles"]["xiaomi:default"]["key"] == "sk-from-stdin-0123456789"
    assert "sk-from-stdin-0123456789" not in result.stdout


def test_a_non_utf8_byte_in_a_dotenv_comment_skips_only_that_line(world: World) -> None:
    world.write(world.cwd / ".env", b"# caf\xe9\nHOST_NAME=kept\n")
    registry = world.resolve()
    assert registry._context is not None and registry._context.env.get("HOST_NAME") == "kept"
    [warning] = [w for w in registry.warnings if "UTF-8" in w.message]
    assert (warning.line, warning.column) == (1, 6)


def test_validate_file_honours_openclaw_include_roots(world: World, cli: Cli) -> None:
    shared = world.write(world.root / "shared" / "providers.json5", {"p": provider("http://h/v1")})
    config = world.write(world.cwd / "team.json5", {"models": {"providers": {"$include": str(shared)}}})
    refused = cli("validate", str(config))
    assert refused.code == 1 and "OPENCLAW_INCLUDE_ROOTS" in refused.stdout + refused.stderr
    world.env["OPENCLAW_INCLUDE_ROOTS"] = str(shared.parent)
    allowed = cli("validate", str(config))
    assert allowed.code == 0, allowed.stdout + allowed.stderr


def test_the_resolver_explains_from_the_new_text_after_a_reformat(world: World) -> None:
    from openclaw_config import Resolver

    world.config({"models": {"providers": {"p": provider("http://h/v1")}}})
    resolver = Resolver(env=world.env, cwd=world.cwd, home=world.home)
    first = resolver.resolve()
    world.config(json.dumps({"models": {"providers": {"p": provider("http://h/v1")}}}, indent=8) + "\n" * 5)
    os.utime(world.config_file, (time.time() + 5, time.time() + 5))
    second = resolver.resolve()
    assert second == first and second is not first
    assert second._context is not None and second._context.composed.root is not None
    assert second._context.composed.root.text == world.config_file.read_text()


def test_a_credential_found_only_in_the_workspace_env_is_said_to_be_ignored_there(world: World) -> None:
    world.write(world.cwd / ".env", "XIAOMI_API_KEY=sk-workspace-0123456789\n")
    world.config({"models": {"providers": {"p": {**provider("http://h/v1"), "apiKey": "x-${XIAOMI_API_KEY}"}}}})
    problem = world.error().problems[0]
    assert "found in the workspace .env" in problem.message and "line 1" in problem.message
    assert "not set" not in problem.message and "sk-workspace" not in str(problem)
