"""Search by name: the things (nuk:) and ontology terms (nuo:) whose labels, acronyms or
descriptions hold the words asked for.

The index is built once from a graph (the union of ontology, data and inferred
triples, so a resource carries its superclasses as types).  Comparisons ignore
case, accents and punctuation: "Polôgne", "POLOGNE" and "pologne" are the same
words.  Hits are ranked, best first, by how they matched (see ``MATCHES``), then
shorter label first, then label.  Pure functions over rdflib graphs; nothing here
knows Flask.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ..core.namespaces import NUK, NUO
from .names import label_of

# How a hit matched, best first; a hit's score is its index here.
EXACT_LABEL = "exact label"
EXACT_ALT = "exact alternative label"
PREFIX = "label prefix"
WORD = "whole words"
SUBSTRING = "part of a label"
DESCRIPTION = "description"
MATCHES = (EXACT_LABEL, EXACT_ALT, PREFIX, WORD, SUBSTRING, DESCRIPTION)

MAX_QUERY = 200  # characters of a query that are looked at
MAX_WORDS = 12  # words of a query that are looked at
MAX_LIMIT = 100  # hits in one answer
SNIPPET = 160  # characters of a description shown with a hit
DESCRIPTIONS = (DCTERMS.description, SKOS.definition, RDFS.comment)


def normalise(text: str) -> str:
    """``text`` without accents, case or punctuation: words of letters and digits, one space apart."""
    decomposed = unicodedata.normalize("NFKD", text[:MAX_QUERY * 50])
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", bare))


@dataclass(frozen=True)
class Hit:
    iri: str
    label: str
    types: tuple[str, ...]
    match: str
    snippet: str

    @property
    def score(self) -> int:
        return MATCHES.index(self.match)


@dataclass(frozen=True)
class Results:
    query: str
    total: int
    hits: list[Hit]


@dataclass(frozen=True)
class _Entry:
    iri: str
    label: str
    labels: tuple[str, ...]  # normalised rdfs:labels
    alts: tuple[str, ...]  # normalised skos:altLabels (acronyms among them)
    text: str  # normalised labels and descriptions, for the word search
    types: frozenset[str]
    snippet: str


def snippet_of(description: str) -> str:
    """The start of ``description``, cut at a word and marked when cut."""
    text = " ".join(description.split())
    if len(text) <= SNIPPET:
        return text
    return text[:SNIPPET].rsplit(" ", 1)[0] + "…"


def _texts(graph: Graph, node, predicates) -> list[str]:
    return [str(o) for p in predicates for o in graph.objects(node, p) if isinstance(o, Literal)]


def _entry(graph: Graph, node: URIRef) -> _Entry:
    labels = _texts(graph, node, (RDFS.label,))
    alts = _texts(graph, node, (SKOS.altLabel,))
    descriptions = _texts(graph, node, DESCRIPTIONS)
    return _Entry(
        iri=str(node),
        label=label_of(graph, node),
        labels=tuple(normalise(t) for t in labels) or (normalise(label_of(graph, node)),),
        alts=tuple(normalise(t) for t in alts),
        text=" ".join(normalise(t) for t in labels + alts + descriptions),
        types=frozenset(str(t) for t in graph.objects(node, RDF.type) if isinstance(t, URIRef)),
        snippet=snippet_of(descriptions[0]) if descriptions else "",
    )


def _match(entry: _Entry, query: str, words: list[str]) -> str | None:
    """How ``entry`` matches the normalised ``query`` (its ``words``), or None."""
    if query in entry.labels:
        return EXACT_LABEL
    if query in entry.alts:
        return EXACT_ALT
    names = entry.labels + entry.alts
    if any(name.startswith(query) for name in entry.labels):
        return PREFIX
    if any(f" {query} " in f" {name} " for name in names):
        return WORD
    if any(query in name for name in names):
        return SUBSTRING
    padded = f" {entry.text} "
    if all(f" {w}" in padded for w in words):  # every word starts a word of the text
        return DESCRIPTION
    return None


class SearchIndex:
    """The described IRIs of the nuk: and nuo: namespaces with what a search compares."""

    def __init__(self, graph: Graph, namespaces=(NUK, NUO)):
        prefixes = tuple(str(n) for n in namespaces)
        subjects = {s for s in graph.subjects() if isinstance(s, URIRef)
                    and any(s.startswith(p) and len(s) > len(p) for p in prefixes)}
        self._entries = [_entry(graph, s) for s in sorted(subjects)]
        self._labels = {e.iri: e.label for e in self._entries}

    def __len__(self) -> int:
        return len(self._entries)

    def classes(self, namespace=NUO) -> list[tuple[str, str, int]]:
        """The classes of ``namespace`` that type indexed resources: (IRI, label, how many), by label."""
        counts: dict[str, int] = {}
        for entry in self._entries:
            for t in entry.types:
                if t.startswith(str(namespace)):
                    counts[t] = counts.get(t, 0) + 1
        found = [(iri, self._labels.get(iri, iri[len(str(namespace)):]), n) for iri, n in counts.items()]
        return sorted(found, key=lambda c: (c[1].casefold(), c[0]))

    def search(self, q: str, classes=None, limit: int = 20, offset: int = 0) -> Results:
        """The hits for ``q`` (typed with one of ``classes`` when given), best first, ``offset`` skipped."""
        query = normalise(q[:MAX_QUERY])
        words = query.split()[:MAX_WORDS]
        query = " ".join(words)
        if not query:
            return Results(query, 0, [])
        wanted = frozenset(str(c) for c in classes) if classes else None
        ranked = []
        for entry in self._entries:
            if wanted is not None and not entry.types & wanted:
                continue
            match = _match(entry, query, words)
            if match is not None:
                ranked.append((MATCHES.index(match), len(entry.label), entry.label.casefold(), entry.iri, match, entry))
        ranked.sort(key=lambda r: r[:4])
        offset = max(offset, 0)
        page = ranked[offset:offset + max(0, min(limit, MAX_LIMIT))]
        hits = [Hit(e.iri, e.label, tuple(sorted(e.types)), match, e.snippet) for *_, match, e in page]
        return Results(query, len(ranked), hits)
