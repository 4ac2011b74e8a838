"""What the HTML pages show: plain data for the templates, from descriptions and the ontology.

Pure functions, no Flask.  The web layer passes ``href(iri)``, which gives the
link for an IRI (the local document of one of ours, the IRI itself for an
http(s) IRI elsewhere, None otherwise).  Templates get :class:`Value` and
:class:`Row` objects and only print them (autoescaped).

Dates keep the source's precision and are written for people: ``2014``
(xsd:gYear), ``June 2017`` (xsd:gYearMonth), ``15 June 2022`` (xsd:date).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS, XSD

from .describe import CLASS_TYPES, label_of, local_name
from .namespaces import NUK, NUO, ONTOLOGY_IRI, PREFIXES, SCHEMA

Href = Callable[[str], "str | None"]

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


# --- terms and labels -------------------------------------------------------------


_NAMESPACES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def curie(iri: str) -> str:
    """``nuo:Summit`` for the IRI of nuo:Summit; the IRI itself when no prefix fits."""
    best = None
    for prefix, namespace in _NAMESPACES.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(_NAMESPACES[best])):
            best = prefix
    return f"{best}:{iri[len(_NAMESPACES[best]):]}" if best else iri


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
        self.href = href
        self.inferred = inferred

    def link(self, node: URIRef, *, inferred: bool = False) -> Value:
        return Value(text=node_label(self.labels, node), href=self.href(str(node)), title=str(node),
                     inferred=inferred)

    def predicate(self, predicate: URIRef) -> Value:
        return Value(text=predicate_label(self.labels, predicate), href=self.href(str(predicate)),
                     title=curie(str(predicate)))

    def value(self, term, *, inferred: bool = False, depth: int = 0) -> Value:
        if isinstance(term, URIRef):
            return self.link(term, inferred=inferred)
        if isinstance(term, Literal):
            date = human_date(term)
            if date:
                return Value(text=date[0], datetime=date[1], title=curie(str(term.datatype)), inferred=inferred)
            return Value(text=str(term), lang=term.language,
                         title=curie(str(term.datatype)) if term.datatype else None, inferred=inferred)
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
        grouped: dict[URIRef, list] = {}
        for p, o in self.graph.predicate_objects(subject):
            if p not in skip:
                grouped.setdefault(p, []).append(o)
        rows = []
        for p, objects in grouped.items():
            values = [self.value(o, inferred=self.is_inferred(subject, p, o), depth=depth) for o in objects]
            values.sort(key=lambda v: (v.inferred, v.text.lower()))
            rows.append(Row(self.predicate(p), values))
        rows.sort(key=lambda r: r.predicate.text.lower())
        return rows

    def is_inferred(self, s, p, o) -> bool:
        return self.inferred is not None and (s, p, o) in self.inferred

    def texts(self, subject, predicate) -> list[Value]:
        values = [self.value(o) for o in self.graph.objects(subject, predicate)]
        return sorted(values, key=lambda v: (v.lang not in ("en", None), v.text))


# --- a resource's page ------------------------------------------------------------------


def resource_page(kg, iri: str, graph: Graph, href: Href, *, everything: Graph | None = None) -> dict:
    """The page of one resource (thing, ontology term or shape), from its description ``graph``."""
    node = URIRef(iri)
    labels = everything if everything is not None else kg.union
    r = Renderer(graph, labels, href, kg.inferred)
    page = {
        "iri": iri,
        "curie": curie(iri),
        "label": label_of(graph, node) if (node, RDFS.label, None) in graph else node_label(labels, node),
        "other_labels": [v for v in r.texts(node, RDFS.label) if v.lang not in ("en", None)],
        "alt_labels": r.texts(node, SKOS.altLabel),
        "summary": r.texts(node, SKOS.definition) + r.texts(node, DCTERMS.description),
        "types": types(kg, r, node),
        "rows": r.rows(node, skip=HEADER_PREDICATES),
        "incoming": incoming(kg, r, node),
        "sources": sources(kg, r, node),
        "class": None,
        "property": None,
    }
    if any((node, RDF.type, t) in kg.union for t in CLASS_TYPES):
        page["class"] = class_section(kg, r, node)
    if any((node, RDF.type, t) in kg.union for t in PROPERTY_TYPES):
        page["property"] = property_section(kg, r, node)
    return page


def types(kg, r: Renderer, node) -> list[Value]:
    """The node's types, the most specific (those no other type of it is a subclass of) first."""
    found = set(r.graph.objects(node, RDF.type))
    supers = {t: set(kg.union.transitive_objects(t, RDFS.subClassOf)) - {t} for t in found}
    implied = set().union(*supers.values()) if supers else set()
    values = []
    for t in found:
        value = r.link(t) if isinstance(t, URIRef) else r.value(t)
        value.inferred = t in implied
        values.append(value)
    return sorted(values, key=lambda v: (v.inferred, v.text.lower()))


