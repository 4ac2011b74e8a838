"""ETags, 304, Cache-Control, HEAD and CORS on the endpoint's responses."""

from urllib.parse import urlencode

import pytest
from support.stores import CountingStore

from nukg.web.app import create_app

SELECT = "SELECT ?s WHERE { ?s a <https://w3id.org/nato-ukraine-kg/ontology/Summit> } ORDER BY ?s"


def url(query=SELECT, **params):
    return "/sparql?" + urlencode({"query": query, **params})


@pytest.fixture
def counting(local_store, project_root):
    store = CountingStore(local_store)
    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0, "NUKG_CACHE_MAX_AGE": 120,
                      "NUKG_ANSWER_CACHE_BYTES": 0}, store=store)  # HTTP caching alone: every miss runs
    return app.test_client(), store


def test_answers_carry_a_weak_etag_and_cache_headers(client):
    response = client.get(url())
    assert response.status_code == 200
    tag, weak = response.get_etag()
    assert tag and weak
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert "Accept" in response.headers["Vary"]


def test_etag_depends_on_query_format_and_dataset(client):
    base = client.get(url()).get_etag()[0]
    assert client.get(url()).get_etag()[0] == base
    assert client.get(url(), headers={"Accept": "text/csv"}).get_etag()[0] != base
    assert client.get(url(SELECT + " LIMIT 1")).get_etag()[0] != base
    assert client.get(url(**{"default-graph-uri": "https://w3id.org/nato-ukraine-kg/graph/data"})).get_etag()[0] != base


def test_if_none_match_gives_304_without_running_the_query(counting):
    client, store = counting
    first = client.get(url())
    assert store.calls == 1
    etag = first.headers["ETag"]
    again = client.get(url(), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert again.headers["Cache-Control"] == "public, max-age=120"
    assert again.headers["Access-Control-Allow-Origin"] == "*"
    assert store.calls == 1
    assert client.get(url(), headers={"If-None-Match": '"something-else"'}).status_code == 200
    assert store.calls == 2


def test_if_none_match_star(counting):
    client, store = counting
    assert client.get(url(), headers={"If-None-Match": "*"}).status_code == 304
    assert store.calls == 0


def test_post_ignores_if_none_match(counting):
    client, store = counting
    etag = client.get(url()).headers["ETag"]
    response = client.post("/sparql", data=SELECT, content_type="application/sparql-query",
                           headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["ETag"] == etag  # same answer, same tag


def test_head_gives_the_headers_of_get(client):
    get = client.get(url())
    head = client.head(url())
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["Content-Type"] == get.headers["Content-Type"]
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.data))


def test_head_of_the_service_description(client):
    response = client.head("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"


@pytest.mark.parametrize(
    "method, path, kwargs, status",
    [
        ("GET", url(), {}, 200),
        ("POST", "/sparql", {"data": SELECT, "content_type": "application/sparql-query"}, 200),
        ("GET", url("ASK {"), {}, 400),
        ("GET", url("INSERT DATA { <a:b> <a:c> <a:d> }"), {}, 403),
        ("PUT", "/sparql", {}, 405),
        ("GET", url(), {"headers": {"Accept": "image/png"}}, 406),
        ("GET", "/sparql", {"headers": {"Accept": "text/turtle"}}, 200),
        ("GET", "/sparql", {"headers": {"Accept": "text/html"}}, 200),
        ("GET", "/no-such-page", {}, 404),
        ("GET", "/", {}, 200),
    ],
)
def test_cors_on_every_response(client, method, path, kwargs, status):
    response = client.open(path, method=method, headers={"Origin": "https://example.org", **kwargs.pop("headers", {})},
                           **kwargs)
    assert response.status_code == status
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight(client):
    response = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"] == "content-type"
    assert int(response.headers["Access-Control-Max-Age"]) > 0


def test_cors_origin_is_a_setting(local_store, project_root):
    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0,
                      "NUKG_CORS_ORIGIN": "https://nato-ukraine.example"}, store=local_store)
    response = app.test_client().get(url())
    assert response.headers["Access-Control-Allow-Origin"] == "https://nato-ukraine.example"


def test_errors_are_never_cached(client):
    assert client.get(url("ASK {")).headers["Cache-Control"] == "no-store"
