"""tests/http/test_negotiation.py again, with a store that answers in SPARQL JSON and N-Triples only: every
other format the client asks for is converted on this side, and says the same."""

import pytest
from oxigraph_server import remote_app
from fake_endpoints import PlainFormats
from reruns import copied_from
from support.paths import FIXTURE_PROJECT

from nukg.store.base import Snapshot

globals().update(copied_from("http/test_negotiation.py", keep_out=("app",)))


@pytest.fixture(scope="module")
def plain_store(graph):
    with PlainFormats(Snapshot.from_kg(graph).nquads) as store:
        yield store


@pytest.fixture(scope="module")
def app(plain_store):
    application = remote_app(FIXTURE_PROJECT, plain_store.url)
    yield application
    application.extensions["nukg.store"].close()


def test_the_store_was_asked(client, plain_store):
    before = plain_store.requests
    response = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?o }"},
                          headers={"Accept": "application/rdf+xml"})
    assert response.status_code == 200 and response.mimetype == "application/rdf+xml"
    assert plain_store.requests == before + 1
