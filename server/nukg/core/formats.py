"""The one table of formats and media types, content negotiation, and the writer registry.

Every media type the server reads or writes is spelled out here, and only
here: the rest of the code asks :func:`negotiate` (or :func:`by_name`,
:func:`by_suffix`) for a :class:`Format` and uses its fields.  A format's
``writer`` is the pyoxigraph format that serialises it (None for the pages,
which the web layer renders).  Nothing in this module knows Flask.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import pyoxigraph as ox

from .errors import NotAcceptable

# What a response holds; each format belongs to one kind.
RESULTS = "results"  # SELECT and ASK answers
GRAPH = "graph"  # CONSTRUCT and DESCRIBE answers, and other RDF documents
DOCUMENT = "document"  # the documents about a resource (/doc/...): a page for people, RDF for machines
ERROR = "error"  # error documents
FILE = "file"  # release files that are not RDF: compressed dumps, checksums
ROWS = "rows"  # the named-query API's answers: plain rows for people and spreadsheets, or SPARQL JSON

KIND_LABELS = {RESULTS: "SELECT/ASK results", GRAPH: "RDF graphs", DOCUMENT: "resource documents", ERROR: "errors",
               FILE: "files", ROWS: "named-query answers"}

_W3C = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class Format:
    name: str  # canonical token, also accepted by ?format=
    media_type: str
    kind: str
    label: str
    tokens: tuple[str, ...] = ()  # other values of ?format= that select it
    aliases: tuple[str, ...] = ()  # other media types that select it
    text: bool = False  # a text/* type: say the charset
    iri: str | None = None  # the W3C format IRI, for the service description
    suffix: str | None = None  # the file suffix naming it in a URL or file name (``ttl`` in /doc/x.ttl)
    writer: ox.RdfFormat | ox.QueryResultsFormat | None = None  # pyoxigraph's writer; None for pages
    quads: bool = False  # keeps named graphs (N-Quads, TriG)

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.text else self.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


# The triple formats of graph answers, which a resource's document also comes in
# (/doc/{slug}.ttl...): the same rows serve both kinds.
_DOCUMENT_TWINS: tuple[Format, ...] = (
    # Turtle is also valid N3, so it answers requests for N3.
    Format("turtle", "text/turtle", GRAPH, "Turtle", tokens=("ttl", "n3"),
           aliases=("application/x-turtle", "application/turtle", "text/n3"), text=True, iri=_W3C + "Turtle",
           suffix="ttl", writer=ox.RdfFormat.TURTLE),
    Format("ntriples", "application/n-triples", GRAPH, "N-Triples",
           tokens=("nt", "n-triples"), aliases=("text/plain",), iri=_W3C + "N-Triples", suffix="nt",
           writer=ox.RdfFormat.N_TRIPLES),
    Format("jsonld", "application/ld+json", GRAPH, "JSON-LD",
           tokens=("json-ld", "json"), aliases=("application/json",), iri=_W3C + "JSON-LD", suffix="jsonld",
           writer=ox.RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", GRAPH, "RDF/XML",
           tokens=("rdf", "xml", "rdf+xml"), aliases=("application/xml", "text/xml"), iri=_W3C + "RDF_XML",
           suffix="rdf", writer=ox.RdfFormat.RDF_XML),
)

# Order matters: within a kind, the first format is the default and earlier
# rows win ties in content negotiation.
FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", RESULTS, "SPARQL JSON",
           tokens=("srj",), aliases=("application/json",), iri=_W3C + "SPARQL_Results_JSON",
           writer=ox.QueryResultsFormat.JSON),
    Format("xml", "application/sparql-results+xml", RESULTS, "SPARQL XML",
           tokens=("srx",), aliases=("application/xml", "text/xml"), iri=_W3C + "SPARQL_Results_XML",
           writer=ox.QueryResultsFormat.XML),
    Format("csv", "text/csv", RESULTS, "CSV", text=True, iri=_W3C + "SPARQL_Results_CSV",
           writer=ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", RESULTS, "TSV", text=True, iri=_W3C + "SPARQL_Results_TSV",
           writer=ox.QueryResultsFormat.TSV),
    Format("html", "text/html", RESULTS, "HTML table", text=True),
    *_DOCUMENT_TWINS,
    Format("nquads", "application/n-quads", GRAPH, "N-Quads", tokens=("nq",), iri=_W3C + "N-Quads", suffix="nq",
           writer=ox.RdfFormat.N_QUADS, quads=True),
    Format("trig", "application/trig", GRAPH, "TriG", iri=_W3C + "TriG", suffix="trig", writer=ox.RdfFormat.TRIG,
           quads=True),
    Format("html", "text/html", GRAPH, "HTML page", text=True),
    # The documents about a resource: /doc/{slug} (the page) and its twins /doc/{slug}.ttl, .nt...
    # The page comes first: a client that takes anything (*/*) is most likely a person.
    Format("html", "text/html", DOCUMENT, "HTML page", aliases=("application/xhtml+xml",), text=True, suffix="html"),
    *(replace(f, kind=DOCUMENT) for f in _DOCUMENT_TWINS),
    Format("json", "application/json", ERROR, "JSON"),
    Format("html", "text/html", ERROR, "HTML page", text=True),
    Format("json", "application/json", ROWS, "JSON rows", suffix="json"),
    Format("csv", "text/csv", ROWS, "CSV", text=True, suffix="csv"),
    Format("srj", "application/sparql-results+json", ROWS, "SPARQL JSON", suffix="srj"),
    Format("gzip", "application/gzip", FILE, "gzip", suffix="gz"),
    Format("checksums", "text/plain", FILE, "SHA-256 checksums", text=True),
)

# Request bodies the SPARQL protocol defines.
FORM_BODY = "form"
QUERY_BODY = "query"
UPDATE_BODY = "update"
_BODY_TYPES = {
    "application/x-www-form-urlencoded": FORM_BODY,
    "application/sparql-query": QUERY_BODY,
    "application/sparql-update": UPDATE_BODY,
}
ACCEPTED_BODIES = ("application/x-www-form-urlencoded", "application/sparql-query")

# Answers that nothing negotiates, so no row of the table: named here so that media types stay in one place.
SUGGESTIONS = "application/x-suggestions+json"  # OpenSearch suggestions: [query, labels, descriptions, URLs]
OPENSEARCH = "application/opensearchdescription+xml"  # the OpenSearch description of the site's search
JAVASCRIPT = "application/javascript"  # JSONP answers of the reconciliation service
CSV_TEXT, PLAIN_TEXT = "text/csv", "text/plain"


def formats_of(kind: str) -> tuple[Format, ...]:
    return tuple(f for f in FORMATS if f.kind == kind)


def by_name(kind: str, name: str) -> Format:
    """The format of ``kind`` called ``name`` (its canonical token)."""
    for fmt in formats_of(kind):
        if fmt.name == name:
            return fmt
    raise KeyError(f"no {kind} format named {name!r}")


def by_suffix(kind: str, suffix: str) -> Format | None:
    """The format of ``kind`` that the file suffix ``suffix`` (``ttl``, no dot) names, if any."""
    for fmt in formats_of(kind):
        if fmt.suffix is not None and fmt.suffix == suffix:
            return fmt
    return None


def split_suffix(name: str, kind: str) -> tuple[str, Format | None]:
    """``("x", Turtle)`` for ``"x.ttl"``; ``(name, None)`` when ``name`` ends in no known suffix of ``kind``."""
    stem, dot, suffix = name.rpartition(".")
    fmt = by_suffix(kind, suffix) if dot and stem else None
    return (stem, fmt) if fmt else (name, None)


def available(kind: str) -> list[str]:
    """The media types offered for ``kind``, for 406 messages."""
    return [f.media_type for f in formats_of(kind)]


def negotiate(accept: str | None, format_param, kind: str) -> Format:
    """Choose the response format for ``kind``.

    ``format_param`` (a token such as ``ttl`` or a media type, or several of
    them: the first known one wins, as clients like SPARQLWrapper send
    ``format=tsv&format=text/tab-separated-values``) beats the ``Accept``
    header.  Accept is read with q-values and wildcards; the most specific
    range that matches a media type gives its quality; ties go to the more
    specific match, then to the primary media type, then to the table's
    order.  No Accept (or an empty one) means the kind's default.  Raises
    :class:`NotAcceptable`, listing what exists, when nothing fits.
    """
    values = (format_param,) if isinstance(format_param, str) else tuple(format_param or ())
    if len(accept or "") + sum(map(len, values)) > MEMO_CHARS:
        return _negotiated.__wrapped__(accept, values, kind)
    return _negotiated(accept, values, kind)


MEMO_CHARS = 512  # the longest Accept and formats kept with their answer (a few come again and again)


@functools.lru_cache(maxsize=1024)
def _negotiated(accept: str | None, format_param: tuple[str, ...], kind: str) -> Format:
    candidates = formats_of(kind)
    values = [v.strip().lower() for v in format_param if v and v.strip()]
    if values:
        return _by_param(values, candidates, kind)
    if accept is None or not accept.strip():
        return candidates[0]
    ranges = parse_accept(accept)
    best, best_score = None, None
    for index, fmt in enumerate(candidates):
        for position, media_type in enumerate(fmt.media_types):
            q, specificity = _quality(media_type, ranges)
            score = (q, specificity, position == 0, -index)
            if q > 0 and (best_score is None or score > best_score):
                best, best_score = fmt, score
    if best is None:
        raise NotAcceptable(
            f"None of the media types in Accept: {accept!r} is offered for {KIND_LABELS[kind]}. "
            f"Available: {', '.join(available(kind))}.",
            available=available(kind),
        )
    return best


def _by_param(values: list[str], candidates, kind: str) -> Format:
    for token in values:
        for fmt in candidates:
            if token == fmt.name or token in fmt.tokens:
                return fmt
        essence = token.split(";", 1)[0].strip()
        for fmt in candidates:
            if essence in fmt.media_types:
                return fmt
    names = ", ".join(f.name for f in candidates)
    given = ", ".join(repr(v) for v in values)
    raise NotAcceptable(
        f"Unknown format {given} for {KIND_LABELS[kind]}. Use one of: {names} "
        f"(or a media type: {', '.join(available(kind))}).",
        available=available(kind),
    )


def parse_accept(header: str) -> list[tuple[str, str, float]]:
    """The media ranges of an Accept header as ``(type, subtype, q)``; malformed ranges are skipped."""
    ranges = []
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media_range = pieces[0].lower()
        if media_range.count("/") != 1:
            continue
        main, sub = (s.strip() for s in media_range.split("/"))
        if not main or not sub or (main == "*" and sub != "*"):
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append((main, sub, q))
    return ranges


def _quality(media_type: str, ranges) -> tuple[float, int]:
    """The q the most specific matching range gives ``media_type`` (0 if none), and that specificity."""
    main, sub = media_type.split("/")
    best_q, best_spec = 0.0, -1
    for r_main, r_sub, q in ranges:
        if r_main == main and r_sub == sub:
            spec = 2
        elif r_main == main and r_sub == "*":
            spec = 1
        elif r_main == "*" and r_sub == "*":
            spec = 0
        else:
            continue
        if spec > best_spec or (spec == best_spec and q > best_q):
            best_q, best_spec = q, spec
    return best_q, best_spec


def body_kind(content_type: str | None) -> tuple[str | None, str | None]:
    """What a POST body holds, from its Content-Type: ``(FORM_BODY | QUERY_BODY | UPDATE_BODY | None, charset)``.

    The first item is None when the header is missing or names another type.
    """
    if not content_type or not content_type.strip():
        return None, None
    pieces = [p.strip() for p in content_type.split(";")]
    charset = None
    for param in pieces[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return _BODY_TYPES.get(pieces[0].lower()), charset


def is_utf8(charset: str | None) -> bool:
    """A missing charset means UTF-8, as the SPARQL protocol requires."""
    return charset is None or charset in ("utf-8", "utf8")


# Formats the code names directly (pages, JSON documents, release files).
HTML = by_name(DOCUMENT, "html")
JSON = by_name(ERROR, "json")
TURTLE = by_name(GRAPH, "turtle")
GZIP = by_name(FILE, "gzip")
CHECKSUMS = by_name(FILE, "checksums")
