"""The answer cache: a repeated query is answered from memory, without reaching the store."""

import os
from urllib.parse import urlencode

import pytest
from support.paths import PROJECT_ROOT
from support.stores import CountingStore

from nukg.kg.graph import load
from nukg.store.oxigraph import OxigraphStore
from nukg.web import metrics
from nukg.web.answer_cache import ENTRY, AnswerCache, footprint
from nukg.web.app import create_app

SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/nato-ukraine-kg/ontology/Summit> } ORDER BY ?s"


@pytest.fixture
def counted(local_store, project_root):
    store = CountingStore(local_store)
    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0}, store=store)
    return app.test_client(), store


def lookups(result: str) -> float:
    return metrics.ANSWER_LOOKUPS.labels(result)._value.get()


def test_a_repeated_query_reaches_the_store_once_and_answers_the_same(counted):
    client, store = counted
    first = client.get("/sparql?" + urlencode({"query": SELECT}))
    hits = lookups("hit")
    second = client.get("/sparql?" + urlencode({"query": SELECT}))
    assert first.status_code == second.status_code == 200
    assert second.data == first.data and second.content_type == first.content_type
    assert second.get_etag() == first.get_etag()
    assert store.calls == 1
    assert lookups("hit") == hits + 1
    scrape = client.get("/-/metrics").get_data(as_text=True)
    assert f'nukg_answer_cache_lookups_total{{result="hit"}} {hits + 1}' in scrape


def test_each_format_and_each_dataset_is_its_own_answer(counted):
    client, store = counted
    client.get("/sparql?" + urlencode({"query": SELECT}))
    csv = client.get("/sparql?" + urlencode({"query": SELECT}), headers={"Accept": "text/csv"})
    assert csv.content_type.startswith("text/csv") and store.calls == 2
    client.get("/sparql?" + urlencode({"query": SELECT,
                                       "default-graph-uri": "https://w3id.org/nato-ukraine-kg/graph/data"}))
    assert store.calls == 3


def test_a_kept_download_still_has_its_file_name(counted):
    client, store = counted
    for _ in range(2):
        response = client.get("/sparql?" + urlencode({"query": SELECT, "format": "csv"}))
        assert response.headers["Content-Disposition"] == 'attachment; filename="query-results.csv"'
    assert store.calls == 1


@pytest.mark.parametrize("call", ["NOW()", "RAND()", "STRUUID()", "uuid()", "BNODE()", "RAND#x\n()", "NOW \n ()"])
def test_a_query_whose_answer_changes_runs_every_time(counted, call):
    client, store = counted
    query = f"SELECT (({call}) AS ?v) WHERE {{}}"
    for _ in range(2):
        response = client.get("/sparql?" + urlencode({"query": query}), headers={"If-None-Match": "*"})
        assert response.status_code == 200  # never 304: there is no copy to be current
        assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers
    assert store.calls == 2


def test_errors_are_not_kept(counted):
    client, store = counted
    for _ in range(2):
        response = client.get("/sparql?" + urlencode({"query": "SELECT ?x WHERE { ?x ?p }"}))
        assert response.status_code == 400
    assert store.calls == 2  # the engine finds the error each time: a refusal is never kept


def test_named_query_answers_are_kept_with_their_paging_headers():
    store = CountingStore(OxigraphStore.from_kg(load(PROJECT_ROOT)))  # the project's own named queries
    client = create_app({"NUKG_ROOT": PROJECT_ROOT, "NUKG_QUERY_WORKERS": 0}, store=store).test_client()
    first = client.get("/api/queries/events-in-year.json?year=1997&limit=1")
    again = client.get("/api/queries/events-in-year.json?year=1997&limit=1")
    assert first.status_code == again.status_code == 200
    assert again.data == first.data
    assert again.headers["Link"] == first.headers["Link"] and again.headers["X-Total-Count"] == first.headers[
        "X-Total-Count"]
    assert store.calls == 1
    client.get("/api/queries/events-in-year.json?year=1997&limit=1&offset=1")
    assert store.calls == 2
    # the same answer asked without the suffix links to pages without it, kept or not
    plain = client.get("/api/queries/events-in-year?year=1997&limit=1", headers={"Accept": "application/json"})
    assert plain.data == first.data
    assert "events-in-year.json" not in plain.headers["Link"] and "/api/queries/events-in-year?" in plain.headers["Link"]


