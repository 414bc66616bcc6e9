"""`$include` (SPEC section 3): merging, nesting, cycles, and the safety limits."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from world import LOCAL_PROVIDER, World

PRIMARY = {"agents": {"defaults": {"model": {"primary": "local/m1"}}}}


def include_chain(world: World, levels: int) -> None:
    """openclaw.json includes l1.json5, which includes l2.json5, ... down to l<levels>.json5."""
    world.config({"$include": "./l1.json5"})
    for level in range(1, levels):
        world.write(world.state_dir / f"l{level}.json5", {"$include": f"./l{level + 1}.json5"})
    world.write(world.state_dir / f"l{levels}.json5", PRIMARY)


def test_ten_levels_of_includes_are_fine(world: World) -> None:
    include_chain(world, 10)
    assert world.resolve().default_model == "local/m1"


def test_eleven_levels_of_includes_are_an_error_naming_the_file(world: World) -> None:
    include_chain(world, 11)
    error = world.error()
    assert error.problems[0].file == str(world.state_dir / "l10.json5")
    assert "10" in error.problems[0].message


def test_cycle_error_shows_the_chain_of_files(world: World) -> None:
    world.config({"$include": "./a.json5"})
    world.write(world.state_dir / "a.json5", {"agents": {"$include": "./b.json5"}})
    world.write(world.state_dir / "b.json5", {"$include": "./a.json5"})
    message = str(world.error())
    assert re.search(r"a\.json5 -> .*b\.json5 -> .*a\.json5", message), message


def test_a_file_including_itself_is_a_cycle(world: World) -> None:
    world.config({"$include": "./openclaw.json"})
    assert "cycle" in str(world.error())


def test_the_same_file_twice_side_by_side_is_not_a_cycle(world: World) -> None:
    world.config({"agents": {"$include": "./a.json5"}, "models": {"$include": "./m.json5"}})
    world.write(world.state_dir / "a.json5", {"defaults": {"model": {"fallbacks": ["x/y"]}}})
    world.write(world.state_dir / "m.json5", {"providers": {"$include": "./p.json5"}})
    world.write(world.state_dir / "p.json5", {"local": LOCAL_PROVIDER})
    registry = world.resolve()
    assert registry.fallbacks == ("x/y",)
    assert list(registry.providers) == ["local"]


@pytest.mark.parametrize("target", ["a\0b.json5", "x" * 4096, "./" + "d/" * 2046 + "f.json"])
def test_nul_byte_and_overlong_paths_are_refused(world: World, target: str) -> None:
    world.config({"agents": {"$include": target}})
    problem = world.error().problems[0]
    assert problem.file == str(world.config_file)
    assert problem.config_path == "agents.$include"
    assert "refused" in problem.message


def test_a_path_of_4095_characters_is_not_refused_for_its_length(world: World) -> None:
    world.config({"agents": {"$include": "a" * 4095}})
    message = str(world.error())
    assert "4096" not in message and "refused" not in message


def test_an_include_larger_than_two_megabytes_is_refused(world: World) -> None:
    world.config({"agents": {"$include": "./big.json5"}})
    padding = " " * (2 * 1024 * 1024)
    world.write(world.state_dir / "big.json5", "{" + padding + "}")
    problem = world.error().problems[0]
    assert str(world.state_dir / "big.json5") in str(problem)
    assert "MB" in problem.message


def test_an_include_just_under_the_limit_is_read(world: World) -> None:
    world.config({"agents": {"$include": "./big.json5"}})
    world.write(world.state_dir / "big.json5", '{defaults: {model: {primary: "local/m1"}}}' + " " * 1_900_000)
    assert world.resolve().default_model == "local/m1"


def test_a_symlink_escaping_the_config_dir_is_refused(world: World) -> None:
    outside = world.write(world.root / "outside" / "secret.json5", PRIMARY)
    world.config({"$include": "./link.json5"})
    (world.state_dir / "link.json5").symlink_to(outside)
    problem = world.error().problems[0]
    assert problem.file == str(world.config_file)
    assert "link.json5" in problem.message and "outside" in problem.message
    assert problem.hint is not None and "OPENCLAW_INCLUDE_ROOTS" in problem.hint


def test_a_symlink_inside_the_config_dir_is_fine(world: World) -> None:
    target = world.write(world.state_dir / "parts" / "real.json5", PRIMARY)
    (world.state_dir / "link.json5").symlink_to(target)
    world.config({"$include": "./link.json5"})
    assert world.resolve().default_model == "local/m1"


def test_dot_dot_out_of_the_config_dir_is_refused(world: World) -> None:
    world.write(world.home / "shared.json5", PRIMARY)
    world.config({"$include": "../shared.json5"})
    assert "outside the config directory" in str(world.error())


@pytest.mark.parametrize("spelling", ["absolute", "tilde"])
def test_include_roots_allow_another_directory(world: World, spelling: str) -> None:
    shared = world.home / "shared"
    world.write(shared / "agents.json5", PRIMARY)
    world.config({"$include": str(shared / "agents.json5")})
    world.env["OPENCLAW_INCLUDE_ROOTS"] = os.pathsep.join(
        ["/nonexistent", str(shared) if spelling == "absolute" else "~/shared"]
    )
    assert world.resolve().default_model == "local/m1"


def test_include_roots_do_not_allow_a_sibling_with_the_same_prefix(world: World) -> None:
    world.write(world.home / "shared-evil" / "agents.json5", PRIMARY)
    world.config({"$include": str(world.home / "shared-evil" / "agents.json5")})
    world.env["OPENCLAW_INCLUDE_ROOTS"] = str(world.home / "shared")
    assert "outside" in str(world.error())


def test_parse_error_in_an_included_file_names_that_file_with_line_and_column(world: World) -> None:
    world.config({"models": {"$include": "./models.json5"}})
    world.write(world.state_dir / "models.json5", "{\n  mode: 'merge',\n  providers: {,}\n}\n")
    problem = world.error().problems[0]
    assert problem.file == str(world.state_dir / "models.json5")
    assert (problem.line, problem.column) == (3, 15)


def test_a_missing_include_names_the_file_and_where_it_was_included_from(world: World) -> None:
    world.config({"models": {"$include": "./nope.json5"}})
    problem = world.error().problems[0]
    assert str(world.state_dir / "nope.json5") in str(problem)
    assert str(world.config_file) in str(problem) and "models.$include" in str(problem)


def test_root_level_include_with_siblings_merges_siblings_on_top(world: World) -> None:
    world.write(
        world.state_dir / "base.json5",
        {
            "agents": {"defaults": {"model": {"primary": "base/a", "fallbacks": ["base/f"]}}},
            "meta": {"lastTouchedVersion": "base"},
        },
    )
    world.config(
        {"$include": "./base.json5", "agents": {"defaults": {"model": {"primary": "top/a", "fallbacks": ["top/f"]}}}}
    )
    registry = world.resolve()
    assert registry.default_model == "top/a"
    assert registry.fallbacks == ("base/f", "top/f")  # arrays concatenate, included first
    assert registry.config["meta"] == {"lastTouchedVersion": "base"}


def test_an_include_list_merges_in_order_later_wins(world: World) -> None:
    world.write(world.state_dir / "a.json5", {"defaults": {"model": {"primary": "a/x", "fallbacks": ["a/f"]}}})
    world.write(world.state_dir / "b.json5", {"defaults": {"model": {"primary": "b/x", "fallbacks": ["b/f"]}}})
    world.config({"agents": {"$include": ["./a.json5", "./b.json5"]}})
    registry = world.resolve()
    assert (registry.default_model, registry.fallbacks) == ("b/x", ("a/f", "b/f"))


def test_an_included_array_can_stand_for_a_value(world: World) -> None:
    world.write(world.state_dir / "models.json5", [{"id": "m1", "name": "M1"}, {"id": "m2", "name": "M2"}])
    world.config(
        {"models": {"providers": {"local": {"baseUrl": "http://x", "models": {"$include": "./models.json5"}}}}}
    )
    assert [m.id for m in world.resolve().providers["local"].models] == ["m1", "m2"]


def test_nested_include_paths_are_relative_to_the_including_file(world: World) -> None:
    world.write(world.state_dir / "conf" / "agents.json5", {"$include": "./deeper/model.json5"})
    world.write(world.state_dir / "conf" / "deeper" / "model.json5", PRIMARY)
    world.config({"$include": "./conf/agents.json5"})
    assert world.resolve().default_model == "local/m1"


@pytest.mark.parametrize("spec", [42, ["./a.json5", 7], None, {"file": "a.json5"}])
def test_include_value_must_name_files(world: World, spec: Any) -> None:
    world.write(world.state_dir / "a.json5", {})
    world.config({"agents": {"$include": spec}})
    problem = world.error().problems[0]
    assert problem.file == str(world.config_file)
    assert problem.path is not None and problem.path[0] == "agents"
    assert problem.line is not None


def test_a_non_object_include_cannot_be_merged_with_siblings(world: World) -> None:
    world.write(world.state_dir / "list.json5", ["a"])
    world.config({"agents": {"$include": "./list.json5", "defaults": {}}})
    problem = world.error().problems[0]
    assert problem.file == str(world.config_file)
    assert "object" in problem.message


def test_a_root_include_of_a_non_object_is_refused(world: World) -> None:
    world.write(world.state_dir / "list.json5", ["a"])
    world.config({"$include": "./list.json5"})
    error = world.error()
    assert error.problems[0].file == str(world.config_file)
    assert "object" in str(error)


def test_every_include_problem_is_reported_at_once(world: World) -> None:
    world.config('{\n  $include: ["./missing-a.json5", "./good.json5"],\n'
                 '  models: { $include: "./missing-b.json5" },\n  agents: { $include: 5 },\n}\n')  # fmt: skip
    world.write(world.state_dir / "good.json5", {"ui": {}})
    problems = world.error().problems
    messages = " | ".join(p.message for p in problems)
    assert "missing-a.json5" in messages and "missing-b.json5" in messages and "file name" in messages
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)
