"""Time limits that hold although the engine ignores signals, and fairness between clients.

The pooled app (see conftest) runs queries in 2 worker processes, stops a query
after 1.5 s, lets a request wait 0.5 s for its turn and lets each client run one
query at a time.  Timings asserted here are generous bounds (a loaded 2-core machine
must pass them), not benchmarks: what a test means is carried by statuses and by the
order in which answers arrive, e.g. quick answers that arrive while a runaway is still
running.
"""

import os
import threading
import time
from urllib.parse import urlencode

import pytest
from support.live import wait_until
from support.settings import POOL_SETTINGS, RUNAWAY

from nukg.core.errors import TooManyRequests
from nukg.web.limits import ClientLimiter

QUICK = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LIMIT = POOL_SETTINGS["NUKG_QUERY_TIMEOUT"]
SLOW = 5.0  # seconds: a generous bound for an answer that should take milliseconds


def ask(app, query, client="10.0.0.1"):
    """GET the query as the client with that address; returns (status, json body, seconds)."""
    status, body, seconds, _, _ = ask_in_full(app, query, client)
    return status, body, seconds


def ask_in_full(app, query, client):
    """Like :func:`ask`, and also the response's headers and the moment (monotonic) it arrived."""
    started = time.monotonic()
    response = app.test_client().get(
        "/sparql?" + urlencode({"query": query}), environ_base={"REMOTE_ADDR": client}
    )
    finished = time.monotonic()
    return response.status_code, response.get_json(silent=True), finished - started, response.headers, finished


def in_background(app, query, client):
    """Send the query from a thread; returns the thread and the list its result lands in."""
    results = []
    thread = threading.Thread(target=lambda: results.append(ask(app, query, client)), daemon=True)
    thread.start()
    return thread, results


@pytest.fixture
def pool(pooled_app):
    pool = pooled_app.extensions["nukg.store"].pool
    assert wait_until(lambda: pool.idle == pool.size), "the pool did not settle before the test"
    return pool


def test_runaway_query_is_stopped_while_others_are_answered(pooled_app, pool):
    thread, results = in_background(pooled_app, RUNAWAY, client="10.0.0.1")
    assert wait_until(lambda: pool.idle < pool.size, 5), "the runaway query never started"
    busy_pids = set(pool.pids)

    quick, answered_during_runaway = [], 0
    while thread.is_alive() and len(quick) < 50:
        quick.append(ask(pooled_app, QUICK, client="10.0.0.2"))
        answered_during_runaway += thread.is_alive()
        time.sleep(0.02)
    thread.join(timeout=30)

    status, body, seconds = results[0]
    assert status == 503
    assert f"limit of {LIMIT:g} s" in body["error"]
    assert LIMIT * 0.9 < seconds < LIMIT + 5
    assert all(status == 200 for status, _, _ in quick)
    # several quick answers arrived while the runaway was still running: it did not block them
    assert answered_during_runaway >= 4
    assert max(seconds for _, _, seconds in quick) < SLOW

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
    assert max(seconds for _, _, seconds in quick) < SLOW


def test_a_burst_larger_than_the_thread_budget_is_refused_at_once(pooled_app, pool, monkeypatch):
    """One client sends more requests at once than its share of the threads (here one waiting request
    even while it is alone). It may have one query running and one waiting; the rest are refused at
    once (429 with Retry-After) instead of each holding a web thread while it waits, and another
    client is answered."""
    queue = 10.0  # long enough that a request that waited its turn cannot pass for a fast refusal
    monkeypatch.setitem(pooled_app.config, "NUKG_QUEUE_TIMEOUT", queue)
    limiter: ClientLimiter = pooled_app.extensions["nukg.limiter"]
    monkeypatch.setattr(limiter, "max_alone", limiter.max_waiting)
    greedy, burst_size = "10.0.0.88", 12
    barrier = threading.Barrier(burst_size)
    answers = []

    def send():
        barrier.wait()
        answers.append(ask_in_full(pooled_app, RUNAWAY, greedy))

    started = time.monotonic()
    threads = [threading.Thread(target=send, daemon=True) for _ in range(burst_size)]
    for thread in threads:
        thread.start()
    assert wait_until(lambda: len(answers) >= burst_size - 2, SLOW), "the excess was not refused at once"

    # the greedy client holds two requests (threads) at most; another client is still answered
    held = []
    quick = []
    while not any(status == 503 for status, *_ in answers) and len(quick) < 50:
        held.append((limiter.running(greedy), limiter.waiting(greedy)))
        quick.append(ask(pooled_app, QUICK, client="10.0.0.9"))
        time.sleep(0.02)
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)

    assert held and all(running <= 1 and waiting <= 1 for running, waiting in held)
    assert quick and all(status == 200 for status, _, _ in quick)
    assert max(seconds for _, _, seconds in quick) < SLOW

    refused = [a for a in answers if a[0] == 429]
    ran = [a for a in answers if a[0] == 503]
    # one ran and was stopped; the one that waited ran after it and was stopped too
    assert len(ran) == 2 and all(f"limit of {LIMIT:g} s" in body["error"] for _, body, *_ in ran)
    assert len(refused) == burst_size - 2
    for _, body, seconds, headers, _ in refused:
        assert "already has 1 query running and 1 query waiting" in body["error"]
        assert headers["Retry-After"].isdigit()
        assert seconds < SLOW < queue  # refused without waiting for a turn
    # every refusal came before the first runaway was stopped, let alone the queue timeout
    assert max(finished for *_, finished in refused) < min(finished for *_, finished in ran)
    assert max(finished for *_, finished in refused) - started < queue
    assert wait_until(lambda: pool.idle == pool.size)
    assert limiter.running(greedy) == limiter.waiting(greedy) == 0
    assert ask(pooled_app, QUICK, client=greedy)[0] == 200


