"""Request ids, errors that keep internals in the log, metrics, readiness and the JSON access log.

Everything goes through HTTP (Flask's test client) over the fixture project.  The metrics are
read back from ``/-/metrics`` as Prometheus parses them; they are process-wide, so each test
compares a scrape before with a scrape after its requests.
"""

import hashlib
import json
import logging
import re
from contextlib import ExitStack
from urllib.parse import urlencode

import pytest
from flask import template_rendered
from prometheus_client.parser import text_string_to_metric_families
from support.live import wait_until
from support.paths import FIXTURE_PROJECT
from support.settings import BROWSER, RUNAWAY

from nukg.core.errors import InternalError, QuerySyntaxError, TooManyRequests
from nukg.web.app import create_app

GENERATED_ID = re.compile(r"[0-9a-f]{16}")
ASK = "ASK { ?s ?p ?o }"
# 100 rows whatever the data: more than the module app's answer limit in JSON
HUNDRED_ROWS = ("SELECT ?n WHERE { VALUES ?a { 1 2 3 4 5 6 7 8 9 10 } VALUES ?b { 1 2 3 4 5 6 7 8 9 10 } "
                "BIND(?a * ?b AS ?n) }")
MAX_RESULT_BYTES = 1024
QUEUE_TIMEOUT = 0.05


@pytest.fixture(scope="module")
def app():
    return create_app({
        "NUKG_ROOT": FIXTURE_PROJECT,
        "NUKG_QUERY_WORKERS": 0,
        "NUKG_ACCESS_LOG": True,
        "NUKG_MAX_RESULT_BYTES": MAX_RESULT_BYTES,
        "NUKG_QUEUE_TIMEOUT": QUEUE_TIMEOUT,
        "NUKG_ANSWER_CACHE_BYTES": 0,  # every request runs its query, to be timed and counted
    })


@pytest.fixture
def client(app):
    return app.test_client()


def sparql(client, query, **kwargs):
    return client.get("/sparql?" + urlencode({"query": query}), **kwargs)


