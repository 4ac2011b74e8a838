"""Prometheus metrics, served at ``/-/metrics`` in the text format.

Metrics (all counters or a histogram; see the names below):

- requests by route (the URL rule, never the raw path) and status;
- seconds each ``/sparql`` query spent in the store's ``run`` (waiting for a
  free query process included), measured by wrapping the store's ``run`` in
  the app factory;
- query processes killed for their time limit or their memory limit, and
  query processes started to replace others;
- 429 answers by reason, and refusals by kind (update, service, syntax, size);
- lookups in the answer cache, hits and misses (see :mod:`nukg.web.answer_cache`).

With several web workers, ``nukg serve`` points ``PROMETHEUS_MULTIPROC_DIR``
at a fresh directory before they start: each worker then writes its values
to files there and a scrape, whichever worker answers it, adds up every
worker's files (prometheus_client's multi-process mode).  Without that
variable, the process's default registry is served (with its process and
Python figures).

The query pool counts kills and restarts in plain attributes of its own
process.  A collector reading them at scrape time would show only the
worker that answers the scrape (and custom collectors do not work in
multi-process mode), so they are mirrored instead into counters of this
module: the increase since the last look is added after every query, at
every scrape, and once a second by a daemon thread (a replacement process
starts in the background a little after the kill).  Since there are only
counters and a histogram, whose values from a worker that has ended should
still count, no gauge needs a ``multiprocess_mode`` and nothing needs
``mark_process_dead``.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
import weakref

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from ..core.errors import (
    PayloadTooLarge,
    QuerySyntaxError,
    ResultTooLarge,
    ServiceRefused,
    TooManyRequests,
    UpdateRefused,
)
from . import requests

log = logging.getLogger(__name__)
# Read once, like prometheus_client itself, which picks its kind of values when it is first imported.
MULTIPROCESS = "PROMETHEUS_MULTIPROC_DIR" in os.environ

REQUESTS = Counter("nukg_http_requests", "HTTP requests answered, by route (URL rule) and status.",
                   ["route", "status"])
QUERY_SECONDS = Histogram(
    "nukg_sparql_query_duration_seconds",
    "Seconds /sparql queries spent in the store (waiting for a free query process included).",
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60),
)
TIMEOUTS = Counter("nukg_query_timeouts", "Query processes killed because a query ran past the time limit.")
MEMORY_KILLS = Counter("nukg_query_memory_kills", "Query processes stopped because a query outgrew the memory limit.")
RESTARTS = Counter("nukg_query_process_restarts", "Query processes started to replace stopped ones.")
TOO_MANY = Counter("nukg_too_many_requests", "429 answers, by reason.", ["reason"])
REFUSALS = Counter("nukg_refusals", "Requests refused before or while running, by kind.", ["kind"])
ANSWER_LOOKUPS = Counter("nukg_answer_cache_lookups", "Lookups of an answer in the web worker's answer cache, "
                         "by result (hit or miss).", ["result"])

CLIENT_LIMIT = "client-limit"  # the reason of a 429 that gives none: the per-client running/waiting limit
REFUSAL_KINDS = (  # checked in order: the first class that matches names the kind
    (UpdateRefused, "update"),
    (ServiceRefused, "service"),
    (QuerySyntaxError, "syntax"),
    ((PayloadTooLarge, ResultTooLarge), "size"),
)
for _kind in dict.fromkeys(kind for _, kind in REFUSAL_KINDS):
    REFUSALS.labels(_kind)  # every kind is shown from the start, at 0
TOO_MANY.labels(CLIENT_LIMIT)
for _result in ("hit", "miss"):
    ANSWER_LOOKUPS.labels(_result)

# pool attribute -> the counter that mirrors it
POOL_COUNTERS = (("kills", TIMEOUTS), ("memory_kills", MEMORY_KILLS), ("restarts", RESTARTS))
SYNC_INTERVAL = 1.0  # seconds between two looks of the background thread


def count_response(route: str, status: int) -> None:
    REQUESTS.labels(route, str(status)).inc()


def count_answer_lookup(hit: bool) -> None:
    ANSWER_LOOKUPS.labels("hit" if hit else "miss").inc()


def count_error(exc: BaseException) -> None:
    """Count a refusal or a 429 by the exception's class (called by the error handlers)."""
    if isinstance(exc, TooManyRequests):
        TOO_MANY.labels(str(exc.details.get("reason", CLIENT_LIMIT))).inc()
        return
    for classes, kind in REFUSAL_KINDS:
        if isinstance(exc, classes):
            REFUSALS.labels(kind).inc()
            return


# --- the store ----------------------------------------------------------------------------------


def measure(store) -> None:
    """Wrap ``store.run`` so that each query's time lands in the histogram and its hash in the access
    log, and mirror the counters of the store's query pool, if it has one.  Once per store."""
    run = store.run
    if getattr(run, "nukg_measured", False):
        return

    @functools.wraps(run)
    def measured(query, *args, **kwargs):
        requests.note_query(getattr(query, "text", None))
        started = time.perf_counter()
        try:
            return run(query, *args, **kwargs)
        finally:
            QUERY_SECONDS.observe(time.perf_counter() - started)
            _sync(getattr(store, "pool", None))

    measured.nukg_measured = True
    store.run = measured
    pool = getattr(store, "pool", None)
    if pool is not None and all(hasattr(pool, name) for name, _ in POOL_COUNTERS):
        _watch(pool)


_lock = threading.Lock()
_seen: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # pool -> {attribute: value last counted}
_thread_pid: int | None = None  # the process the sync thread runs in (threads do not survive a fork)


def _watch(pool) -> None:
    global _thread_pid
    with _lock:
        _seen.setdefault(pool, {name: 0 for name, _ in POOL_COUNTERS})
        if _thread_pid != os.getpid():
            _thread_pid = os.getpid()
            threading.Thread(target=_sync_forever, name="nukg-metrics", daemon=True).start()


def _sync(pool) -> None:
    """Add to each mirroring counter what the pool counted since the last look."""
    with _lock:
        seen = _seen.get(pool) if pool is not None else None
        if seen is None:
            return
        for name, counter in POOL_COUNTERS:
            now = getattr(pool, name, 0)
            if now > seen[name]:
                counter.inc(now - seen[name])
                seen[name] = now


def sync_all() -> None:
    with _lock:
        pools = list(_seen.keys())
    for pool in pools:
        _sync(pool)


def _sync_forever() -> None:
    while True:
        time.sleep(SYNC_INTERVAL)
        try:
            sync_all()
        except Exception:  # never let the metrics stop the thread; say why once per failure
            log.exception("could not update the query pool's metrics")


# --- exposition ---------------------------------------------------------------------------------


def exposition() -> tuple[bytes, str]:
    """Every metric in the Prometheus text format (all web workers' in multi-process mode), and its
    Content-Type."""
    sync_all()
    if MULTIPROCESS:
        registry = CollectorRegistry()  # a fresh one each time, as prometheus_client's documentation asks
        MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