def test_limiter_bounds_waiting_requests_per_client():
    """The limiter without the server: running + waiting per client is bounded, other clients unaffected."""
    limiter = ClientLimiter(per_client=2)
    release = threading.Event()
    holding = threading.Barrier(3)

    def hold(client, wait):
        try:
            with limiter.slot(client, wait):
                if limiter.running(client) and wait < 1:  # the two running ones
                    holding.wait()
                release.wait(10)
        except TooManyRequests:
            pass

    runners = [threading.Thread(target=hold, args=("a", 0.1), daemon=True) for _ in range(2)]
    for thread in runners:
        thread.start()
    holding.wait(5)
    assert limiter.running("a") == 2
    waiters = [threading.Thread(target=hold, args=("a", 30.0), daemon=True) for _ in range(2)]
    for thread in waiters:
        thread.start()
    assert wait_until(lambda: limiter.waiting("a") == 2, 5)

    started = time.monotonic()
    with pytest.raises(TooManyRequests) as refused:
        with limiter.slot("a", 30.0):
            pass
    assert time.monotonic() - started < SLOW  # at once, not after the 30 s wait
    assert "already has 2 queries running and 2 queries waiting" in refused.value.message
    assert refused.value.headers["Retry-After"].isdigit()
    with limiter.slot("b", 0.1):  # another client is not held up
        assert limiter.running("b") == 1

    release.set()
    for thread in runners + waiters:
        thread.join(10)
    assert limiter.running("a") == limiter.waiting("a") == 0


def test_busy_pool_answers_503_after_the_queue_timeout(pooled_app, pool):
    """Two clients' runaways fill both processes; a third client waits, then gets a clear 503."""
    runaways = [in_background(pooled_app, RUNAWAY, client=f"10.0.1.{i}") for i in (1, 2)]
    assert wait_until(lambda: pool.idle == 0, 5)
    status, body, seconds = ask(pooled_app, QUICK, client="10.0.1.3")
    assert status == 503
    assert "busy" in body["error"]
    queue = POOL_SETTINGS["NUKG_QUEUE_TIMEOUT"]
    assert queue * 0.9 < seconds < SLOW  # it waited its turn, then gave up without waiting for the runaways
    for thread, _ in runaways:
        thread.join(timeout=30)
    assert all(results[0][0] == 503 for _, results in runaways)
    assert wait_until(lambda: pool.idle == pool.size)
    assert ask(pooled_app, QUICK, client="10.0.1.3")[0] == 200


def test_client_header_names_the_client_behind_a_proxy(project_root):
    from nukg.web.app import create_app

    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0, "NUKG_CLIENT_HEADER": "X-Forwarded-For"})
    with app.test_request_context(headers={"X-Forwarded-For": "203.0.113.9, 198.51.100.4"},
                                  environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        from nukg.web.context import client_id

        assert client_id() == "198.51.100.4"
    with app.test_request_context(environ_base={"REMOTE_ADDR": "127.0.0.1"}):
        assert client_id() == "127.0.0.1"


def test_a_batch_client_alone_is_queued_not_refused(pooled_app, pool, monkeypatch):
    """A client alone on the server sends more quick queries at once than it may run: each waits its
    turn and is answered; none is refused."""
    monkeypatch.setitem(pooled_app.config, "NUKG_QUEUE_TIMEOUT", 10.0)  # waiting, on a busy machine, is no failure
    limiter: ClientLimiter = pooled_app.extensions["nukg.limiter"]
    batch = min(8, limiter.max_alone + limiter.per_client)
    barrier = threading.Barrier(batch)
    answers = []

    def send(number):
        barrier.wait()
        answers.append(ask(pooled_app, f"{QUICK} # {number}", client="10.0.0.77"))

    threads = [threading.Thread(target=send, args=(n,), daemon=True) for n in range(batch)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert batch > limiter.per_client + limiter.max_waiting  # more than the share it has with others around
    assert sorted(status for status, *_ in answers) == [200] * batch


def test_limiter_lets_a_lone_client_queue_and_shares_once_others_come():
    """The limiter without the server: alone, a client may queue up to ``max_alone``; once another client
    is served, it may not add more waiting requests than ``max_waiting``."""
    limiter = ClientLimiter(per_client=1, max_alone=3)
    release = threading.Event()
    entered = threading.Event()

    def hold(client):
        try:
            with limiter.slot(client, 30.0):
                entered.set()
                release.wait(10)
        except TooManyRequests:
            pass

    threads = [threading.Thread(target=hold, args=("a",), daemon=True)]
    threads[0].start()
    assert entered.wait(5)
    for _ in range(3):
        threads.append(threading.Thread(target=hold, args=("a",), daemon=True))
        threads[-1].start()
    assert wait_until(lambda: limiter.waiting("a") == 3, 5)
    with pytest.raises(TooManyRequests):  # a fourth waiting request is past the guard even alone
        with limiter.slot("a", 30.0):
            pass
    other = threading.Thread(target=hold, args=("b",), daemon=True)
    other.start()
    assert wait_until(lambda: limiter.running("b") == 1, 5)
    assert not limiter._alone("a")
    release.set()
    for thread in threads + [other]:
        thread.join(10)
    assert limiter.running("a") == limiter.waiting("a") == limiter.running("b") == 0
