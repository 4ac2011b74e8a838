"""The instance file instance/nukg.cfg is read, and environment variables override it."""

from pathlib import Path

from flask import Flask

from server.app import create_app
FIXTURE_PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "project"


def test_instance_file_is_read_and_env_wins(tmp_path, monkeypatch):
    (tmp_path / "nukg.cfg").write_text("NUKG_QUERY_TIMEOUT = 3\nNUKG_CACHE_MAX_AGE = 42\n")
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(tmp_path))
    monkeypatch.setenv("NUKG_CACHE_MAX_AGE", "7")
    app = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0})
    assert app.config["NUKG_QUERY_TIMEOUT"] == 3.0
    assert app.config["NUKG_CACHE_MAX_AGE"] == 7
