"""The remote store as its users meet it: `nukg publish` then queries over HTTP, the same refusals, the limits
kept on this side (time, size), and a store that is down or misbehaves said plainly, its internals kept out."""

import base64
import http.client
import json
import logging
import time
import urllib.request
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from oxigraph_server import remote_app
from fake_endpoints import Canned, dripping, stalling
from oxigraph_server import OxigraphServer, nukg
from support.live import Server, free_port
from support.paths import FIXTURE_PROJECT
from support.settings import RUNAWAY

from nukg.core.namespaces import PREFIX_IRIS
from nukg.store.endpoint import Deadline, Endpoint, TooLarge
from nukg.web.app import create_app

ASK_SUMMIT = "ASK { nuk:bucharest-summit-2008 a nuo:Summit }"
SELECT_ALL = "SELECT * WHERE { ?s ?p ?o }"


def ask_directly(server: OxigraphServer, query: str) -> dict:
    """The Oxigraph server's own answer, without this project's code in between."""
    request = urllib.request.Request(server.query_url, data=urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def sparql(client, query: str, accept: str = "application/sparql-results+json"):
    return client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})


@pytest.fixture(scope="module")
def local_app():
    return create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0})


# --- publish, then query -----------------------------------------------------------------------


def test_publish_puts_every_graph_and_their_union_in_the_store(fixture_server, graph):
    output = fixture_server.publish_output
    counted = ask_directly(fixture_server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    in_store = {row["g"]["value"]: int(row["n"]["value"]) for row in counted["results"]["bindings"]}
    assert in_store == {str(name): len(part) for name, part in graph.named_graphs().items()}
    for name, triples in in_store.items():
        assert f"<{name}>: {triples} triples" in output
    default = ask_directly(fixture_server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(default["results"]["bindings"][0]["n"]["value"]) == len(graph.union)
    assert f"Version {graph.version}: 4 graphs loaded" in output


def test_answers_and_etags_are_those_of_the_embedded_store(client, local_app, graph):
    query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?s ?label WHERE { ?s rdfs:label ?label FILTER isIRI(?s) } ORDER BY ?s ?label"
    remote, local = sparql(client, query), sparql(local_app.test_client(), query)
    assert remote.status_code == local.status_code == 200
    assert remote.json == local.json and remote.json["results"]["bindings"]
    assert remote.headers["ETag"] == local.headers["ETag"]
    assert sparql(client, query).json == remote.json
    answers = client.application.extensions["nukg.answers"]
    assert answers.max_bytes == 0 and len(answers) == 0  # a remote store may be loaded again: nothing is kept
    health = client.get("/-/health").json
    assert health["version"] == graph.version
    assert health["query_timeout"] == client.application.config["NUKG_QUERY_TIMEOUT"]  # enforced on this side


def test_a_store_holding_other_data_is_served_under_another_version(tmp_path, graph, caplog):
    with OxigraphServer(tmp_path / "data", tmp_path / "log") as empty:
        with caplog.at_level(logging.WARNING):
            application = remote_app(FIXTURE_PROJECT, empty.query_url)
        client = application.test_client()
        assert client.get("/-/health").json["version"] != graph.version
        assert "nukg publish" in caplog.text
        assert sparql(client, ASK_SUMMIT).json["boolean"] is False  # it answers from what it holds
        application.extensions["nukg.store"].close()


def test_nukg_serve_with_store_answers_from_it(fixture_server, tmp_path):
    server = Server(FIXTURE_PROJECT, tmp_path / "serve.log", "--store", fixture_server.query_url)
    try:
        assert server.wait_ready() is not None, server.log
        url = server.endpoint + "?" + urlencode({"query": ASK_SUMMIT})
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/json"})) as answer:
            assert json.loads(answer.read())["boolean"] is True
        assert f"to the store at {fixture_server.query_url}" in server.log
    finally:
        assert server.stop() == 0, server.log


# --- the same refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize("query, status", [
    ("INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }", 403),
    ("LOAD <http://127.0.0.1:1/x.ttl>", 403),
    ("DROP ALL", 403),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", 403),
])
def test_refused_queries_never_reach_the_store(query, status):
    with Canned(200, "application/sparql-results+json", b'{"head":{},"boolean":true}') as store:
        application = remote_app(FIXTURE_PROJECT, store.url)
        counted = store.requests  # the count of the graphs at start
        response = application.test_client().post("/sparql", data={"query": query})
        assert response.status_code == status, response.get_data(as_text=True)
        assert store.requests == counted


