"""rdflib <-> pyoxigraph term conversion: the one place that turns one library's terms into the other's.

rdflib parses the Turtle files and pySHACL validates them; pyoxigraph stores, queries,
canonicalises and writes.  Blank nodes keep their identity: with a ``bnodes`` dict, each
rdflib blank node maps to one fresh pyoxigraph node (labels chosen by pyoxigraph); without
one, its label is kept when N-Triples allows it as is and otherwise encoded one-to-one, so two
conversions of the same graph agree and distinct nodes stay distinct.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from .namespaces import XSD_STRING

_SAFE_LABEL = re.compile(r"[A-Za-z0-9_]+")
_ENCODED = "u_"  # labels made from a hex encoding start with this; kept labels never do


def to_ox(term, bnodes: dict | None = None) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (see the module docstring for blank nodes)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        if bnodes is None:
            return ox.BlankNode(_label(term))
        node = bnodes.get(term)
        if node is None:
            node = bnodes[term] = ox.BlankNode()
        return node
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term) -> URIRef | BNode | Literal:
    """A pyoxigraph term as an rdflib term, keeping blank node labels."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def ox_triples(graph: Graph, bnodes: dict | None = None) -> list[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples."""
    return [ox.Triple(to_ox(s, bnodes), to_ox(p, bnodes), to_ox(o, bnodes)) for s, p, o in graph]


def ox_quads(named: dict, bnodes: dict | None = None) -> list[ox.Quad]:
    """The quads of ``named`` (graph name, or None for the default graph -> rdflib graph)."""
    quads = []
    for name, graph in named.items():
        graph_name = ox.DefaultGraph() if name is None else ox.NamedNode(str(name))
        quads.extend(ox.Quad(t.subject, t.predicate, t.object, graph_name) for t in ox_triples(graph, bnodes))
    return quads


def rdflib_graph(statements, graph: Graph | None = None) -> Graph:
    """pyoxigraph triples (or quads, graph names dropped) added to ``graph`` (default: a new one)."""
    graph = Graph() if graph is None else graph
    for t in statements:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def _label(node: BNode) -> str:
    """The node's label if it is safe and cannot be mistaken for an encoded one, else ``u_`` + its hex."""
    text = str(node)
    if _SAFE_LABEL.fullmatch(text) and not text.startswith(_ENCODED):
        return text
    return _ENCODED + text.encode("utf-8").hex()
