"""The SPARQL 1.1 Protocol endpoint at ``/sparql`` (queries only; read-only).

- ``GET /sparql?query=...``, ``POST`` form-encoded, ``POST`` with
  ``Content-Type: application/sparql-query``; ``default-graph-uri`` and
  ``named-graph-uri`` (repeatable) replace the query's FROM/FROM NAMED.
- The answer's format comes from ``format`` (a token such as ``csv`` or a
  media type) or else from ``Accept``; see :mod:`nukg.core.formats`.
- ``GET /sparql`` without a query: the service description (RDF) or, for a
  browser, the query editor with the named queries as examples; with ``edit=1``
  and a query, a browser gets the editor opened on it (a permalink).
- An answer asked for as HTML is a page of this server's (see :mod:`nukg.web.results`):
  the query, a way back into the editor, and the table with this dataset's IRIs
  linked to their local pages.  CSV and TSV chosen with ``format=`` (the editor's
  form) come as a download with a file name.
- Answers carry a weak ETag (store version + query + dataset + format),
  ``Cache-Control`` and ``Vary: Accept``; a matching ``If-None-Match`` gets
  304 without running the query.
- Refused before anything runs: updates (403), SERVICE (403), a missing or
  repeated query (400), other methods (405), other or non-UTF-8 bodies (415
  or 400), over-long queries and bodies (413).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from flask import Blueprint, current_app, g, render_template, request

from ..core.errors import BadRequest, PayloadTooLarge, UnsupportedMediaType, UpdateRefused
from ..core.formats import (
    ACCEPTED_BODIES,
    FORM_BODY,
    GRAPH,
    RESULTS,
    UPDATE_BODY,
    body_kind,
    HTML,
    formats_of,
    is_utf8,
    negotiate,
)
from ..core.namespaces import BASE, PREFIX_IRIS
from ..core.writers import rdf_bytes
from ..release import service
from ..store.querycheck import check_query
from . import results, workbench
from .caching import cacheable, etag_of, is_not_modified, not_modified
from .context import client_id, get_answers, get_examples, get_store, wants_html
from .limits import ClientLimiter, QueryTimeBudget

bp = Blueprint("sparql", __name__)

EXAMPLE_QUERY = """\
PREFIX nuo: <{nuo}>
PREFIX rdfs: <{rdfs}>