def incoming(kg, r: Renderer, node) -> list[Row]:
    """Statements that point at ``node``, grouped by predicate.  Inferred ones are left out: each
    mirrors an outgoing statement (an inverse) or another incoming one (a super-property)."""
    grouped: dict[URIRef, list] = {}
    for s, p in r.graph.subject_predicates(node):
        if isinstance(s, URIRef) and (s, p, node) not in kg.inferred:
            grouped.setdefault(p, []).append(s)
    rows = [Row(r.predicate(p), sorted((r.link(s) for s in subjects), key=lambda v: v.text.lower()))
            for p, subjects in grouped.items()]
    rows.sort(key=lambda row: row.predicate.text.lower())
    return rows


def sources(kg, r: Renderer, node) -> list[dict]:
    """Where the resource's facts come from: each source section, the document it is part of and its address."""
    found = []
    for source in sorted(r.graph.objects(node, DCTERMS.source), key=str):
        entry = {"source": r.value(source), "document": None, "url": None}
        if isinstance(source, URIRef):
            document = kg.union.value(source, DCTERMS.isPartOf)
            if document is not None:
                entry["document"] = r.link(document)
            address = kg.union.value(document if document is not None else source, SCHEMA.url)
            if address is None and not str(source).startswith(str(NUK)):
                address = source
            if address is not None:
                entry["url"] = str(address)
        found.append(entry)
    return found


def subclasses(graph: Graph, cls) -> list[URIRef]:
    return sorted((s for s in graph.subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef)), key=str)


def members(graph: Graph, node) -> set:
    """The named classes a domain or range stands for: itself, or the members of its owl:unionOf."""
    if isinstance(node, URIRef):
        return {node}
    union = graph.value(node, OWL.unionOf)
    return {m for m in Collection(graph, union) if isinstance(m, URIRef)} if union is not None else set()


def properties_with(graph: Graph, predicate, cls) -> list[URIRef]:
    """Properties whose ``predicate`` (rdfs:domain or rdfs:range) is ``cls`` or a union holding it."""
    return sorted({p for p, target in graph.subject_objects(predicate) if cls in members(graph, target)}, key=str)


def class_section(kg, r: Renderer, cls) -> dict:
    union = kg.union
    by_label = lambda v: v.text.lower()  # noqa: E731
    instances = []
    for thing in set(union.subjects(RDF.type, cls)):
        if isinstance(thing, URIRef):
            value = r.link(thing)
            value.inferred = (thing, RDF.type, cls) in kg.inferred
            instances.append(value)
    return {
        "superclasses": sorted((r.value(c) for c in union.objects(cls, RDFS.subClassOf)), key=by_label),
        "subclasses": sorted((r.link(c) for c in subclasses(union, cls)), key=by_label),
        "domain_of": sorted((r.link(p) for p in properties_with(union, RDFS.domain, cls)), key=by_label),
        "range_of": sorted((r.link(p) for p in properties_with(union, RDFS.range, cls)), key=by_label),
        "instances": sorted(instances, key=lambda v: (v.inferred, v.text.lower())),
        "anchor": local_name(str(cls)),
    }


