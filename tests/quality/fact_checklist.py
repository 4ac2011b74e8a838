"""The parts of the fact-by-fact checklist (test_fact_statements*.py): one entry per fact of the source.

Each entry is a fact of NATO's page "Relations with Ukraine" read sentence by sentence: the section, the words,
the SPARQL query that returns the fact, and the answer the source gives.  The queries run on the source's
statements only (data, ontology and what the build infers from them), never on the editorial graph: a fact of
the source must not rest on the project's own inferences.  No query may read a fact out of words
(dcterms:description, notes): every fact is a statement.  ``added`` marks the facts that had no statement before
issue 12 (they lived only in descriptions, or were not recorded).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef

from nukg.core.namespaces import curie, sparql_prefixes

# properties that hold words for people, which no checklist query may read a fact from
WORDS = ("dcterms:description", "skos:editorialNote", "nuo:periodNote", "rdfs:comment", "skos:definition")


@dataclass(frozen=True)
class Fact:
    section: str
    words: str  # the source's words, or a close paraphrase
    query: str  # a SELECT whose rows are the fact
    expected: frozenset  # the rows the source gives, each a tuple of strings (prefixed names for IRIs)
    added: bool = False

    @property
    def id(self) -> str:
        return f"{self.section}: {self.words[:70]}"


def values(subject: str, prop: str) -> str:
    """The query for the values of one property of one resource."""
    return f"SELECT ?v WHERE {{ {subject} {prop} ?v }}"


def fact(section, words, query, *rows, added=False) -> Fact:
    """An entry; each row is a string (one column) or a tuple."""
    return Fact(section, words, query, frozenset(r if isinstance(r, tuple) else (r,) for r in rows), added)


def same(section, words, subject, prop, *expected, added=False) -> Fact:
    """An entry whose answer is exactly the values of ``prop`` on ``subject``."""
    return fact(section, words, values(subject, prop), *expected, added=added)


def shown(term) -> str:
    if isinstance(term, URIRef):
        return curie(str(term))
    if isinstance(term, Literal):
        return str(term)
    return "" if term is None else str(term)


def answer(graph: Graph, query: str) -> frozenset:
    return frozenset(tuple(shown(t) for t in row) for row in graph.query(sparql_prefixes() + query))
