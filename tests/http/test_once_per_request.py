"""One SPARQL request: the query is checked once, the format negotiated once, the store run once.

And a pooled store runs what the web process checked: its worker does not check again.
"""

import json
from urllib.parse import urlencode

import pytest
from support.paths import FIXTURE_PROJECT

import nukg.store.base
import nukg.store.querycheck
import nukg.web.answering
from nukg.kg.graph import load
from nukg.store.base import Snapshot
from nukg.store.oxigraph import OxigraphStore
from nukg.store.pooled import PooledStore
from nukg.web.app import create_app

SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/nato-ukraine-kg/ontology/Summit> } ORDER BY ?s"
CONSTRUCT = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3"
SUMMITS = ["https://w3id.org/nato-ukraine-kg/id/bucharest-summit-2008",
           "https://w3id.org/nato-ukraine-kg/id/madrid-summit-2022"]


class Counter:
    """A counting wrapper around a function."""

    def __init__(self, inner):
        self.inner = inner
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.inner(*args, **kwargs)


class CountingStore:
    """Wraps a store and counts the calls of its run."""

    def __init__(self, inner):
        self.inner = inner
        self.runs = 0
        self.version = inner.version
        self.sizes = inner.sizes

    def run(self, *args, **kwargs):
        self.runs += 1
        return self.inner.run(*args, **kwargs)

    def close(self):
        pass


@pytest.fixture(scope="module")
def fixture_kg():
    return load(FIXTURE_PROJECT)


@pytest.fixture(scope="module")
def counted_app(fixture_kg):
    store = CountingStore(OxigraphStore.from_kg(fixture_kg))
    app = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0,
                      "NUKG_ANSWER_CACHE_BYTES": 0}, store=store)  # every request runs (none answered from memory)
    return app, store


@pytest.fixture
def counted(counted_app, monkeypatch):
    """A client, the counting store (runs reset) and counters on the names nukg.web.answering uses."""
    app, store = counted_app
    store.runs = 0
    check = Counter(nukg.web.answering.check_query)
    negotiate = Counter(nukg.web.answering.negotiate)
    monkeypatch.setattr(nukg.web.answering, "check_query", check)
    monkeypatch.setattr(nukg.web.answering, "negotiate", negotiate)
    return app.test_client(), store, check, negotiate


def summits_of(response):
    return [row["s"]["value"] for row in response.get_json()["results"]["bindings"]]


def test_get_checks_negotiates_and_runs_once(counted):
    client, store, check, negotiate = counted
    response = client.get("/sparql?" + urlencode({"query": SELECT}))
    assert response.status_code == 200
    assert summits_of(response) == SUMMITS
    assert check.calls == 1
    assert negotiate.calls == 1
    assert store.runs == 1


def test_post_form_checks_negotiates_and_runs_once(counted):
    client, store, check, negotiate = counted
    response = client.post("/sparql", data={"query": SELECT},
                           headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert summits_of(response) == SUMMITS
    assert check.calls == 1
    assert negotiate.calls == 1
    assert store.runs == 1


def test_post_query_body_checks_negotiates_and_runs_once(counted):
    client, store, check, negotiate = counted
    response = client.post("/sparql", data=CONSTRUCT.encode(),
                           headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert (check.calls, negotiate.calls, store.runs) == (1, 1, 1)


def test_format_parameter_is_negotiated_once(counted):
    client, store, check, negotiate = counted
    response = client.get("/sparql?" + urlencode({"query": SELECT, "format": "csv"}))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert (check.calls, negotiate.calls, store.runs) == (1, 1, 1)


def test_each_request_counts_on_its_own(counted):
    client, store, check, negotiate = counted
    for n in range(1, 4):
        assert client.get("/sparql?" + urlencode({"query": SELECT + f" LIMIT {n}"})).status_code == 200
        assert (check.calls, negotiate.calls, store.runs) == (n, n, n)


def test_304_checks_and_negotiates_once_and_runs_nothing(counted):
    client, store, check, negotiate = counted
    url = "/sparql?" + urlencode({"query": SELECT})
    etag = client.get(url).headers["ETag"]
    check.calls = negotiate.calls = store.runs = 0
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert (check.calls, negotiate.calls, store.runs) == (1, 1, 0)


def test_a_refused_query_is_checked_once_and_never_run(counted):
    client, store, check, negotiate = counted
    response = client.get("/sparql?" + urlencode({"query": "SELECT * WHERE { SERVICE <http://example.org/> { } }"}))
    assert response.status_code == 403
    assert check.calls == 1
    assert negotiate.calls == 0
    assert store.runs == 0


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_page_is_checked_negotiated_and_run_once(counted, method):
    """A page is made by Flask's view: after the fast path checked a GET's query, it is not checked again."""
    client, store, check, negotiate = counted
    send = client.get if method == "GET" else client.post
    response = send("/sparql", query_string={"query": SELECT} if method == "GET" else None,
                    data={"query": SELECT} if method == "POST" else None, headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert all(summit in response.get_data(as_text=True) for summit in SUMMITS)
    assert (check.calls, negotiate.calls, store.runs) == (1, 1, 1)


def test_an_unacceptable_format_is_negotiated_once_and_never_run(counted):
    client, store, check, negotiate = counted
    response = client.get("/sparql?" + urlencode({"query": SELECT}), headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert (check.calls, negotiate.calls, store.runs) == (1, 1, 0)


# --- the pooled store --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pooled(fixture_kg):
    store = PooledStore(Snapshot.from_kg(fixture_kg), workers=1, timeout=10.0, queue_timeout=10.0)
    yield store
    store.close()


@pytest.fixture
def checks(monkeypatch):
    """Counts check_query in this process, under each name it is called by."""
    counter = Counter(nukg.store.querycheck.check_query)
    monkeypatch.setattr(nukg.store.querycheck, "check_query", counter)
    monkeypatch.setattr(nukg.store.base, "check_query", counter)
    return counter


def test_pooled_store_query_checks_once_in_this_process(pooled, checks):
    answer = pooled.query(SELECT)
    assert checks.calls == 1
    assert answer.form == "SELECT"
    assert [row["s"]["value"] for row in json.loads(answer.body)["results"]["bindings"]] == SUMMITS
    pooled.query("ASK { ?s ?p ?o }")
    assert checks.calls == 2
