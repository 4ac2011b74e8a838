"""The page of one resource: a thing, an ontology term or a shape, from its description graph."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from ...core.namespaces import NUK, NUO, SCHEMA, curie
from ...kg.descriptions import CLASS_TYPES, properties_with, subclasses
from ...kg.names import label_of, local_name
from .values import (
    HEADER_PREDICATES, MAX_NAME, PROPERTY_TYPES, Href, Renderer, Row, Value, node_label, shorten, web_address,
)


def resource_page(kg, iri: str, graph: Graph, href: Href, *, everything: Graph | None = None) -> dict:
    """The page of one resource (thing, ontology term or shape), from its description ``graph``."""
    node = URIRef(iri)
    labels = everything if everything is not None else kg.union
    inferences = editorial_inferences(kg, node)
    if inferences:  # the project's inferences are shown apart, with their reasoning, not as the source's facts
        graph = graph + Graph()
        for _, statement in inferences:
            graph.remove(statement)
    r = Renderer(graph, labels, href, kg.inferred)
    page = {
        "iri": iri,
        "curie": curie(iri),
        "label": shorten(label_of(graph, node) if (node, RDFS.label, None) in graph else node_label(labels, node),
                         MAX_NAME),
        "other_labels": [v for v in r.texts(node, RDFS.label) if v.lang not in ("en", None)],
        "alt_labels": r.texts(node, SKOS.altLabel),
        "summary": r.texts(node, SKOS.definition) + r.texts(node, DCTERMS.description),
        "types": types(kg, r, node),
        "rows": r.rows(node, skip=HEADER_PREDICATES),
        "incoming": incoming(kg, r, node),
        "sources": sources(kg, r, node),
        "editorial": [editorial_entry(kg, r, i, statement) for i, statement in inferences],
        "class": None,
        "property": None,
    }
    if any((node, RDF.type, t) in kg.union for t in CLASS_TYPES):
        page["class"] = class_section(kg, r, node)
    if any((node, RDF.type, t) in kg.union for t in PROPERTY_TYPES):
        page["property"] = property_section(kg, r, node)
    page["inferred"] = shows_inferred(page)
    return page


def editorial_inferences(kg, node) -> list[tuple]:
    """The editorial inferences whose statement is about ``node`` (as subject or object): (inference, triple)."""
    editorial = kg.editorial
    found = []
    for inference in editorial.subjects(RDF.type, NUO.EditorialInference):
        statement = (editorial.value(inference, RDF.subject), editorial.value(inference, RDF.predicate),
                     editorial.value(inference, RDF.object))
        if node in (statement[0], statement[2]) and statement in editorial:
            found.append((inference, statement))
    return sorted(found, key=lambda found: (str(found[1][1]), str(found[1][2])))


def editorial_entry(kg, r: Renderer, inference, statement) -> dict:
    """One editorial inference as the page shows it: the statement, the reasoning and where it is read from."""
    s, p, o = statement
    return {
        "inference": r.link(inference),
        "subject": r.link(s),
        "predicate": r.predicate(p),
        "object": r.link(o) if isinstance(o, URIRef) else r.value(o),
        "reasoning": [str(v) for v in kg.editorial.objects(inference, NUO.reasoning)],
        "derived_from": sorted((r.link(x) for x in kg.editorial.objects(inference, PROV.wasDerivedFrom)),
                               key=lambda v: v.text.lower()),
    }


def shows_inferred(page: dict) -> bool:
    """Whether the page shows anything inferred (then it offers to hide it)."""
    def inferred(values) -> bool:
        return any(v.inferred or inferred(v.items) or rows(v.rows) for v in values)

    def rows(found) -> bool:
        return any(row.also or inferred(row.values) for row in found)

    instances = page["class"]["instances"] if page["class"] else []
    return inferred(page["types"]) or rows(page["rows"]) or inferred(instances)


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
    """Where the resource's facts come from: each source section, the document it is part of and its address.

    ``url`` is the address to link, only an http(s) one (:func:`~.values.web_address`); a
    schema:url with any other scheme is ``address``, printed as text.
    """
    found = []
    for source in sorted(r.graph.objects(node, DCTERMS.source), key=str):
        entry = {"source": r.value(source), "document": None, "url": None, "address": None}
        if isinstance(source, URIRef):
            document = kg.union.value(source, DCTERMS.isPartOf)
            if document is not None:
                entry["document"] = r.link(document)
            address = kg.union.value(document if document is not None else source, SCHEMA.url)
            if address is not None:
                entry["url"] = web_address(address)
                if entry["url"] is None:
                    entry["address"] = shorten(str(address), MAX_NAME)
            elif not str(source).startswith(str(NUK)):
                entry["url"] = web_address(source)  # the source is itself an address (printed by its value)
        found.append(entry)
    return found


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
