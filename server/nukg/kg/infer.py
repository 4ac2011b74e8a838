"""The inferences users query for, materialised into their own named graph.

Types of superclasses, statements of super-properties and of inverse
properties: not a full OWL-RL closure, whose axiomatic triples
(``x owl:sameAs x``...) are noise in answers and dumps.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS


def infer(ontology: Graph, data: Graph) -> Graph:
    """Materialise what users query for, and nothing more.

    - ``rdf:type`` of every superclass (``rdfs:subClassOf``, transitively);
    - statements of every super-property (``rdfs:subPropertyOf``, transitively);
    - statements of inverse properties (``owl:inverseOf``, both directions).

    Only triples not already asserted are returned.  No OWL-RL closure: its
    axiomatic triples (``x owl:sameAs x``...) are noise in answers and dumps.
    """
    schema = ontology + data  # data files may also declare local subclasses
    superclasses = _transitive(schema, RDFS.subClassOf)
    superproperties = _transitive(schema, RDFS.subPropertyOf)
    inverses: dict[URIRef, set[URIRef]] = {}
    for p, q in schema.subject_objects(OWL.inverseOf):
        inverses.setdefault(p, set()).add(q)
        inverses.setdefault(q, set()).add(p)

    inferred = Graph()
    frontier = set(data)
    seen = set(data)
    while frontier:
        new = set()
        for s, p, o in frontier:
            if p == RDF.type:
                for c in superclasses.get(o, ()):
                    new.add((s, RDF.type, c))
            else:
                for q in superproperties.get(p, ()):
                    new.add((s, q, o))
                if not isinstance(o, Literal):
                    for q in inverses.get(p, ()):
                        new.add((o, q, s))
        frontier = new - seen
        seen |= frontier
        for triple in frontier:
            inferred.add(triple)
    return inferred


def _transitive(graph: Graph, predicate: URIRef) -> dict[URIRef, set[URIRef]]:
    """For each subject, every node reachable through ``predicate`` (excluding itself)."""
    direct: dict[URIRef, set[URIRef]] = {}
    for s, o in graph.subject_objects(predicate):
        if isinstance(o, BNode):
            continue  # restrictions and unions are not named classes
        direct.setdefault(s, set()).add(o)
    closure = {}
    for start in direct:
        reach, stack = set(), list(direct[start])
        while stack:
            node = stack.pop()
            if node in reach or node == start:
                continue
            reach.add(node)
            stack.extend(direct.get(node, ()))
        closure[start] = reach
    return closure
