"""Pure pieces of the linked-data layer: descriptions, suffixes, dates for people, search words."""

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from nukg.kg.descriptions import description_of as describe
from nukg.kg.names import ONTOLOGY, SHAPE, SHAPES, TERM, THING, kind_of, search_words
from nukg.core.namespaces import curie
from nukg.web.views.values import human_date, humanise
from nukg.core.formats import DOCUMENT, GRAPH, by_suffix, formats_of, split_suffix
from nukg.core.namespaces import NUK, NUO, NUS, ONTOLOGY_IRI, SHAPES_IRI


@pytest.mark.parametrize(
    "lexical, datatype, expected",
    [
        ("2014", XSD.gYear, ("2014", "2014")),
        ("2017-06", XSD.gYearMonth, ("June 2017", "2017-06")),
        ("2022-06-15", XSD.date, ("15 June 2022", "2022-06-15")),
        ("2008-04-03Z", XSD.date, ("3 April 2008", "2008-04-03")),
        ("2022-06-15T12:58:00", XSD.dateTime, ("15 June 2022, 12:58", "2022-06-15T12:58:00")),
        ("2017-13", XSD.gYearMonth, None),
        ("soon", XSD.date, None),
        ("2014", XSD.string, None),
    ],
)
def test_dates_for_people_keep_their_precision(lexical, datatype, expected):
    assert human_date(Literal(lexical, datatype=datatype)) == expected


@pytest.mark.parametrize(
    "name, expected_stem, expected_format",
    [
        ("x.ttl", "x", "turtle"),
        ("x.nt", "x", "ntriples"),
        ("x.jsonld", "x", "jsonld"),
        ("x.rdf", "x", "rdfxml"),
        ("x.html", "x", "html"),
        ("ontology/Summit.ttl", "ontology/Summit", "turtle"),
        ("x", "x", None),
        ("x.yaml", "x.yaml", None),
        ("0.1.0", "0.1.0", None),
        (".ttl", ".ttl", None),
    ],
)
def test_split_suffix(name, expected_stem, expected_format):
    stem, fmt = split_suffix(name, DOCUMENT)
    assert stem == expected_stem
    assert (fmt.name if fmt else None) == expected_format


def test_every_document_format_has_a_suffix_and_rdf_ones_match_the_graph_formats():
    for fmt in formats_of(DOCUMENT):
        assert fmt.suffix and by_suffix(DOCUMENT, fmt.suffix) is fmt
        if fmt.name != "html":
            assert by_suffix(GRAPH, fmt.suffix).media_type == fmt.media_type


@pytest.mark.parametrize(
    "iri, kind",
    [
        (NUK.nato, THING),
        (NUO.Summit, TERM),
        (NUS.SummitShape, SHAPE),
        (ONTOLOGY_IRI, ONTOLOGY),
        (SHAPES_IRI, SHAPES),
        (str(NUK), None),
        ("https://example.org/x", None),
    ],
)
def test_kind_of(iri, kind):
    assert kind_of(str(iri)) == kind


def test_search_words_are_letters_and_digits_only():
    assert search_words('Nato-Ukraine_Comission"; DROP') == ["nato", "ukraine", "comission", "drop"]
    assert search_words("SummitShape") == ["summit", "shape"]
    assert search_words("x") == []


def test_helpers_for_labels():
    assert humanise("subOrganizationOf") == "sub organization of"
    assert curie(str(NUO.Summit)) == "nuo:Summit"
    assert curie("https://example.org/x") == "https://example.org/x"


def test_describe_keeps_blank_nodes_with_their_named_owner():
    g = Graph()
    domain, members, rest = BNode(), BNode(), BNode()
    g.add((NUO.party, RDFS.domain, domain))
    g.add((domain, OWL.unionOf, members))
    g.add((members, RDF.first, NUO.State))
    g.add((members, RDF.rest, rest))
    g.add((rest, RDF.first, NUO.Agreement))
    g.add((rest, RDF.rest, RDF.nil))
    g.add((NUO.State, RDFS.label, Literal("State")))
    g.add((NUO.party, RDFS.label, Literal("party")))
    g.add((NUK.ukraine, RDF.type, NUO.State))
    state = describe(g, NUO.State, instances=False)
    assert (NUO.party, RDFS.domain, domain) in state
    assert (rest, RDF.first, NUO.Agreement) in state  # the whole list
    assert (NUO.party, RDFS.label, Literal("party")) in state  # the owner, labelled
    assert (NUK.ukraine, RDF.type, NUO.State) not in state
    assert (NUK.ukraine, RDF.type, NUO.State) in describe(g, NUO.State)
    assert len(describe(g, URIRef("https://example.org/nothing"))) == 0
