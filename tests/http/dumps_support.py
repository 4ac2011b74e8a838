"""Helpers shared by the tests of the downloads and of the dataset description.

Dumps are read back into rdflib graphs to be compared with the knowledge graph by
``isomorphic()``.  rdflib reads Turtle, N-Triples and RDF/XML; JSON-LD, TriG and N-Quads
are read by pyoxigraph (rdflib's readers for them go through its deprecated
ConjunctiveGraph and warn, and warnings are errors here) and turned into rdflib terms.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from nukg.web.app import create_app
from nukg.core.terms import to_rdflib
from support.paths import PROJECT_ROOT

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

# suffix -> how to read it: an rdflib parser name, or a pyoxigraph format
TRIPLE_READERS = {
    "ttl": "turtle",
    "nt": "nt",
    "rdf": "xml",
    "jsonld": ox.RdfFormat.JSON_LD,
}
QUAD_READERS = {"trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}


def real_app():
    """The app over the project's real data (queries in-process)."""
    return create_app({"NUKG_ROOT": PROJECT_ROOT, "NUKG_QUERY_WORKERS": 0})


def ox_term(term, bnodes: dict):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return bnodes.setdefault(term, ox.BlankNode())
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphism by W3C RDF Dataset Canonicalization (RDFC-1.0, pyoxigraph's): for graphs with
    hundreds of blank nodes (the shapes), where rdflib's ``isomorphic()`` takes many seconds."""
    canonical = []
    for graph in (a, b):
        bnodes: dict = {}
        dataset = ox.Dataset(ox.Quad(*(ox_term(t, bnodes) for t in triple)) for triple in graph)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        canonical.append(dataset)
    return len(a) == len(b) and canonical[0] == canonical[1]


def read_triples(data: bytes, suffix: str) -> Graph:
    """A triple dump (``suffix`` ttl, nt, rdf or jsonld) as an rdflib graph."""
    reader = TRIPLE_READERS[suffix]
    if isinstance(reader, str):
        return Graph().parse(data=data, format=reader)
    graph = Graph()
    for quad in ox.parse(data, format=reader):
        assert quad.graph_name == ox.DefaultGraph(), f"a triple dump holds a named graph: {quad}"
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


def read_quads(data: bytes, suffix: str) -> dict:
    """A quad dump (trig or nq) as ``{graph name or None: rdflib graph}``, blank node labels kept."""
    graphs: dict = {}
    for quad in ox.parse(data, format=QUAD_READERS[suffix]):
        name = None if quad.graph_name == ox.DefaultGraph() else URIRef(quad.graph_name.value)
        graph = graphs.setdefault(name, Graph())
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graphs
