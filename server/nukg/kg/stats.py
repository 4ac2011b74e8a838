"""Figures about the graph, defined once for ``nukg stats``, the home page and the VoID description.

- triples served: the store's default graph, the union of ontology, data and
  inferred triples, each triple once;
- resources: the IRIs in the ``nuk:`` namespace (VoID's ``void:uriSpace``)
  that the served graph describes;
- instances per class: for each class (every object of ``rdf:type``), the distinct
  subjects typed with it in the served graph, inferred superclass types included:
  VoID's class partitions.  The ontology's own classes have only resources as
  instances, so for them this is the number of resources of the class;
- facts per source section: the statements about the resources that cite it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from ..core.namespaces import NUK, NUO, curie
from .graph import KnowledgeGraph


@dataclass(frozen=True)
class Stats:
    triples: dict[str, int]  # ontology, data, inferred, shapes (not served), served
    resources: frozenset[URIRef]
    per_class: tuple[tuple[URIRef, int], ...]  # class -> instances, most first, then by IRI
    per_section: tuple[tuple[str, int], ...]  # section label -> facts, most first

    @property
    def served(self) -> int:
        return self.triples["served"]


def resources(kg: KnowledgeGraph) -> frozenset[URIRef]:
    """The ``nuk:`` IRIs the served graph describes."""
    return frozenset(s for s in kg.union.subjects(unique=True) if isinstance(s, URIRef) and s.startswith(NUK))


def compute_stats(kg: KnowledgeGraph) -> Stats:
    union, data = kg.union, kg.data
    things = resources(kg)
    per_class = Counter(union.objects(None, RDF.type))  # a graph holds each (thing, type) once
    # a fact is a statement about a resource; it counts for each section the resource cites
    per_section: Counter = Counter()
    for subject in things:
        sections = [s for s in data.objects(subject, DCTERMS.source) if (s, RDF.type, NUO.SourceSection) in data]
        n = sum(1 for _ in data.predicate_objects(subject))
        for section in sections:
            label = data.value(section, RDFS.label) or curie(str(section))
            per_section[str(label)] += n
    return Stats(
        triples={
            "ontology": len(kg.ontology),
            "data": len(data),
            "editorial": len(kg.editorial),
            "inferred": len(kg.inferred),
            "shapes": len(kg.shapes),
            "served": len(union),
        },
        resources=things,
        per_class=tuple(sorted(per_class.items(), key=lambda kv: (-kv[1], str(kv[0])))),
        per_section=tuple(sorted(per_section.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def render_stats(stats: Stats) -> str:
    names = {"served": "served (union, each triple once)", "shapes": "shapes (not served)",
             "editorial": "editorial (project's inferences)"}
    lines = ["Triples:"]
    lines += [f"  {names.get(name, name):<34} {n:>7}" for name, n in stats.triples.items()]
    lines.append(f"\nResources: {len(stats.resources)}\n\nInstances per class (inferred types included):")
    lines += [f"  {n:>5}  {curie(str(cls))}" for cls, n in stats.per_class]
    lines.append("\nFacts (statements about resources) per source section:")
    lines += [f"  {n:>5}  {section}" for section, n in stats.per_section]
    return "\n".join(lines)
