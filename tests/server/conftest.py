"""A real `nukg serve` over the fixture project, shared by the end-to-end tests of a module."""

import pytest
from support.live import serving
from support.paths import FIXTURE_PROJECT

from nukg.kg.graph import load
from nukg.store.oxigraph import OxigraphStore

# Settings of the live server; tests read the limits from here.
LIVE_OPTIONS = ("--web-workers", "1", "--query-workers", "2", "--query-timeout", "2", "--queue-timeout", "5")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    with serving(FIXTURE_PROJECT, tmp_path_factory.mktemp("live") / "serve.log", *LIVE_OPTIONS) as server:
        yield server


@pytest.fixture(scope="session")
def fixture_store():
    """The in-process store the server's answers are compared with."""
    return OxigraphStore.from_kg(load(FIXTURE_PROJECT))