# How many things of each class?
SELECT ?class (COUNT(?thing) AS ?things) WHERE {{
  ?thing a ?class .
  FILTER(STRSTARTS(STR(?class), STR(nuo:)))
}}
GROUP BY ?class
ORDER BY DESC(?things)
LIMIT 25
"""
DOWNLOADS = ("csv", "tsv")  # formats a browser saves as a file when the form asks for them
# Functions whose value changes from one run to the next: a query that may call one is never kept (a word in a
# string or comment only makes this cautious).  Blanks and comments may stand between the name and its "(".
VOLATILE = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)(?:\s|#[^\r\n]*)*\(", re.IGNORECASE)


@bp.record_once
def _setup(state) -> None:
    app = state.app
    app.extensions["nukg.limiter"] = ClientLimiter(app.config["NUKG_CLIENT_QUERIES"],
                                                   max_alone=app.config["NUKG_WEB_THREADS"] // 2)
    app.extensions["nukg.budget"] = QueryTimeBudget(
        app.config["NUKG_CLIENT_BUDGET"], app.config["NUKG_CLIENT_WINDOW"], app.config["NUKG_RESERVED_TIMEOUT"]
    )
    app.extensions["nukg.descriptions"] = {}  # format name -> serialised service description


@dataclass(frozen=True)
class ProtocolRequest:
    """The SPARQL protocol parameters of one request."""

    query: str | None
    default_graphs: tuple[str, ...] | None  # None: not given
    named_graphs: tuple[str, ...] | None
    formats: tuple[str, ...]  # values of ?format=
    edit: bool = False  # edit=1: open the editor on the query (browsers only)


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    config = current_app.config
    req = read_request(config["NUKG_MAX_QUERY_BYTES"])
    if req.query is None:
        if request.method == "POST" or req.default_graphs is not None or req.named_graphs is not None:
            raise BadRequest("The request has no query: send it as the `query` parameter or, with "
                             "Content-Type: application/sparql-query, as the body.")
        return service_or_query_page(req)
    g.nukg_query = req.query  # error pages show it, with a way back into the editor
    if req.edit and wants_html():
        return editor_page(req.query)
    store = get_store()
    cache = get_answers()
    key = ("sparql", store.version, req.query, req.default_graphs, req.named_graphs, req.formats,
           request.headers.get("Accept"), request.script_root)  # the request as sent: a hit skips the check
    kept = cache.get(key)
    if kept is not None:
        etag = kept.etag
        if request.method in ("GET", "HEAD") and is_not_modified(etag):
            return not_modified(etag, vary=True)
        return cacheable(kept.response(current_app.response_class), etag, vary=True)
    query = check_query(req.query)
    fmt = negotiate(request.headers.get("Accept"), req.formats, query.kind)
    volatile = VOLATILE.search(req.query) is not None
    etag = etag_of(store.version, req.query, req.default_graphs, req.named_graphs, fmt.name)
    if request.method in ("GET", "HEAD") and not volatile and is_not_modified(etag):
        return not_modified(etag, vary=True)
    response = _answer(req, query, fmt)
    if req.formats and fmt.name in DOWNLOADS:
        response.headers["Content-Disposition"] = f'attachment; filename="query-results.{fmt.name}"'
    if volatile:  # kept by no one: neither here nor by any HTTP cache, and no ETag to revalidate
        response.headers["Cache-Control"] = "no-store"
        response.vary.add("Accept")
        return response
    cache.put(key, response.get_data(), response.content_type, etag,
              tuple((name, value) for name, value in response.headers.items() if name == "Content-Disposition"))
    return cacheable(response, etag, vary=True)


def _answer(req: ProtocolRequest, query, fmt):
    """The response with the store's answer to a checked query (a page, for HTML, made here)."""
    engine_format = results.ENGINE_FORMAT[query.kind] if fmt.name == "html" else fmt
    answer = run_query(
        query,
        engine_format,
        default_graphs=list(req.default_graphs) if req.default_graphs is not None else None,
        named_graphs=list(req.named_graphs) if req.named_graphs is not None else None,
    )
    if fmt.name == "html":
        dataset = {name: list(graphs) for name, graphs in (("default-graph-uri", req.default_graphs),
                                                             ("named-graph-uri", req.named_graphs)) if graphs is not None}
        page = results.page(req.query, query, answer.body, engine_format, dataset)
        answer.release()
        return current_app.response_class(page, content_type=fmt.content_type)
    response = current_app.response_class(answer.body, content_type=answer.media_type)
    response.call_on_close(answer.release)  # its bytes leave the budget once sent
    return response


def run_query(query, fmt, **dataset_and_bindings):
    """Run a checked query for this request's client, within its limits: a slot of its own (429 when it has
    too many), its budget of query time (its queries go to the reserved processes only while it is light)."""
    limiter: ClientLimiter = current_app.extensions["nukg.limiter"]
    budget: QueryTimeBudget = current_app.extensions["nukg.budget"]
    client = client_id()
    heavy = budget.admit(client)
    with limiter.slot(client, current_app.config["NUKG_QUEUE_TIMEOUT"]):
        answer = get_store().run(query, fmt, heavy=heavy, spent=lambda seconds: budget.record(client, seconds),
                                 **dataset_and_bindings)
    g.nukg_answer_release = answer.release  # for _give_back_unsent, should the answer never be sent
    return answer


@bp.teardown_request
def _give_back_unsent(exc) -> None:
    """An error after the answer was read (in an after-request hook...) drops it for an error page: its
    bytes go back to the budget here, since its close will never come."""
    release = g.pop("nukg_answer_release", None)
    if exc is not None and release is not None:
        release()


