"""Apps over the small fixture project (tests/fixtures/project), never the real data.

``app``/``client``: queries run in-process (fast, deterministic).
``pooled_app``: queries run in two worker processes with a short time limit,
for the tests of limits; it is started once per session and closed at the end.
"""

from pathlib import Path

import pytest
from support.paths import FIXTURE_PROJECT
from support.settings import POOL_SETTINGS

from nukg.web.app import create_app
from nukg.kg.graph import load
from nukg.store.oxigraph import OxigraphStore


@pytest.fixture(scope="session")
def project_root() -> Path:
    return FIXTURE_PROJECT


@pytest.fixture(scope="session")
def graph():
    return load(FIXTURE_PROJECT)


@pytest.fixture(scope="session")
def local_store(graph):
    """The in-process store the HTTP answers are compared with."""
    return OxigraphStore.from_kg(graph)


@pytest.fixture(scope="session")
def app():
    application = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0})
    return application


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def pooled_app():
    application = create_app(dict(POOL_SETTINGS))
    yield application
    application.extensions["nukg.store"].close()
