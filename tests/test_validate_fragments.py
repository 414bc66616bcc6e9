"""A lone `$include` fragment (what a commit that only touches it names) is checked through its config."""

from __future__ import annotations

from pathlib import Path

from openclaw_config.validation import validate_files

CONFIG = '{ models: { $include: "./providers/local.json5" } }\n'
GOOD = '{ providers: { local: { baseUrl: "http://localhost:4000/v1", models: [{ id: "m", name: "M" }] } } }\n'
BAD = "{ providers: { local: { baseUrl: 1, models: [] } } }\n"


def make_repo(tmp_path: Path, fragment: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "conf" / "providers").mkdir(parents=True)
    (tmp_path / "conf" / "openclaw.json").write_text(CONFIG)
    path = tmp_path / "conf" / "providers" / "local.json5"
    path.write_text(fragment)
    return path


def test_a_valid_fragment_alone_passes_through_the_config_that_includes_it(tmp_path: Path) -> None:
    assert validate_files([make_repo(tmp_path, GOOD)]) == []


def test_a_broken_fragment_alone_is_reported_at_its_own_position(tmp_path: Path) -> None:
    fragment = make_repo(tmp_path, BAD)
    [problem] = validate_files([fragment])
    assert (problem.file, problem.line, problem.column) == (str(fragment), 1, 34)
    assert problem.config_path == "models.providers.local.baseUrl"


def test_a_fragment_nobody_includes_is_checked_as_a_config(tmp_path: Path) -> None:
    lonely = tmp_path / "lonely.json5"
    lonely.write_text(GOOD)
    [problem] = validate_files([lonely])
    assert "unknown key 'providers'" in problem.message


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "openclaw.json").write_text('{ models: { $include: "./repo/x.json5" } }\n')  # above the repo
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    fragment = repo / "x.json5"
    fragment.write_text("{ mode: 'merge' }\n")
    [problem] = validate_files([fragment])  # the config above the repository is not consulted
    assert "unknown key 'mode'" in problem.message
