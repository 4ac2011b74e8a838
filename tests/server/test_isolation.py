"""Issue 8: query processes have no network and bounded memory, whatever the query check lets through.

Driven as a user would: a real `nukg serve`, HTTP requests, and a listener on the loopback that
counts the connections a query makes.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.listener import Listener
from support.live import Server, wait_until
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

from nukg.core.errors import BadRequest
from nukg.kg.graph import load
from nukg.store.base import Snapshot
from nukg.store.isolation import can_drop_network, drop_network
from nukg.store.pooled import PooledStore

# The two queries of issue 8 that passed the old check; PORT is the listener's.
BYPASSES = (
    "PREFIX nuk: <https://w3id.org/nato-ukraine-kg/id/>\n"
    "SELECT * WHERE { OPTIONAL { ?s ?p nuk:a\\# } SERVICE <http://127.0.0.1:PORT/sparql> { ?x ?y ?z } }",
    "SELECT * WHERE { FILTER(1<2)SERVICE#>\n<http://127.0.0.1:PORT/sparql> { ?x ?y ?z } }",
)
BOMB = "SELECT ?a ?b ?c ?d ?e ?f ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"


def get(server: Server, query: str) -> tuple[int, dict]:
    url = f"{server.endpoint}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        with exc:  # it holds the connection
            return exc.code, json.loads(exc.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real project, with the default memory limit and two query processes."""
    server = Server(PROJECT_ROOT, tmp_path_factory.mktemp("isolation") / "serve.log", "--web-workers", "1", "--query-workers", "2",
                    "--query-timeout", "10")
    try:
        assert server.wait_ready() is not None, server.log
        yield server
    finally:
        server.stop()


def test_this_machine_can_drop_the_network():
    """The guarantee the rest relies on; where it fails, `nukg serve` refuses to start (below)."""
    assert can_drop_network() is None


@pytest.mark.parametrize("template", BYPASSES)
def test_the_queries_of_the_issue_are_refused_and_call_nobody(server, template):
    with Listener() as listener:
        status, body = get(server, template.replace("PORT", str(listener.port)))
        assert status == 403, body
        assert "SERVICE" in body["error"]
        assert not listener.reached()


def test_a_query_that_slips_past_the_check_reaches_no_host():
    """The second guarantee alone: a SERVICE job handed to a query process as if it had been checked."""
    store = PooledStore(Snapshot.from_kg(load(FIXTURE_PROJECT)), workers=1, timeout=10, queue_timeout=5)
    try:
        assert store.pool.isolated
        with Listener() as listener:
            job = (f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", "SELECT", None, "results", "json",
                   None, None, None)
            with pytest.raises(BadRequest):
                store.pool.run(job, timeout=10, wait=5)
            assert not listener.reached(1.0), "a query process opened a connection"
        assert store.query("ASK { ?s ?p ?o }").body == b'{"head":{},"boolean":true}'
    finally:
        store.close()


def test_a_process_that_dropped_its_network_cannot_connect():
    with Listener() as listener:
        pid = os.fork()
        if pid == 0:  # the child drops its network, then tries the listener
            code = 0
            try:
                drop_network()
                import socket

                socket.create_connection(("127.0.0.1", listener.port), timeout=1).close()
                code = 3  # it connected
            except OSError:
                code = 0
            os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert not listener.reached()


def test_a_memory_bomb_is_stopped_and_the_server_goes_on(server):
    status, body = get(server, BOMB)
    assert status == 503, body
    assert "memory" in body["error"] and "200 MB" in body["error"]
    assert "Traceback" not in body["error"] and "allocation" not in body["error"]
    status, body = get(server, "ASK { ?s ?p ?o }")
    assert (status, body["boolean"]) == (200, True)
    assert wait_until(lambda: len(server.query_worker_pids()) == 2, 30), "the stopped process was not replaced"


def test_memory_bombs_at_once_keep_the_server_under_a_gigabyte(server):
    """With the defaults, no query takes the server (web and query processes together) past ~1 GB."""
    peak = 0

    def total_rss() -> int:
        pids = {server.proc.pid} | server.query_worker_pids() | _descendants(server.proc.pid)
        return sum(_rss(pid) for pid in pids)

    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(get, server, BOMB) for _ in range(4)]
        while not all(f.done() for f in futures):
            peak = max(peak, total_rss())
        statuses = [f.result()[0] for f in futures]
    assert set(statuses) <= {503}, statuses
    assert peak < 1024 * 1024 * 1024, f"the server used {peak / 2**20:.0f} MB"


def test_serve_refuses_in_process_queries_unless_allowed(tmp_path):
    refused = Server(FIXTURE_PROJECT, tmp_path / "refused.log", "--query-workers", "0")
    assert refused.wait_ready() is None
    assert refused.stop() == 2
    assert "NUKG_ALLOW_QUERY_NETWORK" in refused.log
    allowed = Server(FIXTURE_PROJECT, tmp_path / "allowed.log", "--query-workers", "0", "--allow-query-network")
    try:
        assert allowed.wait_ready() is not None, allowed.log
        assert "warning: queries can reach the network" in allowed.log
    finally:
        allowed.stop()


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _descendants(root: int) -> set[int]:
    from support.live import _children

    children, found, todo = _children(), set(), [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def test_what_the_engine_met_stays_in_the_log():
    """A query that reached for the network gets a plain message; the OS error is kept for the log."""
    store = PooledStore(Snapshot.from_kg(load(FIXTURE_PROJECT)), workers=1, timeout=10, queue_timeout=5)
    try:
        with Listener() as listener:
            job = (f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}", "SELECT", None, "results", "json",
                   None, None, None)
            with pytest.raises(BadRequest) as refused:
                store.pool.run(job, timeout=10, wait=5)
        assert "os error" not in refused.value.message.lower()
        assert "unreachable" not in refused.value.message.lower()
        assert "unreachable" in refused.value.internal.lower()
    finally:
        store.close()


def _in_a_child(work) -> int:
    """Run ``work()`` in a forked child as the unprivileged user nobody; its exit code."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            code = work()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_process_that_is_not_root_drops_its_network_before_any_thread():
    """A user namespace needs a single-threaded process: the worker drops its network first, and
    drop_network refuses, saying why, when a thread already runs."""
    import threading

    def alone() -> int:
        drop_network()
        return 0

    def with_a_thread() -> int:
        threading.Thread(target=threading.Event().wait, daemon=True).start()
        try:
            drop_network()
        except OSError as exc:
            return 7 if "before the process starts any thread" in str(exc) else 8
        return 0

    assert _in_a_child(alone) == 0
    assert _in_a_child(with_a_thread) == 7
