"""What every page prints: values (links, literals, dates, blank nodes, lists) and rows of statements.

Pure functions, no Flask.  The web layer passes ``href(iri)``, which gives the
link for an IRI (the local document of one of ours, the IRI itself for an
http(s) IRI elsewhere, None otherwise).  Templates get :class:`Value` and
:class:`Row` objects and only print them (autoescaped).

Dates keep the source's precision and are written for people: ``2014``
(xsd:gYear), ``June 2017`` (xsd:gYearMonth), ``15 June 2022`` (xsd:date).

The data is not trusted.  Templates are autoescaped and nothing is marked safe,
so texts are printed as text.  Links are checked in one place: every ``href``
made from the data goes through :func:`safe_href` (a :class:`Value` applies it
itself), which keeps an absolute http(s) URL or a path on this server and drops
anything else (``javascript:``, ``data:``, ``vbscript:``, ``mailto:``...); an
IRI that is not linked is printed as text and never put in an attribute (no
``title="javascript:..."``).  Very long texts are cut for display only: a
literal longer than :data:`MAX_TEXT` characters, or a name (label, link text,
heading) longer than :data:`MAX_NAME`, is printed up to that length followed
by ``… (N more characters)``; the RDF documents keep the whole value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from ...core.namespaces import NUK, SCHEMA, curie
from ...kg.descriptions import folded, properties_with, subclasses  # noqa: F401 - the ontology view imports the last two here
from ...kg.names import label_of, local_name

Href = Callable[[str], "str | None"]

# The only schemes a page links; any other address is printed as text.
LINKED_SCHEMES = frozenset({"http", "https"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Spaces and control characters: browsers strip or drop some of them, which could turn a harmless
# looking address into another scheme (" javascript:", "java\tscript:"); an address holding any is not linked.
_BLANK_OR_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")
# How much of a text a page prints (characters): a literal, and a name (label, link text, heading).
MAX_TEXT = 10_000
MAX_NAME = 500

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")

# Shown in a page's header rather than in its table of statements.
HEADER_PREDICATES = frozenset({RDF.type, RDFS.label, SKOS.altLabel, DCTERMS.description, SKOS.definition,
                               DCTERMS.source})
# Names for the most common predicates of other vocabularies, which our ontology does not label.
KNOWN_LABELS = {
    RDF.type: "type",
    RDFS.label: "label",
    RDFS.comment: "comment",
    RDFS.subClassOf: "subclass of",
    RDFS.subPropertyOf: "subproperty of",
    RDFS.domain: "domain",
    RDFS.range: "range",
    RDFS.isDefinedBy: "defined by",
    RDFS.seeAlso: "see also",
    OWL.inverseOf: "inverse of",
    OWL.equivalentClass: "equivalent class",
    OWL.unionOf: "union of",
    OWL.versionInfo: "version",
    OWL.versionIRI: "version IRI",
    SKOS.altLabel: "also known as",
    SKOS.prefLabel: "preferred label",
    SKOS.definition: "definition",
    SKOS.inScheme: "in scheme",
    SKOS.topConceptOf: "top concept of",
    SKOS.hasTopConcept: "has top concept",
    SKOS.broader: "broader concept",
    SKOS.editorialNote: "editorial note",
    DCTERMS.source: "source",
    DCTERMS.description: "description",
    DCTERMS.isPartOf: "part of",
    DCTERMS.hasPart: "has part",
    SCHEMA.url: "address",
    SCHEMA.position: "position",
}
OBJECT_PROPERTY, DATATYPE_PROPERTY, OTHER_PROPERTY = "object", "datatype", "other"
PROPERTY_TYPES = {
    OWL.ObjectProperty: OBJECT_PROPERTY,
    OWL.DatatypeProperty: DATATYPE_PROPERTY,
    OWL.AnnotationProperty: OTHER_PROPERTY,
    RDF.Property: OTHER_PROPERTY,
}


def web_address(address) -> str | None:
    """``address`` (an IRI or literal of the data) as text if it is an absolute http(s) URL (``http://``
    or ``https://``, scheme in any case) with no blank or control character; None for anything else."""
    text = "" if address is None else str(address)
    match = _SCHEME.match(text)
    if match is None or match.group(1).lower() not in LINKED_SCHEMES or _BLANK_OR_CONTROL.search(text):
        return None
    return text if text[match.end():].startswith("//") else None


def safe_href(href) -> str | None:
    """The one check of every ``href`` a page makes from the data: a path on this server (``/...``;
    not ``//...`` nor a backslash, which browsers read as another host) or a :func:`web_address`;
    None (the page prints text, no link) for anything else."""
    text = "" if href is None else str(href)
    if text.startswith("/"):
        return None if text.startswith("//") or "\\" in text or _BLANK_OR_CONTROL.search(text) else text
    return web_address(text)


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` for display: at most ``limit`` characters, then ``… (N more characters)`` if it is longer."""
    rest = len(text) - limit
    return text if rest <= 0 else f"{text[:limit]}… ({rest:,} more character{'' if rest == 1 else 's'})"


def iri_title(iri: str, title: str) -> str | None:
    """``title`` (the IRI or its compact name) for a title attribute, only when ``iri`` is an http(s)
    IRI: one with another scheme is printed as text instead, never put in an attribute."""
    return title if web_address(iri) is not None else None


@dataclass
class Value:
    """One thing to print: a link, a literal, a date, a blank node (its own rows) or a list (items)."""

    text: str = ""
    href: str | None = None
    title: str | None = None  # the IRI, or the datatype of a literal
    lang: str | None = None
    datetime: str | None = None  # for <time>
    inferred: bool = False
    rows: list["Row"] = field(default_factory=list)  # a blank node's statements
    items: list["Value"] = field(default_factory=list)  # an RDF list's members
    union: bool = False  # items are alternatives (owl:unionOf)

    def __post_init__(self):
        self.href = safe_href(self.href)  # whoever makes a Value, its link is checked

    @property
    def kind(self) -> str:
        if self.items or self.union:
            return "list"
        if self.rows:
            return "node"
        if self.datetime:
            return "date"
        return "link" if self.href else "text"


@dataclass
class Row:
    predicate: Value
    values: list[Value]
    also: list[Value] = field(default_factory=list)  # super-properties its values hold for by inference

    @property
    def inferred(self) -> bool:
        """Whether every value of the row is inferred (a reader who hides those hides the row)."""
        return bool(self.values) and all(v.inferred for v in self.values)


def humanise(name: str) -> str:
    """``subOrganizationOf`` -> ``sub organization of``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower()


def predicate_label(graph: Graph, predicate: URIRef) -> str:
    if (predicate, RDFS.label, None) in graph:
        return label_of(graph, predicate)
    if predicate in KNOWN_LABELS:
        return KNOWN_LABELS[predicate]
    name = re.split(r"[#/]", str(predicate))[-1]
    return humanise(name) if name else str(predicate)


def node_label(graph: Graph, node: URIRef) -> str:
    """A label for a named node: its rdfs:label, else a known name or the compact IRI."""
    if (node, RDFS.label, None) in graph:
        return label_of(graph, node)
    title = graph.value(node, DCTERMS.title)
    if title is not None:
        return str(title)
    if node in KNOWN_LABELS:
        return KNOWN_LABELS[node]
    return curie(str(node)) if not str(node).startswith(str(NUK)) else local_name(str(node))


def human_date(literal: Literal) -> tuple[str, str] | None:
    """``(text for people, value for <time datetime>)`` of a date literal at its precision, else None."""
    text = str(literal)
    datatype = literal.datatype
    if datatype == XSD.gYear and (m := re.fullmatch(r"(\d{4})(Z|[+-]\d\d:\d\d)?", text)):
        return m.group(1), m.group(1)
    if datatype == XSD.gYearMonth and (m := re.fullmatch(r"(\d{4})-(\d\d)(Z|[+-]\d\d:\d\d)?", text)):
        month = int(m.group(2))
        if 1 <= month <= 12:
            return f"{MONTHS[month - 1]} {m.group(1)}", f"{m.group(1)}-{m.group(2)}"
    if datatype == XSD.date and (m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(Z|[+-]\d\d:\d\d)?", text)):
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12:
            return f"{day} {MONTHS[month - 1]} {year}", f"{year}-{m.group(2)}-{m.group(3)}"
    if datatype == XSD.dateTime and (m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(:\d\d(\.\d+)?)?(.*)", text)):
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
        if 1 <= month <= 12:
            return (f"{day} {MONTHS[month - 1]} {year}, {m.group(4)}:{m.group(5)}",
                    f"{year}-{m.group(2)}-{m.group(3)}T{m.group(4)}:{m.group(5)}{m.group(6) or ''}{m.group(8)}")
    return None


class Renderer:
    """Turns RDF terms of a graph into :class:`Value` objects; ``labels`` answers label questions."""

    def __init__(self, graph: Graph, labels: Graph, href: Href, inferred: Graph | None = None):
        self.graph = graph
        self.labels = labels
        self._href = href
        self.inferred = inferred

    def href(self, iri: str) -> str | None:
        """Where a page links ``iri``: the web layer's answer, checked by :func:`safe_href`."""
        return safe_href(self._href(iri))

    def link(self, node: URIRef, *, inferred: bool = False) -> Value:
        iri = str(node)
        return Value(text=self._name(node_label(self.labels, node), iri), href=self.href(iri),
                     title=iri_title(iri, iri), inferred=inferred)

    def predicate(self, predicate: URIRef, *, compact: bool = False) -> Value:
        """A predicate by its label, or by its compact IRI (``dcterms:date``: labels may be alike)."""
        iri = str(predicate)
        return Value(text=self._name(curie(iri) if compact else predicate_label(self.labels, predicate), iri),
                     href=self.href(iri), title=iri_title(iri, iri if compact else curie(iri)))

    @staticmethod
    def _name(label: str, iri: str) -> str:
        """The text of a named node: its label, with the IRI when that is not linked nor in a title."""
        text = shorten(label, MAX_NAME)
        if web_address(iri) is None and label != iri:
            text += f" ({shorten(iri, MAX_NAME)})"
        return text

    def value(self, term, *, inferred: bool = False, depth: int = 0) -> Value:
        if isinstance(term, URIRef):
            return self.link(term, inferred=inferred)
        if isinstance(term, Literal):
            datatype = str(term.datatype) if term.datatype else None
            title = iri_title(datatype, curie(datatype)) if datatype else None
            date = human_date(term)
            if date:
                return Value(text=date[0], datetime=date[1], title=title, inferred=inferred)
            return Value(text=shorten(str(term)), lang=term.language, title=title, inferred=inferred)
        return self.bnode(term, depth)

    def bnode(self, node: BNode, depth: int = 0) -> Value:
        if depth > 6:
            return Value(text="[...]")
        if (node, RDF.first, None) in self.graph or node == RDF.nil:
            items = [self.value(item, depth=depth + 1) for item in Collection(self.graph, node)]
            return Value(items=items)
        members = self.graph.value(node, OWL.unionOf)
        if members is not None and len(set(self.graph.predicates(node))) <= 2:
            items = [self.value(item, depth=depth + 1) for item in Collection(self.graph, members)]
            return Value(items=items, union=True)
        return Value(rows=self.rows(node, depth=depth + 1), text="(a node without a name)")

    def rows(self, subject, *, skip=frozenset(), depth: int = 0) -> list[Row]:
        """One row per predicate, each fact once: an inferred value that a sub-property's states already is
        left out, and its predicate listed in that row's ``also`` (:func:`~nukg.kg.descriptions.folded`)."""
        grouped: dict[URIRef, list] = {}
        for p, o in self.graph.predicate_objects(subject):
            grouped.setdefault(p, []).append(o)
        left_out, also = ((set(), {}) if self.inferred is None else
                          folded(self.labels, self.inferred, subject, grouped))
        rows = []
        for p, objects in grouped.items():
            if p in skip or not (kept := [o for o in objects if (p, o) not in left_out]):
                continue
            values = [self.value(o, inferred=self.is_inferred(subject, p, o), depth=depth) for o in kept]
            values.sort(key=lambda v: (v.inferred, v.text.lower()))
            supers = sorted((self.predicate(q, compact=True) for q in also.get(p, ())), key=lambda v: v.text)
            rows.append(Row(self.predicate(p), values, supers))
        rows.sort(key=lambda r: r.predicate.text.lower())
        return rows

    def is_inferred(self, s, p, o) -> bool:
        return self.inferred is not None and (s, p, o) in self.inferred

    def texts(self, subject, predicate) -> list[Value]:
        values = [self.value(o) for o in self.graph.objects(subject, predicate)]
        return sorted(values, key=lambda v: (v.lang not in ("en", None), v.text))
