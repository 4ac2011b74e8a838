"""The named queries and the data-quality checks, run against the real data on the endpoint's store.

- every named query returns rows for its defaults, and every check returns none;
- the checks are not vacuous: each one finds a violation planted for it;
- parameters are bound by pyoxigraph's ``substitutions``, the text left as the file has it.

The competency questions, each with the answer the source gives, are in
``test_query_answers_events.py``, ``test_query_answers_bodies.py`` and
``test_query_answers_cooperation.py``.  Their expected values were read off NATO's page
"Relations with Ukraine" (https://www.nato.int/cps/en/natohq/topics_37750.htm), the source
document the data is made from.
"""

from __future__ import annotations

import pytest

from query_support import CHECKS, NAMED, NUK, ask, run, store_with



def test_iri_parameters_take_prefixed_names_or_full_iris(store):
    short = ask(store, "bodies-under", parent="nuk:nato-representation-to-ukraine")
    full = ask(store, "bodies-under", parent=NUK + "nato-representation-to-ukraine")
    assert short == full and short


# ---------------------------------------------------------------------------
# Every named query answers for its defaults; every check finds nothing
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NAMED))
def test_named_query_returns_rows_for_defaults(store, name):
    assert ask(store, name), f"{name} returned no rows for its defaults"


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_finds_no_violation(store, name):
    found = run(store, CHECKS[name])
    assert found == [], f"checks/{name}.rq found {len(found)} problem(s): {found[:20]}"


# ---------------------------------------------------------------------------
# The checks are not vacuous: each one finds a violation planted for it
# ---------------------------------------------------------------------------

PLANTED = """
@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .
@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

nuk:zz-no-source a nuo:Event ; rdfs:label "Planted: no source"@en .
nuk:zz-no-label a nuo:Event ; dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-no-type rdfs:label "Planted: no type"@en ; dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-bad-dates a nuo:Event ; rdfs:label "Planted: bad dates"@en ;
    nuo:date "2014-01-01T00:00:00"^^xsd:dateTime ; nuo:signingDate "14"^^xsd:gYear ;
    nuo:startDate "2010"^^xsd:gYear ; nuo:endDate "2009-05"^^xsd:gYearMonth ;
    dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-second-ukraine a nuo:State ; rdfs:label "Ukraine"@en ; dcterms:source nuk:relations-with-ukraine-summary .
nuk:zz-dangling a nuo:Event ; rdfs:label "Planted: dangling"@en ; nuo:location nuk:zz-nowhere ;
    nuo:noSuchProperty "x" ; dcterms:source nuk:ukraine .
nuk:zz-two-labels a nuo:Event ; rdfs:label "Planted: one"@en, "Planted: two"@en ;
    dcterms:source nuk:relations-with-ukraine-summary .
"""


@pytest.fixture(scope="module")
def planted_store(snapshot):
    """The endpoint's store with the planted triples, like the data's own in the data graph and in the
    default graph (their union)."""
    return store_with(snapshot, PLANTED)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_check_catches_a_planted_violation(planted_store, name):
    found = run(planted_store, CHECKS[name])
    assert found, f"checks/{name}.rq did not notice the violation planted for it"
    assert all(
        any(isinstance(v, str) and "zz-" in v or v == NUK + "ukraine" for v in row.values()) for row in found
    ), f"checks/{name}.rq flags resources other than the planted ones: {found}"


def test_planting_leaves_the_real_store_alone(store, planted_store):
    assert all(run(store, CHECKS[name]) == [] for name in CHECKS)
