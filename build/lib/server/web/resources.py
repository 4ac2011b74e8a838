"""Dereferenceable IRIs (/id/..., /ontology/..., /shapes/...) and the HTML and RDF documents about them.

The path of a request is the IRI with the host left out (``/id/x`` is
``BASE + "id/x"``), so the same data works on any host.  Things and the
documents about them are distinct:

=======================================  ===============================================
IRI (answers ``303 See Other``)           documents (``200``)
=======================================  ===============================================
``/id/{slug}``                            ``/doc/{slug}`` (HTML), ``/doc/{slug}.ttl``, ``.jsonld``, ``.nt``, ``.rdf``
``/ontology/{Term}``                      ``/doc/ontology/{Term}`` and its twins
``/ontology`` (and its version IRI)       ``/doc/ontology`` (documentation) and the whole ontology as ``.ttl``...
``/shapes/{Shape}``                       ``/doc/shapes/{Shape}`` and its twins
``/shapes``                               ``/doc/shapes`` (a list) and all the shapes as ``.ttl``...
=======================================  ===============================================

The format comes from a suffix (``/id/x.ttl`` or ``/doc/x.ttl``), which beats
``Accept``, else from ``?format=``, else from ``Accept`` (see
:mod:`server.formats`, kind ``document``); negotiated responses say ``Vary:
Accept``, and nothing acceptable is a 406 that lists the documents.
Documents carry a strong ETag (graph version + IRI + format), Cache-Control and
``Link: <...>; rel="alternate"`` to their twins; ``If-None-Match`` gets 304.
Each description is computed and serialised once (:class:`server.describe.Documents`).
An unknown IRI in the namespaces is a 404 that suggests close names and a search.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, render_template, request, url_for

from .. import docpages
from ..describe import ONTOLOGY, SHAPE, SHAPES, TERM, THING, Documents, local_name, search_words
from ..errors import NotAcceptable, NotFound, error_body
from ..formats import DOCUMENT, ERROR, Format, formats_of, negotiate, split_suffix
from ..namespaces import BASE, NUK, NUO, NUS, ONTOLOGY_IRI, PREFIXES, SHAPES_IRI
from . import get_kg

bp = Blueprint("resources", __name__)

# Paths under /doc/ that are not slugs of things.
RESERVED_SLUGS = ("ontology", "shapes")
_DOC_PREFIX = {THING: "", TERM: "ontology/", SHAPE: "shapes/"}
_NAMESPACES = {THING: str(NUK), TERM: str(NUO), SHAPE: str(NUS)}


def get_documents() -> Documents:
    """The app's cache of descriptions and rendered documents, made on first use."""
    kg = get_kg()
    docs = current_app.extensions.get("nukg.documents")
    if docs is None or docs.kg is not kg:
        docs = current_app.extensions["nukg.documents"] = Documents(kg)
    return docs


# --- IRIs, paths and links ------------------------------------------------------------


def doc_name(iri: str, docs: Documents) -> str:
    """The path of the documents about ``iri`` under /doc/, without suffix."""
    kind = docs.kind(iri)
    if kind == ONTOLOGY:
        return "ontology"
    if kind == SHAPES:
        return "shapes"
    return _DOC_PREFIX[kind] + iri[len(_NAMESPACES[kind]):]


def doc_url(iri: str, fmt: Format | None = None, docs: Documents | None = None) -> str:
    """The local URL of the document about ``iri`` in ``fmt`` (the HTML page when None or HTML)."""
    name = doc_name(iri, docs or get_documents())
    if fmt is not None and fmt.name != "html":
        name += "." + fmt.suffix
    return url_for("resources.document", name=name)


def iri_of_doc(name: str) -> tuple[str | None, str]:
    """The IRI a /doc/ path (suffix removed) is about, and its kind; None when the path names none."""
    if name == "ontology":
        return str(ONTOLOGY_IRI), ONTOLOGY
    if name == "shapes":
        return str(SHAPES_IRI), SHAPES
    for kind in (TERM, SHAPE):
        prefix = _DOC_PREFIX[kind]
        if name.startswith(prefix) and len(name) > len(prefix) and "/" not in name[len(prefix):]:
            return _NAMESPACES[kind] + name[len(prefix):], kind
    if name and "/" not in name:
        return str(NUK) + name, THING
    return None, THING


