"""Time limits that hold although the engine ignores signals, and fairness between clients.

The pooled app (see conftest) runs queries in 2 worker processes, stops a query
after 1.5 s, lets a request wait 0.5 s for its turn and lets each client run one
query at a time.  Timings asserted here are generous bounds, not benchmarks.
"""

import os
import threading
import time
from urllib.parse import urlencode

import pytest
from http_support import POOL_SETTINGS, RUNAWAY

QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LIMIT = POOL_SETTINGS["NUKG_QUERY_TIMEOUT"]


def ask(app, query, client="10.0.0.1"):
    """GET the query as the client with that address; returns (status, json body, seconds)."""
    started = time.monotonic()
    response = app.test_client().get(
        "/sparql?" + urlencode({"query": query}), environ_base={"REMOTE_ADDR": client}
    )
    return response.status_code, response.get_json(silent=True), time.monotonic() - started


def in_background(app, query, client):
    """Send the query from a thread; returns the thread and the list its result lands in."""
    results = []
    thread = threading.Thread(target=lambda: results.append(ask(app, query, client)), daemon=True)
    thread.start()
    return thread, results


def wait_until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def pool(pooled_app):
    pool = pooled_app.extensions["nukg.store"].pool
    assert wait_until(lambda: pool.idle == pool.size), "the pool did not settle before the test"
    return pool


def test_runaway_query_is_stopped_while_others_are_answered(pooled_app, pool):
    thread, results = in_background(pooled_app, RUNAWAY, client="10.0.0.1")
    assert wait_until(lambda: pool.idle < pool.size, 5), "the runaway query never started"
    busy_pids = set(pool.pids)

    quick = []
    while thread.is_alive() and len(quick) < 50:
        quick.append(ask(pooled_app, QUICK, client="10.0.0.2"))
        time.sleep(0.02)
    thread.join(timeout=30)

    status, body, seconds = results[0]
    assert status == 503
    assert f"limit of {LIMIT:g} s" in body["error"]
    assert LIMIT * 0.9 < seconds < LIMIT + 5
    assert len(quick) >= 5
    assert all(status == 200 for status, _, _ in quick)
    assert max(seconds for _, _, seconds in quick) < 2.0

    # the killed worker is gone and a fresh one takes its place
    assert wait_until(lambda: len(pool.pids) == pool.size and pool.idle == pool.size)
    killed = busy_pids - set(pool.pids)
    assert len(killed) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(killed.pop(), 0)
    assert ask(pooled_app, QUICK)[0] == 200


def test_a_burst_from_one_client_waits_for_itself(pooled_app, pool):
    """One client sends three runaway queries at once: it may run one at a time, the
    others wait for its turn and give up (429), and another client is served throughout."""
    burst = [in_background(pooled_app, RUNAWAY, client="10.0.0.66") for _ in range(3)]
    assert wait_until(lambda: pool.idle < pool.size, 5)
    quick = []
    while any(thread.is_alive() for thread, _ in burst) and len(quick) < 50:
        quick.append(ask(pooled_app, QUICK, client="10.0.0.7"))
        time.sleep(0.02)
    for thread, _ in burst:
        thread.join(timeout=30)

    statuses = sorted(results[0][0] for _, results in burst)
    assert statuses == [429, 429, 503]
    refused = next(results[0][1] for _, results in burst if results[0][0] == 429)
    assert "already has 1 query running" in refused["error"]
    assert quick and all(status == 200 for status, _, _ in quick)
    assert max(seconds for _, _, seconds in quick) < 2.0


def test_busy_pool_answers_503_after_the_queue_timeout(pooled_app, pool):
    """Two clients' runaways fill both processes; a third client waits, then gets a clear 503."""
    runaways = [in_background(pooled_app, RUNAWAY, client=f"10.0.1.{i}") for i in (1, 2)]
    assert wait_until(lambda: pool.idle == 0, 5)
    status, body, seconds = ask(pooled_app, QUICK, client="10.0.1.3")
    assert status == 503
    assert "busy" in body["error"]
    assert seconds < 2.0
    for thread, _ in runaways:
        thread.join(timeout=30)
    assert all(results[0][0] == 503 for _, results in runaways)
    assert wait_until(lambda: pool.idle == pool.size)
    assert ask(pooled_app, QUICK, client="10.0.1.3")[0] == 200


def test_client_header_names_the_client_behind_a_proxy(project_root):
    from server.app import create_app

    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0, "NUKG_CLIENT_HEADER": "X-Forwarded-For"})
    with app.test_request_context(headers={"X-Forwarded-For": "203.0.113.9, 198.51.100.4"},
                                  environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        from server.web.sparql import client_id

        assert client_id() == "198.51.100.4"
    with app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        assert client_id() == "127.0.0.1"