def property_section(kg, r: Renderer, prop) -> dict:
    union = kg.union
    asserted = sum(1 for _ in kg.data.triples((None, prop, None)))
    inferred = sum(1 for _ in kg.inferred.triples((None, prop, None)))
    return {
        "subproperties": sorted((r.link(p) for p in union.subjects(RDFS.subPropertyOf, prop)
                                 if isinstance(p, URIRef)), key=lambda v: v.text.lower()),
        "uses": asserted,
        "inferred_uses": inferred,
        "anchor": local_name(str(prop)),
    }


# --- the ontology's page -------------------------------------------------------------------


def ontology_page(kg, href: Href) -> dict:
    """Documentation of every class, property and datatype of the ontology, grouped, with anchors."""
    onto = kg.ontology
    r = Renderer(onto, kg.union, href)
    meta = Renderer(onto, kg.union, href)

    def terms_of(*classes) -> list[URIRef]:
        found = {s for c in classes for s in onto.subjects(RDF.type, c)
                 if isinstance(s, URIRef) and str(s).startswith(str(NUO))}
        return sorted(found, key=lambda t: label_of(onto, t).lower())

    classes = terms_of(*CLASS_TYPES)
    class_set = set(classes)
    parents = {c: [p for p in onto.objects(c, RDFS.subClassOf) if p in class_set] for c in classes}
    roots = [c for c in classes if not parents[c]]

    def tree(cls, trail=()) -> dict:
        children = [c for c in classes if cls in parents[c] and c not in trail]
        return {"term": r.link(cls), "anchor": local_name(str(cls)),
                "children": [tree(c, (*trail, cls)) for c in children]}

    class_tree = [tree(c) for c in roots]
    ordered, seen = [], set()

    def walk(nodes):
        for n in nodes:
            term = URIRef(n["term"].title)
            if term not in seen:
                seen.add(term)
                ordered.append(term)
            walk(n["children"])

    walk(class_tree)
    ordered += [c for c in classes if c not in seen]  # cycles, if any

    def entry(term) -> dict:
        return {
            "anchor": local_name(str(term)),
            "iri": str(term),
            "href": href(str(term)),
            "label": label_of(onto, term),
            "definition": r.texts(term, SKOS.definition) + r.texts(term, RDFS.comment),
            "deprecated": (term, OWL.deprecated, Literal(True)) in onto,
            "superclasses": [r.value(c) for c in onto.objects(term, RDFS.subClassOf)],
            "subclasses": [r.link(c) for c in subclasses(onto, term)],
            "domain_of": [r.link(p) for p in properties_with(onto, RDFS.domain, term)],
            "superproperties": [r.value(p) for p in onto.objects(term, RDFS.subPropertyOf)],
            "subproperties": [r.link(p) for p in onto.subjects(RDFS.subPropertyOf, term) if isinstance(p, URIRef)],
            "inverse": [r.value(p) for p in onto.objects(term, OWL.inverseOf)]
            + [r.link(p) for p in onto.subjects(OWL.inverseOf, term) if isinstance(p, URIRef)],
            "domain": [r.value(d) for d in onto.objects(term, RDFS.domain)],
            "range": [r.value(d) for d in onto.objects(term, RDFS.range)],
            "equivalent": [r.value(d) for d in onto.objects(term, OWL.equivalentClass)],
        }

    def properties_of(kind) -> list[dict]:
        found = terms_of(*(t for t, k in PROPERTY_TYPES.items() if k == kind))
        if kind == OTHER_PROPERTY:
            typed = set(terms_of(OWL.ObjectProperty, OWL.DatatypeProperty))
            found = [p for p in found if p not in typed]
        return [entry(p) for p in found]

    groups = [
        {"id": "object-properties", "title": "Object properties", "terms": properties_of(OBJECT_PROPERTY)},
        {"id": "datatype-properties", "title": "Datatype properties", "terms": properties_of(DATATYPE_PROPERTY)},
        {"id": "other-properties", "title": "Other properties", "terms": properties_of(OTHER_PROPERTY)},
        {"id": "datatypes", "title": "Datatypes", "terms": [entry(t) for t in terms_of(RDFS.Datatype)]},
    ]
    return {
        "iri": str(ONTOLOGY_IRI),
        "title": _first(meta.texts(ONTOLOGY_IRI, DCTERMS.title) or meta.texts(ONTOLOGY_IRI, RDFS.label)),
        "description": meta.texts(ONTOLOGY_IRI, DCTERMS.description),
        "version": _first(meta.texts(ONTOLOGY_IRI, OWL.versionInfo)),
        "rows": meta.rows(ONTOLOGY_IRI, skip={DCTERMS.title, DCTERMS.description, RDFS.label}),
        "class_tree": class_tree,
        "classes": [entry(c) for c in ordered],
        "groups": [g for g in groups if g["terms"]],
        "counts": {"classes": len(classes), "properties": sum(len(g["terms"]) for g in groups[:3])},
    }