def href_for(iri: str) -> str | None:
    """Where a page links an IRI: our own IRIs to their local page, others to themselves (http(s) only)."""
    docs = get_documents()
    if iri.startswith(BASE):
        if docs.exists(iri) and docs.kind(iri):
            return doc_url(iri, docs=docs)
        return request.script_root + "/" + iri[len(BASE):]  # the path that answers for it, if any
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def twins(iri: str, docs: Documents) -> list[dict]:
    return [{"format": fmt, "href": doc_url(iri, fmt, docs)} for fmt in formats_of(DOCUMENT)]


def link_header(alternates: list[dict], current: Format | None) -> str:
    return ", ".join(
        f'<{t["href"]}>; rel="alternate"; type="{t["format"].media_type}"'
        for t in alternates
        if current is None or t["format"].name != current.name
    )


def choose_format(iri: str, docs: Documents) -> Format:
    """The document format for this request: ``?format=`` or else ``Accept``; 406 lists the documents."""
    try:
        return negotiate(request.headers.get("Accept"), request.args.getlist("format"), DOCUMENT)
    except NotAcceptable as exc:
        documents = {t["format"].media_type: t["href"] for t in twins(iri, docs)}
        listing = "; ".join(f"{media_type} at {href}" for media_type, href in documents.items())
        raise NotAcceptable(
            f"{exc.message} The documents about <{iri}>: {listing}.",
            headers={"Vary": "Accept"},
            available=list(documents),
            documents=documents,
        ) from None


# --- the IRIs: 303 to a document ------------------------------------------------------------


@bp.get("/id/<path:name>")
def thing(name):
    return see_other(THING, name)


@bp.get("/ontology/<path:name>")
def term(name):
    return see_other(TERM, name)


@bp.get("/shapes/<path:name>")
def shape(name):
    return see_other(SHAPE, name)


@bp.get("/ontology")
def ontology():
    return see_other(ONTOLOGY, "")


@bp.get("/shapes")
def shapes():
    return see_other(SHAPES, "")


# The namespaces themselves (with their slash): the ontology and the shapes answer for theirs.
@bp.get("/ontology/")
def ontology_namespace():
    return see_other(ONTOLOGY, "")


@bp.get("/shapes/")
def shapes_namespace():
    return see_other(SHAPES, "")


@bp.get("/id/")
def things_namespace():
    return see_other(THING, "")


def see_other(kind: str, name: str):
    """``303 See Other`` from an IRI to the document about it in the format asked for."""
    docs = get_documents()
    stem, fmt = split_suffix(name, DOCUMENT)
    if kind == ONTOLOGY:
        iri = str(ONTOLOGY_IRI)
    elif kind == SHAPES:
        iri = str(SHAPES_IRI)
    else:
        iri = _NAMESPACES[kind] + stem  # the bare namespace (an empty stem) is not described
    if not docs.exists(iri):
        raise unknown(kind, stem, iri, docs)
    if fmt is None:
        fmt = choose_format(iri, docs)
    response = current_app.redirect(doc_url(iri, fmt, docs), code=303)
    response.vary.add("Accept")
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['NUKG_CACHE_MAX_AGE']}"
    return response


# --- the documents ---------------------------------------------------------------------------


@bp.get("/doc/")
def documents_root():
    raise unknown(THING, "", request.path, get_documents())


@bp.get("/doc/<path:name>")
def document(name):
    """The page or an RDF document about one IRI; the suffix, else ``Accept``, chooses which."""
    docs = get_documents()
    stem, fmt = split_suffix(name, DOCUMENT)
    iri, kind = iri_of_doc(stem)
    if iri is None or not docs.exists(iri):
        raise unknown_document(name, iri, kind, docs)
    negotiated = fmt is None
    if negotiated:
        fmt = choose_format(iri, docs)
    alternates = twins(iri, docs)
    etag = hashlib.sha256(f"{docs.kg.version}\0{iri}\0{fmt.name}\0{request.script_root}".encode()).hexdigest()[:32]
    if request.if_none_match.contains(etag):
        response = current_app.response_class(status=304)
    elif fmt.name == "html":
        body = docs.cached(("html", iri, request.script_root), lambda: render_page(iri, docs, alternates))
        response = current_app.response_class(body, content_type=fmt.content_type)
    else:
        response = current_app.response_class(docs.body(iri, fmt), content_type=fmt.content_type)
    response.set_etag(etag)
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['NUKG_CACHE_MAX_AGE']}"
    response.headers["Link"] = link_header(alternates, fmt)
    if negotiated:
        response.vary.add("Accept")
        response.headers["Content-Location"] = doc_url(iri, fmt, docs)
    return response


