"""Issue 8: a share of the query processes is kept for light clients while runaways hold the rest."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.live import wait_until
from support.paths import FIXTURE_PROJECT
from support.settings import RUNAWAY

from nukg.core.errors import QueryTimeout, ServiceUnavailable
from nukg.kg.graph import load
from nukg.store.base import Snapshot
from nukg.store.pooled import PooledStore, reserved_processes

QUICK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def pooled_store():
    """Three processes, one kept for light clients, whose queries there stop after 0.5 s."""
    pooled = PooledStore(Snapshot.from_kg(load(FIXTURE_PROJECT)), workers=3, timeout=4, queue_timeout=1,
                         reserved=1, reserved_timeout=0.5)
    yield pooled
    pooled.close()


@pytest.fixture
def store(pooled_store):
    """The store once every process is loaded and idle: those a test before killed are back (slow on a busy
    machine), so that which query gets which process does not depend on when a replacement comes."""
    assert wait_until(lambda: pooled_store.pool.idle == 3, seconds=60)
    return pooled_store


def test_runaways_cannot_take_the_reserved_process(store):
    with ThreadPoolExecutor(6) as pool:
        runaways = [pool.submit(store.query, RUNAWAY, heavy=h) for h in (False, True)]
        time.sleep(0.5)  # both hold a full process now
        heavy = pool.submit(store.query, QUICK, heavy=True)
        started = time.monotonic()
        assert store.query(QUICK).body == b'{"head":{},"boolean":true}'  # a light client: the reserved one
        assert time.monotonic() - started < 1
        with pytest.raises(ServiceUnavailable, match="stayed busy"):
            heavy.result()  # a heavy client waits for a full process, and there is none within 1 s
        for runaway in runaways:
            with pytest.raises(QueryTimeout, match="limit of 4 s"):
                runaway.result()


def test_a_long_query_in_the_reserved_share_stops_early(store):
    with ThreadPoolExecutor(3) as pool:
        holders = [pool.submit(store.query, RUNAWAY) for _ in range(2)]
        time.sleep(0.5)
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="busy") as stopped:
            store.query(RUNAWAY)  # light, but only the reserved process is left
        assert time.monotonic() - started < 2
        assert stopped.value.headers.get("Retry-After")
        for holder in holders:
            with pytest.raises(QueryTimeout):
                holder.result()


@pytest.mark.parametrize(("workers", "setting", "kept"), [(4, -1, 1), (8, -1, 2), (1, -1, 0), (2, 5, 1), (4, 0, 0)])
def test_how_many_processes_are_kept(workers, setting, kept):
    assert reserved_processes(workers, setting) == kept


def nice_of(pid: int) -> int:
    """The nice value of a process (field 19 of /proc/<pid>/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[16])


def test_a_long_query_runs_at_a_lower_priority_and_its_process_gets_it_back(store):
    """Past the reserved share's limit a query is long: short ones get the CPU first."""
    slow = "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { 1 2 3 } " + " ".join(
        f"VALUES ?x{i} {{ 1 2 3 4 5 6 7 8 9 10 }}" for i in range(7)
    ) + " }"  # 3 x 10^7 rows: about 2.5 s here, 5 s or more on a busy host; given 60 s, so it is never stopped
    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(store.query, slow, timeout=60)
        time.sleep(1.0)  # past the 0.5 s of the reserved share
        busy = [pid for pid in store.pool.pids if nice_of(pid) == 10]
        assert len(busy) == 1, {pid: nice_of(pid) for pid in store.pool.pids}
        assert running.result(timeout=70).body.startswith(b'{"head":{"vars":["n"]}')
    assert all(nice_of(pid) == 0 for pid in store.pool.pids)