def test_an_update_leaves_the_published_store_as_it_was(client, fixture_server):
    response = client.post("/sparql", data={"update": "DROP ALL"})
    assert response.status_code in (400, 403, 415)
    assert ask_directly(fixture_server, "PREFIX nuk: <https://w3id.org/nato-ukraine-kg/id/> "
                        "PREFIX nuo: <https://w3id.org/nato-ukraine-kg/ontology/> " + ASK_SUMMIT)["boolean"] is True


def test_syntax_errors_read_as_with_the_embedded_store(client, local_app):
    for query in ("SELECT * WHERE { ?s ?p ", "SELECT * WHERE { ?s nope:p ?o }", "SELEC * {}"):
        remote, local = sparql(client, query), sparql(local_app.test_client(), query)
        assert remote.status_code == local.status_code == 400
        assert {**remote.json, "request_id": None} == {**local.json, "request_id": None}


# --- the limits, kept on this side -------------------------------------------------------------


@pytest.mark.parametrize("misbehaving", [stalling, dripping], ids=["never-answers", "one-byte-at-a-time"])
def test_a_slow_store_gets_the_time_out_of_an_embedded_query(misbehaving):
    with misbehaving() as store:
        application = remote_app(FIXTURE_PROJECT, store.url, NUKG_QUERY_TIMEOUT=1.0)
        response = sparql(application.test_client(), SELECT_ALL)
        assert response.status_code == 503
        assert "longer than the limit of 1 s" in response.json["error"]
        application.extensions["nukg.store"].close()


def canned_large() -> Canned:
    return Canned(200, "application/sparql-results+json", b" " * 1000)  # HTTP/1.0: it closes after the answer


@pytest.mark.parametrize("store_of, deadline, limit, refusal", [
    (dripping, 0.5, 0, Deadline), (canned_large, 10.0, 100, TooLarge),
], ids=["past-the-deadline", "larger-than-the-limit"])
def test_an_answer_given_up_while_read_closes_its_socket_at_once(monkeypatch, store_of, deadline, limit, refusal):
    """A store that closes after its answer hands the socket to that answer: giving up must close it there,
    not when the garbage collector comes by (until then the socket leaks, and the collector warns)."""
    sockets = []
    connect = http.client.HTTPConnection.connect
    monkeypatch.setattr(http.client.HTTPConnection, "connect", lambda conn: (connect(conn), sockets.append(conn.sock)))
    with store_of() as store:
        endpoint = Endpoint(store.url)
        with pytest.raises(refusal) as caught:
            endpoint.request("GET", deadline=time.monotonic() + deadline, limit=limit)
        assert len(sockets) == 1
        assert sockets[0].fileno() == -1, "the socket stayed open after the refusal"
        assert caught.value is not None  # (the refusal, and all its traceback holds, alive until here)
        endpoint.close()


def test_a_runaway_query_is_stopped_at_the_time_limit_and_the_server_goes_on(fixture_server):
    application = remote_app(FIXTURE_PROJECT, fixture_server.query_url, NUKG_QUERY_TIMEOUT=1.0)
    client = application.test_client()
    response = client.post("/sparql", data={"query": RUNAWAY})  # evaluated before any row comes: nothing here
    assert response.status_code == 503 and "longer than the limit of 1 s" in response.json["error"]
    assert sparql(client, "ASK { ?s ?p ?o }").json["boolean"] is True
    application.extensions["nukg.store"].close()


def test_an_answer_larger_than_the_limit_is_refused_while_it_is_read(fixture_server):
    application = remote_app(FIXTURE_PROJECT, fixture_server.query_url, NUKG_MAX_RESULT_BYTES=300)
    response = sparql(application.test_client(), SELECT_ALL)
    assert response.status_code == 422
    assert "larger than the limit of 300 bytes" in response.json["error"]
    assert sparql(application.test_client(), "ASK {}").status_code == 200  # a small one still comes
    application.extensions["nukg.store"].close()


# --- a store that is down or misbehaves ------------------------------------------------------------


def test_an_unreachable_store_is_503_saying_what_to_do():
    port = free_port()  # nothing listens there
    application = remote_app(FIXTURE_PROJECT, f"http://127.0.0.1:{port}/query")
    client = application.test_client()
    response = sparql(client, SELECT_ALL)
    assert response.status_code == 503 and response.headers["Retry-After"]
    said = response.get_data(as_text=True)
    assert "cannot be reached" in response.json["error"] and "Try again" in response.json["error"]
    assert str(port) not in said and "refused" not in said.lower()
    assert client.get("/-/ready").status_code == 503


