"""The search index on a tiny graph: ranking, accents and case, class filters, bounds."""

import time

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from nukg.core.namespaces import NUK, NUO
from nukg.kg.search import (
    DESCRIPTION,
    EXACT_ALT,
    EXACT_LABEL,
    MAX_LIMIT,
    PREFIX,
    SUBSTRING,
    WORD,
    SearchIndex,
    normalise,
)


def tiny() -> Graph:
    g = Graph()

    def add(slug, label, cls, alts=(), description=None):
        node = NUK[slug]
        g.add((node, RDFS.label, Literal(label, lang="en")))
        g.add((node, RDF.type, cls))
        for alt in alts:
            g.add((node, SKOS.altLabel, Literal(alt, lang="en")))
        if description:
            g.add((node, DCTERMS.description, Literal(description, lang="en")))

    add("fund", "Fund", NUO.TrustFund)
    add("fun", "Fun club", NUO.Body, alts=["FUND"])
    add("fundamentals", "Fundamentals", NUO.Body)
    add("cyber-fund", "Cyber Defence Fund", NUO.TrustFund)
    add("big-fund", "The big fund of funds", NUO.TrustFund)
    add("refunding", "Refunding office", NUO.Body)
    add("plan", "Plan", NUO.Programme, description="A plan paid by the Fund for Peace.")
    add("pologne", "Polôgne", NUO.Country, description="Un pays d'Europe centrale.")
    # inferred: a trust fund is a programme
    for s in list(g.subjects(RDF.type, NUO.TrustFund)):
        g.add((s, RDF.type, NUO.Programme))
    g.add((NUO.TrustFund, RDFS.label, Literal("Trust fund", lang="en")))
    g.add((NUO.TrustFund, RDF.type, RDFS.Class))
    g.add((RDFS.Class, RDFS.label, Literal("Class")))  # not in our namespaces: never a hit
    return g


def test_normalise_drops_case_accents_and_punctuation():
    assert normalise("Polôgne") == normalise("POLOGNE") == "pologne"
    assert normalise("NATO-Ukraine  Commission") == "nato ukraine commission"


def test_hits_are_ranked_by_how_they_match_then_by_length():
    results = SearchIndex(tiny()).search("fund")
    assert [(h.iri, h.match) for h in results.hits] == [
        (str(NUK.fund), EXACT_LABEL),
        (str(NUK.fun), EXACT_ALT),  # the acronym
        (str(NUK.fundamentals), PREFIX),
        (str(NUO.TrustFund), WORD),  # "Trust fund": the shortest label of the three first
        (str(NUK["cyber-fund"]), WORD),
        (str(NUK["big-fund"]), WORD),
        (str(NUK.refunding), SUBSTRING),
        (str(NUK.plan), DESCRIPTION),
    ]
    assert results.total == 8
    assert [h.score for h in results.hits] == sorted(h.score for h in results.hits)
    assert results.hits[-1].snippet == "A plan paid by the Fund for Peace."


def test_accents_and_case_do_not_matter():
    index = SearchIndex(tiny())
    for q in ("Pologne", "POLÔGNE", "polögne"):
        assert [h.iri for h in index.search(q).hits] == [str(NUK.pologne)]
    assert index.search("EUROPE Centrale").hits[0].match == DESCRIPTION


def test_the_class_filter_keeps_instances_of_subclasses():
    index = SearchIndex(tiny())
    funds = {h.iri for h in index.search("fund", classes=[NUO.TrustFund]).hits}
    assert funds == {str(NUK.fund), str(NUK["cyber-fund"]), str(NUK["big-fund"])}
    programmes = {h.iri for h in index.search("fund", classes=[NUO.Programme]).hits}
    assert programmes == funds | {str(NUK.plan)}
    assert index.search("fund", classes=[NUO.Summit]).total == 0


def test_limit_and_offset_page_through_the_hits():
    index = SearchIndex(tiny())
    everything = index.search("fund").hits
    assert index.search("fund", limit=2, offset=1).hits == everything[1:3]
    assert len(index.search("fund", limit=10 * MAX_LIMIT).hits) <= MAX_LIMIT
    assert index.search("", limit=5).total == 0 and index.search("  -- ").hits == []


def test_classes_that_have_instances_are_listed():
    labels = [label for _, label, _ in SearchIndex(tiny()).classes()]
    assert "Trust fund" in labels and "Programme" in labels


def test_huge_queries_are_bounded():
    index = SearchIndex(tiny())
    start = time.perf_counter()
    results = index.search("fund " * 100_000)
    assert time.perf_counter() - start < 1
    assert len(results.query) <= 200 and len(results.query.split()) <= 12
