"""The remote store: the same checked queries, sent to a SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki...).

Everything a client sees stays this server's: the query check has run before (no update, no
SERVICE, no LOAD), the query is parsed here first, so a syntax error reads as with the embedded
store, ``SELECT *`` gets its columns in the order the query names them, and the prefixes the
endpoint declares are sent along.  A named query's parameters are bound by a ``VALUES`` block at
the top of its WHERE clause.  The limits are kept on this side: the time limit (the connection is
cut at the deadline: 503), the size of an answer (counted as it is read: 422), the byte budget of
the web process, and how many queries run at once (as many as there would be query processes).

The store is asked for the format the client wants, with SPARQL JSON or N-Triples as a fallback;
what it sends in another format is converted with pyoxigraph (the HTML pages always are).  Its
errors become this server's errors, its words kept for the log: it may be down (503), refuse
access or say something this server cannot read (502).  The dataset's version (in ETags) is the
release's: the store is expected to hold what ``nukg publish`` put there; at start, the triples of
each graph are counted there, and where they differ a warning is logged and the version changes.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from urllib.parse import urlencode

import pyoxigraph as ox

from ..core.errors import BadRequest, HTTPError, QueryTimeout, ResultTooLarge, ServiceUnavailable
from ..core.formats import ACCEPTED_BODIES, GRAPH, RESULTS, Format, by_name, formats_of
from ..core.writers import CappedBuffer, write_rdf
from .answers import answer_bytes
from .base import Answer, Store, dataset_iris
from .budget import ByteBudget
from .endpoint import Broken, Deadline, Endpoint, TooLarge, Unreachable
from .oxigraph import syntax_error
from .querycheck import CheckedQuery
from .terminals import in_text_order, tokens

log = logging.getLogger(__name__)

FORM = next(media for media in ACCEPTED_BODIES if media.endswith("urlencoded"))
FALLBACK = {RESULTS: by_name(RESULTS, "json"), GRAPH: by_name(GRAPH, "ntriples")}
COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"
CHECK_TIMEOUT = 5.0  # seconds the count at start may take


class BadGateway(HTTPError, status=502, title="Bad Gateway"):
    """The remote store answered with something this server cannot use."""


class RemoteStore(Store):
    """Queries sent to the SPARQL endpoint at ``url``; see the module docstring."""

    def __init__(self, url: str, *, version: str, sizes: dict[str, int], prefixes: dict[str, str],
                 timeout: float, queue_timeout: float, concurrency: int = 4, max_result_bytes: int = 0,
                 max_buffered_bytes: int = 0):
        self.endpoint = Endpoint(url)
        self.version = version
        self.sizes = dict(sizes)
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self.concurrency = max(concurrency, 1)
        self._slots = threading.BoundedSemaphore(self.concurrency)
        self._prefixes = dict(prefixes)
        self._prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
        self._max_result_bytes = max_result_bytes
        self._budget = ByteBudget(max_buffered_bytes)
        self._empty = ox.Store()  # where queries are parsed, and a SELECT * says its columns

    def run(self, query: CheckedQuery, fmt: Format, *, default_graphs=None, named_graphs=None, substitutions=None,
            timeout=None, heavy=False, spent=None) -> Answer:
        default_graphs, named_graphs = dataset_iris(default_graphs, named_graphs)
        text = self._prepared(query, default_graphs, named_graphs, substitutions)
        params = [("query", self._prologue + text)]
        params += [("default-graph-uri", iri) for iri in default_graphs or ()]
        params += [("named-graph-uri", iri) for iri in named_graphs or ()]
        wanted = fmt if fmt.writer is not None else None  # pages are made here
        accept = ", ".join(([wanted.media_type] if wanted else []) + [FALLBACK[fmt.kind].media_type + ";q=0.1"])
        limit = timeout or self.timeout
        if not self._slots.acquire(timeout=self.queue_timeout):
            raise ServiceUnavailable(f"All {self.concurrency} queries this server sends to its store at once stayed "
                                     f"busy for {self.queue_timeout:g} s. Try again shortly.",
                                     headers={"Retry-After": "5"})
        started = time.monotonic()
        try:
            reply = self._send(urlencode(params).encode(), accept, started + limit, limit)
        finally:
            self._slots.release()
            if spent is not None:
                spent(time.monotonic() - started)
        if wanted is not None and reply.content_type in wanted.media_types:
            return Answer(reply.body, fmt, query.form, reply.release)
        try:
            body = self._converted(reply, fmt)
        finally:
            reply.release()
        return Answer(body, fmt, query.form, self._budget.reserve(len(body), self.queue_timeout))

    def counts(self, timeout: float = CHECK_TIMEOUT) -> dict[str, int]:
        """The triples of each graph in the store ("" is the default graph), counted there."""
        body = urlencode([("query", COUNT_GRAPHS)]).encode()
        reply = self._send(body, FALLBACK[RESULTS].media_type, time.monotonic() + timeout, timeout)
        try:
            rows = ox.parse_query_results(reply.body, format=ox.QueryResultsFormat.JSON)
            return {(row["g"].value if row["g"] is not None else ""): int(row["n"].value) for row in rows}
        except (SyntaxError, ValueError, TypeError) as exc:
            raise BadGateway("The store's answer could not be read.", internal=str(exc)) from None
        finally:
            reply.release()

    def close(self) -> None:
        self.endpoint.close()

    # --- the query, as sent ---------------------------------------------------------

    def _prepared(self, query: CheckedQuery, default_graphs, named_graphs, substitutions) -> str:
        """The text to send: parsed here first (errors said as the embedded store says them), ``SELECT *``
        spelled out in the query's order, parameters bound in a VALUES block."""
        options = {"prefixes": self._prefixes}
        if default_graphs is not None or named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs or ()]
        try:
            parsed = self._empty.query(query.text, **options, **({"substitutions": substitutions} if substitutions
                                                                   else {}))
        except SyntaxError as exc:
            raise syntax_error(query.text, str(exc), self._prefixes) from None
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            raise BadRequest("The query could not be evaluated. Check the functions and values it uses.",
                             internal=f"{type(exc).__name__}: {exc}") from None
        if query.star is not None:
            names = [variable.value for variable in parsed.variables]
            ordered = in_text_order(query.text, names)
            if ordered != names:
                query = query.projecting(ordered)
        return with_values(query.text, substitutions) if substitutions else query.text

    # --- talking to the store -------------------------------------------------------

    def _send(self, body: bytes, accept: str, deadline: float, limit: float):
        """The store's reply to a query (2xx), or the error to raise for it."""
        headers = {"Content-Type": FORM, "Accept": accept}
        try:
            reply = self.endpoint.request("POST", body=body, headers=headers, deadline=deadline,
                                          limit=self._max_result_bytes, reserve=self._reserve(deadline))
        except Deadline as exc:
            raise QueryTimeout(f"The query ran longer than the limit of {limit:g} s and was stopped. "
                               "Make it cheaper (add LIMIT, use more specific patterns) and try again.",
                               internal=str(exc)) from None
        except TooLarge as exc:
            raise ResultTooLarge(CappedBuffer(self._max_result_bytes).message(), internal=str(exc)) from None
        except Unreachable as exc:
            raise ServiceUnavailable("The store that answers queries cannot be reached now. Try again shortly; "
                                     "if it lasts, tell the operators of this server.",
                                     headers={"Retry-After": "10"}, internal=str(exc)) from None
        except Broken as exc:
            raise BadGateway("The store that answers queries broke off its answer. Try again, or ask for less.",
                             internal=str(exc)) from None
        if 200 <= reply.status < 300:
            return reply
        reply.release()
        raise refusal(reply, self.endpoint.shown)

    def _reserve(self, deadline: float):
        def reserve(size: int):
            return self._budget.reserve(size, min(self.queue_timeout, max(deadline - time.monotonic(), 0.0)))
        return reserve

    def _converted(self, reply, fmt: Format) -> bytes:
        """The reply, in another format the store sent, as ``fmt`` (written by pyoxigraph)."""
        sent = next((f for f in formats_of(fmt.kind) if f.writer is not None and reply.content_type in f.media_types),
                    None)
        if sent is None:
            raise BadGateway("The store that answers queries sent an answer in a format this server cannot read.",
                             internal=f"{self.endpoint.shown} sent {reply.content_type or 'no Content-Type'}")
        try:
            if fmt.kind == RESULTS:
                answer = ox.parse_query_results(reply.body, format=sent.writer)
                return answer_bytes(answer, fmt, prefixes=self._prefixes, limit=self._max_result_bytes)
            triples = [quad.triple for quad in ox.parse(reply.body, format=sent.writer)]
            if fmt.writer is None:  # the page: the answer in a store of its own, to be asked for its triples
                page = ox.Store()
                page.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
                return answer_bytes(page.query("CONSTRUCT WHERE { ?s ?p ?o }"), fmt, prefixes=self._prefixes,
                                    limit=self._max_result_bytes)
            out = CappedBuffer(self._max_result_bytes)
            write_rdf(triples, fmt, out, prefixes=self._prefixes)
            return out.getvalue()
        except (SyntaxError, ValueError) as exc:
            raise BadGateway("The store that answers queries sent an answer this server cannot read.",
                             internal=f"{sent.label} from {self.endpoint.shown}: {exc}") from None


