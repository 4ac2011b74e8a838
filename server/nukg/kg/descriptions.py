"""What the server says about one IRI of its namespaces: the description graph.

Pure functions over a :class:`nukg.kg.graph.KnowledgeGraph`; nothing here knows
Flask.  A description holds:

- the resource's outgoing statements and its incoming ones, from the union of
  ontology, data and inferred triples (so inferred types and inverse links are
  there), with the blank nodes they reach (an ``owl:unionOf`` list, a SHACL
  property shape), and a statement that reaches the resource only through a
  blank node is kept with that node's named owner (``nuo:party rdfs:domain
  [ owl:unionOf (nuo:State ...) ]`` is part of the description of nuo:State);
- the ``rdfs:label`` and ``rdf:type`` of every other named node it mentions
  (the things it links to, and its predicates), so one fetch is enough to
  display it.

A page shows each fact once: :func:`folded` says which inferred statements only restate a
stated one through a super-property (``dcterms:date`` from ``nuo:date``).  The description
graphs, and so the RDF documents, keep them all.

A class's description leaves out its instances (``?x a nuo:Summit``): they
belong to the data, not to the class, and would make a class's description
grow with the data; its HTML page lists them.  The ontology's IRI is described
by the whole ontology, the shapes' IRI by all the shapes.

:class:`Descriptions` computes each description once, and each serialisation
once, on first use.
"""

from __future__ import annotations

import threading
from functools import cached_property

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from ..core.formats import Format
from ..core.namespaces import BASE, ONTOLOGY_IRI, SHAPES_IRI, bind_prefixes, used_prefixes
from ..core.terms import ox_triples
from ..core.writers import rdf_bytes
from .names import ONTOLOGY, SHAPE, SHAPES, SimilarNames, Suggestion, kind_of

CLASS_TYPES = (OWL.Class, RDFS.Class)
# How far up a chain of blank nodes a statement is followed to find its named owner.
MAX_BNODE_DEPTH = 12


def description_of(graph: Graph, iri: URIRef, *, labels: Graph | None = None, instances: bool = True) -> Graph:
    """The description of ``iri`` in ``graph``: outgoing and incoming statements, with the blank
    nodes they reach, and the label and type (looked up in ``labels``, default ``graph``) of every
    other named node they mention.  ``instances=False`` leaves out ``?x rdf:type iri``."""
    out = bind_prefixes(Graph())
    for p, o in graph.predicate_objects(iri):
        out.add((iri, p, o))
        if isinstance(o, BNode):
            _add_bnode_closure(graph, o, out)
    for s, p in graph.subject_predicates(iri):
        if p == RDF.type and not instances:
            continue
        if isinstance(s, BNode):
            _add_named_owners(graph, s, out)
        else:
            out.add((s, p, iri))
    add_neighbour_labels(out, labels if labels is not None else graph, exclude=iri)
    return out


def add_neighbour_labels(out: Graph, source: Graph, *, exclude=None) -> None:
    """Add to ``out`` the labels and types (from ``source``) of the named nodes it mentions."""
    nodes = set()
    for s, p, o in out:
        nodes.update(n for n in (s, p, o) if isinstance(n, URIRef))
    nodes.discard(exclude)
    for node in nodes:
        for label in source.objects(node, RDFS.label):
            out.add((node, RDFS.label, label))
        for cls in source.objects(node, RDF.type):
            out.add((node, RDF.type, cls))


def _add_bnode_closure(graph: Graph, node: BNode, out: Graph, seen: set | None = None) -> None:
    seen = set() if seen is None else seen
    if node in seen:
        return
    seen.add(node)
    for p, o in graph.predicate_objects(node):
        out.add((node, p, o))
        if isinstance(o, BNode):
            _add_bnode_closure(graph, o, out, seen)


def _add_named_owners(graph: Graph, node: BNode, out: Graph, depth: int = 0, seen: set | None = None) -> None:
    """Add the statements of the named nodes that reach ``node`` through blank nodes, with their closure."""
    seen = set() if seen is None else seen
    if node in seen or depth > MAX_BNODE_DEPTH:
        return
    seen.add(node)
    for s, p in graph.subject_predicates(node):
        if isinstance(s, BNode):
            _add_named_owners(graph, s, out, depth + 1, seen)
        else:
            out.add((s, p, node))
            _add_bnode_closure(graph, node, out)


def folded(schema: Graph, inferred: Graph, subject, statements: dict) -> tuple[set, dict]:
    """Which of ``subject``'s ``statements`` (predicate -> objects) only restate another, for a page that
    shows each fact once: ``(left out, also)``.

    An inferred ``subject q o`` whose ``o`` a sub-property ``p`` of ``q`` (``rdfs:subPropertyOf`` in
    ``schema``, through any chain) also has is left out as ``(q, o)``, and ``also[p]`` holds ``q``: it is
    the super-property the value of ``p`` holds for.  A property and another that is sub-property of it in
    turn (the same under two names) are not folded into each other.  Stated statements are always kept.
    """
    supers = {p: set(schema.transitive_objects(p, RDFS.subPropertyOf)) - {p} for p in statements}
    below = {(q, o): [p for p, others in statements.items() if o in others and q in supers[p] and p not in supers[q]]
             for q, objects in statements.items() for o in objects if (subject, q, o) in inferred}
    left_out = {statement for statement, under in below.items() if under}
    also: dict = {}
    for (q, o) in left_out:
        for p in below[(q, o)]:
            if (p, o) not in left_out:  # the lowest ones, which stay (p under p' under q: q goes with p)
                also.setdefault(p, set()).add(q)
    return left_out, also


