"""find_root: --root, else NUKG_ROOT, else the checkout the current directory is in (nukg.core.settings)."""

from pathlib import Path

import pytest
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

from nukg.core.settings import ROOT_FOLDERS, ConfigError, find_root


def make_project(folder: Path) -> Path:
    for name in ROOT_FOLDERS:
        (folder / name).mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def projects(tmp_path):
    """Three projects: one named explicitly, one by the environment, one around the current directory."""
    return {
        "explicit": make_project(tmp_path / "explicit"),
        "env": make_project(tmp_path / "env"),
        "cwd": make_project(tmp_path / "cwd"),
    }


def test_explicit_root_beats_env_and_cwd(projects, monkeypatch):
    monkeypatch.chdir(projects["cwd"])
    environ = {"NUKG_ROOT": str(projects["env"])}
    assert find_root(projects["explicit"], environ) == projects["explicit"].resolve()
    assert find_root(str(projects["explicit"]), environ) == projects["explicit"].resolve()


def test_env_beats_cwd(projects, monkeypatch):
    monkeypatch.chdir(projects["cwd"])
    assert find_root(None, {"NUKG_ROOT": str(projects["env"])}) == projects["env"].resolve()
    assert find_root("", {"NUKG_ROOT": str(projects["env"])}) == projects["env"].resolve()


def test_cwd_when_nothing_is_named(projects, monkeypatch):
    monkeypatch.chdir(projects["cwd"])
    assert find_root(None, {}) == projects["cwd"].resolve()
    # an empty NUKG_ROOT names nothing
    assert find_root(None, {"NUKG_ROOT": ""}) == projects["cwd"].resolve()


def test_explicit_root_is_taken_as_given(tmp_path):
    # an explicit root is not checked for the folders: loading it reports what is missing
    bare = tmp_path / "bare"
    bare.mkdir()
    assert find_root(bare, {}) == bare.resolve()


def test_relative_roots_are_resolved(projects, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert find_root("explicit", {}) == projects["explicit"].resolve()
    assert find_root(None, {"NUKG_ROOT": "env"}) == projects["env"].resolve()
    assert find_root(None, {"NUKG_ROOT": "env"}).is_absolute()


def test_env_defaults_to_os_environ(projects, monkeypatch):
    monkeypatch.chdir(projects["cwd"])
    monkeypatch.setenv("NUKG_ROOT", str(projects["env"]))
    assert find_root() == projects["env"].resolve()
    monkeypatch.delenv("NUKG_ROOT")
    assert find_root() == projects["cwd"].resolve()


def test_walks_up_from_a_nested_folder(projects, monkeypatch):
    nested = projects["cwd"] / "data" / "deep" / "deeper"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    assert find_root(None, {}) == projects["cwd"].resolve()
    # start= is used instead of the current directory
    inner = projects["env"] / "ontology" / "x"
    inner.mkdir()
    assert find_root(None, {}, start=inner) == projects["env"].resolve()


def test_the_nearest_project_wins(tmp_path, monkeypatch):
    outer = make_project(tmp_path / "outer")
    inner = make_project(outer / "data" / "inner")
    below = inner / "shapes" / "more"
    below.mkdir()
    monkeypatch.chdir(below)
    assert find_root(None, {}) == inner.resolve()


def test_a_folder_missing_one_of_the_parts_is_not_a_project(tmp_path, monkeypatch):
    project = make_project(tmp_path / "outer")
    partial = project / "sub"
    for name in ROOT_FOLDERS[:-1]:
        (partial / name).mkdir(parents=True)
    (partial / ROOT_FOLDERS[-1]).write_text("a file, not a folder")
    monkeypatch.chdir(partial)
    assert find_root(None, {}) == project.resolve()


def test_config_error_when_nothing_is_found(tmp_path, monkeypatch):
    lonely = tmp_path / "lonely" / "place"
    lonely.mkdir(parents=True)
    monkeypatch.chdir(lonely)
    with pytest.raises(ConfigError) as caught:
        find_root(None, {})
    message = str(caught.value)
    assert str(lonely.resolve()) in message
    for name in ROOT_FOLDERS:
        assert f"{name}/" in message
    assert "--root" in message and "NUKG_ROOT" in message


def test_config_error_is_a_value_error(tmp_path):
    lonely = tmp_path / "nothing"
    lonely.mkdir()
    with pytest.raises(ValueError):
        find_root(None, {}, start=lonely)


def test_the_checkout_and_the_fixture_are_projects():
    assert find_root(None, {}, start=PROJECT_ROOT / "server" / "nukg") == PROJECT_ROOT
    assert find_root(None, {}, start=FIXTURE_PROJECT / "data") == FIXTURE_PROJECT