def test_a_zero_size_turns_the_cache_off(local_store, project_root):
    store = CountingStore(local_store)
    client = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0, "NUKG_ANSWER_CACHE_BYTES": 0},
                        store=store).test_client()
    for _ in range(2):
        client.get("/sparql?" + urlencode({"query": SELECT}))
    assert store.calls == 2


ONE = footprint(("a",), b"x" * 99, "text/plain", "e", ())  # what one of the small answers below takes


def test_the_least_recently_used_answer_leaves_first():
    cache = AnswerCache(8 * ONE)  # room for eight
    for key in "abcdefgh":
        assert cache.put((key,), b"x" * 99, "text/plain", "e")
    assert cache.get(("a",)) is not None  # a is now the most recently used
    assert cache.put(("i",), b"y" * 99, "text/plain", "e")
    assert cache.get(("b",)) is None and cache.get(("a",)) is not None and cache.get(("i",)).body == b"y" * 99
    assert cache.size <= cache.max_bytes and len(cache) == 8


def test_an_answer_larger_than_an_eighth_is_not_kept():
    cache = AnswerCache(8 * ONE)
    assert cache.put(("a",), b"x" * 99, "text/plain", "e")
    assert not cache.put(("big",), b"x" * 100, "text/plain", "e")  # one byte over an eighth
    assert cache.get(("big",)) is None and cache.size == ONE


def test_an_answer_counts_for_the_memory_it_takes_not_its_length():
    key = ("sparql", "v1", "SELECT * WHERE { ?s ?p ?o } # " + "é" * 500, None, None, (), "*/*", "")
    size = footprint(key, b"{}", "t", "0" * 32, ())
    assert size > ENTRY + 2 + 500 * 2 + 32  # the characters' bytes in memory, and the objects that hold them
    grown = _rss_growth(lambda cache: [cache.put(key[:2] + (key[2] + str(n),) + key[3:], b"{}", "t", "0" * 32)
                                       for n in range(4000)])
    assert grown < 1.5 * 4000 * size  # what it counts is about what it takes


def _rss_growth(fill) -> int:
    """How many bytes the process's memory grew by while ``fill`` filled a large cache."""
    cache = AnswerCache(10**9)
    before = _rss()
    fill(cache)
    return max(_rss() - before, 0) if len(cache) else 0


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_keeping_a_key_again_replaces_its_answer():
    cache = AnswerCache(80 * ONE)
    cache.put(("k", None, ("g1", "g2")), b"old", "text/plain", "e1")
    cache.put(("k", None, ("g1", "g2")), b"newer", "text/csv", "e2")
    kept = cache.get(("k", None, ("g1", "g2")))
    assert kept.body == b"newer" and kept.etag == "e2" and len(cache) == 1
    assert cache.size == footprint(("k", None, ("g1", "g2")), b"newer", "text/csv", "e2", ())


def test_a_kept_answer_keeps_its_etag_for_conditional_requests(counted):
    client, store = counted
    first = client.get("/sparql?" + urlencode({"query": SELECT}))
    tag = first.get_etag()[0]
    again = client.get("/sparql?" + urlencode({"query": SELECT}), headers={"If-None-Match": f'W/"{tag}"'})
    assert again.status_code == 304 and store.calls == 1


def test_the_same_text_asked_differently_is_checked_and_answered_once_per_way(counted):
    client, store = counted
    accepts = ["application/sparql-results+json", "text/csv", "application/sparql-results+json"]
    bodies = [client.get("/sparql?" + urlencode({"query": SELECT}), headers={"Accept": a}) for a in accepts]
    assert bodies[0].data == bodies[2].data != bodies[1].data
    assert store.calls == 2
