"""How ``/sparql`` answers a query, apart from Flask's request and response objects.

The endpoint's view (:mod:`nukg.web.sparql`) and the fast path in front of Flask
(:mod:`nukg.web.fastpath`) both answer through :func:`answer`, given the app (for its store,
its answer cache, its limits and its settings), the protocol's parameters and what else decides
the answer (:class:`Asked`).  It returns a :class:`Reply`: the status, the body, its type and the
headers that belong to this answer (caching, a download's file name).  The headers every response
carries (CORS, the request id...) are added by whoever sends it.

In order: a kept answer (:mod:`nukg.web.answer_cache`) is sent as it is, or 304 when the client
has it; else the query is checked and the format negotiated, 304 when the client has that answer,
else the query runs, within the client's limits, and its answer is kept, unless it may change from
one run to the next (``NOW()``, ``RAND()``...), which is sent ``no-store`` without an ETag.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..core.formats import Format, negotiate
from ..store.querycheck import CheckedQuery, check_query
from . import results
from .caching import cache_control, etag_of, matches_etag
from .limits import ClientLimiter, QueryTimeBudget
from .protocol import ProtocolRequest

DOWNLOADS = ("csv", "tsv")  # formats a browser saves as a file when the form asks for them
# Functions whose value changes from one run to the next: a query that may call one is never kept (a word in a
# string or comment only makes this cautious).  Blanks and comments may stand between the name and its "(".
# SPARQL reads the names in any ASCII case; a letter outside ASCII ends a name (more cautious, never less).
VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)(?:\s|#[^\r\n]*)*\(", re.IGNORECASE | re.ASCII)
_VOLATILE_WORDS = ("now", "rand", "uuid", "bnode")  # one of these is in every text VOLATILE finds (STRUUID too)


def may_vary(text: str) -> bool:
    """Whether ``text`` may call a function whose value changes from one run to the next (:data:`VOLATILE`).
    The pattern is searched only in a text that holds one of the names in some case: a few µs instead of
    about 40 for a query of 1,000 characters, on every first-time query."""
    lowered = text.lower()
    return any(word in lowered for word in _VOLATILE_WORDS) and VOLATILE.search(text) is not None


@dataclass(frozen=True)
class Asked:
    """What decides an answer besides the protocol's parameters."""

    method: str
    accept: str | None
    if_none_match: str | None
    script_root: str  # where the app is mounted: pages link under it
    client: str  # who asks, for the per-client limits (see nukg.web.limits)


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str | None
    headers: list[tuple[str, str]] = field(default_factory=list)
    release: Callable[[], None] | None = None  # gives the answer's bytes back to the budget once sent


class NeedsPage(Exception):
    """The answer is to be a page, which only Flask's view makes (templates, links).  It carries the checked
    query and the format, for the view to go on from there (:func:`answer`'s ``resumed``)."""

    def __init__(self, query: CheckedQuery, fmt: Format):
        super().__init__("the answer is a page")
        self.query, self.fmt = query, fmt


def answer(app, req: ProtocolRequest, asked: Asked, page: Callable | None = None,
           resumed: NeedsPage | None = None) -> Reply:
    """The reply to a query request; ``page(req, query, body, fmt)`` makes an HTML answer (else
    :class:`NeedsPage` is raised for one).  ``resumed``: that NeedsPage, raised for this request (the
    answer cache was asked in vain, the query checked and the format chosen)."""
    store, cache = app.extensions["nukg.store"], app.extensions["nukg.answers"]
    key = ("sparql", store.version, req.query, req.default_graphs, req.named_graphs, req.formats,
           asked.accept, asked.script_root)  # the request as sent: a hit skips the check
    if resumed is not None:
        query, fmt = resumed.query, resumed.fmt
    else:
        kept = cache.get(key)
        if kept is not None:
            if not_modified(asked, kept.etag):
                return Reply(304, b"", None, caching(app, kept.etag))
            return Reply(200, kept.body, kept.content_type, [*kept.headers, *caching(app, kept.etag)])
        query = check_query(req.query)
        fmt = negotiate(asked.accept, req.formats, query.kind)
    if fmt.name == "html" and page is None:
        raise NeedsPage(query, fmt)
    volatile = may_vary(req.query)
    etag = etag_of(store.version, req.query, req.default_graphs, req.named_graphs, fmt.name)
    if not volatile and not_modified(asked, etag):
        return Reply(304, b"", None, caching(app, etag))
    reply = _run(app, req, asked, query, fmt, page)
    try:
        if req.formats and fmt.name in DOWNLOADS:
            reply.headers.append(("Content-Disposition", f'attachment; filename="query-results.{fmt.name}"'))
        if volatile:  # kept by no one: neither here nor by any HTTP cache, and no ETag to revalidate
            reply.headers += [("Cache-Control", "no-store"), ("Vary", "Accept")]
            return reply
        cache.put(key, reply.body, reply.content_type, etag, tuple(reply.headers))
        reply.headers += caching(app, etag)
        return reply
    except BaseException:  # never sent: its bytes go back to the budget now
        if reply.release is not None:
            reply.release()
        raise


def _run(app, req: ProtocolRequest, asked: Asked, query: CheckedQuery, fmt: Format, page) -> Reply:
    """The store's answer to a checked query (a page, for HTML, made by ``page``)."""
    engine_format = results.ENGINE_FORMAT[query.kind] if fmt.name == "html" else fmt
    dataset = {}
    if req.default_graphs is not None:
        dataset["default_graphs"] = list(req.default_graphs)
    if req.named_graphs is not None:
        dataset["named_graphs"] = list(req.named_graphs)
    found = run_query(app, asked.client, query, engine_format, **dataset)
    if fmt.name != "html":
        return Reply(200, found.body, found.media_type, release=found.release)
    try:
        return Reply(200, page(req, query, found.body, engine_format).encode("utf-8"), fmt.content_type)
    finally:
        found.release()


def run_query(app, client: str, query: CheckedQuery, fmt: Format, **dataset_and_bindings):
    """Run a checked query for ``client``, within its limits: a slot of its own (429 when it has too many),
    its budget of query time (its queries go to the reserved processes only while it is light)."""
    limiter: ClientLimiter = app.extensions["nukg.limiter"]
    budget: QueryTimeBudget = app.extensions["nukg.budget"]
    heavy = budget.admit(client)
    with limiter.slot(client, app.config["NUKG_QUEUE_TIMEOUT"]):
        return app.extensions["nukg.store"].run(query, fmt, heavy=heavy,
                                                spent=lambda seconds: budget.record(client, seconds),
                                                **dataset_and_bindings)


def not_modified(asked: Asked, etag: str) -> bool:
    """Whether a GET or HEAD comes with this answer's ETag (weak comparison) in ``If-None-Match``."""
    return asked.method in ("GET", "HEAD") and matches_etag(asked.if_none_match, etag)


def caching(app, etag: str) -> list[tuple[str, str]]:
    """The headers of an answer any cache may keep: its weak ETag, how long, and that Accept chose it."""
    return [("ETag", f'W/"{etag}"'), ("Cache-Control", cache_control(app)), ("Vary", "Accept")]
