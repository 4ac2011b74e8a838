"""The pooled store: queries run in killable worker processes, each with its own copy of the store,
and the choice the settings make between it, the embedded store and a remote one."""

from __future__ import annotations

import logging

from ..core.errors import HTTPError
from ..core.formats import Format
from ..core.namespaces import PREFIX_IRIS
from ..core.settings import query_workers
from .base import Answer, Snapshot, Store, dataset_iris
from .budget import ByteBudget
from .oxigraph import OxigraphStore
from .pool import QueryPool
from .querycheck import CheckedQuery
from .remote import CHECK_TIMEOUT, RemoteStore, version_for


log = logging.getLogger(__name__)


class PooledStore(Store):
    """Queries run in worker processes, each with its own copy of the store.

    A query past its time limit gets its worker killed and replaced, and
    raises :class:`nukg.core.errors.QueryTimeout`; other queries carry on in
    the other workers.
    """

    def __init__(self, snapshot: Snapshot, *, workers: int, timeout: float, queue_timeout: float,
                 max_result_bytes: int = 0, memory_mb: int = 0, max_buffered_bytes: int = 0,
                 allow_network: bool = False, reserved: int = 0, reserved_timeout: float = 1.0):
        self.version = snapshot.version
        self.sizes = dict(snapshot.sizes)
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        init = {"version": snapshot.version, "prefixes": snapshot.prefixes, "sizes": snapshot.sizes,
                "max_result_bytes": max_result_bytes, "memory_mb": memory_mb, "allow_network": allow_network}
        self.pool = QueryPool(snapshot.nquads, workers, init=init, budget=ByteBudget(max_buffered_bytes),
                              reserved=reserved, reserved_timeout=reserved_timeout)
        self.pool.start()

    def run(self, query: CheckedQuery, fmt: Format, *, default_graphs=None, named_graphs=None, substitutions=None,
            timeout=None, heavy=False, spent=None) -> Answer:
        default_graphs, named_graphs = dataset_iris(default_graphs, named_graphs)
        job = (query.text, query.form, query.star, fmt.kind, fmt.name, default_graphs, named_graphs, substitutions)
        body, release = self.pool.run(job, timeout=timeout or self.timeout, wait=self.queue_timeout, heavy=heavy,
                                      spent=spent)
        return Answer(body, fmt, query.form, release)

    def close(self) -> None:
        self.pool.close()


def open_store(kg, config) -> Store:
    """The store the settings ask for: the SPARQL endpoint at NUKG_STORE, else a worker pool, or in-process
    when NUKG_QUERY_WORKERS is 0."""
    workers = query_workers(config)
    if config.get("NUKG_STORE"):
        return open_remote(kg, config["NUKG_STORE"], config, workers)
    snapshot = Snapshot.from_kg(kg)
    if workers <= 0:
        log.warning("queries run in the web process (NUKG_QUERY_WORKERS=0): no time limit, no memory limit, "
                    "and the network stays reachable; only the query check stops SERVICE. For tests only.")
        return OxigraphStore(snapshot, max_result_bytes=int(config["NUKG_MAX_RESULT_BYTES"]))
    return PooledStore(
        snapshot,
        workers=workers,
        timeout=float(config["NUKG_QUERY_TIMEOUT"]),
        queue_timeout=float(config["NUKG_QUEUE_TIMEOUT"]),
        max_result_bytes=int(config["NUKG_MAX_RESULT_BYTES"]),
        memory_mb=int(config["NUKG_QUERY_MEMORY"]),
        max_buffered_bytes=int(config["NUKG_MAX_BUFFERED_BYTES"]),
        allow_network=bool(config["NUKG_ALLOW_QUERY_NETWORK"]),
        reserved=reserved_processes(workers, int(config["NUKG_RESERVED_QUERY_WORKERS"])),
        reserved_timeout=float(config["NUKG_RESERVED_TIMEOUT"]),
    )


def open_remote(kg, url: str, config, workers: int) -> RemoteStore:
    """The remote store at ``url``, its version the release's if it holds as many triples in each graph."""
    sizes = {str(name): len(graph) for name, graph in kg.named_graphs().items()}
    sizes[""] = len(kg.union)
    store = RemoteStore(url, version=kg.version, sizes=sizes, prefixes=dict(PREFIX_IRIS),
                        timeout=float(config["NUKG_QUERY_TIMEOUT"]), queue_timeout=float(config["NUKG_QUEUE_TIMEOUT"]),
                        concurrency=max(workers, 1), max_result_bytes=int(config["NUKG_MAX_RESULT_BYTES"]),
                        max_buffered_bytes=int(config["NUKG_MAX_BUFFERED_BYTES"]))
    shown = store.endpoint.shown
    try:
        found = store.counts(min(store.timeout, CHECK_TIMEOUT))
    except HTTPError as exc:
        log.warning("the store at %s could not be counted (%s): serving it as release %s; /-/ready says when it "
                    "answers", shown, exc.internal or exc.message, kg.version)
        return store
    store.version = version_for(kg.version, sizes, found)
    if store.version != kg.version:
        log.warning("the store at %s does not hold release %s (triples per graph: %s, where the release has %s); "
                    "load it with `nukg publish` and its Graph Store URL", shown, kg.version, found, sizes)
    return store


def reserved_processes(workers: int, setting: int) -> int:
    """How many query processes are kept for light clients: the setting, or a quarter (at least one) when
    it is -1; never all of them."""
    wanted = max(1, workers // 4) if setting < 0 else setting
    return min(wanted, workers - 1)
