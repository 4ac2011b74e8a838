"""The home page's figures: the size of the dataset (the figures of :mod:`nukg.kg.stats`) and places to start."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF

from ...core.namespaces import NUO
from ...kg.descriptions import CLASS_TYPES
from ...kg.stats import compute_stats
from .values import PROPERTY_TYPES, Href, Renderer


def figures(kg, href: Href, starts: tuple[str, ...] = ()) -> dict:
    """Size of the dataset and places to start, computed from the graph."""
    union, onto = kg.union, kg.ontology
    stats = compute_stats(kg)
    r = Renderer(union, union, href)
    classes = {s for t in CLASS_TYPES for s in onto.subjects(RDF.type, t) if str(s).startswith(str(NUO))}
    properties = {s for t in PROPERTY_TYPES for s in onto.subjects(RDF.type, t) if str(s).startswith(str(NUO))}
    return {
        "triples": stats.served,
        "asserted": stats.triples["data"] + stats.triples["ontology"],
        "inferred": stats.triples["inferred"],
        "resources": len(stats.resources),
        "classes": len(classes),
        "properties": len(properties),
        "sections": sum(1 for _ in union.subjects(RDF.type, NUO.SourceSection)),
        # the ontology's own classes, as many as nukg stats and VoID count for each
        "by_class": [{"class": r.link(c), "count": n} for c, n in stats.per_class if c in classes],
        "starts": [r.link(URIRef(iri)) for iri in starts if (URIRef(iri), None, None) in union],
    }
