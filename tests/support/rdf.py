"""Reading RDF answers and dumps back, and comparing them.

Dumps are read back into rdflib graphs to be compared with the knowledge graph.  rdflib
reads Turtle, N-Triples and RDF/XML; JSON-LD, TriG and N-Quads are read by pyoxigraph
(rdflib's readers for them go through its deprecated ConjunctiveGraph and warn, and
warnings are errors here) and turned into rdflib terms by the project's own converter,
:mod:`nukg.core.terms`.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, URIRef

from nukg.core.terms import ox_quads, rdflib_graph

# suffix -> how to read it: an rdflib parser name, or a pyoxigraph format
TRIPLE_READERS = {
    "ttl": "turtle",
    "nt": "nt",
    "rdf": "xml",
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_READERS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphism by W3C RDF Dataset Canonicalization (RDFC-1.0, pyoxigraph's): for graphs with
    hundreds of blank nodes (the shapes), where rdflib's ``isomorphic()`` takes many seconds."""
    canonical = []
    for graph in (a, b):
        dataset = ox.Dataset(ox_quads({None: graph}, bnodes={}))
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        canonical.append(dataset)
    return len(a) == len(b) and canonical[0] == canonical[1]


def read_triples(data: bytes, suffix: str) -> Graph:
    """A triple dump (``suffix`` ttl, nt, rdf or jsonld) as an rdflib graph."""
    reader = TRIPLE_READERS[suffix]
    if isinstance(reader, str):
        return Graph().parse(data=data, format=reader)
    quads = list(ox.parse(data, format=reader))
    for quad in quads:
        assert quad.graph_name == ox.DefaultGraph(), f"a triple dump holds a named graph: {quad}"
    return rdflib_graph(quads)


def read_quads(data: bytes, suffix: str) -> dict:
    """A quad dump (trig or nq) as ``{graph name or None: rdflib graph}``, blank node labels kept."""
    graphs: dict = {}
    for quad in ox.parse(data, format=QUAD_READERS[suffix]):
        name = None if quad.graph_name == ox.DefaultGraph() else URIRef(quad.graph_name.value)
        rdflib_graph([quad], graphs.setdefault(name, Graph()))
    return graphs


def solutions(body: bytes, fmt: ox.QueryResultsFormat):
    """Rows of a SELECT answer as (variable, term) pairs, to compare across formats.

    Blank nodes are labelled afresh by each parse of the Turtle, so they compare as ``_:``.
    """
    parsed = ox.parse_query_results(body, format=fmt)
    names = [v.value for v in parsed.variables]

    def term(value):
        return "_:" if isinstance(value, ox.BlankNode) else str(value)

    return sorted(tuple((n, term(row[n])) for n in names if row[n] is not None) for row in parsed)
