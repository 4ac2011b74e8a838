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
:mod:`nukg.core.formats`, kind ``document``); negotiated responses say ``Vary:
Accept``, and nothing acceptable is a 406 that lists the documents.
Documents carry a strong ETag (graph version + IRI + format + mount point), Cache-Control and
``Link: <...>; rel="alternate"`` to their twins; ``If-None-Match`` gets 304.
Each description is computed and serialised once (:class:`nukg.kg.descriptions.Descriptions`).
An unknown IRI in the namespaces is a 404 that suggests close names and links the search page.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request, url_for
from rdflib import URIRef

from ..core.errors import NotAcceptable, NotFound
from ..core.formats import DOCUMENT, formats_of, split_suffix
from ..core.namespaces import BASE, ONTOLOGY_IRI, SHAPES_IRI
from ..kg.descriptions import Descriptions
from ..kg.names import (
    MAX_SUGGESTION_INPUT,
    MAX_SUGGESTION_WORDS,
    NAMESPACE_OF,
    ONTOLOGY,
    SHAPE,
    SHAPES,
    TERM,
    THING,
    kind_of,
    label_of,
    local_name,
    search_words,
)
from .caching import cacheable, etag_of, is_not_modified
from .context import get_documents, get_search, requested_format
from .links import doc_url, href_for, iri_of_doc, link_header, twins
from .views import ontology as ontology_view
from .views import resource as resource_view
from .views import shapes as shapes_view

bp = Blueprint("documents", __name__)

SUGGESTIONS = 8  # close IRIs a 404 names at most


def choose_format(iri: str, docs: Descriptions):
    """The document format for this request: ``?format=`` or else ``Accept``; 406 lists the documents."""
    try:
        return requested_format(DOCUMENT)
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
        iri = NAMESPACE_OF[kind] + stem  # the bare namespace (an empty stem) is not described
    if not docs.exists(iri):
        raise unknown(kind, stem, iri, docs)
    if fmt is None:
        fmt = choose_format(iri, docs)
    return cacheable(current_app.redirect(doc_url(iri, fmt, docs), code=303), vary=True)


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
    etag = etag_of(docs.kg.version, iri, fmt.name, request.script_root)
    if is_not_modified(etag):
        response = current_app.response_class(status=304)
    elif fmt.name == "html":
        body = docs.cached(("html", iri, request.script_root), lambda: render_page(iri, docs, alternates))
        response = current_app.response_class(body, content_type=fmt.content_type)
    else:
        response = current_app.response_class(docs.body(iri, fmt), content_type=fmt.content_type)
    cacheable(response, etag, weak=False, vary=negotiated)
    response.headers["Link"] = link_header(alternates, fmt)
    if negotiated:
        response.headers["Content-Location"] = doc_url(iri, fmt, docs)
    return response


def render_page(iri: str, docs: Descriptions, alternates: list[dict]) -> str:
    kg = docs.kg
    kind = docs.kind(iri)
    context = {"iri": iri, "twins": alternates}
    if kind == ONTOLOGY:
        return render_template("ontology.html", page=ontology_view.ontology_page(kg, href_for), **context)
    if kind == SHAPES:
        return render_template("shapes.html", page=shapes_view.shapes_page(kg, href_for, docs.everything), **context)
    page = resource_view.resource_page(kg, iri, docs.graph(iri), href_for, everything=docs.everything)
    ontology_doc = url_for("documents.document", name="ontology")
    return render_template("resource.html", page=page, kind=kind, ontology_doc=ontology_doc, **context)


# --- unknown IRIs ------------------------------------------------------------------------------


def unknown(kind: str, name: str, iri: str, docs: Descriptions) -> NotFound:
    """A 404 naming close IRIs (found by the search, then by spelling) and a link to the search page."""
    kind = kind if kind in NAMESPACE_OF else THING
    words = search_words(name)
    query = " ".join(words)
    found = []
    if len(name) <= MAX_SUGGESTION_INPUT and len(words) <= MAX_SUGGESTION_WORDS:  # no real name is longer
        found = [h.iri for h in get_search().search(query, limit=SUGGESTIONS * 2).hits if kind_of(h.iri) == kind]
    found += [s.iri for s in docs.suggestions(kind, name, SUGGESTIONS)]
    suggestions = [
        {"iri": i, "label": label_of(docs.everything, URIRef(i)), "href": doc_url(i, docs=docs)}
        for i in dict.fromkeys(found)
    ][:SUGGESTIONS]
    return NotFound(
        f"No resource <{iri}> is described here." if iri.startswith(BASE) else f"No document {iri!r} here.",
        iri=iri,
        suggestions=suggestions,
        search=url_for("search.search", q=query) if query else url_for("search.search"),
    )


def unknown_document(name: str, iri: str | None, kind: str, docs: Descriptions) -> NotFound:
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
            search=url_for("search.search"),
        )
    if iri is None:
        return unknown(kind, name, request.path, docs)
    return unknown(kind, local_name(iri), iri, docs)
