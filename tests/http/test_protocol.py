"""The W3C SPARQL 1.1 Protocol test suite, adapted to this endpoint and its data.

The suite (w3c/rdf-tests, sparql/sparql11/protocol/manifest.ttl) loads its
graphs from remote URLs named in the request; this endpoint never fetches
anything, so the dataset tests use the store's own named graphs instead.
Query tests must succeed; update tests must get a 4xx and change nothing.
"""

import json
from urllib.parse import urlencode

import pytest

from nukg.core.namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH

ONTOLOGY, DATA, INFERRED = str(ONTOLOGY_GRAPH), str(DATA_GRAPH), str(INFERRED_GRAPH)
PREFIXES = (
    "PREFIX nuk: <https://w3id.org/nato-ukraine-kg/id/>\n"
    "PREFIX nuo: <https://w3id.org/nato-ukraine-kg/ontology/>\n"
    "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
)
# nuo:Summit is declared in the ontology graph, the summit's type in the data
# graph, and its inferred type nuo:Event in the inferred graph.
IN_TWO_DEFAULT_GRAPHS = PREFIXES + "ASK { nuk:bucharest-summit-2008 a nuo:Event . nuo:Event a owl:Class }"
IN_TWO_NAMED_GRAPHS = PREFIXES + (
    "ASK { GRAPH ?g1 { nuk:bucharest-summit-2008 a nuo:Summit } GRAPH ?g2 { nuk:bucharest-summit-2008 a nuo:Event } }"
)
FULL_DATASET = PREFIXES + (
    "ASK { nuo:Summit a owl:Class "
    "GRAPH ?g1 { nuk:bucharest-summit-2008 a nuo:Summit } GRAPH ?g2 { nuk:bucharest-summit-2008 a nuo:Event } }"
)


def qs(*pairs):
    return urlencode(pairs)


def boolean(response) -> bool:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype in ("application/sparql-results+json", "application/sparql-results+xml")
    return json.loads(response.data)["boolean"]


# --- query tests ---------------------------------------------------------------


def test_query_post_form(client):
    response = client.post(
        "/sparql?" + qs(("default-graph-uri", DATA)),
        data="query=ASK%20%7B%7D",
        content_type="application/x-www-form-urlencoded",
    )
    assert boolean(response) is True


def test_query_get(client):
    assert boolean(client.get("/sparql?" + qs(("query", "ASK {}"), ("default-graph-uri", DATA)))) is True


def test_query_post_direct(client):
    assert boolean(client.post("/sparql", data="ASK {}", content_type="application/sparql-query")) is True


def test_dataset_default_graphs_get(client):
    url = "/sparql?" + qs(("query", IN_TWO_DEFAULT_GRAPHS), ("default-graph-uri", INFERRED),
                          ("default-graph-uri", ONTOLOGY))
    assert boolean(client.get(url)) is True
    # with one of the two graphs only, the answer changes: the graphs really were merged
    one = "/sparql?" + qs(("query", IN_TWO_DEFAULT_GRAPHS), ("default-graph-uri", INFERRED))
    assert boolean(client.get(one)) is False


def test_dataset_default_graphs_post(client):
    url = "/sparql?" + qs(("default-graph-uri", INFERRED), ("default-graph-uri", ONTOLOGY))
    response = client.post(url, data=IN_TWO_DEFAULT_GRAPHS, content_type="application/sparql-query")
    assert boolean(response) is True


def test_dataset_named_graphs_post(client):
    url = "/sparql?" + qs(("named-graph-uri", DATA), ("named-graph-uri", INFERRED))
    response = client.post(url, data=IN_TWO_NAMED_GRAPHS, content_type="application/sparql-query")
    assert boolean(response) is True


def test_dataset_named_graphs_get(client):
    url = "/sparql?" + qs(("query", IN_TWO_NAMED_GRAPHS), ("named-graph-uri", DATA), ("named-graph-uri", INFERRED))
    assert boolean(client.get(url)) is True
    only_data = "/sparql?" + qs(("query", IN_TWO_NAMED_GRAPHS), ("named-graph-uri", DATA))
    assert boolean(client.get(only_data)) is False


def test_named_graphs_alone_leave_the_default_graph_empty(client):
    url = "/sparql?" + qs(("query", "ASK { ?s ?p ?o }"), ("named-graph-uri", DATA))
    assert boolean(client.get(url)) is False