def is_class(graph: Graph, iri: URIRef) -> bool:
    return any((iri, RDF.type, t) in graph for t in CLASS_TYPES)


def subclasses(graph: Graph, cls) -> list[URIRef]:
    return sorted((s for s in graph.subjects(RDFS.subClassOf, cls) if isinstance(s, URIRef)), key=str)


def members(graph: Graph, node) -> set:
    """The named classes a domain or range stands for: itself, or the members of its owl:unionOf."""
    if isinstance(node, URIRef):
        return {node}
    union = graph.value(node, OWL.unionOf)
    return {m for m in Collection(graph, union) if isinstance(m, URIRef)} if union is not None else set()


def properties_with(graph: Graph, predicate, cls) -> list[URIRef]:
    """Properties whose ``predicate`` (rdfs:domain or rdfs:range) is ``cls`` or a union holding it."""
    return sorted({p for p, target in graph.subject_objects(predicate) if cls in members(graph, target)}, key=str)


def iris_in(graph: Graph):
    """The IRIs a graph mentions, datatypes of literals included."""
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef):
                yield str(node)
            elif isinstance(node, Literal) and node.datatype is not None:
                yield str(node.datatype)


class Descriptions:
    """The descriptions of every IRI the server answers for, each computed once, on first use,
    with each of its serialisations; also what the pages need to list or suggest IRIs."""

    def __init__(self, kg):
        self.kg = kg
        self._graphs: dict[str, Graph] = {}
        self._bodies: dict[tuple, bytes] = {}
        self._others: dict = {}
        self._lock = threading.Lock()

    # --- which IRIs exist -----------------------------------------------------

    @cached_property
    def known(self) -> frozenset[str]:
        """Every IRI of the server's namespaces that the ontology, data, inferred triples or shapes mention."""
        found = {str(ONTOLOGY_IRI), str(SHAPES_IRI)}
        for graph in (self.kg.union, self.kg.shapes):
            for triple in graph:
                for node in triple:
                    if isinstance(node, URIRef) and node.startswith(BASE) and kind_of(str(node)):
                        found.add(str(node))
        return frozenset(found)

    @cached_property
    def version_iris(self) -> frozenset[str]:
        """The ontology's version IRIs: they are answered like the ontology's IRI."""
        return frozenset(str(v) for v in self.kg.ontology.objects(ONTOLOGY_IRI, OWL.versionIRI))

    def exists(self, iri: str) -> bool:
        return iri in self.known

    def kind(self, iri: str) -> str | None:
        if iri in self.version_iris:
            return ONTOLOGY
        return kind_of(iri)

    # --- descriptions -----------------------------------------------------------

    def graph(self, iri: str) -> Graph:
        """The description graph of a known IRI (see the module's docstring)."""
        cached = self._graphs.get(iri)
        if cached is None:
            cached = self._graphs.setdefault(iri, self._describe(iri))
        return cached

    def _describe(self, iri: str) -> Graph:
        kind = self.kind(iri)
        if kind == ONTOLOGY:
            return self.kg.ontology
        if kind == SHAPES:
            return self.kg.shapes
        node = URIRef(iri)
        if kind == SHAPE:
            return description_of(self.kg.shapes, node, labels=self.everything)
        union = self.kg.union
        return description_of(union, node, instances=not is_class(union, node))

    def body(self, iri: str, fmt: Format) -> bytes:
        """The description of ``iri`` serialised in ``fmt`` (an RDF format of :mod:`nukg.core.formats`)."""
        key = (iri, fmt.name)
        cached = self._bodies.get(key)
        if cached is None:
            graph = self.graph(iri)
            data = rdf_bytes(ox_triples(graph), fmt, prefixes=used_prefixes(iris_in(graph)))
            cached = self._bodies.setdefault(key, data)
        return cached

    def cached(self, key, make):
        """``make()``, computed once per ``key``: for what the web layer derives from the graph
        (rendered pages, the home page's figures)."""
        value = self._others.get(key)
        if value is None:
            with self._lock:
                value = self._others.get(key)
                if value is None:
                    value = self._others[key] = make()
        return value

    @cached_property
    def everything(self) -> Graph:
        """The union and the shapes, for labels of whatever a shape mentions."""
        return self.kg.union + self.kg.shapes

    @cached_property
    def _similar(self) -> SimilarNames:
        return SimilarNames(self.known, self.everything)

    def suggestions(self, kind: str, name: str, limit: int = 8) -> list[Suggestion]:
        """Up to ``limit`` described IRIs of ``kind`` whose name or label is close to ``name``."""
        return self._similar.suggest(kind, name, limit)
