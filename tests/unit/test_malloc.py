"""nukg.core.malloc: the allocator settings the server's processes start with."""

from support.paths import FIXTURE_PROJECT

from nukg.core import malloc
from nukg.kg.graph import load
from nukg.store.base import Snapshot
from nukg.store.pooled import PooledStore


def test_a_new_process_is_told_its_arenas_and_a_fixed_mmap_threshold():
    assert malloc.environment(arenas=2) == {"MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "131072"}


def test_query_processes_start_with_two_arenas_and_the_fixed_threshold():
    store = PooledStore(Snapshot.from_kg(load(FIXTURE_PROJECT)), workers=1, timeout=10, queue_timeout=5)
    try:
        [pid] = store.pool.pids
        with open(f"/proc/{pid}/environ", "rb") as environ:
            variables = dict(item.split(b"=", 1) for item in environ.read().split(b"\0") if b"=" in item)
        assert variables[b"MALLOC_ARENA_MAX"] == b"2"
        assert variables[b"MALLOC_MMAP_THRESHOLD_"] == b"131072"
    finally:
        store.close()

