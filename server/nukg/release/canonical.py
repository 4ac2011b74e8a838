"""Canonical statements for deterministic release files.

Blank nodes get the labels of the W3C RDF Dataset Canonicalization (RDFC-1.0,
computed by pyoxigraph) over the named graphs together, so a blank node shared by
two graphs keeps one label in every file; statements come in code point order of
their N-Triples / N-Quads form.
"""

from __future__ import annotations

import pyoxigraph as ox

from ..core.terms import ox_quads


def canonical_quads(named: dict) -> list[ox.Quad]:
    """The quads of ``named`` (graph IRI, or None for the default graph -> rdflib graph), canonical, sorted."""
    dataset = ox.Dataset(ox_quads(named, bnodes={}))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=str)


def union_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """The distinct triples of canonical ``quads``, sorted: the union of their graphs, with the same labels."""
    return sorted({ox.Triple(q.subject, q.predicate, q.object) for q in quads}, key=str)


def canonical_triples(graph) -> list[ox.Triple]:
    """One rdflib graph's triples, canonical and sorted."""
    return union_triples(canonical_quads({None: graph}))
