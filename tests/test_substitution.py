"""`${VAR}` substitution (SPEC section 5)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from world import World

from openclaw_config.composition.substitution import substitute


def lookup_in(values: dict[str, str]) -> Callable[[str], str | None]:
    return lambda name: values.get(name) or None


def provider(base_url: str, **extra: Any) -> dict[str, Any]:
    return {"baseUrl": base_url, "models": [{"id": "m1", "name": "M1"}], **extra}


def test_every_string_is_substituted_including_arrays() -> None:
    config = {"a": "x-${ONE}-y", "list": ["${TWO}", {"deep": "${ONE}${TWO}"}], "n": 3, "b": True}
    result = substitute(config, lookup_in({"ONE": "1", "TWO": "2"}))
    assert result.value == {"a": "x-1-y", "list": ["2", {"deep": "12"}], "n": 3, "b": True}
    assert result.missing == []
    assert result.used[("list", 1, "deep")] == ("ONE", "TWO")


def test_all_missing_variables_are_reported_with_their_paths() -> None:
    config = {"a": "${GONE_A}", "list": ["ok", "${GONE_B} and ${GONE_C}"]}
    result = substitute(config, lookup_in({}))
    assert result.missing == [("GONE_A", ("a",)), ("GONE_B", ("list", 1)), ("GONE_C", ("list", 1))]


@pytest.mark.parametrize("text", ["${lower}", "${Mixed}", "${1ABC}", "${}", "$NAME", "${NAME", "{NAME}"])
def test_only_upper_case_references_are_variables(text: str) -> None:
    result = substitute({"a": text}, lookup_in({"lower": "x", "Mixed": "x", "NAME": "x"}))
    assert result.value == {"a": text}
    assert result.missing == []


def test_double_dollar_is_the_escape_for_a_literal_reference() -> None:
    result = substitute({"a": "$${NOT_SET} and ${SET}"}, lookup_in({"SET": "v"}))
    assert result.value == {"a": "${NOT_SET} and v"}
    assert result.missing == []


def test_a_whole_api_key_reference_keeps_the_variable_name() -> None:
    config = {"models": {"providers": {"foo": {"apiKey": "${FOO_KEY}", "baseUrl": "${FOO_KEY}"}}}}
    result = substitute(config, lookup_in({"FOO_KEY": "sk-secret"}))
    assert result.value["models"]["providers"]["foo"] == {"apiKey": "FOO_KEY", "baseUrl": "sk-secret"}


def test_a_partial_api_key_reference_is_substituted() -> None:
    config = {"models": {"providers": {"foo": {"apiKey": "Bearer ${FOO_KEY}"}}}}
    result = substitute(config, lookup_in({"FOO_KEY": "sk-secret"}))
    assert result.value["models"]["providers"]["foo"]["apiKey"] == "Bearer sk-secret"


def test_substituted_values_are_not_substituted_again() -> None:
    result = substitute({"a": "${OUTER}"}, lookup_in({"OUTER": "${INNER}", "INNER": "x"}))
    assert result.value == {"a": "${INNER}"}


# --- through resolve() -------------------------------------------------------------------------


def test_missing_variables_are_all_reported_at_once_with_their_config_paths(world: World) -> None:
    world.config(
        {
            "models": {"providers": {"foo": provider("${FOO_URL}", apiKey="${FOO_KEY}")}},
            "agents": {"defaults": {"model": {"fallbacks": ["ok/model", "${FALLBACK_REF}"]}}},
        }
    )
    problems = world.error().problems
    found = {(p.message.split()[2], p.config_path) for p in problems}
    assert found == {
        ("FOO_URL", "models.providers.foo.baseUrl"),
        ("FOO_KEY", "models.providers.foo.apiKey"),
        ("FALLBACK_REF", "agents.defaults.model.fallbacks.1"),
    }
    assert all(p.file == str(world.config_file) and p.line is not None for p in problems)


def test_an_empty_variable_counts_as_missing(world: World) -> None:
    world.env["FOO_URL"] = ""
    world.config({"models": {"providers": {"foo": provider("${FOO_URL}")}}})
    assert "FOO_URL" in str(world.error())


def test_a_whitespace_variable_is_substituted_as_it_is(world: World) -> None:
    world.env |= {"PAD": "  ", "HOST": "gw"}
    world.config({"models": {"providers": {"foo": provider("http://${HOST}${PAD}/v1")}}})
    assert world.resolve().providers["foo"].base_url == "http://gw  /v1"


def test_a_missing_variable_in_an_included_file_names_that_file_and_line(world: World) -> None:
    world.write(
        world.state_dir / "providers.json5", '{\n  foo: {\n    baseUrl: "${FOO_URL}",\n    models: [],\n  },\n}\n'
    )
    world.config({"models": {"providers": {"$include": "./providers.json5"}}})
    [problem] = world.error().problems
    assert problem.file == str(world.state_dir / "providers.json5")
    assert problem.line == 3
    assert problem.config_path == "models.providers.foo.baseUrl"
    assert "FOO_URL" in problem.message


def test_variables_in_included_files_are_substituted(world: World) -> None:
    world.env["FOO_HOST"] = "gw.internal"
    world.write(world.state_dir / "providers.json5", {"foo": provider("http://${FOO_HOST}/v1")})
    world.config({"models": {"providers": {"$include": "./providers.json5"}}})
    assert world.resolve().providers["foo"].base_url == "http://gw.internal/v1"


def test_config_env_values_are_visible_to_substitution(world: World) -> None:
    world.config(
        {"env": {"vars": {"FOO_HOST": "from-config"}}, "models": {"providers": {"foo": provider("http://${FOO_HOST}")}}}
    )
    assert world.resolve().providers["foo"].base_url == "http://from-config"


def test_api_key_reference_stays_a_name_in_models_json_and_resolves_as_a_credential(world: World) -> None:
    world.env["FOO_KEY"] = "sk-foo-secret-value"
    world.config({"models": {"providers": {"foo": provider("http://x", apiKey="${FOO_KEY}")}}})
    registry = world.resolve()
    document = registry.to_models_json()
    assert document is not None
    assert document["providers"]["foo"]["apiKey"] == "FOO_KEY"
    credential = registry.providers["foo"].credential
    assert credential is not None
    assert (credential.source, credential.env_var, credential.value) == ("env", "FOO_KEY", "sk-foo-secret-value")


def test_escaped_reference_survives_into_the_registry(world: World) -> None:
    world.config({"models": {"providers": {"foo": provider("http://x/$${KEEP_ME}")}}})
    assert world.resolve().providers["foo"].base_url == "http://x/${KEEP_ME}"


def test_references_deep_in_arrays_are_found_whatever_the_arrays_also_hold() -> None:
    # Arrays are searched as encoded text; a lone surrogate (which the encoder refuses) or a key
    # holding `${` must not change what is found.
    value = {
        "models": [{"id": "a", "n": "\ud800"}, {"id": "${A}"}],
        "list": [[{"${NOT_A_VALUE}": 1}], ["plain", ["x-${B}"]]],
        "none": [1, 2.5, None, True, {"k": [float("inf")]}],
    }
    result = substitute(value, {"A": "1", "B": "2"}.get)
    assert result.value["models"] == [{"id": "a", "n": "\ud800"}, {"id": "1"}]
    assert result.value["list"] == [[{"${NOT_A_VALUE}": 1}], ["plain", ["x-2"]]]
    assert result.value["none"] is value["none"]  # nothing below it: shared, not copied
    assert result.missing == []
