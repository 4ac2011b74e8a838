"""The SPARQL 1.1 Protocol endpoint at ``/sparql`` (queries only; read-only).

- ``GET /sparql?query=...``, ``POST`` form-encoded, ``POST`` with
  ``Content-Type: application/sparql-query``; ``default-graph-uri`` and
  ``named-graph-uri`` (repeatable) replace the query's FROM/FROM NAMED.
- The answer's format comes from ``format`` (a token such as ``csv`` or a
  media type) or else from ``Accept``; see :mod:`server.formats`.
- ``GET /sparql`` without a query: the service description (RDF) or, for a
  browser, the query page.
- Answers carry a weak ETag (store version + query + dataset + format),
  ``Cache-Control`` and ``Vary: Accept``; a matching ``If-None-Match`` gets
  304 without running the query.
- Refused before anything runs: updates (403), SERVICE (403), a missing or
  repeated query (400), other methods (405), other or non-UTF-8 bodies (415
  or 400), over-long queries and bodies (413).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox
from flask import Blueprint, current_app, render_template, request, url_for
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, VOID, XSD

from ..errors import BadRequest, PayloadTooLarge, UnsupportedMediaType, UpdateRefused
from ..formats import (
    ACCEPTED_BODIES,
    FORM_BODY,
    GRAPH,
    RESULTS,
    UPDATE_BODY,
    body_kind,
    formats_of,
    is_utf8,
    negotiate,
)
from ..namespaces import DATASET_IRI, ENTAILMENT, PREFIXES, SD
from ..querycheck import check_query
from ..serialize import triples_bytes
from . import get_store
from .limits import ClientLimiter

bp = Blueprint("sparql", __name__)

EXAMPLE_QUERY = """\
PREFIX nuo: <{nuo}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

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
    app.extensions["nukg.limiter"] = ClientLimiter(app.config["NUKG_CLIENT_QUERIES"])
    app.extensions["nukg.descriptions"] = {}


@dataclass(frozen=True)
class ProtocolRequest:
    """The SPARQL protocol parameters of one request."""

    query: str | None
    default_graphs: tuple[str, ...] | None  # None: not given
    named_graphs: tuple[str, ...] | None
    formats: tuple[str, ...]  # values of ?format=


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint():
    config = current_app.config
    req = read_request(config["NUKG_MAX_QUERY_BYTES"])
    if req.query is None:
        if request.method == "POST" or req.default_graphs is not None or req.named_graphs is not None:
            raise BadRequest("The request has no query: send it as the `query` parameter or, with "
                             "Content-Type: application/sparql-query, as the body.")
        return describe(req)
    store = get_store()
    info = check_query(req.query)
    fmt = negotiate(request.headers.get("Accept"), req.formats, info.kind)
    etag = _etag(store.version, req.query, req.default_graphs, req.named_graphs, fmt.name)
    if request.method in ("GET", "HEAD") and request.if_none_match.contains_weak(etag):
        return _not_modified(etag)
    limiter: ClientLimiter = current_app.extensions["nukg.limiter"]
    with limiter.slot(client_id(), config["NUKG_QUEUE_TIMEOUT"]):
        answer = store.query(
            req.query,
            format=fmt.name,
            default_graphs=list(req.default_graphs) if req.default_graphs is not None else None,
            named_graphs=list(req.named_graphs) if req.named_graphs is not None else None,
        )
    response = current_app.response_class(answer.body, content_type=answer.media_type)
    return _cacheable(response, etag)


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
    if query is not None and len(query.encode("utf-8")) > max_query_bytes:
        raise PayloadTooLarge(f"The query is longer than the limit of {max_query_bytes} bytes.")
    return ProtocolRequest(
        query=query,
        default_graphs=tuple(values["default-graph-uri"]) if "default-graph-uri" in values else None,
        named_graphs=tuple(values["named-graph-uri"]) if "named-graph-uri" in values else None,
        formats=tuple(values.get("format", ())),
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


def client_id() -> str:
    """Who is asking, for per-client fairness: a proxy header when configured, else the address."""
    header = current_app.config["NUKG_CLIENT_HEADER"]
    if header:
        value = request.headers.get(header, "")
        if value.strip():
            return value.split(",")[-1].strip()
    return request.remote_addr or "unknown"


# --- caching ----------------------------------------------------------------


def _etag(*parts) -> str:
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()
    return digest[:32]


def _cacheable(response, etag: str):
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['NUKG_CACHE_MAX_AGE']}"
    response.vary.add("Accept")
    return response