def refusal(reply, shown: str) -> HTTPError:
    """The error for a store's answer other than 2xx; its own words go to the log only."""
    said = reply.body[:500].decode("utf-8", "replace").strip()
    internal = f"{shown} answered {reply.status} {reply.reason}: {said}"
    if reply.status in (408, 429, 503, 504):
        return ServiceUnavailable("The store that answers queries is busy. Try again shortly.",
                                  headers={"Retry-After": "10"}, internal=internal)
    if reply.status == 400:
        return BadRequest("The store behind this endpoint could not run the query, although it reads as SPARQL 1.1 "
                          "here. Try writing it another way.", internal=internal)
    return BadGateway("The store that answers queries refused it or failed. Try again later; if it lasts, tell "
                      "the operators of this server (the log says why, under this request's id).", internal=internal)


def with_values(text: str, substitutions: dict) -> str:
    """``text`` with a VALUES block binding the substituted variables at the start of its WHERE clause: the
    variables are bound everywhere in it, in FILTERs too, and can be projected and grouped by."""
    names = " ".join(str(variable) for variable in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    toks = tokens(text)
    form = next(i for i, t in enumerate(toks) if t.keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"))
    start = form + 1
    if toks[form].keyword == "CONSTRUCT" and start < len(toks) and toks[start].text == "{":
        start = _after_group(toks, start)  # the template
    depth = 0
    for index in range(start, len(toks)):
        token = toks[index]
        if token.kind == "other" and token.text in "()":
            depth += 1 if token.text == "(" else -1
        elif token.kind == "other" and token.text == "{" and depth == 0:
            cut = token.start + 1
            return text[:cut] + block + text[cut:]
    raise BadRequest("A query with parameters needs a WHERE clause to bind them in.")


def _after_group(toks, start: int) -> int:
    depth = 0
    for index in range(start, len(toks)):
        if toks[index].kind == "other" and toks[index].text in "{}":
            depth += 1 if toks[index].text == "{" else -1
            if depth == 0:
                return index + 1
    return len(toks)


def version_for(release: str, sizes: dict[str, int], found: dict[str, int] | None) -> str:
    """The version to put in ETags: the release's when the store holds as many triples in each graph as it
    (or when they could not be counted), else one that names what was found."""
    if found is None or found == sizes:
        return release
    digest = hashlib.sha256(repr(sorted(found.items())).encode()).hexdigest()[:12]
    return f"{release}-store-{digest}"