@pytest.mark.parametrize("status, content_type, body, expected, words", [
    (500, "text/plain", b"java.lang.NullPointerException at org.apache.jena.sparql.Engine", 502, "failed"),
    (200, "application/x-unheard-of", b"...", 502, "cannot read"),
    (200, "application/sparql-results+json", b'{"head": {"vars": [', 502, "cannot read"),
    (400, "text/plain", b"Lexical error at line 1 in /srv/fuseki/run", 400, "could not read or run the query"),
    (400, "text/plain", b'javacc: Encountered "}" at line 2, column 7 in org.apache.jena', 400, "line 1, column 7"),
    (503, "text/plain", b"overloaded: 812 queries in /var/lib/store", 503, "busy"),
    (401, "text/plain", b"realm=secret", 502, "refused"),
], ids=["500", "unknown-type", "broken-json", "400", "400-at-a-place", "503", "401"])
def test_store_errors_are_said_without_its_internals(status, content_type, body, expected, words):
    with Canned(status, content_type, body) as store:
        application = remote_app(FIXTURE_PROJECT, store.url)
        response = sparql(application.test_client(), "SELECT * WHERE { ?s ?p ?o }", accept="text/csv")
        assert response.status_code == expected
        said = response.get_data(as_text=True)
        assert words in response.json["error"]
        for internal in (body.decode()[:12], "127.0.0.1", "java", "/srv", "/var"):
            assert internal not in said
        application.extensions["nukg.store"].close()


# --- publishing errors ------------------------------------------------------------------------------


def test_publish_to_an_unreachable_store_exits_2():
    url = f"http://127.0.0.1:{free_port()}/store"
    result = nukg("publish", "--root", str(FIXTURE_PROJECT), url)
    assert result.returncode == 2
    assert "cannot connect" in result.stderr and "Is the store running" in result.stderr


def test_publish_to_a_url_that_refuses_writes_exits_2(fixture_server):
    result = nukg("publish", "--root", str(FIXTURE_PROJECT), fixture_server.query_url)  # not its /store
    assert result.returncode == 2
    assert "refused" in result.stderr and "404" in result.stderr and "Graph Store Protocol URL" in result.stderr


def test_publish_refuses_invalid_data_and_sends_nothing(tmp_path):
    root = tmp_path / "project"
    for folder in ("ontology", "shapes", "data"):
        (root / folder).mkdir(parents=True)
    prefixes = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIX_IRIS.items())
    (root / "ontology" / "o.ttl").write_text(prefixes + 'nuo:Summit a owl:Class ; rdfs:label "Summit"@en .\n')
    (root / "shapes" / "s.ttl").write_text(prefixes + "nus:SummitShape a sh:NodeShape ; sh:targetClass nuo:Summit ; "
                                           "sh:property [ sh:path rdfs:label ; sh:minCount 1 ] .\n")
    (root / "data" / "d.ttl").write_text(prefixes + "nuk:a-summit a nuo:Summit .\n")  # no label
    with Canned(201, "text/plain", b"") as store:
        result = nukg("publish", "--root", str(root), store.url)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "not publishing data that does not conform" in result.stderr
        assert store.requests == 0


# --- named queries' parameters ---------------------------------------------------------------------


def test_parameters_bound_by_values_answer_as_substitutions():
    from nukg.store.remote import with_values

    store = ox.Store()
    ex = "https://example.org/"
    store.extend([ox.Quad(ox.NamedNode(ex + s), ox.NamedNode(ex + "p"), ox.Literal(o)) for s, o in
                  (("a", "1"), ("b", "2"), ("c", "2"))])
    bindings = {ox.Variable("_o"): ox.Literal("2")}
    for query in ("CONSTRUCT { ?s <https://example.org/q> ?_o } WHERE { ?s <https://example.org/p> ?_o }",
                  "SELECT ?s ?_o (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER (?o = ?_o) } GROUP BY ?s ?_o ORDER BY ?s"):
        substituted = store.query(query, substitutions=bindings)
        bound = store.query(with_values(query, bindings))
        if isinstance(substituted, ox.QueryTriples):
            assert sorted(map(str, substituted)) == sorted(map(str, bound)) and len(list(store.query(query))) == 3
        else:
            assert [str(row) for row in substituted] == [str(row) for row in bound]


def test_a_user_and_password_in_the_url_go_as_basic_authentication_and_are_never_shown():
    with Canned(201, "text/plain", b"") as store:
        url = store.url.replace("http://", "http://editor:s%40cret@")
        result = nukg("publish", "--root", str(FIXTURE_PROJECT), url)
        assert result.returncode == 0, result.stderr
        assert store.authorizations == ["Basic " + base64.b64encode(b"editor:s@cret").decode()] * 4
        assert "cret" not in result.stdout + result.stderr
