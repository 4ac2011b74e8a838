"""What the server says about one IRI of its namespaces: the description graph.

Pure functions over a :class:`server.kg.KnowledgeGraph`; nothing here knows
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

A class's description leaves out its instances (``?x a nuo:Summit``): they
belong to the data, not to the class, and would make a class's description
grow with the data; its HTML page lists them.  The ontology's IRI is described
by the whole ontology, the shapes' IRI by all the shapes.

:class:`Documents` computes each description once, and each serialisation
once, on first use.
"""

from __future__ import annotations

import difflib
import re
import threading
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from .namespaces import BASE, NUK, NUO, NUS, ONTOLOGY_IRI, PREFIXES, SHAPES_IRI, bind_prefixes
from .serialize import triples_bytes

# The kinds of IRIs the server answers for.
THING = "thing"  # nuk:{slug}
TERM = "term"  # nuo:{Term}
ONTOLOGY = "ontology"  # the ontology's IRI (and its version IRI)
SHAPE = "shape"  # nus:{Shape}
SHAPES = "shapes"  # the shapes graph's IRI

CLASS_TYPES = (OWL.Class, RDFS.Class)
# How far up a chain of blank nodes a statement is followed to find its named owner.
MAX_BNODE_DEPTH = 12


def kind_of(iri: str) -> str | None:
    """Which of the server's namespaces ``iri`` belongs to, or None."""
    if iri == str(ONTOLOGY_IRI):
        return ONTOLOGY
    if iri == str(SHAPES_IRI):
        return SHAPES
    for namespace, kind in ((NUK, THING), (NUO, TERM), (NUS, SHAPE)):
        name = iri[len(namespace):] if iri.startswith(namespace) else None
        if name:
            return kind
    return None


def local_name(iri: str) -> str:
    """The part of ``iri`` after its namespace (the slug or term name); the IRI itself if it is none of ours."""
    for namespace in (NUK, NUO, NUS):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return iri[len(namespace):]
    return iri


def describe(graph: Graph, iri: URIRef, *, labels: Graph | None = None, instances: bool = True) -> Graph:
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


def is_class(graph: Graph, iri: URIRef) -> bool:
    return any((iri, RDF.type, t) in graph for t in CLASS_TYPES)


def used_prefixes(graph: Graph) -> dict[str, str]:
    """The project's prefixes whose namespace some IRI of ``graph`` is in, for tidy documents."""
    namespaces = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    used = set()
    for triple in graph:
        for node in triple:
            if isinstance(node, URIRef) or (isinstance(node, Literal) and node.datatype is not None):
                text = str(node if isinstance(node, URIRef) else node.datatype)
                used.update(p for p, ns in namespaces.items() if text.startswith(ns))
    return {p: ns for p, ns in namespaces.items() if p in used}


def ox_triples(graph: Graph) -> list[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples, for :mod:`server.serialize`."""
    return [ox.Triple(_ox(s), _ox(p), _ox(o)) for s, p, o in graph]


def _ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(_bnode_id(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _bnode_id(node: BNode) -> str:
    text = str(node)
    return text if re.fullmatch(r"[A-Za-z0-9_]+", text) else "b" + re.sub(r"[^A-Za-z0-9_]", "_", text)


@dataclass(frozen=True)
class Suggestion:
    iri: str
    label: str


class Documents:
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
            return describe(self.kg.shapes, node, labels=self.everything)
        union = self.kg.union
        return describe(union, node, instances=not is_class(union, node))

    def body(self, iri: str, fmt) -> bytes:
        """The description of ``iri`` serialised in ``fmt`` (an RDF format of :mod:`server.formats`)."""
        key = (iri, fmt.name)
        cached = self._bodies.get(key)
        if cached is None:
            graph = self.graph(iri)
            data = triples_bytes(ox_triples(graph), fmt, prefixes=used_prefixes(graph))
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

    # --- suggestions for unknown IRIs ----------------------------------------------

    @cached_property
    def _names(self) -> dict[str, list[tuple[str, str, str]]]:
        """Per kind: (local name, lowercased label, IRI) of every described IRI."""
        names: dict[str, list] = {}
        union = self.everything
        for iri in sorted(self.known):
            kind = kind_of(iri)
            if kind not in (THING, TERM, SHAPE):
                continue
            if (URIRef(iri), None, None) not in union:
                continue  # only mentioned, never described
            label = label_of(union, URIRef(iri))
            names.setdefault(kind, []).append((local_name(iri), label.lower(), iri))
        return names

    def suggestions(self, kind: str, name: str, limit: int = 8) -> list[Suggestion]:
        """Up to ``limit`` described IRIs of ``kind`` whose name or label is close to ``name``."""
        entries = self._names.get(kind, [])
        wanted = name.strip().lower()
        words = search_words(name)
        if len(wanted) > MAX_SUGGESTION_INPUT or len(words) > MAX_SUGGESTION_WORDS:
            return []  # no real name is that long; comparing it would only cost time
        scored: dict[str, float] = {}
        for slug, label, iri in entries:
            score = max(_similarity(wanted, slug.lower()), _similarity(" ".join(words), label))
            if words and all(w in slug.lower() or w in label for w in words):
                score = max(score, 0.9)
            if score >= SIMILAR:
                scored[iri] = score
        union = self.everything
        best = sorted(scored, key=lambda i: (-scored[i], i))[:limit]
        return [Suggestion(iri, label_of(union, URIRef(iri))) for iri in best]


# Longest name (characters) and most words for which similar names are looked for.
MAX_SUGGESTION_INPUT = 100
MAX_SUGGESTION_WORDS = 8
SIMILAR = 0.6


def _similarity(a: str, b: str) -> float:
    """difflib's ratio, skipped (0) when its cheap upper bounds already rule the pair out."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()


def search_words(text: str) -> list[str]:
    """The lowercase words (ASCII letters and digits, 2 or more) of ``text``: safe inside a SPARQL string."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    return [w for w in re.split(r"[^a-z0-9]+", spaced.lower()) if len(w) >= 2]


def label_of(graph: Graph, node, lang: str = "en") -> str:
    """The node's rdfs:label in ``lang`` (else one without a language, else any), else its local name."""
    labels = list(graph.objects(node, RDFS.label))
    for wanted in (lang, None):
        for label in labels:
            if isinstance(label, Literal) and label.language == wanted:
                return str(label)
    if labels:
        return str(sorted(labels)[0])
    return local_name(str(node)) if isinstance(node, URIRef) else str(node)