def read_request(max_query_bytes: int) -> ProtocolRequest:
    """Read the protocol's parameters from the URL and, for POST, the body; refuse what the protocol forbids."""
    pairs = _pairs(request.query_string, "The URL's query string")
    if request.method == "POST":
        kind, charset = body_kind(request.headers.get("Content-Type"))
        if kind == UPDATE_BODY:
            raise UpdateRefused("SPARQL Update is not accepted: this endpoint is read-only.")
        if kind is None:
            given = request.headers.get("Content-Type")
            raise UnsupportedMediaType(
                f"A POST needs Content-Type {' or '.join(ACCEPTED_BODIES)}"
                + (f", not {given!r}." if given else "; the request has none.")
            )
        if not is_utf8(charset):
            raise UnsupportedMediaType(f"The body must be UTF-8, not {charset!r}.")
        body = request.get_data(cache=False)
        if kind == FORM_BODY:
            pairs += _pairs(body, "The form body")
        else:
            if any(name == "query" for name, _ in pairs):
                raise BadRequest("The query is given twice: in the URL and as the body. Send it once.")
            pairs.append(("query", _utf8(body, "The request body")))
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    if "update" in values:
        raise UpdateRefused("SPARQL Update is not accepted: this endpoint is read-only.")
    queries = values.get("query", [])
    if len(queries) > 1:
        raise BadRequest(f"Send exactly one query; this request has {len(queries)} `query` parameters.")
    query = queries[0].removeprefix("\ufeff") if queries else None
    g.nukg_formats = values.get("format", [])  # errors follow ?format=html too (the body is read only here)
    if query is not None and len(query.encode("utf-8")) > max_query_bytes:
        raise PayloadTooLarge(f"The query is longer than the limit of {max_query_bytes} bytes.")
    return ProtocolRequest(
        query=query,
        default_graphs=tuple(values["default-graph-uri"]) if "default-graph-uri" in values else None,
        named_graphs=tuple(values["named-graph-uri"]) if "named-graph-uri" in values else None,
        formats=tuple(values.get("format", ())),
        edit=any(v.strip().lower() not in ("", "0", "false", "no") for v in values.get("edit", ())),
    )


def _utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"{what} is not valid UTF-8 (byte {exc.start}).") from None


def _pairs(raw: bytes, what: str) -> list[tuple[str, str]]:
    """Decode ``application/x-www-form-urlencoded`` strictly: percent-escapes must be UTF-8."""
    text = _utf8(raw, what)
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"{what} has percent-escapes that are not UTF-8.") from None
    except ValueError as exc:
        raise BadRequest(f"{what} cannot be read: {exc}") from None


# --- service description and query page --------------------------------------


def service_or_query_page(req: ProtocolRequest):
    """The service description for machines, the query page for browsers."""
    store = get_store()
    fmt = negotiate(request.headers.get("Accept"), req.formats, GRAPH)
    if fmt.name == "html":
        return editor_page(EXAMPLE_QUERY.format(nuo=PREFIX_IRIS["nuo"], rdfs=PREFIX_IRIS["rdfs"]))
    # The description names the endpoint by its permanent IRI, never by the request's Host
    # header: the same bytes for every host, so one cached copy per format is enough.
    etag = etag_of(store.version, "service-description", fmt.name)
    if is_not_modified(etag):
        return not_modified(etag, vary=True)
    cache = current_app.extensions["nukg.descriptions"]
    if fmt.name not in cache:
        triples = service.service_description(store.sizes, store.version)
        cache[fmt.name] = rdf_bytes(triples, fmt, prefixes=service.PREFIXES)
    response = current_app.response_class(cache[fmt.name], content_type=fmt.content_type)
    return cacheable(response, etag, vary=True)


def editor_page(text: str):
    """The query editor opened on ``text``, with the examples (the page for browsers)."""
    store = get_store()
    page = render_template(
        "query.html",
        query=text,
        permalink=workbench.permalink(text),
        examples=get_examples(),
        prefixes=json.dumps(PREFIX_IRIS, ensure_ascii=False).replace("</", "<\\/"),
        resource_base=BASE,
        result_formats=formats_of(RESULTS),
        graph_formats=formats_of(GRAPH),
        sizes=store.sizes,
        version=store.version,
    )
    response = current_app.response_class(page, content_type=HTML.content_type)
    response.headers["Cache-Control"] = "no-cache"
    response.vary.add("Accept")
    return response
