"""The pool of query processes: errors cross back intact, crashes heal, nothing outlives its owner."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from support.live import alive, clean_env, wait_until
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT
from support.settings import RUNAWAY

from nukg.core.errors import InternalError, QuerySyntaxError, QueryTimeout, ServiceRefused, ServiceUnavailable
from nukg.kg.graph import load
from nukg.store.base import Snapshot
from nukg.store.pooled import PooledStore

QUICK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def snapshot():
    return Snapshot.from_kg(load(FIXTURE_PROJECT))


@pytest.fixture
def store(snapshot):
    pooled = PooledStore(snapshot, workers=1, timeout=5.0, queue_timeout=5.0)
    yield pooled
    pooled.close()


def test_answers_and_errors_cross_the_process_boundary(store):
    assert store.query(QUICK).body == b'{"head":{},"boolean":true}'
    with pytest.raises(QuerySyntaxError, match="error at 1:"):
        store.query("SELECT * WHERE { ?s ?p }")
    with pytest.raises(ServiceRefused):
        store.query("SELECT * WHERE { SERVICE <http://example.org/> { } }")
    assert store.pool.kills == 0
    assert store.query(QUICK).body == b'{"head":{},"boolean":true}'


def test_a_crashed_worker_is_replaced(store):
    (pid,) = store.pool.pids
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(InternalError, match="stopped unexpectedly"):
        store.query(QUICK)
    assert wait_until(lambda: store.pool.idle == 1)
    assert store.pool.pids != [pid]
    assert store.query(QUICK).body == b'{"head":{},"boolean":true}'


def test_timeout_per_query(store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="limit of 0.5 s"):
        store.query(RUNAWAY, timeout=0.5)
    assert time.monotonic() - started < 3
    assert store.pool.kills == 1


def test_close_stops_busy_workers_too(snapshot):
    pooled = PooledStore(snapshot, workers=1, timeout=60.0, queue_timeout=5.0)
    (pid,) = pooled.pool.pids
    outcome = []

    def run():
        try:
            pooled.query(RUNAWAY)
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert wait_until(lambda: pooled.pool.idle == 0)
    pooled.close()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert isinstance(outcome[0], ServiceUnavailable)
    assert not alive(pid)
    with pytest.raises(ServiceUnavailable, match="shutting down"):
        pooled.query(QUICK)


OWNER = textwrap.dedent(
    """
    import json, os, sys, threading, time
    from nukg.kg.graph import load
    from nukg.store.base import Snapshot
    from nukg.store.pooled import PooledStore
    store = PooledStore(Snapshot.from_kg(load(sys.argv[1])), workers=2, timeout=60, queue_timeout=5)
    if sys.argv[2] == "busy":
        threading.Thread(target=store.query, args=(sys.argv[3],), daemon=True).start()
        while store.pool.idle == 2:
            time.sleep(0.01)
    print(json.dumps(store.pool.pids), flush=True)
    os._exit(0)  # no cleanup at all, as if the web worker were killed
    """
)


@pytest.mark.parametrize("state", ["idle", "busy"])
def test_workers_leave_when_their_owner_dies(state):
    result = subprocess.run(
        [sys.executable, "-c", OWNER, str(FIXTURE_PROJECT), state, RUNAWAY],
        capture_output=True, text=True, timeout=60, env=clean_env(), cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr
    pids = json.loads(result.stdout)
    assert len(pids) == 2
    assert wait_until(lambda: not any(alive(pid) for pid in pids), 10), "query workers outlived their owner"
