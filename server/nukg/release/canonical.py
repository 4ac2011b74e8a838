"""Canonical statements for deterministic release files.

Blank nodes get the labels of the W3C RDF Dataset Canonicalization (RDFC-1.0,
computed by pyoxigraph) over the three named graphs and their union together, so a
blank node keeps one label in every file; statements come in code point order of
their N-Triples / N-Quads form.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..core.terms import ox_quads


@dataclass(frozen=True)
class CanonicalStatements:
    triples: list[ox.Triple]  # the default graph, sorted
    quads: list[ox.Quad]  # the named graphs, sorted


def canonical(named: dict, default=None) -> CanonicalStatements:
    """``named`` (graph IRI -> rdflib graph) and ``default`` (an rdflib graph, or None), canonical and sorted."""
    graphs = dict(named)
    if default is not None:
        graphs[None] = default
    dataset = ox.Dataset(ox_quads(graphs, bnodes={}))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    triples, quads = [], []
    for quad in dataset:
        if quad.graph_name == ox.DefaultGraph():
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
        else:
            quads.append(quad)
    return CanonicalStatements(sorted(triples, key=str), sorted(quads, key=str))


def canonical_triples(graph) -> list[ox.Triple]:
    """One rdflib graph's triples, canonical and sorted."""
    return canonical({}, graph).triples
