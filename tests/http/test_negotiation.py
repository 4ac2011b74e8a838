"""Answers in every format, chosen by Accept or ``format``; bodies compared as data, never as text."""

import csv
import io
import json
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from support.pages import check_policy
from support.rdf import solutions

SELECT = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label"
)
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/nato-ukraine-kg/graph/data> { ?s ?p ?o } }"


def get(client, query, accept=None, **params):
    headers = {"Accept": accept} if accept is not None else {}
    return client.get("/sparql?" + urlencode({"query": query, **params}), headers=headers)


def parse_graph(data: bytes, rdflib_format: str) -> Graph:
    """rdflib reads the answer, except JSON-LD: its JSON-LD parser warns (ConjunctiveGraph), so
    pyoxigraph reads that one and hands rdflib N-Triples."""
    if rdflib_format == "json-ld":
        triples = ox.parse(data, format=ox.RdfFormat.JSON_LD)
        data, rdflib_format = ox.serialize(triples, format=ox.RdfFormat.N_QUADS), "nt"
    return Graph().parse(data=data, format=rdflib_format)


@pytest.fixture(scope="module")
def expected_rows(local_store):
    return solutions(local_store.query(SELECT, format="json").body, ox.QueryResultsFormat.JSON)


@pytest.fixture(scope="module")
def expected_graph(local_store):
    return Graph().parse(data=local_store.query(CONSTRUCT, format="nt").body, format="nt")


