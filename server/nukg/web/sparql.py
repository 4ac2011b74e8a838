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

The answer itself is made by :mod:`nukg.web.answering`, apart from Flask; most ``GET`` requests
never reach this view, answered by the fast path in front of Flask (:mod:`nukg.web.fastpath`),
which hands on to it what it does not answer (``HANDED_OVER``).
"""

from __future__ import annotations

import json

from flask import Blueprint, current_app, g, render_template, request

from ..core.errors import BadRequest, UnsupportedMediaType, UpdateRefused
from ..core.formats import (
    ACCEPTED_BODIES,
    FORM_BODY,
    GRAPH,
    HTML,
    RESULTS,
    UPDATE_BODY,
    body_kind,
    formats_of,
    is_utf8,
    negotiate,
)
from ..core.namespaces import BASE, PREFIX_IRIS
from ..core.writers import rdf_bytes
from ..release import service
from . import answering, results, workbench
from .answering import Asked, NeedsPage, Reply
from .caching import cacheable, etag_of, is_not_modified, not_modified
from .context import client_id, get_examples, get_store, wants_html
from .limits import ClientLimiter, QueryTimeBudget
from .protocol import UPDATE_REFUSED, ProtocolRequest, form_pairs, protocol_request, utf8

bp = Blueprint("sparql", __name__)
ROUTE = "/sparql"
# What the fast path in front of Flask leaves for the view (see nukg.web.fastpath): a reply to send as it
# is, a NeedsPage to go on from (the answer is a page to make), or another error to raise.
HANDED_OVER = "nukg.sparql.handed_over"

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


@bp.record_once
def _setup(state) -> None:
    app = state.app
    app.extensions["nukg.limiter"] = ClientLimiter(app.config["NUKG_CLIENT_QUERIES"],
                                                   max_alone=app.config["NUKG_WEB_THREADS"] // 2)
    app.extensions["nukg.budget"] = QueryTimeBudget(
        app.config["NUKG_CLIENT_BUDGET"], app.config["NUKG_CLIENT_WINDOW"], app.config["NUKG_RESERVED_TIMEOUT"]
    )
    app.extensions["nukg.descriptions"] = {}  # format name -> serialised service description


@bp.route(ROUTE, methods=["GET", "POST"])
def endpoint():
    handed_over = request.environ.pop(HANDED_OVER, None)
    req = read_request(current_app.config["NUKG_MAX_QUERY_BYTES"])
    if req.query is not None:
        g.nukg_query = req.query  # error pages show it, with a way back into the editor
    if isinstance(handed_over, BaseException) and not isinstance(handed_over, NeedsPage):
        raise handed_over
    if isinstance(handed_over, Reply):
        g.nukg_answer_release = handed_over.release  # for _give_back_unsent, should it never be sent
        return response_of(handed_over)
    if req.query is None:
        if request.method == "POST" or req.default_graphs is not None or req.named_graphs is not None:
            raise BadRequest("The request has no query: send it as the `query` parameter or, with "
                             "Content-Type: application/sparql-query, as the body.")
        return service_or_query_page(req)
    if req.edit and wants_html():
        return editor_page(req.query)
    asked = Asked(request.method, request.headers.get("Accept"), request.headers.get("If-None-Match"),
                  request.script_root, client_id())
    resumed = handed_over if isinstance(handed_over, NeedsPage) else None
    reply = answering.answer(current_app, req, asked, page=_page, resumed=resumed)
    g.nukg_answer_release = reply.release  # for _give_back_unsent, should the answer never be sent
    return response_of(reply)


def response_of(reply: Reply):
    """A Flask response for ``reply``; its bytes leave the budget once sent."""
    response = current_app.response_class(reply.body, status=reply.status, headers=reply.headers,
                                          content_type=reply.content_type)
    if reply.release is not None:
        response.call_on_close(reply.release)
    return response


def _page(req: ProtocolRequest, query, body: bytes, fmt) -> str:
    """The HTML page of an answer; its links keep the request's dataset."""
    dataset = {name: list(graphs) for name, graphs in (("default-graph-uri", req.default_graphs),
                                                         ("named-graph-uri", req.named_graphs)) if graphs is not None}
    return results.page(req.query, query, body, fmt, dataset)


def run_query(query, fmt, **dataset_and_bindings):
    """Run a checked query for this request's client, within its limits (see :func:`answering.run_query`)."""
    answer = answering.run_query(current_app, client_id(), query, fmt, **dataset_and_bindings)
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
    pairs = form_pairs(request.query_string, "The URL's query string")
    if request.method == "POST":
        kind, charset = body_kind(request.headers.get("Content-Type"))
        if kind == UPDATE_BODY:
            raise UpdateRefused(UPDATE_REFUSED)
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
            pairs += form_pairs(body, "The form body")
        else:
            if any(name == "query" for name, _ in pairs):
                raise BadRequest("The query is given twice: in the URL and as the body. Send it once.")
            pairs.append(("query", utf8(body, "The request body")))
    # errors follow ?format=html too (the body is read only here)
    g.nukg_formats = [value for name, value in pairs if name == "format"]
    return protocol_request(pairs, max_query_bytes)


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
