"""The remote store's tests: real Oxigraph servers on the loopback, loaded with `nukg publish`, and apps
whose store they are.

``app``/``client`` are the fixture project's, as in tests/http, so that the HTTP tests rerun here
(test_remote_*.py) unchanged; ``real_server`` holds the project's real data, for the named queries.
"""

from pathlib import Path

import pytest
from oxigraph_server import OxigraphServer, published, remote_app
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

from nukg.kg.graph import load
from nukg.store.oxigraph import OxigraphStore


def _server(tmp_path_factory, name: str, root: Path):
    folder = tmp_path_factory.mktemp(f"oxigraph-{name}")
    server = OxigraphServer(folder / "data", folder / "server.log")
    try:
        server.publish_output = published(server, root).stdout
    except BaseException:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def fixture_server(tmp_path_factory):
    """An Oxigraph server holding the fixture project, published into it."""
    server = _server(tmp_path_factory, "fixture", FIXTURE_PROJECT)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def real_server(tmp_path_factory):
    """An Oxigraph server holding the project's real data, published into it."""
    server = _server(tmp_path_factory, "real", PROJECT_ROOT)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return FIXTURE_PROJECT


@pytest.fixture(scope="session")
def graph():
    return load(FIXTURE_PROJECT)


@pytest.fixture(scope="session")
def local_store(graph):
    """The embedded store the remote answers are compared with."""
    return OxigraphStore.from_kg(graph)


@pytest.fixture(scope="session")
def app(fixture_server):
    application = remote_app(FIXTURE_PROJECT, fixture_server.query_url)
    yield application
    application.extensions["nukg.store"].close()


@pytest.fixture
def client(app):
    return app.test_client()
