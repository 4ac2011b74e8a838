"""The ontology's page: every class, property and datatype, grouped, with anchors."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ...core.namespaces import NUO, ONTOLOGY_IRI
from ...kg.descriptions import CLASS_TYPES
from ...kg.names import label_of, local_name
from .values import OTHER_PROPERTY, OBJECT_PROPERTY, DATATYPE_PROPERTY, PROPERTY_TYPES, MAX_NAME, Href, Renderer, \
    Value, properties_with, shorten, subclasses


def ontology_page(kg, href: Href) -> dict:
    """Documentation of every class, property and datatype of the ontology, grouped, with anchors."""
    onto = kg.ontology
    r = meta = Renderer(onto, kg.union, href)

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
            "href": r.href(str(term)),
            "label": shorten(label_of(onto, term), MAX_NAME),
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
    return shorten(values[0].text, MAX_NAME) if values else None
