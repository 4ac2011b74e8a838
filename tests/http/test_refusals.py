"""No outbound request, ever; SERVICE refused; size limits."""

import socket
import threading
from urllib.parse import urlencode

import pytest

from nukg.web.app import create_app


class Listener:
    """A local TCP port that records every connection made to it."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener():
    target = Listener()
    yield target
    target.close()


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "select * where { service silent <{url}> { ?s ?p ?o } }",
    "SELECT * WHERE { ?x ?y ?z . { SELECT * WHERE { SeRvIcE <{url}> { ?s ?p ?o } } } }",
    "SELECT*{SERVICE<{url}>{?s ?p ?o}}",
    "PREFIX ex: <{url}> SELECT * WHERE { SERVICEex: { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o SERVICESILENT<{url}> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p 1SERVICE <{url}> { ?a ?b ?c } }",
    "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "ASK { SERVICE ?endpoint { ?s ?p ?o } VALUES ?endpoint { <{url}> } }",
    "CONSTRUCT WHERE { SERVICE <{url}> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
@pytest.mark.parametrize("app_name", ["app", "pooled_app"])
def test_service_is_refused_and_nothing_goes_out(request, listener, template, app_name):
    client = request.getfixturevalue(app_name).test_client()
    query = template.replace("{url}", listener.url)
    response = client.get("/sparql?" + urlencode({"query": query}))
    assert response.status_code == 403, response.data
    assert "SERVICE" in response.json["error"]
    assert listener.connections == 0


def test_service_refused_in_post_bodies(client, listener):
    query = SERVICE_QUERIES[0].replace("{url}", listener.url)
    assert client.post("/sparql", data=query, content_type="application/sparql-query").status_code == 403
    form = urlencode({"query": query})
    assert client.post("/sparql", data=form, content_type="application/x-www-form-urlencoded").status_code == 403
    assert listener.connections == 0


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?service ?p "SERVICE" } # SERVICE <x>',
        "PREFIX ex: <http://example.org/SERVICE/> SELECT * WHERE { ?s ex:service ?o }",
        'SELECT * WHERE { ?s ?p "x"@service }',
    ],
)
def test_the_word_service_elsewhere_is_fine(client, query):
    assert client.get("/sparql?" + urlencode({"query": query})).status_code == 200


def test_remote_graphs_are_never_fetched(client, listener):
    queries = [
        f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{listener.url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        response = client.get("/sparql?" + urlencode({"query": query}))
        assert response.status_code == 200
        assert response.json["results"]["bindings"] == []
    for param in ("default-graph-uri", "named-graph-uri"):
        response = client.get("/sparql?" + urlencode({"query": "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
                                                      param: listener.url}))
        assert response.json["boolean"] is False
    assert listener.connections == 0


@pytest.fixture(scope="module")
def small_limits(project_root, local_store):
    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0, "NUKG_MAX_QUERY_BYTES": 200},
                     store=local_store)
    return app.test_client()


def long_query(n: int) -> str:
    return "SELECT * WHERE { ?s ?p ?o } " + "#" * n


def test_long_query_in_url(small_limits):
    assert small_limits.get("/sparql?" + urlencode({"query": long_query(100)})).status_code == 200
    response = small_limits.get("/sparql?" + urlencode({"query": long_query(300)}))
    assert response.status_code == 413
    assert "200 bytes" in response.json["error"]


def test_long_query_in_body(small_limits):
    response = small_limits.post("/sparql", data=long_query(300), content_type="application/sparql-query")
    assert response.status_code == 413


def test_long_body(small_limits):
    body = urlencode({"query": "ASK {}", "padding": "x" * 5000})
    response = small_limits.post("/sparql", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert response.json["status"] == 413


@pytest.mark.parametrize("workers", [0, 1], ids=["in-process", "pooled"])
def test_result_larger_than_the_limit_is_an_error_not_a_truncation(project_root, workers):
    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": workers, "NUKG_MAX_RESULT_BYTES": 500})
    try:
        client = app.test_client()
        assert client.get("/sparql?" + urlencode({"query": "ASK {}"})).status_code == 200
        response = client.get("/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}))
        assert response.status_code == 422
        assert "500 bytes" in response.json["error"]
    finally:
        app.extensions["nukg.store"].close()
