"""A real `nukg serve` over the fixture project, shared by the end-to-end tests of a module."""

import pytest
from server_support import FIXTURE_PROJECT, Server

from nukg.kg.graph import load
from nukg.store.oxigraph import OxigraphStore

# Settings of the live server; tests read the limits from here.
LIVE_OPTIONS = ("--query-workers", "2", "--query-timeout", "2", "--queue-timeout", "5")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    server = Server(FIXTURE_PROJECT, tmp_path_factory.mktemp("live") / "serve.log", *LIVE_OPTIONS)
    try:
        assert server.wait_ready() is not None, f"nukg serve exited early:\n{server.log}"
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def fixture_store():
    """The in-process store the server's answers are compared with."""
    return OxigraphStore.from_kg(load(FIXTURE_PROJECT))