def _first(values: list[Value]) -> str | None:
    return values[0].text if values else None


# --- the shapes' page ------------------------------------------------------------------------


def shapes_page(kg, href: Href, everything: Graph) -> dict:
    shapes = kg.shapes
    r = Renderer(shapes, everything, href)
    node_shapes = sorted((s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)), key=str)
    entries = []
    for shape in node_shapes:
        properties = []
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            properties.append({
                "shape": r.link(prop) if isinstance(prop, URIRef) else None,
                "path": r.value(path) if path is not None else Value(text="(no path)"),
                "messages": [str(m) for m in shapes.objects(prop, SH.message)],
            })
        properties.sort(key=lambda p: p["path"].text.lower())
        entries.append({
            "shape": r.link(shape),
            "anchor": local_name(str(shape)),
            "targets": [r.value(t) for t in shapes.objects(shape, SH.targetClass)],
            "messages": [str(m) for m in shapes.objects(shape, SH.message)],
            "properties": properties,
        })
    header = URIRef(PREFIXES["nus"].rstrip("/"))
    return {
        "iri": str(header),
        "title": label_of(shapes, header) if (header, RDFS.label, None) in shapes else "SHACL shapes",
        "description": r.texts(header, RDFS.comment),
        "shapes": entries,
    }


# --- the home page's figures -------------------------------------------------------------------


def figures(kg, href: Href, starts: tuple[str, ...] = ()) -> dict:
    """Size of the dataset and places to start, computed from the graph."""
    union, onto = kg.union, kg.ontology
    r = Renderer(union, union, href)
    resources = {s for s in kg.data.subjects() if isinstance(s, URIRef) and str(s).startswith(str(NUK))}
    classes = {s for t in CLASS_TYPES for s in onto.subjects(RDF.type, t) if str(s).startswith(str(NUO))}
    properties = {s for t in PROPERTY_TYPES for s in onto.subjects(RDF.type, t) if str(s).startswith(str(NUO))}
    counts = Counter(o for s, o in union.subject_objects(RDF.type) if o in classes and s in resources)
    by_class = [{"class": r.link(c), "count": n} for c, n in sorted(counts.items(),
                                                                    key=lambda item: (-item[1], str(item[0])))]
    return {
        "triples": len(union),
        "asserted": len(kg.data) + len(onto),
        "inferred": len(kg.inferred),
        "resources": len(resources),
        "classes": len(classes),
        "properties": len(properties),
        "sections": sum(1 for _ in union.subjects(RDF.type, NUO.SourceSection)),
        "by_class": by_class,
        "starts": [r.link(URIRef(iri)) for iri in starts if (URIRef(iri), None, None) in union],
    }
