"""The real server (`nukg serve`, granian) queried by standard clients, answers compared with the
in-process store: SPARQLWrapper and rdflib's SPARQLStore, SELECT, ASK and CONSTRUCT in several formats."""

import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException
from support.rdf import solutions
from support.settings import RUNAWAY

PREFIXES = (
    "PREFIX nuk: <https://w3id.org/nato-ukraine-kg/id/>\n"
    "PREFIX nuo: <https://w3id.org/nato-ukraine-kg/ontology/>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
)
SELECT = PREFIXES + "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"
ASK_TRUE = PREFIXES + "ASK { nuk:bucharest-summit-2008 a nuo:Event }"
ASK_FALSE = PREFIXES + "ASK { nuk:bucharest-summit-2008 a nuo:Organisation }"
CONSTRUCT = PREFIXES + "CONSTRUCT { ?s ?p ?o } WHERE { ?s a nuo:Summit ; ?p ?o }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def wrapper(server, query, return_format) -> SPARQLWrapper:
    sparql = SPARQLWrapper(server.endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(return_format)
    return sparql


@pytest.fixture(scope="module")
def expected_rows(fixture_store):
    return solutions(fixture_store.query(SELECT, format="json").body, ox.QueryResultsFormat.JSON)


@pytest.fixture(scope="module")
def expected_graph(fixture_store):
    return Graph().parse(data=fixture_store.query(CONSTRUCT, format="nt").body, format="nt")


def test_serve_logs_the_url(live_server):
    assert f"Serving the SPARQL endpoint at {live_server.endpoint}" in live_server.log


def test_sparqlwrapper_select_json(live_server, expected_rows):
    result = wrapper(live_server, SELECT, JSON).queryAndConvert()
    assert result["head"]["vars"] == ["s", "label"]
    assert len(result["results"]["bindings"]) == len(expected_rows)
    labels = sorted(b["label"]["value"] for b in result["results"]["bindings"])
    assert labels == sorted(dict(row)["label"].split('"')[1] for row in expected_rows)


@pytest.mark.parametrize(
    "return_format, reader",
    [(JSON, ox.QueryResultsFormat.JSON), (XML, ox.QueryResultsFormat.XML), (TSV, ox.QueryResultsFormat.TSV)],
)
def test_sparqlwrapper_select_formats(live_server, expected_rows, return_format, reader):
    response = wrapper(live_server, SELECT, return_format).query().response
    assert solutions(response.read(), reader) == expected_rows


def test_sparqlwrapper_select_csv(live_server, expected_rows):
    body = wrapper(live_server, SELECT, CSV).queryAndConvert()
    lines = body.decode("utf-8").strip().splitlines()
    assert lines[0] == "s,label"
    assert len(lines) - 1 == len(expected_rows)


@pytest.mark.parametrize("return_format", [JSON, XML])
def test_sparqlwrapper_ask(live_server, return_format):
    for query, expected in ((ASK_TRUE, True), (ASK_FALSE, False)):
        result = wrapper(live_server, query, return_format).query()
        if return_format == JSON:
            assert result.convert()["boolean"] is expected
        else:
            assert bool(ox.parse_query_results(result.response.read(), format=ox.QueryResultsFormat.XML)) is expected


@pytest.mark.parametrize("return_format", [TURTLE, N3])
def test_sparqlwrapper_construct_turtle(live_server, expected_graph, return_format):
    body = wrapper(live_server, CONSTRUCT, return_format).queryAndConvert()  # SPARQLWrapper gives the text
    assert isomorphic(Graph().parse(data=body, format="turtle"), expected_graph)


def test_sparqlwrapper_construct_rdfxml(live_server, expected_graph):
    response = wrapper(live_server, CONSTRUCT, RDFXML).query().response
    assert response.headers["Content-Type"] == "application/rdf+xml"
    assert isomorphic(Graph().parse(data=response.read(), format="xml"), expected_graph)


# SPARQLWrapper hands JSON-LD to rdflib's parser, which warns about its own deprecated ConjunctiveGraph.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_sparqlwrapper_construct_jsonld(live_server, expected_graph):
    graph = wrapper(live_server, CONSTRUCT, JSONLD).queryAndConvert()
    assert isomorphic(graph, expected_graph)


def test_sparqlwrapper_post(live_server, expected_rows):
    sparql = wrapper(live_server, SELECT, JSON)
    sparql.setMethod(POST)
    result = sparql.query()
    assert solutions(result.response.read(), ox.QueryResultsFormat.JSON) == expected_rows


def test_sparqlwrapper_update_is_refused(live_server, fixture_store):
    before = wrapper(live_server, COUNT, JSON).queryAndConvert()
    sparql = SPARQLWrapper(live_server.endpoint, updateEndpoint=live_server.endpoint)
    sparql.setMethod(POST)
    sparql.setQuery("INSERT DATA { <http://example.org/s> <http://example.org/p> <http://example.org/o> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as caught:
        sparql.query()
    assert "403" in str(caught.value) or "read-only" in str(caught.value)
    error = caught.value
    while error is not None:  # an HTTPError holds the response's socket: close it, or GC warns later
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        error = error.__cause__ or error.__context__
    assert wrapper(live_server, COUNT, JSON).queryAndConvert() == before


# rdflib's SPARQLConnector never closes its HTTP responses (a ResourceWarning each time).
rdflib_leaves_responses_open = pytest.mark.filterwarnings("ignore:unclosed:ResourceWarning")


@pytest.fixture(scope="module")
def sparqlstore(live_server):
    store = SPARQLStore(query_endpoint=live_server.endpoint)
    yield Graph(store=store)
    store.close()


@rdflib_leaves_responses_open
def test_sparqlstore_select(sparqlstore, expected_rows):
    result = sparqlstore.query(SELECT)
    got = sorted(
        (("s", "_:" if row.s.n3().startswith("_:") else row.s.n3()), ("label", row.label.n3())) for row in result
    )
    assert len(got) == len(expected_rows)
    assert sorted(label for _, (_, label) in got) == sorted(dict(r)["label"] for r in expected_rows)


@rdflib_leaves_responses_open
def test_sparqlstore_ask(sparqlstore):
    assert sparqlstore.query(ASK_TRUE).askAnswer is True
    assert sparqlstore.query(ASK_FALSE).askAnswer is False


@rdflib_leaves_responses_open
def test_sparqlstore_construct(sparqlstore, expected_graph):
    assert isomorphic(sparqlstore.query(CONSTRUCT).graph, expected_graph)


def test_counts_match_the_in_process_store(live_server, fixture_store):
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g ORDER BY ?g"
    body = wrapper(live_server, query, TSV).query().response.read()
    assert solutions(body, ox.QueryResultsFormat.TSV) == solutions(fixture_store.query(query, format="tsv").body,
                                                         ox.QueryResultsFormat.TSV)


def test_service_description_over_http(live_server):
    request = urllib.request.Request(live_server.endpoint, headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/turtle")
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        graph = Graph().parse(data=response.read(), format="turtle")
    assert len(graph) > 10


def get(url: str, timeout: float = 30):
    """(status, seconds) of a GET; errors are statuses too."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        exc.read()
        status = exc.code
        exc.close()
    return status, time.monotonic() - started


def test_runaway_query_over_http_while_others_are_answered(live_server):
    runaway = []
    thread = threading.Thread(
        target=lambda: runaway.append(get(live_server.endpoint + "?" + urllib.parse.urlencode({"query": RUNAWAY}))),
        daemon=True,
    )
    thread.start()
    time.sleep(0.2)
    quick_url = live_server.endpoint + "?" + urllib.parse.urlencode({"query": COUNT})
    quick, answered_during_runaway = [], 0
    while thread.is_alive() and len(quick) < 100:
        quick.append(get(quick_url))
        answered_during_runaway += thread.is_alive()
        time.sleep(0.02)
    thread.join(timeout=30)
    status, seconds = runaway[0]
    assert status == 503
    assert 1.5 < seconds < 10  # the limit is 2 s
    assert all(s == 200 for s, _ in quick)
    # several quick answers arrived while the runaway was still running: it did not block them
    assert answered_during_runaway >= 4
    assert max(t for _, t in quick) < 5.0  # a generous bound; the order above is what matters
