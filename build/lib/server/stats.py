"""Figures about the graph: triples, resources per class, facts per source section."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from .kg import KnowledgeGraph
from .namespaces import NUK, NUO
from .validation import short


@dataclass(frozen=True)
class Stats:
    triples: dict[str, int]
    resources: int
    per_class: list[tuple[str, int]]
    per_section: list[tuple[str, int]]


def compute_stats(kg: KnowledgeGraph) -> Stats:
    data = kg.data
    resources = {s for s in data.subjects(RDF.type) if isinstance(s, URIRef) and str(s).startswith(str(NUK))}
    per_class = Counter(short(c) for s, c in data.subject_objects(RDF.type) if s in resources)
    # a fact is a statement about a resource; it counts for each section the resource cites
    per_section = Counter()
    for subject in resources:
        sections = [s for s in data.objects(subject, DCTERMS.source) if (s, RDF.type, NUO.SourceSection) in data]
        n = sum(1 for _ in data.predicate_objects(subject))
        for section in sections:
            label = data.value(section, RDFS.label) or short(section)
            per_section[str(label)] += n
    return Stats(
        triples={
            "ontology": len(kg.ontology),
            "data": len(data),
            "inferred": len(kg.inferred),
            "shapes": len(kg.shapes),
            "total served": len(kg.ontology) + len(data) + len(kg.inferred),
        },
        resources=len(resources),
        per_class=sorted(per_class.items(), key=lambda kv: (-kv[1], kv[0])),
        per_section=sorted(per_section.items(), key=lambda kv: (-kv[1], kv[0])),
    )


def render_stats(stats: Stats) -> str:
    lines = ["Triples:"]
    lines += [f"  {name:<14} {n:>7}" for name, n in stats.triples.items()]
    lines.append(f"\nResources in the data: {stats.resources}\n\nResources per class:")
    lines += [f"  {n:>5}  {cls}" for cls, n in stats.per_class]
    lines.append("\nFacts (statements about resources) per source section:")
    lines += [f"  {n:>5}  {section}" for section, n in stats.per_section]
    return "\n".join(lines)
