"""The inference step materialises superclasses, super-properties and inverses, nothing else;
the parser refuses what no IRI may hold."""

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS

from nukg.kg.graph import TurtleSyntaxError, parse_file
from nukg.kg.infer import infer

EX = Namespace("http://example.org/")


def graph(*triples):
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def test_types_of_every_superclass_are_added_transitively():
    onto = graph((EX.WorkingGroup, RDFS.subClassOf, EX.Body), (EX.Body, RDFS.subClassOf, EX.Unit))
    data = graph((EX.jwg, RDF.type, EX.WorkingGroup))
    inferred = infer(onto, data)
    assert set(inferred) == {(EX.jwg, RDF.type, EX.Body), (EX.jwg, RDF.type, EX.Unit)}


def test_super_properties_and_inverses_are_added():
    onto = graph(
        (EX.chapterOf, RDFS.subPropertyOf, EX.partOf),
        (EX.partOf, OWL.inverseOf, EX.hasPart),
    )
    data = graph((EX.ch1, EX.chapterOf, EX.anp))
    inferred = infer(onto, data)
    assert (EX.ch1, EX.partOf, EX.anp) in inferred
    assert (EX.anp, EX.hasPart, EX.ch1) in inferred


def test_inverse_works_in_both_directions_and_skips_literals():
    onto = graph((EX.leads, OWL.inverseOf, EX.ledBy))
    data = graph((EX.a, EX.ledBy, EX.b), (EX.a, EX.leads, Literal("x")))
    inferred = infer(onto, data)
    assert (EX.b, EX.leads, EX.a) in inferred
    assert len(inferred) == 1


def test_asserted_triples_are_not_repeated_and_cycles_terminate():
    onto = graph((EX.A, RDFS.subClassOf, EX.B), (EX.B, RDFS.subClassOf, EX.A))
    data = graph((EX.x, RDF.type, EX.A), (EX.x, RDF.type, EX.B))
    assert len(infer(onto, data)) == 0


def test_an_escaped_character_no_iri_may_hold_is_a_syntax_error_naming_the_file(tmp_path):
    """rdflib lets `\\u0022` through into an IRI; every later tool (pyoxigraph, the dumps) would fail on it."""
    path = tmp_path / "bad.ttl"
    path.write_text('<https://example.org/s> <https://schema.org/url> <https://example.org/a\\u0022b> .\n')
    with pytest.raises(TurtleSyntaxError, match=r"bad\.ttl.*is not an IRI: it holds '\"'"):
        parse_file(path)
