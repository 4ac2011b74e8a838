"""Where things are on this server: the /doc/ path of an IRI, the IRI of a /doc/ path, page links,
and the ``Link`` header to a document's twins in other formats."""

from __future__ import annotations

from flask import request, url_for

from ..core.formats import DOCUMENT, Format, formats_of
from ..core.namespaces import BASE, NUK, ONTOLOGY_IRI, SHAPES_IRI
from ..kg.descriptions import Descriptions
from ..kg.names import NAMESPACE_OF, ONTOLOGY, SHAPE, SHAPES, TERM, THING
from .context import get_documents

# Paths under /doc/ that are not slugs of things.
RESERVED_SLUGS = ("ontology", "shapes")
DOC_PREFIX = {THING: "", TERM: "ontology/", SHAPE: "shapes/"}


def doc_name(iri: str, docs: Descriptions) -> str:
    """The path of the documents about ``iri`` under /doc/, without suffix."""
    kind = docs.kind(iri)
    if kind == ONTOLOGY:
        return "ontology"
    if kind == SHAPES:
        return "shapes"
    return DOC_PREFIX[kind] + iri[len(NAMESPACE_OF[kind]):]


def doc_url(iri: str, fmt: Format | None = None, docs: Descriptions | None = None) -> str:
    """The local URL of the document about ``iri`` in ``fmt`` (the HTML page when None or HTML)."""
    name = doc_name(iri, docs or get_documents())
    if fmt is not None and fmt.name != "html":
        name += "." + fmt.suffix
    return url_for("documents.document", name=name)


def iri_of_doc(name: str) -> tuple[str | None, str]:
    """The IRI a /doc/ path (suffix removed) is about, and its kind; None when the path names none."""
    if name == "ontology":
        return str(ONTOLOGY_IRI), ONTOLOGY
    if name == "shapes":
        return str(SHAPES_IRI), SHAPES
    for kind in (TERM, SHAPE):
        prefix = DOC_PREFIX[kind]
        if name.startswith(prefix) and len(name) > len(prefix) and "/" not in name[len(prefix):]:
            return NAMESPACE_OF[kind] + name[len(prefix):], kind
    if name and "/" not in name:
        return str(NUK) + name, THING
    return None, THING


def href_for(iri: str) -> str | None:
    """Where a page links an IRI: our own IRIs to their local page, others to themselves (http(s) only)."""
    docs = get_documents()
    if iri.startswith(BASE):
        if docs.exists(iri) and docs.kind(iri):
            return doc_url(iri, docs=docs)
        rest = iri[len(BASE):]
        if rest.startswith("/") or "\\" in rest:
            return None  # "BASE//host/..." would make a link to another host
        return request.script_root + "/" + rest  # the path that answers for it, if any
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def twins(iri: str, docs: Descriptions) -> list[dict]:
    return [{"format": fmt, "href": doc_url(iri, fmt, docs)} for fmt in formats_of(DOCUMENT)]


def link_header(alternates: list[dict], current: Format | None) -> str:
    return ", ".join(
        f'<{t["href"]}>; rel="alternate"; type="{t["format"].media_type}"'
        for t in alternates
        if current is None or t["format"].name != current.name
    )