def test_dataset_full(client):
    url = "/sparql?" + qs(("default-graph-uri", ONTOLOGY), ("named-graph-uri", DATA), ("named-graph-uri", INFERRED))
    response = client.post(url, data=FULL_DATASET, content_type="application/sparql-query")
    assert boolean(response) is True


def test_protocol_dataset_overrides_the_query_dataset(client):
    query = PREFIXES + "ASK FROM NAMED <%s> { GRAPH ?g { nuk:bucharest-summit-2008 a nuo:Summit } }" % ONTOLOGY
    assert boolean(client.post("/sparql", data=query, content_type="application/sparql-query")) is False
    url = "/sparql?" + qs(("named-graph-uri", DATA))
    assert boolean(client.post(url, data=query, content_type="application/sparql-query")) is True


def test_from_names_a_graph_of_the_store(client):
    query = PREFIXES + "ASK FROM <%s> { nuo:Summit a owl:Class }"
    assert boolean(client.get("/sparql?" + qs(("query", query % ONTOLOGY)))) is True
    assert boolean(client.get("/sparql?" + qs(("query", query % DATA)))) is False


def test_default_graph_is_the_union_without_duplicates(client, graph):
    response = client.get("/sparql?" + qs(("query", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")))
    n = int(json.loads(response.data)["results"]["bindings"][0]["n"]["value"])
    assert n == len(graph.union)


@pytest.mark.parametrize(
    "query, allowed",
    [
        ("SELECT (1 AS ?value) {}", {"application/sparql-results+xml", "application/sparql-results+json",
                                      "text/tab-separated-values", "text/csv"}),
        ("ASK {}", {"application/sparql-results+xml", "application/sparql-results+json"}),
        ("DESCRIBE <http://example.org/>", {"application/rdf+xml", "text/turtle", "application/n-triples"}),
        ("CONSTRUCT { <http://example.org/s> <http://example.org/p> 1 } WHERE {}",
         {"application/rdf+xml", "text/turtle", "application/n-triples"}),
    ],
    ids=["select", "ask", "describe", "construct"],
)
def test_query_content_type(client, query, allowed):
    url = "/sparql?" + qs(("default-graph-uri", DATA))
    response = client.post(url, data=query, content_type="application/sparql-query")
    assert response.status_code == 200
    assert response.mimetype in allowed


# --- malformed requests --------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_bad_query_method(client, method):
    response = client.open("/sparql?" + qs(("query", "ASK {}")), method=method,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
    assert response.json["status"] == 405


def test_bad_multiple_queries(client):
    response = client.get("/sparql?" + qs(("query", "ASK {}"), ("query", "SELECT * {}")))
    assert response.status_code == 400
    assert "exactly one query" in response.json["error"]


def test_query_in_url_and_body_is_two_queries(client):
    response = client.post("/sparql?" + qs(("query", "ASK {}")), data="ASK {}", content_type="application/sparql-query")
    assert response.status_code == 400


def test_bad_query_wrong_media_type(client):
    response = client.post("/sparql", data="ASK {}", content_type="text/plain")
    assert response.status_code == 415
    assert "application/sparql-query" in response.json["error"]


@pytest.mark.parametrize("body", [b"query=ASK%20%7B%7D", b"ASK {}"], ids=["form-body", "direct-body"])
def test_bad_query_missing_content_type(client, body):
    response = client.post("/sparql", data=body)
    assert response.status_code == 415
    assert "has none" in response.json["error"]


def test_bad_query_non_utf8_charset(client):
    body = "ASK {}".encode("utf-16")
    response = client.post("/sparql", data=body, content_type="application/sparql-query; charset=UTF-16")
    assert response.status_code == 415


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("ASK {}".encode("utf-16"), "application/sparql-query"),
        (b"ASK { ?s ?p '\xe9' }", "application/sparql-query"),
        (b"query=ASK%20%7B%20%3Fs%20%3Fp%20%27%E9%27%20%7D", "application/x-www-form-urlencoded"),
    ],
    ids=["utf16-body", "latin1-body", "latin1-escape"],
)
def test_body_that_is_not_utf8(client, body, content_type):
    response = client.post("/sparql", data=body, content_type=content_type)
    assert response.status_code == 400
    assert "UTF-8" in response.json["error"]


def test_utf8_charset_is_welcome(client):
    response = client.post("/sparql", data="ASK { FILTER('é' = 'é') }".encode(),
                           content_type="application/sparql-query; charset=utf-8")
    assert boolean(response) is True


def test_bad_query_syntax_gives_the_position(client):
    response = client.get("/sparql?" + qs(("query", "ASK {")))
    assert response.status_code == 400
    assert "error at 1:" in response.json["error"]


def test_missing_query(client):
    assert client.post("/sparql", data="", content_type="application/x-www-form-urlencoded").status_code == 400
    assert client.get("/sparql?" + qs(("default-graph-uri", DATA))).status_code == 400


def test_bad_dataset_iri(client):
    response = client.get("/sparql?" + qs(("query", "ASK {}"), ("default-graph-uri", "not an iri")))
    assert response.status_code == 400
    assert "default-graph-uri" in response.json["error"]


# --- update tests: refused, nothing changes ------------------------------------

UPDATE = PREFIXES + "INSERT DATA { GRAPH <http://example.org/g> { nuk:nato a nuo:Intruder } }"
UPDATE_REQUESTS = [
    ("update_post_direct", "POST", "/sparql", UPDATE, "application/sparql-update"),
    ("update_post_form", "POST", "/sparql", qs(("update", UPDATE)), "application/x-www-form-urlencoded"),
    ("update_dataset_default_graph", "POST", "/sparql?" + qs(("using-graph-uri", DATA)), "CLEAR ALL ; " + UPDATE,
     "application/sparql-update"),
    ("update_dataset_named_graphs", "POST", "/sparql?" + qs(("using-named-graph-uri", DATA)), "DROP ALL",
     "application/sparql-update"),
    ("update_base_uri", "POST", "/sparql", "BASE <http://example.org/> INSERT DATA { <s> <p> <o> }",
     "application/sparql-update"),
    ("bad_update_get", "GET", "/sparql?" + qs(("update", "CLEAR ALL")), None, None),
    ("bad_multiple_updates", "POST", "/sparql", qs(("update", "CLEAR NAMED"), ("update", "CLEAR DEFAULT")),
     "application/x-www-form-urlencoded"),
    ("bad_update_wrong_media_type", "POST", "/sparql", "CLEAR NAMED", "text/plain"),
    ("bad_update_missing_form_type", "POST", "/sparql", "update=CLEAR%20NAMED", None),
    ("bad_update_non_utf8", "POST", "/sparql", "CLEAR NAMED".encode("utf-16"), "application/sparql-update; charset=UTF-16"),
    ("bad_update_syntax", "POST", "/sparql", "INSERT DATA { <s> <p> }", "application/sparql-update"),
    ("bad_update_dataset_conflict", "POST", "/sparql?" + qs(("using-graph-uri", DATA)),
     "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/sparql-update"),
    ("update_as_query_parameter", "GET", "/sparql?" + qs(("query", UPDATE)), None, None),
    ("update_as_query_body", "POST", "/sparql", UPDATE, "application/sparql-query"),
    ("load", "POST", "/sparql", "LOAD <http://example.org/data.ttl>", "application/sparql-query"),
]


@pytest.mark.parametrize("name, method, url, body, content_type", UPDATE_REQUESTS, ids=[r[0] for r in UPDATE_REQUESTS])
def test_updates_are_refused_and_change_nothing(client, name, method, url, body, content_type):
    count = "/sparql?" + qs(("query", "SELECT (COUNT(*) AS ?n) { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"))
    before = client.get(count).data
    response = client.open(url, method=method, data=body, content_type=content_type)
    assert 400 <= response.status_code < 500, response.data
    assert response.json["ok"] is False and response.json["error"]
    assert client.get(count).data == before
    intruder = PREFIXES + "ASK { { nuk:nato a nuo:Intruder } UNION { GRAPH ?g { nuk:nato a nuo:Intruder } } }"
    assert boolean(client.get("/sparql?" + qs(("query", intruder)))) is False


def test_update_refusal_says_read_only(client):
    response = client.post("/sparql", data=UPDATE, content_type="application/sparql-update")
    assert response.status_code == 403
    assert "read-only" in response.json["error"]