def scrape(client) -> dict:
    """``{(sample name, ((label, value), ...)): value}`` from /-/metrics, as Prometheus reads it."""
    response = client.get("/-/metrics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    assert response.headers["Cache-Control"] == "no-store"
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def moved(before: dict, after: dict, name: str, **labels) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


def hash_of(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]


def access_lines(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "nukg.access"]


# --- request ids -----------------------------------------------------------------------------


def test_every_response_carries_a_fresh_request_id(client):
    responses = [client.get(path) for path in ("/", "/-/health", "/doc/nato", "/no-such-page")]
    responses.append(sparql(client, ASK))
    ids = [r.headers["X-Request-Id"] for r in responses]
    assert all(GENERATED_ID.fullmatch(rid) for rid in ids), ids
    assert len(set(ids)) == len(ids)
    # browsers' scripts on other origins may read it
    assert "X-Request-Id" in responses[0].headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("given", ["abc-123", "Proxy.id_42-x", "7" * 64])
def test_a_sane_incoming_id_is_kept(client, given):
    response = sparql(client, "SELEKT", headers={"X-Request-Id": given})
    assert response.status_code == 400
    assert response.headers["X-Request-Id"] == given
    assert response.json["request_id"] == given


@pytest.mark.parametrize("given", ["x" * 65, "a b", "<script>alert(1)</script>", "id;rm -rf", "a/b", "%41"])
def test_a_hostile_incoming_id_is_replaced(client, given):
    response = client.get("/no-such-page", headers={"X-Request-Id": given})
    assert response.status_code == 404
    rid = response.headers["X-Request-Id"]
    assert GENERATED_ID.fullmatch(rid)
    assert response.json["request_id"] == rid
    assert given.encode() not in response.data


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("send", [
    lambda c: c.get("/no-such-page"),
    lambda c: c.get("/doc/no-such-thing"),
    lambda c: sparql(c, "DELETE WHERE { ?s ?p ?o }"),
    lambda c: sparql(c, "SELECT * WHERE { ?s ?p"),
    lambda c: c.put("/sparql"),
    lambda c: sparql(c, ASK, headers={"Accept": "image/png"}),
], ids=["unknown path", "unknown thing", "update", "syntax", "method", "not acceptable"])
def test_error_bodies_name_the_request(client, send):
    response = send(client)
    body = response.json
    assert body["ok"] is False and body["status"] == response.status_code >= 400
    assert body["request_id"] == response.headers["X-Request-Id"]


@pytest.mark.parametrize("path, template", [("/no-such-page", "error.html"), ("/id/nat0", "not_found.html")])
def test_error_pages_are_given_the_request_id(app, client, path, template):
    rendered = []

    def record(sender, template, context, **extra):
        rendered.append((template.name, context["error"]))

    with template_rendered.connected_to(record, app):
        response = client.get(path, headers={"Accept": BROWSER}, follow_redirects=True)
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert [name for name, _ in rendered] == [template]
    assert rendered[0][1].details["request_id"] == response.headers["X-Request-Id"]


@pytest.mark.parametrize("accept", ["application/json", BROWSER])
def test_an_unexpected_exception_shows_nothing_of_itself(app, client, monkeypatch, caplog, accept):
    def broken(*args, **kwargs):
        raise OSError(2, "No such file or directory", "/secret/path/store.db")

    monkeypatch.setattr(app.extensions["nukg.store"], "execute", broken)
    response = sparql(client, ASK, headers={"X-Request-Id": "trace-me-1", "Accept": accept})
    assert response.status_code == 500
    assert response.headers["Cache-Control"] == "no-store"
    text = response.get_data(as_text=True)
    for leak in ("/secret", "store.db", "Traceback", "OSError", "No such file"):
        assert leak not in text
    assert "An unexpected error occurred; it has been logged (request trace-me-1)." in text

    [record] = [r for r in caplog.records if r.name == "nukg.web.errors"]
    assert record.levelno == logging.ERROR
    assert "trace-me-1" in record.getMessage() and "/sparql" in record.getMessage()
    assert isinstance(record.exc_info[1], OSError)
    logged = caplog.text
    assert "Traceback (most recent call last)" in logged and "/secret/path/store.db" in logged


def test_the_internal_detail_of_an_error_goes_to_the_log_only(app, client, monkeypatch, caplog):
    def failing(*args, **kwargs):
        raise InternalError("The engine failed; try again.", internal="engine panic\nat /secret/engine.rs:42")

    monkeypatch.setattr(app.extensions["nukg.store"], "execute", failing)
    response = sparql(client, ASK, headers={"X-Request-Id": "internal-1"})
    assert response.status_code == 500
    assert response.json == {"ok": False, "status": 500, "error": "The engine failed; try again.",
                             "request_id": "internal-1"}
    [record] = [r for r in caplog.records if r.name == "nukg.web.errors"]
    line = record.getMessage()
    for part in ("internal-1", "GET", "/sparql", "500", "The engine failed; try again.",
                 "engine panic\\nat /secret/engine.rs:42"):  # one line: its line break written out
        assert part in line
    assert "\n" not in line and record.exc_info is None


def test_a_client_error_is_logged_only_when_it_has_an_internal_detail(app, client, monkeypatch, caplog):
    assert sparql(client, "SELECT * WHERE { ?s ?p").status_code == 400
    assert client.get("/no-such-page").status_code == 404
    assert not [r for r in caplog.records if r.name == "nukg.web.errors"]

    def refused(*args, **kwargs):
        raise QuerySyntaxError("error at 1:9: unexpected end", internal="parser state #17")

    monkeypatch.setattr(app.extensions["nukg.store"], "execute", refused)
    response = sparql(client, ASK)
    assert response.status_code == 400 and "parser state" not in response.get_data(as_text=True)
    [record] = [r for r in caplog.records if r.name == "nukg.web.errors"]
    assert record.levelno == logging.WARNING
    assert response.headers["X-Request-Id"] in record.getMessage()
    assert "parser state #17" in record.getMessage()


# --- metrics ---------------------------------------------------------------------------------


def test_requests_are_counted_by_route_and_status_and_queries_timed(client):
    before = scrape(client)
    for _ in range(3):
        assert sparql(client, ASK).status_code == 200
    assert client.get("/doc/nato").status_code == 200
    assert client.get("/doc/no-such-thing").status_code == 404
    assert client.get("/no-such-page-xyz").status_code == 404
    after = scrape(client)
    assert moved(before, after, "nukg_http_requests_total", route="/sparql", status="200") == 3
    assert moved(before, after, "nukg_http_requests_total", route="/doc/<path:name>", status="200") == 1
    assert moved(before, after, "nukg_http_requests_total", route="/doc/<path:name>", status="404") == 1
    assert moved(before, after, "nukg_http_requests_total", route="(unmatched)", status="404") == 1
    assert moved(before, after, "nukg_http_requests_total", route="/-/metrics", status="200") == 1
    assert not any("no-such" in dict(labels).get("route", "") for _, labels in after)  # never the raw path
    assert moved(before, after, "nukg_sparql_query_duration_seconds_count") == 3
    assert moved(before, after, "nukg_sparql_query_duration_seconds_sum") > 0
    assert moved(before, after, "nukg_sparql_query_duration_seconds_bucket", le="+Inf") == 3


def test_refusals_are_counted_by_kind(client):
    before = scrape(client)
    assert client.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update").status_code == 403
    assert sparql(client, "INSERT DATA { <a:b> <a:c> <a:d> }").status_code == 403
    assert sparql(client, "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }").status_code == 403
    assert sparql(client, "SELECT * WHERE { ?s ?p").status_code == 400
    assert sparql(client, "SELECT * WHERE { ?s ?p ?o } #" + "x" * 70000).status_code == 413
    assert client.post("/sparql", data="x" * 300_000, content_type="application/sparql-query").status_code == 413
    assert sparql(client, HUNDRED_ROWS).status_code == 422
    assert client.get("/no-such-page").status_code == 404  # not a refusal of a query
    after = scrape(client)
    counts = {kind: moved(before, after, "nukg_refusals_total", kind=kind)
              for kind in ("update", "service", "syntax", "size")}
    assert counts == {"update": 2, "service": 1, "syntax": 1, "size": 3}


def test_429s_are_counted_by_reason(app, client, monkeypatch):
    before = scrape(client)
    limiter = app.extensions["nukg.limiter"]
    with ExitStack() as held:  # the client's every slot is taken: its next query waits, then gets 429
        for _ in range(app.config["NUKG_CLIENT_QUERIES"]):
            held.enter_context(limiter.slot("10.9.9.9", 1))
        response = sparql(client, ASK, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert response.status_code == 429

    def over_budget(*args, **kwargs):  # what a budget of query time raises
        raise TooManyRequests("This client used its query time.", reason="query-time")

    monkeypatch.setattr(app.extensions["nukg.store"], "execute", over_budget)
    assert sparql(client, ASK).status_code == 429
    after = scrape(client)
    assert moved(before, after, "nukg_too_many_requests_total", reason="client-limit") == 1
    assert moved(before, after, "nukg_too_many_requests_total", reason="query-time") == 1
    assert moved(before, after, "nukg_http_requests_total", route="/sparql", status="429") == 2


def test_time_outs_and_restarts_are_counted(pooled_app, monkeypatch, caplog):
    client = pooled_app.test_client()
    pool = pooled_app.extensions["nukg.store"].pool
    assert wait_until(lambda: pool.idle == pool.size), "the pool did not settle before the test"
    monkeypatch.setitem(pooled_app.config, "NUKG_ACCESS_LOG", True)
    caplog.set_level(logging.INFO, logger="nukg.access")
    before = scrape(client)
    response = sparql(client, RUNAWAY, environ_base={"REMOTE_ADDR": "10.8.8.8"})
    assert response.status_code == 503
    after = scrape(client)
    assert moved(before, after, "nukg_query_timeouts_total") == 1
    # the 1.5 s it ran
    assert moved(before, after, "nukg_sparql_query_duration_seconds_bucket", le="+Inf") == 1
    assert moved(before, after, "nukg_sparql_query_duration_seconds_bucket", le="1.0") == 0
    # the replacement process starts in the background; the counter follows within a few seconds
    assert wait_until(lambda: moved(before, scrape(client), "nukg_query_process_restarts_total") >= 1, 30)
    assert wait_until(lambda: pool.idle == pool.size, 30)
    [line] = [entry for entry in access_lines(caplog) if entry["route"] == "/sparql"]
    assert line["status"] == 503 and line["outcome"] == "timeout"
    assert line["query_hash"] == hash_of(RUNAWAY)


# --- readiness -------------------------------------------------------------------------------


def test_ready_once_the_store_answers(client):
    before = scrape(client)
    response = client.get("/-/ready")
    assert response.status_code == 200
    assert response.json == {"ready": True}
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/-/health").headers["Cache-Control"] == "no-store"
    # the probe is not a client's query
    assert moved(before, scrape(client), "nukg_sparql_query_duration_seconds_count") == 0


def test_not_ready_while_the_store_fails(app, client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise OSError("/secret/path is gone")

    monkeypatch.setattr(app.extensions["nukg.store"], "execute", broken)
    response = client.get("/-/ready")
    assert response.status_code == 503
    assert response.json["ready"] is False and response.json["ok"] is False
    assert response.headers["Cache-Control"] == "no-store"
    assert "secret" not in response.get_data(as_text=True)
    assert "/secret/path is gone" in caplog.text
    assert client.get("/-/health").status_code == 200  # alive all the same


# --- the access log --------------------------------------------------------------------------


def test_one_json_access_line_per_request(app, client, monkeypatch, caplog):
    caplog.set_level(logging.INFO, logger="nukg.access")
    form_query = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
    sent = [
        sparql(client, ASK, headers={"X-Request-Id": "log-1"}),
        client.post("/sparql", data={"query": form_query}, headers={"X-Request-Id": "log-2"}),
        client.post("/sparql", data=ASK, content_type="application/sparql-query", headers={"X-Request-Id": "log-3"}),
        sparql(client, "DELETE WHERE { ?s ?p ?o }", headers={"X-Request-Id": "log-4"}),
        client.post("/sparql", data="SELEKT", content_type="application/sparql-query",
                    headers={"X-Request-Id": "log-5"}),
        client.get("/doc/nato", headers={"X-Request-Id": "log-6"}),
    ]
    monkeypatch.setattr(app.extensions["nukg.store"], "execute", lambda *a, **k: 1 / 0)
    sent.append(sparql(client, ASK, headers={"X-Request-Id": "log-7"}))
    lines = access_lines(caplog)
    assert [line["request_id"] for line in lines] == [f"log-{i}" for i in range(1, 8)]
    fields = {"time", "request_id", "method", "route", "status", "duration_ms", "query_hash", "outcome"}
    for line, response in zip(lines, sent):
        assert set(line) == fields
        assert line["status"] == response.status_code
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert [(line["method"], line["route"]) for line in lines] == [
        ("GET", "/sparql"), ("POST", "/sparql"), ("POST", "/sparql"), ("GET", "/sparql"), ("POST", "/sparql"),
        ("GET", "/doc/<path:name>"), ("GET", "/sparql")]
    assert [line["outcome"] for line in lines] == ["ok", "ok", "ok", "refused", "refused", "ok", "error"]
    assert [line["query_hash"] for line in lines] == [
        hash_of(ASK), hash_of(form_query), hash_of(ASK),
        hash_of("DELETE WHERE { ?s ?p ?o }"),  # refused, but it came in the URL
        None,  # refused before it ran, and it came in a body that is read once
        None, hash_of(ASK)]


def test_no_access_log_unless_asked(caplog):
    quiet = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0})
    caplog.set_level(logging.INFO, logger="nukg.access")
    response = sparql(quiet.test_client(), ASK)
    assert response.status_code == 200 and GENERATED_ID.fullmatch(response.headers["X-Request-Id"])
    assert access_lines(caplog) == []
