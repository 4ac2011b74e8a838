"""What `nukg serve` loads once before forking its web workers, and the apps that take it from there."""

import gc

import pytest
from support.paths import FIXTURE_PROJECT

from nukg.kg.graph import load
from nukg.web import preload as preload_module
from nukg.web.app import create_app


@pytest.fixture
def preloaded(monkeypatch):
    monkeypatch.setattr(preload_module, "_loaded", {})  # this test's own, undone afterwards
    yield preload_module.preload(FIXTURE_PROJECT, load(FIXTURE_PROJECT))
    gc.unfreeze()  # what the preload froze (the test process's objects) goes back to the collector


def test_an_app_of_the_preloaded_project_takes_its_parts_and_answers_from_them(preloaded):
    app = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0})
    assert app.extensions["nukg.kg"] is preloaded.graph
    assert preloaded.graph.validated  # what nukg serve hands over it has validated: no SHACL run for its report
    assert app.extensions["nukg.documents"] is preloaded.documents
    assert app.extensions["nukg.search"] is preloaded.search
    assert app.extensions["nukg.queries"] is preloaded.queries
    client = app.test_client()
    assert client.get("/-/health").json["version"] == preloaded.graph.version
    assert client.get("/search?q=nato", headers={"Accept": "application/json"}).status_code == 200


def test_an_app_of_another_project_builds_its_own(preloaded, tmp_path):
    project = tmp_path / "project"
    for part in ("ontology", "data", "shapes"):
        (project / part).mkdir(parents=True)
        for source in (FIXTURE_PROJECT / part).glob("*.ttl"):
            (project / part / source.name).write_bytes(source.read_bytes())
    app = create_app({"NUKG_ROOT": project, "NUKG_QUERY_WORKERS": 0})
    assert app.extensions["nukg.kg"] is not preloaded.graph
    assert app.extensions["nukg.kg"].version == preloaded.graph.version  # the same files, loaded again


def test_nothing_is_shared_before_a_preload(monkeypatch):
    monkeypatch.setattr(preload_module, "_loaded", {})
    assert preload_module.shared(FIXTURE_PROJECT) is None