@pytest.mark.parametrize(
    "accept, media_type, reader",
    [
        ("application/sparql-results+json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("application/json", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/xml", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ],
)
def test_select_formats(client, expected_rows, accept, media_type, reader):
    response = get(client, SELECT, accept)
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert solutions(response.data, reader) == expected_rows


def test_select_csv(client, expected_rows):
    response = get(client, SELECT, "text/csv")
    assert response.content_type == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["s", "label"]
    assert len(rows) - 1 == len(expected_rows)  # CSV drops datatypes and languages, so count only


def test_select_html_table(client):
    response = get(client, SELECT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
    assert response.content_type == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<table class="answer">' in page and "nuk:bucharest-summit-2008" in page and "Bucharest Summit" in page
    assert "&lt;" not in page.split("<main>")[0]  # the page itself is HTML, escaped values only in cells


def test_ask_formats(client):
    for accept, reader in (("application/sparql-results+json", ox.QueryResultsFormat.JSON),
                           ("application/sparql-results+xml", ox.QueryResultsFormat.XML)):
        response = get(client, "ASK { ?s ?p ?o }", accept)
        assert bool(ox.parse_query_results(response.data, format=reader)) is True


@pytest.mark.parametrize(
    "accept, media_type, rdflib_format",
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/json", "application/ld+json", "json-ld"),
        ("text/n3", "text/turtle", "turtle"),
    ],
)
def test_construct_formats(client, expected_graph, accept, media_type, rdflib_format):
    response = get(client, CONSTRUCT, accept)
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert isomorphic(parse_graph(response.data, rdflib_format), expected_graph)


@pytest.mark.parametrize("accept, reader", [("application/n-quads", ox.RdfFormat.N_QUADS),
                                            ("application/trig", ox.RdfFormat.TRIG)])
def test_construct_as_dataset_formats(client, expected_graph, accept, reader):
    response = get(client, CONSTRUCT, accept)
    assert response.mimetype == accept
    quads = list(ox.parse(response.data, format=reader))
    assert all(q.graph_name == ox.DefaultGraph() for q in quads)  # a graph answer is the default graph
    ntriples = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    assert isomorphic(Graph().parse(data=ntriples, format="nt"), expected_graph)


def test_describe_html_page(client):
    response = get(client, "DESCRIBE <https://w3id.org/nato-ukraine-kg/id/nato>", "text/html")
    assert response.content_type == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<table class="answer">' in page and "<th scope=\"col\">predicate</th>" in page
    assert 'href="/doc/nato"' in page  # the subject, linked to its page here


@pytest.mark.parametrize(
    "query, media_type",
    [(SELECT, "application/sparql-results+json"), ("ASK {}", "application/sparql-results+json"),
     (CONSTRUCT, "text/turtle"), ("DESCRIBE <http://example.org/>", "text/turtle")],
)
@pytest.mark.parametrize("accept", [None, "", "*/*"])
def test_defaults(client, query, media_type, accept):
    assert get(client, query, accept).mimetype == media_type


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("text/tab-separated-values, */*;q=0.1", "text/tab-separated-values"),
        ("text/csv, */*", "text/csv"),
        ("application/sparql-results+json;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("image/png, */*;q=0.01", "application/sparql-results+json"),
    ],
)
def test_accept_quality_and_wildcards(client, accept, expected):
    assert get(client, SELECT, accept).mimetype == expected


@pytest.mark.parametrize(
    "fmt, query, expected",
    [
        ("csv", SELECT, "text/csv"),
        ("tsv", SELECT, "text/tab-separated-values"),
        ("xml", SELECT, "application/sparql-results+xml"),
        ("json", SELECT, "application/sparql-results+json"),
        ("text/csv", SELECT, "text/csv"),
        ("json", CONSTRUCT, "application/ld+json"),
        ("xml", CONSTRUCT, "application/rdf+xml"),
        ("ttl", CONSTRUCT, "text/turtle"),
        ("nt", CONSTRUCT, "application/n-triples"),
        ("application/rdf+xml", CONSTRUCT, "application/rdf+xml"),
    ],
)
def test_format_parameter_beats_accept(client, fmt, query, expected):
    assert get(client, query, "application/sparql-results+json, text/turtle", format=fmt).mimetype == expected


def test_repeated_format_parameter_takes_the_first_known(client):
    url = "/sparql?" + urlencode([("query", SELECT), ("format", "nonsense"), ("format", "text/tab-separated-values")])
    assert client.get(url).mimetype == "text/tab-separated-values"


@pytest.mark.parametrize(
    "query, accept, kind_media_type",
    [
        (SELECT, "text/turtle", "application/sparql-results+json"),
        (SELECT, "image/png, */*;q=0", "application/sparql-results+json"),
        (CONSTRUCT, "text/csv", "text/turtle"),
        (CONSTRUCT, "application/sparql-results+json", "text/turtle"),
    ],
)
def test_not_acceptable_lists_what_exists(client, query, accept, kind_media_type):
    response = get(client, query, accept)
    assert response.status_code == 406
    assert kind_media_type in response.json["available"]
    assert kind_media_type in response.json["error"]


def test_unknown_format_parameter_is_not_acceptable(client):
    response = get(client, SELECT, format="yaml")
    assert response.status_code == 406
    assert "csv" in response.json["error"]


def test_errors_are_html_for_browsers(client):
    response = get(client, "ASK {", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert response.status_code == 400
    assert response.content_type == "text/html; charset=utf-8"
    assert "400 Bad Request" in response.get_data(as_text=True)


def test_errors_are_json_for_machines(client):
    response = get(client, "ASK {", "application/sparql-results+json")
    assert response.status_code == 400
    assert response.mimetype == "application/json"
    body = json.loads(response.data)
    assert body["ok"] is False and body["status"] == 400 and "error at" in body["error"]


def test_html_answers_link_only_web_iris(client):
    query = 'SELECT ?x ?y WHERE { BIND(IRI("javascript:alert(1)") AS ?x) BIND(IRI("https://example.org/a") AS ?y) }'
    response = get(client, query, "text/html")
    page = response.get_data(as_text=True)
    assert 'href="javascript:' not in page
    assert '<a href="https://example.org/a" ' in page
    check_policy(response.headers)
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_html_answers_escape_values(client):
    response = get(client, 'SELECT ?x WHERE { BIND("<script>alert(1)</script>" AS ?x) }', "text/html")
    page = response.get_data(as_text=True)
    assert "<script>" not in page and "&lt;script&gt;" in page
