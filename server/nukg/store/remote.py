"""The remote store: the same checked queries, sent to a SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki...).

Everything a client sees stays this server's: the query check has run before (no update, no
SERVICE, no LOAD); the prefixes the endpoint declares are sent along, on one line of their own,
so that a syntax error the store reports in Oxigraph's words reads as with the embedded store
(others say where, when they say it); ``SELECT *`` gets its columns in the order the query names
them (asked in SPARQL JSON, whose head is reordered).  Nothing is evaluated here: an engine that
evaluates before it returns (aggregates, ORDER BY) could not be stopped in this process.  A named
query's parameters are bound by a ``VALUES`` block at the top of its WHERE clause.  The limits are kept on this side: the time limit (the connection is
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
import json
import logging
import re
import threading
import time
from urllib.parse import urlencode

import pyoxigraph as ox

from ..core.errors import BadRequest, HTTPError, QuerySyntaxError, QueryTimeout, ResultTooLarge, ServiceUnavailable
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

    fixed = False  # the store may be loaded again (nukg publish) while this server runs: no answer is kept here

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
        # one line, so that a position the store reports is one line down from the client's
        self._prologue = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in prefixes.items()) + "\n"
        self._max_result_bytes = max_result_bytes
        self._budget = ByteBudget(max_buffered_bytes)

    def run(self, query: CheckedQuery, fmt: Format, *, default_graphs=None, named_graphs=None, substitutions=None,
            timeout=None, heavy=False, spent=None) -> Answer:
        default_graphs, named_graphs = dataset_iris(default_graphs, named_graphs)
        text = with_values(query.text, substitutions) if substitutions else query.text
        params = [("query", self._prologue + text)]
        params += [("default-graph-uri", iri) for iri in default_graphs or ()]
        params += [("named-graph-uri", iri) for iri in named_graphs or ()]
        # pages are made here, and the columns of a SELECT * ordered here
        wanted = fmt if fmt.writer is not None and query.star is None else None
        accept = ", ".join(([wanted.media_type] if wanted else []) + [FALLBACK[fmt.kind].media_type + ";q=0.1"])
        limit = timeout or self.timeout
        if not self._slots.acquire(timeout=self.queue_timeout):
            raise ServiceUnavailable(f"All {self.concurrency} queries this server sends to its store at once stayed "
                                     f"busy for {self.queue_timeout:g} s. Try again shortly.",
                                     headers={"Retry-After": "5"})
        started = time.monotonic()
        try:
            reply = self._send(urlencode(params).encode(), accept, started + limit, limit, query.text)
        finally:
            self._slots.release()
            if spent is not None:
                spent(time.monotonic() - started)
        if wanted is not None and reply.content_type in wanted.media_types:
            return Answer(reply.body, fmt, query.form, reply.release)
        try:
            body = self._converted(reply, fmt, query.text if query.star is not None else None)
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

    # --- talking to the store -------------------------------------------------------

    def _send(self, body: bytes, accept: str, deadline: float, limit: float, text: str = ""):
        """The store's reply to a query (2xx), or the error to raise for it (``text``: the client's query)."""
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
        raise refusal(reply, self.endpoint.shown, text, self._prefixes)

    def _reserve(self, deadline: float):
        def reserve(size: int):
            return self._budget.reserve(size, min(self.queue_timeout, max(deadline - time.monotonic(), 0.0)))
        return reserve

    def _converted(self, reply, fmt: Format, star: str | None = None) -> bytes:
        """The reply, in another format the store sent, as ``fmt`` (written by pyoxigraph); with ``star`` (the
        text of a ``SELECT *``), its columns in the order that text names them."""
        sent = next((f for f in formats_of(fmt.kind) if f.writer is not None and reply.content_type in f.media_types),
                    None)
        if sent is None:
            raise BadGateway("The store that answers queries sent an answer in a format this server cannot read.",
                             internal=f"{self.endpoint.shown} sent {reply.content_type or 'no Content-Type'}")
        try:
            if fmt.kind == RESULTS:
                body, json_format = reply.body, FALLBACK[RESULTS]
                if star is not None:
                    if sent is not json_format:
                        body = ox.parse_query_results(body, format=sent.writer).serialize(format=json_format.writer)
                    body, sent = in_query_order(body, star, self._max_result_bytes), json_format
                    if fmt is json_format:
                        return body
                answer = ox.parse_query_results(body, format=sent.writer)
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


def refusal(reply, shown: str, text: str = "", prefixes: dict | None = None) -> HTTPError:
    """The error for a store's answer other than 2xx to the query ``text``; its own words go to the log only,
    but for a syntax error in Oxigraph's words, said as the embedded store says it."""
    said = reply.body[:2000].decode("utf-8", "replace").strip()
    internal = f"{shown} answered {reply.status} {reply.reason}: {said[:500]}"
    if reply.status in (408, 429, 503, 504):
        return ServiceUnavailable("The store that answers queries is busy. Try again shortly.",
                                  headers={"Retry-After": "10"}, internal=internal)
    if reply.status == 400:
        return _bad_query(said, text, prefixes or {}, internal)
    return BadGateway("The store that answers queries refused it or failed. Try again later; if it lasts, tell "
                      "the operators of this server (the log says why, under this request's id).", internal=internal)


# where a store says a syntax error is: Oxigraph ("error at 3:5: expected ..."), or Jena and others ("line 3, column 5")
_OXIGRAPH_ERROR = re.compile(r"error at (\d+):(\d+): (expected .*)\Z", re.DOTALL)
_LINE_COLUMN = re.compile(r"line (\d+), column (\d+)", re.IGNORECASE)


def _bad_query(said: str, text: str, prefixes: dict, internal: str) -> BadRequest:
    """A 400 of the store, about ``text`` sent one line down (after the prefixes' line)."""
    if match := _OXIGRAPH_ERROR.search(said):
        line, column = int(match.group(1)) - 1, int(match.group(2))
        if line >= 1:
            return syntax_error(text, f"error at {line}:{column}: {match.group(3)}", prefixes)
    if (match := _LINE_COLUMN.search(said)) and int(match.group(1)) > 1:
        line, column = int(match.group(1)) - 1, int(match.group(2))
        return QuerySyntaxError(f"The query does not parse: the store stopped at line {line}, column {column}. "
                                "Check the syntax there.", position={"line": line, "column": column},
                                internal=internal)
    return BadRequest("The store behind this endpoint could not read or run the query. Check its syntax and the "
                      "functions and values it uses.", internal=internal)


def in_query_order(body: bytes, text: str, limit: int = 0) -> bytes:
    """A SPARQL JSON answer with its columns (head.vars) in the order ``text`` names them."""
    results = json.loads(body)
    names = results.get("head", {}).get("vars") if isinstance(results, dict) else None
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ValueError("no list of variables in the head")
    results["head"]["vars"] = in_text_order(text, names)
    out = json.dumps(results, ensure_ascii=False, separators=(",", ":")).encode()
    if limit and len(out) > limit:
        raise ResultTooLarge(CappedBuffer(limit).message())
    return out


def with_values(text: str, substitutions: dict) -> str:
    """``text`` with a VALUES block binding the substituted variables at the start of its WHERE clause: the
    variables are bound everywhere in it, in FILTERs too, and can be projected and grouped by."""
    names = " ".join(str(variable) for variable in substitutions)
    terms = " ".join(str(term) for term in substitutions.values())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    toks = tokens(text)
    form = next((i for i, t in enumerate(toks) if t.keyword in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")), None)
    if form is None:
        return text  # no query: the store says what is wrong
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