def _not_modified(etag: str):
    return _cacheable(current_app.response_class(status=304), etag)


# --- service description and query page --------------------------------------


def describe(req: ProtocolRequest):
    """The service description for machines, the query page for browsers."""
    store = get_store()
    fmt = negotiate(request.headers.get("Accept"), req.formats, GRAPH)
    if fmt.name == "html":
        page = render_template(
            "query.html",
            example=EXAMPLE_QUERY.format(nuo=PREFIXES["nuo"]),
            result_formats=formats_of(RESULTS),
            graph_formats=formats_of(GRAPH),
            sizes=store.sizes,
            version=store.version,
        )
        response = current_app.response_class(page, content_type=fmt.content_type)
        response.headers["Cache-Control"] = "no-cache"
        response.vary.add("Accept")
        return response
    endpoint_url = request.base_url
    etag = _etag(store.version, "service-description", endpoint_url, fmt.name)
    if request.if_none_match.contains_weak(etag):
        return _not_modified(etag)
    cache = current_app.extensions["nukg.descriptions"]
    key = (endpoint_url, fmt.name)
    if key not in cache:
        prefixes = {"sd": str(SD), "void": str(VOID), "dcterms": str(DCTERMS), "owl": str(OWL), "xsd": str(XSD),
                    "rdfs": str(RDFS)}
        void_url = url_for("dumps.void", _external=True)
        cache[key] = triples_bytes(description(endpoint_url, store.sizes, store.version, void_url), fmt,
                                   prefixes=prefixes)
    response = current_app.response_class(cache[key], content_type=fmt.content_type)
    return _cacheable(response, etag)


def description(
    endpoint_url: str, sizes: dict[str, int], version: str, void_url: str | None = None
) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint, as pyoxigraph triples.

    Its default dataset is the published dataset (``BASE/dataset``), which ``void_url``
    (the VoID + DCAT document) describes.
    """

    def iri(term) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    def count(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=iri(XSD.integer))

    a = iri(RDF.type)
    service = ox.NamedNode(endpoint_url)
    triples = [
        (service, a, iri(SD.Service)),
        (service, iri(SD.endpoint), service),
        (service, iri(SD.supportedLanguage), iri(SD.SPARQL11Query)),
        (service, iri(SD.feature), iri(SD.UnionDefaultGraph)),
        (service, iri(SD.defaultEntailmentRegime), iri(ENTAILMENT.Simple)),
        (service, iri(DCTERMS.title), ox.Literal("NATO-Ukraine Relations Knowledge Graph", language="en")),
    ]
    for fmt in (*formats_of(RESULTS), *formats_of(GRAPH)):
        if fmt.iri:
            triples.append((service, iri(SD.resultFormat), ox.NamedNode(fmt.iri)))
    dataset = iri(DATASET_IRI)
    default_graph = ox.BlankNode()
    triples += [
        (service, iri(SD.defaultDataset), dataset),
        (dataset, a, iri(SD.Dataset)),
        (dataset, a, iri(VOID.Dataset)),
        (dataset, iri(OWL.versionInfo), ox.Literal(version)),
        (dataset, iri(SD.defaultGraph), default_graph),
        (default_graph, a, iri(SD.Graph)),
        (default_graph, iri(VOID.triples), count(sizes.get("", 0))),
    ]
    if void_url:
        triples.append((dataset, iri(RDFS.seeAlso), ox.NamedNode(void_url)))
    for name, n in sizes.items():
        if not name:
            continue
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            (dataset, iri(SD.namedGraph), named),
            (named, a, iri(SD.NamedGraph)),
            (named, iri(SD.name), ox.NamedNode(name)),
            (named, iri(SD.graph), graph),
            (graph, a, iri(SD.Graph)),
            (graph, iri(VOID.triples), count(n)),
        ]
    return [ox.Triple(*t) for t in triples]
