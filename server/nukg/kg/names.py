"""Names of the IRIs the server answers for: which namespace, local name, label, and close names.

Pure functions over rdflib graphs; nothing here knows Flask.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from ..core.namespaces import NUK, NUO, NUS, ONTOLOGY_IRI, SHAPES_IRI

# The kinds of IRIs the server answers for.
THING = "thing"  # nuk:{slug}
TERM = "term"  # nuo:{Term}
ONTOLOGY = "ontology"  # the ontology's IRI (and its version IRI)
SHAPE = "shape"  # nus:{Shape}
SHAPES = "shapes"  # the shapes graph's IRI
NAMESPACE_OF = {THING: str(NUK), TERM: str(NUO), SHAPE: str(NUS)}

# Longest name (characters) and most words for which similar names are looked for.
MAX_SUGGESTION_INPUT = 100
MAX_SUGGESTION_WORDS = 8
SIMILAR = 0.6


def kind_of(iri: str) -> str | None:
    """Which of the server's namespaces ``iri`` belongs to, or None."""
    if iri == str(ONTOLOGY_IRI):
        return ONTOLOGY
    if iri == str(SHAPES_IRI):
        return SHAPES
    for kind, namespace in NAMESPACE_OF.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return kind
    return None


def local_name(iri: str) -> str:
    """The part of ``iri`` after its namespace (the slug or term name); the IRI itself if it is none of ours."""
    for namespace in NAMESPACE_OF.values():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return iri[len(namespace):]
    return iri


def labels_by_iri(graph: Graph, lang: str = "en") -> dict[str, str]:
    """Every labelled IRI of ``graph`` with its label, as :func:`label_of` chooses it."""
    return {str(node): label_of(graph, node, lang) for node in set(graph.subjects(RDFS.label))
            if isinstance(node, URIRef)}


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


def search_words(text: str) -> list[str]:
    """The lowercase words (ASCII letters and digits, 2 or more) of ``text``: safe inside a SPARQL string."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    return [w for w in re.split(r"[^a-z0-9]+", spaced.lower()) if len(w) >= 2]


@dataclass(frozen=True)
class Suggestion:
    iri: str
    label: str


class SimilarNames:
    """Described IRIs of each kind, to suggest the ones whose name or label is close to a wrong one."""

    def __init__(self, iris, graph: Graph):
        self._graph = graph
        self._entries: dict[str, list[tuple[str, str, str]]] = {}  # kind -> (local name, label, IRI)
        for iri in sorted(iris):
            kind = kind_of(iri)
            if kind not in NAMESPACE_OF or (URIRef(iri), None, None) not in graph:
                continue  # not a thing, term or shape, or only mentioned, never described
            self._entries.setdefault(kind, []).append((local_name(iri).lower(), label_of(graph, URIRef(iri)).lower(),
                                                       iri))

    def suggest(self, kind: str, name: str, limit: int = 8) -> list[Suggestion]:
        """Up to ``limit`` described IRIs of ``kind`` whose name or label is close to ``name``."""
        wanted = name.strip().lower()
        words = search_words(name)
        if len(wanted) > MAX_SUGGESTION_INPUT or len(words) > MAX_SUGGESTION_WORDS:
            return []  # no real name is that long; comparing it would only cost time
        scored: dict[str, float] = {}
        for slug, label, iri in self._entries.get(kind, []):
            score = max(_similarity(wanted, slug), _similarity(" ".join(words), label))
            if words and all(w in slug or w in label for w in words):
                score = max(score, 0.9)
            if score >= SIMILAR:
                scored[iri] = score
        best = sorted(scored, key=lambda i: (-scored[i], i))[:limit]
        return [Suggestion(iri, label_of(self._graph, URIRef(iri))) for iri in best]


def _similarity(a: str, b: str) -> float:
    """difflib's ratio, skipped (0) when its cheap upper bounds already rule the pair out."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0.0
    return matcher.ratio()