def render_page(iri: str, docs: Documents, alternates: list[dict]) -> str:
    kg = docs.kg
    kind = docs.kind(iri)
    context = {"iri": iri, "twins": alternates}
    if kind == ONTOLOGY:
        return render_template("ontology.html", page=docpages.ontology_page(kg, href_for), **context)
    if kind == SHAPES:
        return render_template("shapes.html", page=docpages.shapes_page(kg, href_for, docs.everything), **context)
    page = docpages.resource_page(kg, iri, docs.graph(iri), href_for, everything=docs.everything)
    ontology_doc = url_for("resources.document", name="ontology")
    return render_template("resource.html", page=page, kind=kind, ontology_doc=ontology_doc, **context)


# --- unknown IRIs ------------------------------------------------------------------------------


def unknown(kind: str, name: str, iri: str, docs: Documents) -> NotFound:
    """A 404 naming close IRIs and a label search on the query page."""
    suggestions = [
        {"iri": s.iri, "label": s.label, "href": doc_url(s.iri, docs=docs)}
        for s in docs.suggestions(kind if kind in _NAMESPACES else THING, name)
    ]
    words = search_words(name)
    search = url_for("sparql.endpoint", query=label_search(words)) if words else url_for("sparql.endpoint")
    return NotFound(
        f"No resource <{iri}> is described here." if iri.startswith(BASE) else f"No document {iri!r} here.",
        iri=iri,
        suggestions=suggestions,
        search=search,
    )


def unknown_document(name: str, iri: str | None, kind: str, docs: Documents) -> NotFound:
    """A 404 for a /doc/ path: an unknown suffix of a known document lists the formats there are."""
    base, dot, suffix = name.rpartition(".")
    known, _ = iri_of_doc(base) if dot else (None, None)
    if known and docs.exists(known):
        suffixes = ", ".join("." + f.suffix for f in formats_of(DOCUMENT))
        return NotFound(
            f"No document {request.path!r}: .{suffix} is not one of the formats ({suffixes}).",
            iri=known,
            suggestions=[{"iri": known, "label": f"{t['format'].label} ({t['format'].media_type})", "href": t["href"]}
                         for t in twins(known, docs)],
            search=url_for("sparql.endpoint"),
        )
    if iri is None:
        return unknown(kind, name, request.path, docs)
    return unknown(kind, local_name(iri), iri, docs)


def label_search(words: list[str]) -> str:
    """A SPARQL query for resources whose label holds one of ``words`` (letters and digits only)."""
    pattern = "|".join(words)
    return (
        f"PREFIX rdfs: <{PREFIXES['rdfs']}>\n"
        "SELECT ?resource ?label WHERE {\n"
        "  ?resource rdfs:label ?label .\n"
        f'  FILTER(REGEX(STR(?label), "{pattern}", "i"))\n'
        "}\nORDER BY LCASE(STR(?label))\nLIMIT 100\n"
    )


@bp.errorhandler(NotFound)
def not_found(exc: NotFound):
    """The 404 of an unknown IRI: a page with suggestions for browsers, JSON for machines."""
    try:
        wants_html = negotiate(request.headers.get("Accept"), None, ERROR).name == "html"
    except NotAcceptable:
        wants_html = False
    if wants_html:
        body = render_template("not_found.html", error=exc)
        response = current_app.response_class(body, status=404, content_type="text/html; charset=utf-8")
    else:
        response = current_app.json.response(error_body(exc))
        response.status_code = 404
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("Accept")
    return response
