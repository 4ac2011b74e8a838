"""GET and HEAD /sparql answered in front of Flask (nukg.web.fastpath) say exactly what Flask's view says.

Each request goes once through the app as served (the fast path first) and once straight to Flask's
own wsgi_app; status, headers (the request id aside) and body must be the same.  The fast path must
also have answered alone what it answers (Flask's wsgi_app not called), and handed the rest on.
"""

from urllib.parse import urlencode

import pytest
from support.paths import FIXTURE_PROJECT
from werkzeug.test import Client

from nukg.web.app import create_app
from nukg.web.fastpath import FastPath

SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/nato-ukraine-kg/ontology/Summit> } ORDER BY ?s"
CONSTRUCT = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def app():
    return create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0, "NUKG_CLIENT_HEADER": "X-Client"})


class Counting:
    """Flask's wsgi_app, counting its calls."""

    def __init__(self, inner):
        self.inner, self.calls = inner, 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.inner(environ, start_response)


def both(app, method, params=None, headers=None, url="/sparql", **environ):
    """(what the served app says, what Flask's view says, whether Flask was called for the first)."""
    fast: FastPath = app.wsgi_app
    flask = Counting(fast.flask)
    served = FastPath(app, flask)
    path = url + ("?" + urlencode(params, doseq=True) if params is not None else "")
    said = []
    for wsgi in (served, flask.inner):
        response = Client(wsgi).open(path, method=method, headers=headers or {}, environ_overrides=environ)
        said.append((response.status_code, sorted((k, v) for k, v in response.headers.items() if k != "X-Request-Id"),
                     response.get_data()))
        response.close()
    return said[0], said[1], flask.calls > 0


ANSWERED_HERE = [
    ("GET", {"query": SELECT}, {}),
    ("GET", {"query": SELECT}, {"Accept": JSON}),
    ("HEAD", {"query": SELECT}, {"Accept": JSON}),
    ("GET", {"query": SELECT, "format": "csv"}, {}),  # a download, with its file name
    ("GET", {"query": SELECT, "format": ["tsv", "text/tab-separated-values"]}, {}),
    ("GET", {"query": CONSTRUCT}, {"Accept": "text/turtle"}),
    ("GET", {"query": CONSTRUCT}, {"Accept": "application/ld+json;q=0.9, */*;q=0.1"}),
    ("GET", {"query": SELECT, "default-graph-uri": "https://w3id.org/nato-ukraine-kg/graph/data"}, {}),
    ("GET", {"query": SELECT, "named-graph-uri": ["urn:x:a", "urn:x:b"]}, {}),
    ("GET", {"query": SELECT + " # not RAND()"}, {"Accept": JSON}),  # may be volatile: no-store
    ("GET", {"query": "\ufeff" + SELECT}, {}),  # a byte order mark is dropped
    ("GET", {"query": SELECT, "edit": "0"}, {}),
    ("GET", {"query": SELECT}, {"X-Client": "a, b", "X-Request-Id": "given-id"}),
]


@pytest.mark.parametrize(("method", "params", "headers"), ANSWERED_HERE)
def test_the_fast_path_answers_as_flask_would(app, method, params, headers):
    for _ in range(2):  # a fresh answer, then the kept one
        served, flask, handed_on = both(app, method, params, headers)
        assert served == flask
        assert not handed_on
        assert served[0] == 200


def test_a_304_is_the_same_and_answered_here(app):
    served, _, _ = both(app, "GET", {"query": SELECT})
    etag = dict(served[1])["ETag"]
    for tags in (etag, f'"other", {etag}', "*"):
        served, flask, handed_on = both(app, "GET", {"query": SELECT}, {"If-None-Match": tags})
        assert served == flask
        assert served[0] == 304 and served[2] == b""
        assert "Content-Security-Policy" not in dict(served[1])  # a 304 has no page to protect
        assert not handed_on


def test_the_request_id_is_kept_or_made(app):
    response = Client(app.wsgi_app).get("/sparql?" + urlencode({"query": SELECT}), headers={"X-Request-Id": "abc-1"})
    assert response.headers["X-Request-Id"] == "abc-1"
    response = Client(app.wsgi_app).get("/sparql?" + urlencode({"query": SELECT}), headers={"X-Request-Id": "no way"})
    assert len(response.headers["X-Request-Id"]) == 16


HANDED_ON = [
    ("GET", {"query": SELECT}, {"Accept": "text/html"}),  # a page: made by the view
    ("GET", {"query": SELECT, "format": "html"}, {}),
    ("GET", {"query": SELECT, "edit": "1"}, {"Accept": "text/html"}),  # the editor
    ("GET", None, {}),  # the service description
    ("GET", {"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"}, {}),  # 403
    ("GET", {"query": "SELECT * WHERE { ?s ?p }"}, {"Accept": JSON}),  # 400, syntax
    ("GET", {"query": "SELECT * WHERE { ?s ?p }"}, {"Accept": "text/html"}),  # 400, as a page
    ("GET", {"query": [SELECT, SELECT]}, {}),  # 400, twice
    ("GET", {"update": "CLEAR ALL"}, {}),  # 403
    ("GET", {"query": SELECT}, {"Accept": "image/png"}),  # 406
    ("GET", {"query": "ASK {} #" + "x" * 70_000}, {}),  # 413
    ("POST", {"query": SELECT}, {}),  # other methods go to Flask
    ("DELETE", {"query": SELECT}, {}),  # 405
]


@pytest.mark.parametrize(("method", "params", "headers"), HANDED_ON)
def test_what_the_fast_path_does_not_answer_goes_to_flask_unchanged(app, method, params, headers):
    for _ in range(2):
        served, flask, handed_on = both(app, method, params, headers)
        assert served[:2] == flask[:2]
        if served[0] < 400:  # an error's body names its request id
            assert served[2] == flask[2]
        assert handed_on


def test_undecodable_query_strings_are_refused_the_same_way(app):
    for raw in ("query=%FF", "query=%C3", "query=a%zzb&format=csv"):
        served = Client(app.wsgi_app).get("/sparql?" + raw, headers={"Accept": JSON})
        flask = Client(app.wsgi_app.flask).get("/sparql?" + raw, headers={"Accept": JSON})
        assert (served.status_code, served.get_json()["error"]) == (flask.status_code, flask.get_json()["error"])


def test_a_mounted_app_links_its_pages_under_the_mount(app):
    served, flask, handed_on = both(app, "GET", {"query": SELECT}, SCRIPT_NAME="/kg")
    assert served == flask
    assert not handed_on


def test_settings_changed_after_start_apply_to_the_fast_path_too(app, caplog):
    app.config["NUKG_ACCESS_LOG"], app.config["NUKG_CORS_ORIGIN"] = True, "https://example.org"
    try:
        with caplog.at_level("INFO", logger="nukg.access"):
            response = Client(app.wsgi_app).get("/sparql?" + urlencode({"query": SELECT}),
                                                 headers={"X-Request-Id": "logged-1"})
        assert response.headers["Access-Control-Allow-Origin"] == "https://example.org"
        assert any('"request_id":"logged-1"' in record.getMessage() and '"route":"/sparql"' in record.getMessage()
                   for record in caplog.records)
    finally:
        app.config["NUKG_ACCESS_LOG"], app.config["NUKG_CORS_ORIGIN"] = False, "*"
