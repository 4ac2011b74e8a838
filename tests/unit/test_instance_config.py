"""The instance file <project>/instance/nukg.cfg is read, and environment variables override it."""

import shutil

from support.paths import FIXTURE_PROJECT

from nukg.web.app import create_app


def test_instance_file_is_read_and_env_wins(tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    (root / "instance").mkdir()
    (root / "instance" / "nukg.cfg").write_text("NUKG_QUERY_TIMEOUT = 3\nNUKG_CACHE_MAX_AGE = 42\n")
    monkeypatch.setenv("NUKG_CACHE_MAX_AGE", "7")
    app = create_app({"NUKG_ROOT": root, "NUKG_QUERY_WORKERS": 0})
    assert app.instance_path == str(root / "instance")
    assert app.config["NUKG_QUERY_TIMEOUT"] == 3.0
    assert app.config["NUKG_CACHE_MAX_AGE"] == 7
