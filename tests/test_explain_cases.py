"""`show --explain --json` on the conformance cases, run as a user runs it (a subprocess per case).

Expected positions are found in the fixture files by plain text search (`where`), independently of
the JSON5 scanner the engine uses, so a wrong line or column is caught.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conformance_harness import Case, PreparedCase, all_cases, prepare, run_commands

from openclaw_config.explain.locate import IMPLICIT_FILE

RESOLVING = [case for case in all_cases() if not case.is_error]
ORIGIN_KINDS = {"config", "env", "profile", "catalog", "models.json", "default"}


def explain(name: str, tmp_path: Path, *args: str) -> tuple[PreparedCase, dict[str, dict[str, Any]]]:
    """The records of `show --explain [ARGS] --json` on case `name`, by path."""
    prepared = prepare(next(c for c in RESOLVING if c.name == name), tmp_path)
    (result,) = run_commands(prepared, ["show", "--explain", *args, "--all", "--json"])
    assert result.returncode == 0, result.stderr
    return prepared, {r["path"]: r for r in json.loads(result.stdout)["records"]}


def where(file: Path, snippet: str, after: str = "") -> tuple[str, int, int]:
    """File, line and column where `snippet` starts (after the first `after`), by plain search."""
    text = file.read_text(encoding="utf-8")
    offset = text.index(snippet, text.index(after) if after else 0)
    line = text.count("\n", 0, offset) + 1
    return str(file), line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def at(origin: dict[str, Any]) -> tuple[str, int, int]:
    return origin["file"], origin["line"], origin["column"]


def text_at(file: str, line: int, column: int) -> str:
    return Path(file).read_text(encoding="utf-8-sig").split("\n")[line - 1][column - 1 :]


def assert_points_at_its_key(origin: dict[str, Any]) -> None:
    """A located origin points at the key it names (or the variable's line of a .env file)."""
    assert origin["kind"] in ORIGIN_KINDS
    for site in origin.get("includedFrom", []):
        assert text_at(site["file"], site["line"], site["column"]).lstrip("\"'").startswith("$include")
    if origin["kind"] == "default":
        assert origin["rule"]
        return
    if origin["kind"] == "env" and origin["envSource"] in ("workspace .env", "state .env"):
        assigned = text_at(origin["file"], origin["line"], 1).removeprefix("export ").lstrip()
        assert assigned.startswith((f"{origin['envVar']}=", f"{origin['envVar']}:")), origin  # both dotenv forms
        return
    if origin["kind"] == "env" and origin["envSource"] == "process":
        assert "file" not in origin
        return
    key = origin["profile"] if origin["kind"] == "profile" else origin["inFilePath"].rsplit(".", 1)[-1]
    if not key.isdigit():  # an array item starts with its value, not a key
        assert text_at(origin["file"], origin["line"], origin["column"]).lstrip("\"'").startswith(key), origin


def expected_paths(provider_id: str, provider: dict[str, Any]) -> list[str]:
    """Every effective field `show --json` reports for a provider, as explain paths."""
    base = f"models.providers.{provider_id}"
    paths = [base, *(f"{base}.{f}" for f in ("baseUrl", "api") if provider[f] is not None)]
    if provider["credential"] is not None:
        paths.append(f"{base}.credential")
    for i, model in enumerate(provider["models"]):
        path = f"{base}.models.{i}"
        fields = [
            "id",
            "name",
            "reasoning",
            "input",
            "contextWindow",
            "maxTokens",
            *(f"cost.{k}" for k in model["cost"]),
        ]
        paths += [path, *(f"{path}.{f}" for f in fields), *([f"{path}.api"] if model["api"] else [])]
    return paths


@pytest.mark.parametrize("case", RESOLVING, ids=[case.name for case in RESOLVING])
def test_every_effective_provider_and_model_field_has_an_origin(case: Case, tmp_path: Path) -> None:
    prepared = prepare(case, tmp_path)
    show, explained = run_commands(prepared, ["show", "--json"], ["show", "--explain", "--all", "--json"])
    assert show.returncode == 0 and explained.returncode == 0, explained.stderr
    registry = json.loads(show.stdout)
    records = {r["path"]: r for r in json.loads(explained.stdout)["records"]}
    for pid, provider in registry["providers"].items():
        for path in expected_paths(pid, provider):
            assert records[path]["origins"], path
        for i, model in enumerate(provider["models"]):
            for field in ("id", "name", "contextWindow", "maxTokens", "input", "reasoning"):
                assert records[f"models.providers.{pid}.models.{i}.{field}"]["value"] == model[field]
    assert records["agents.defaults.model.primary"]["value"] == registry["defaultModel"]
    for record in records.values():
        for origin in [*record["origins"], *(lost["origin"] for lost in record["overridden"])]:
            assert_points_at_its_key(origin)


def test_a_single_include(tmp_path: Path) -> None:
    case, records = explain("include_single_file", tmp_path)
    state = case.home / ".openclaw"
    (origin,) = records["models.providers.inc.baseUrl"]["origins"]
    assert at(origin) == where(state / "models.json5", "baseUrl")
    assert [(s["file"], s["line"], s["column"]) for s in origin["includedFrom"]] == [
        where(state / "openclaw.json", "$include")
    ]
    assert at(records["models.providers.inc.models.0.name"]["origins"][0]) == where(state / "models.json5", "name")


def test_nested_includes_give_the_whole_chain(tmp_path: Path) -> None:
    case, records = explain("include_nested_relative", tmp_path)
    conf = case.home / ".openclaw" / "conf"
    (origin,) = records["models.providers.nested.apiKey"]["origins"]
    assert at(origin) == where(conf / "providers.json5", "apiKey")
    chain = [(s["file"], s["line"], s["column"]) for s in origin["includedFrom"]]
    assert chain == [where(conf.parent / "openclaw.json", "$include"), where(conf / "models.json5", "$include")]


def test_an_array_of_includes_later_scalars_win_and_arrays_concatenate(tmp_path: Path) -> None:
    case, records = explain("include_array_deep_merge", tmp_path)
    state = case.home / ".openclaw"
    base_url = records["models.providers.p.baseUrl"]
    assert [at(o) for o in base_url["origins"]] == [where(state / "b.json5", "baseUrl")]
    (lost,) = base_url["overridden"]
    assert (lost["value"], at(lost["origin"])) == ("http://a", where(state / "a.json5", "baseUrl"))
    assert "later $include" in lost["reason"]
    assert at(records["models.providers.p.models.0.id"]["origins"][0]) == where(state / "a.json5", "id:")
    assert at(records["models.providers.p.models.1.id"]["origins"][0]) == where(state / "b.json5", "id:")
    assert at(records["models.providers.p.api"]["origins"][0]) == where(state / "a.json5", "api:")


def test_a_sibling_key_beside_include_overrides_the_included_value(tmp_path: Path) -> None:
    case, records = explain("include_sibling_override", tmp_path)
    state = case.home / ".openclaw"
    base_url = records["models.providers.inc.baseUrl"]
    assert base_url["value"] == "http://override"
    assert [at(o) for o in base_url["origins"]] == [where(state / "openclaw.json", "baseUrl")]
    (lost,) = base_url["overridden"]
    assert lost["value"] == "http://localhost:4000/v1"
    assert at(lost["origin"]) == where(state / "m.json5", "baseUrl")
    assert "beside $include" in lost["reason"]


def test_a_variable_from_the_process(tmp_path: Path) -> None:
    _, records = explain("env_only_injects_xiaomi", tmp_path)
    (origin,) = records["models.providers.xiaomi.credential"]["origins"]
    assert (origin["kind"], origin["envVar"], origin["envSource"]) == ("env", "XIAOMI_API_KEY", "process")


def test_a_variable_from_the_workspace_env_file_beats_the_state_env_file(tmp_path: Path) -> None:
    case, records = explain("subst_dotenv_precedence", tmp_path)
    base_url = records["models.providers.foo.baseUrl"]
    config, variable = base_url["origins"]
    assert at(config) == where(case.home / ".openclaw" / "openclaw.json", "baseUrl")
    assert (variable["envVar"], variable["envSource"], variable["file"], variable["line"]) == (
        "MY_PROXY_URL", "workspace .env", str(case.cwd / ".env"), 1,
    )  # fmt: skip
    (lost,) = base_url["overridden"]
    assert (lost["value"], lost["origin"]["envSource"]) == ("http://from-global/v1", "state .env")
    assert lost["origin"]["file"] == str(case.home / ".openclaw" / ".env")


def test_a_variable_from_the_state_env_file(tmp_path: Path) -> None:
    case, records = explain("global_dotenv_injects", tmp_path)
    (origin,) = records["models.providers.xiaomi.credential"]["origins"]
    assert (origin["envSource"], origin["file"], origin["line"]) == ("state .env", str(case.home / ".openclaw/.env"), 1)


def test_a_variable_from_the_config_env_block(tmp_path: Path) -> None:
    case, records = explain("seed_config_verbatim", tmp_path)
    (origin,) = records["models.providers.xiaomi.credential"]["origins"]
    assert origin["envSource"] == "config env"
    assert at(origin) == where(case.home / ".openclaw" / "openclaw.json", "XIAOMI_API_KEY")
    _, vars_records = explain("config_env_vars_injects", tmp_path / "vars")
    (origin,) = vars_records["models.providers.xiaomi.credential"]["origins"]
    assert origin["inFilePath"] == "env.vars.XIAOMI_API_KEY"


def test_the_process_value_wins_over_the_config_env_block(tmp_path: Path) -> None:
    case, records = explain("subst_process_beats_config_env", tmp_path)
    (lost,) = records["models.providers.foo.baseUrl"]["overridden"]
    assert lost["value"] == "http://from-config/v1"
    assert at(lost["origin"]) == where(case.home / ".openclaw" / "openclaw.json", "FOO_URL")
    assert "process environment also sets FOO_URL" in lost["reason"]


def test_a_credential_in_the_workspace_env_file_is_shown_ignored(tmp_path: Path) -> None:
    case, records = explain("workspace_dotenv_credential_ignored", tmp_path)
    absent = records["models.providers.xiaomi"]
    assert absent["value"] is None
    (lost,) = absent["overridden"]
    assert (lost["origin"]["envSource"], lost["origin"]["file"]) == ("workspace .env", str(case.cwd / ".env"))
    assert lost["reason"].startswith("ignored") and lost["value"] != "sk-workspace"


def test_an_auth_profile(tmp_path: Path) -> None:
    case, records = explain("profile_api_key_injects", tmp_path)
    store = case.home / ".openclaw" / "agents" / "main" / "agent" / "auth-profiles.json"
    (origin,) = records["models.providers.xiaomi.credential"]["origins"]
    assert (origin["kind"], origin["profile"]) == ("profile", "xiaomi:default")
    assert at(origin) == where(store, '"xiaomi:default"')


def test_at_run_time_the_profile_beats_the_variable(tmp_path: Path) -> None:
    # models.json holds the variable's name (SPEC 8), but an OpenClaw agent tries the provider's auth
    # profiles first and then never looks at the variable (its `models status` says "profiles").
    _, records = explain("env_beats_profile", tmp_path)
    assert records["models.providers.xiaomi.apiKey"]["value"] == "XIAOMI_API_KEY"
    credential = records["models.providers.xiaomi.credential"]
    assert credential["origins"][0]["profile"] == "xiaomi:default"
    (lost,) = credential["overridden"]
    assert lost["origin"]["envVar"] == "XIAOMI_API_KEY" and "auth profiles" in lost["reason"]


def test_an_oauth_profile_injects_nothing_and_says_why(tmp_path: Path) -> None:
    _, records = explain("profile_oauth_does_not_inject", tmp_path)
    (lost,) = records["models.providers.xiaomi"]["overridden"]
    assert "OAuth" in lost["reason"]


def test_implicit_injection_points_into_the_catalog(tmp_path: Path) -> None:
    _, records = explain("env_only_injects_xiaomi", tmp_path)
    (injected,) = records["models.providers.xiaomi"]["origins"]
    assert injected["kind"] == "catalog" and "injected because XIAOMI_API_KEY is set" in injected["rule"]
    (origin,) = records["models.providers.xiaomi.baseUrl"]["origins"]
    assert at(origin) == where(_catalog_of(origin), '"baseUrl"', after='"xiaomi"')
    (origin,) = records["models.providers.xiaomi.models.0.contextWindow"]["origins"]
    assert at(origin) == where(_catalog_of(origin), '"contextWindow"', after='"xiaomi"')


def _catalog_of(origin: dict[str, Any]) -> Path:
    """The catalog file the CLI read: this checkout's, or the installed package's copy of it."""
    used = Path(origin["file"])
    assert used.parts[-3:] == IMPLICIT_FILE.parts[-3:]  # the implicit blocks are in the data file
    assert used.read_bytes() == IMPLICIT_FILE.read_bytes()
    return used


def test_an_explicit_field_and_model_override_the_implicit_ones(tmp_path: Path) -> None:
    case, records = explain("explicit_same_model_id_wins", tmp_path)
    (lost,) = records["models.providers.xiaomi.baseUrl"]["overridden"]
    assert lost["origin"]["kind"] == "catalog" and "explicit field" in lost["reason"]
    model = records["models.providers.xiaomi.models.0"]
    assert at(model["origins"][0]) == where(case.home / ".openclaw" / "openclaw.json", "{ id:")
    (replaced,) = model["overridden"]
    assert replaced["origin"]["kind"] == "catalog" and "same id" in replaced["reason"]


def test_models_json_kept_and_replaced(tmp_path: Path) -> None:
    case, kept = explain("mode_merge_keeps_existing", tmp_path / "kept")
    models_json = case.home / ".openclaw" / "agents" / "main" / "agent" / "models.json"
    assert at(kept["models.providers.bar.baseUrl"]["origins"][0]) == where(models_json, '"baseUrl"')
    _, replaced = explain("existing_same_provider_overwritten", tmp_path / "replaced")
    (lost,) = replaced["models.providers.xiaomi"]["overridden"]
    assert lost["value"] == {"baseUrl": "http://custom", "api": "openai-completions", "models": ["z"]}
    assert "replaced whole" in lost["reason"]
    _, dropped = explain("mode_replace_drops_existing", tmp_path / "dropped")
    assert [lost["reason"] for lost in dropped["models.mode"]["overridden"]] == ["dropped: models.mode is replace"]


def test_defaults_name_their_rule(tmp_path: Path) -> None:
    _, records = explain("max_tokens_capped_by_context", tmp_path)
    (origin,) = records["models.providers.foo.models.0.maxTokens"]["origins"]
    assert origin["kind"] == "default" and "min(8192, contextWindow)" in origin["rule"]
    assert records["models.providers.foo.models.0.maxTokens"]["value"] == 1000
    (origin,) = records["models.providers.foo.models.0.cost.input"]["origins"]
    assert origin["kind"] == "default"
    (origin,) = records["agents.defaults.model.primary"]["origins"]
    assert origin["kind"] == "default" and "primary is unset" in origin["rule"]


def test_fallbacks_and_aliases(tmp_path: Path) -> None:
    case, records = explain("fallbacks_and_aliases", tmp_path)
    config = case.home / ".openclaw" / "openclaw.json"
    assert at(records["agents.defaults.model.fallbacks.0"]["origins"][0]) == where(config, '"foo/m1"')
    alias = records["agents.defaults.models.xiaomi/mimo-v2-flash.alias"]
    assert alias["value"] == "Xiaomi" and at(alias["origins"][0]) == where(config, "alias")


def test_narrowing_to_a_provider_a_model_a_path_or_an_alias(tmp_path: Path) -> None:
    prepared = prepare(next(c for c in RESOLVING if c.name == "fallbacks_and_aliases"), tmp_path)
    selections = ["foo", "xiaomi/mimo-v2-flash", "models.providers.foo.baseUrl", "Xiaomi"]
    results = run_commands(prepared, *(["show", "--explain", s, "--json"] for s in selections))
    paths = [[r["path"] for r in json.loads(result.stdout)["records"]] for result in results]
    assert all(p.startswith("models.providers.foo") for p in paths[0]) and "models.providers.foo.credential" in paths[0]
    assert "models.providers.xiaomi.baseUrl" not in paths[1]
    assert "models.providers.xiaomi.models.0.name" in paths[1] and "agents.defaults.model.primary" in paths[1]
    assert paths[2] == ["models.providers.foo.baseUrl"]
    assert paths[3] == paths[1]


def test_a_path_that_matches_nothing_is_a_clear_error(tmp_path: Path) -> None:
    prepared = prepare(next(c for c in RESOLVING if c.name == "seed_config_verbatim"), tmp_path)
    (result,) = run_commands(prepared, ["show", "--explain", "models.providers.nope"])
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "nothing in the registry matches 'models.providers.nope'" in result.stderr
