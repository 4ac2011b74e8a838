"""The timeline's events on a tiny graph: precision kept, kinds from rdf:type, the most specific date."""

from rdflib import Graph

from nukg.kg.timeline import DAY, MONTH, YEAR, events
from nukg.web.views.timeline import draw, span, year_width

TINY = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

nuo:date rdfs:subPropertyOf dcterms:date ; rdfs:label "date" .
nuo:establishmentDate rdfs:subPropertyOf dcterms:date ; rdfs:label "establishment date" .
nuo:inaugurationDate rdfs:subPropertyOf nuo:establishmentDate ; rdfs:label "inauguration date" .
nuo:signingDate rdfs:subPropertyOf dcterms:date ; rdfs:label "signing date" .

nuk:programme a nuo:Programme, nuo:CooperationInstrument ; rdfs:label "A programme"@en ;
    nuo:establishmentDate "2014"^^xsd:gYear .
nuk:summit a nuo:Summit ; rdfs:label "A summit"@en ; nuo:date "2008-04"^^xsd:gYearMonth .
nuk:charter a nuo:Charter, nuo:Agreement ; rdfs:label "A charter"@en ;
    nuo:signingDate "1997-07-09"^^xsd:date ; nuo:date "1997-07-09"^^xsd:date .
nuk:war a nuo:Invasion, nuo:MilitaryAction ; rdfs:label "A war"@en ; nuo:date "2022-02"^^xsd:gYearMonth .
nuk:office a nuo:Office ; rdfs:label "An office"@en ;
    nuo:inaugurationDate "1999-05"^^xsd:gYearMonth ; nuo:establishmentDate "1999-05"^^xsd:gYearMonth .
nuk:old a nuo:Summit ; rdfs:label "Too early"@en ; nuo:date "1949"^^xsd:gYear .
nuk:undated a nuo:Summit ; rdfs:label "No date"@en .
"""


def tiny():
    return {e.iri.rsplit("/", 1)[-1]: e for e in events(Graph().parse(data=TINY, format="turtle"))}


def test_precision_is_the_sources():
    found = tiny()
    assert (found["programme"].date, found["programme"].precision) == ("2014", YEAR)
    assert (found["summit"].date, found["summit"].precision, found["summit"].day) == ("2008-04", MONTH, None)
    assert (found["charter"].date, found["charter"].precision) == ("1997-07-09", DAY)


def test_a_year_is_drawn_over_its_year_and_a_month_over_its_month():
    found = tiny()
    x, width = span(found["programme"])
    assert width == year_width()
    assert span(found["programme"])[0] < span(found["war"])[0]
    month_x, month_width = span(found["summit"])
    assert abs(month_width - year_width() / 12) < 1e-9
    drawing = draw(tuple(found.values()), lambda iri: "/doc/" + iri.rsplit("/", 1)[-1])
    assert {m.event.iri.rsplit("/", 1)[-1]: m.when for m in drawing.marks}["programme"] == "2014"
    assert all(m.href.startswith("/doc/") for m in drawing.marks)
    assert len([t for t in drawing.ticks if t.year <= 2022]) == 2022 - 1991 + 1


def test_kinds_come_from_types():
    kinds = {k: e.kind for k, e in tiny().items()}
    assert kinds == {"programme": "programme", "summit": "summit", "charter": "agreement", "war": "conflict",
                     "office": "other"}


def test_the_most_specific_date_only_and_the_range():
    found = tiny()
    assert found["office"].property_label == "inauguration date"
    assert found["charter"].property_label == "signing date"  # the plain nuo:date repeating it is dropped
    assert "old" not in found and "undated" not in found
    assert len(found) == 5
