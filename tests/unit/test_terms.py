"""rdflib <-> pyoxigraph term conversion (nukg.core.terms)."""

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from nukg.core.namespaces import GRAPH, NUK, NUO
from nukg.core.terms import ox_quads, ox_triples, rdflib_graph, to_ox, to_rdflib

NT_LABEL_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


@pytest.mark.parametrize(
    "term",
    [
        URIRef(NUK["bucharest-summit-2008"]),
        URIRef("http://example.org/a%20b?x=1#frag"),
        Literal("plain"),
        Literal("two\nlines with \"quotes\""),
        Literal("НАТО", lang="uk"),
        Literal("NATO", lang="en"),
        Literal("42", datatype=XSD.integer),
        Literal("2008-04", datatype=XSD.gYearMonth),
        Literal("2022-06-29", datatype=XSD.date),
        Literal("true", datatype=XSD.boolean),
        Literal("x", datatype=URIRef("http://example.org/custom")),
        BNode("abc123"),
    ],
)
def test_round_trip(term):
    back = to_rdflib(to_ox(term))
    assert back == term
    assert type(back) is type(term)
    if isinstance(term, Literal):
        assert back.language == term.language
        assert back.datatype == term.datatype


def test_iri_becomes_named_node():
    node = to_ox(URIRef(NUO.Summit))
    assert isinstance(node, ox.NamedNode)
    assert node.value == str(NUO.Summit)


def test_literals_keep_lexical_form_language_and_datatype():
    plain = to_ox(Literal("plain"))
    assert isinstance(plain, ox.Literal)
    assert plain.value == "plain" and plain.language is None
    assert plain.datatype == ox.NamedNode(str(XSD.string))

    tagged = to_ox(Literal("НАТО", lang="uk"))
    assert tagged.value == "НАТО" and tagged.language == "uk"

    typed = to_ox(Literal("2008-04", datatype=XSD.gYearMonth))
    assert typed.value == "2008-04"
    assert typed.datatype == ox.NamedNode(str(XSD.gYearMonth))


def test_plain_pyoxigraph_literal_becomes_plain_rdflib_literal():
    back = to_rdflib(ox.Literal("plain"))
    assert back == Literal("plain")
    assert back.datatype is None and back.language is None


def test_pyoxigraph_terms_round_trip():
    for term in (ox.NamedNode("http://example.org/x"), ox.Literal("1", datatype=ox.NamedNode(str(XSD.integer))),
                 ox.Literal("hallo", language="de"), ox.Literal("plain"), ox.BlankNode("b0")):
        assert to_ox(to_rdflib(term)) == term


def test_blank_node_label_kept_without_a_dict():
    node = to_ox(BNode("keepme"))
    assert isinstance(node, ox.BlankNode)
    assert node.value == "keepme"
    # the same rdflib node gives the same pyoxigraph node on every conversion
    assert to_ox(BNode("keepme")) == node


@pytest.mark.parametrize("label", ["a-b", "a.b", "x y", "é", "a:b/c"])
def test_unsafe_blank_node_labels_are_made_ntriples_safe(label):
    node = to_ox(BNode(label))
    assert set(node.value) <= NT_LABEL_CHARS
    assert to_ox(BNode(label)) == node  # still stable
    # the node survives N-Triples
    triple = ox.Triple(node, ox.NamedNode(str(RDFS.label)), ox.Literal("x"))
    text = ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES)
    parsed = [q.triple for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)]
    assert parsed == [triple]


def test_without_a_dict_distinct_labels_stay_distinct():
    assert to_ox(BNode("one")) != to_ox(BNode("two"))


def test_with_a_dict_each_rdflib_node_gets_one_fresh_node():
    bnodes = {}
    a, b = BNode("a"), BNode("b")
    first = to_ox(a, bnodes)
    assert to_ox(a, bnodes) is first
    assert to_ox(b, bnodes) != first
    assert set(bnodes) == {a, b}
    assert bnodes[a] is first


def test_shared_dict_keeps_one_node_across_two_graphs():
    shared, other = BNode(), BNode()
    one, two = Graph(), Graph()
    one.add((NUK.x, RDFS.seeAlso, shared))
    two.add((shared, RDFS.label, Literal("shared")))
    two.add((other, RDFS.label, Literal("other")))
    bnodes = {}
    quads = ox_quads({GRAPH.one: one, GRAPH.two: two}, bnodes)
    assert len(quads) == 3
    in_one = [q.object for q in quads if q.graph_name == ox.NamedNode(str(GRAPH.one))]
    in_two = {q.object.value: q.subject for q in quads if q.graph_name == ox.NamedNode(str(GRAPH.two))}
    assert in_one == [in_two["shared"]]
    assert in_two["other"] != in_two["shared"]
    assert bnodes == {shared: in_two["shared"], other: in_two["other"]}


def test_separate_dicts_give_separate_nodes():
    node = BNode()
    g = Graph()
    g.add((node, RDFS.label, Literal("x")))
    first = ox_triples(g, {})[0].subject
    second = ox_triples(g, {})[0].subject
    assert first != second


def test_ox_quads_default_graph_and_named_graphs():
    g = Graph()
    g.add((NUK.x, RDFS.label, Literal("x")))
    quads = ox_quads({None: g, GRAPH.data: g})
    assert {q.graph_name for q in quads} == {ox.DefaultGraph(), ox.NamedNode(str(GRAPH.data))}
    assert all(q.triple == ox.Triple(ox.NamedNode(str(NUK.x)), ox.NamedNode(str(RDFS.label)), ox.Literal("x"))
               for q in quads)


def test_ox_triples_and_rdflib_graph_round_trip_a_graph():
    g = Graph()
    node = BNode()
    g.add((NUK.x, RDFS.label, Literal("x", lang="en")))
    g.add((NUK.x, RDFS.seeAlso, node))
    g.add((node, RDFS.comment, Literal("7", datatype=XSD.integer)))
    back = rdflib_graph(ox_triples(g))
    assert len(back) == 3
    assert set(back) == set(g)


def test_rdflib_graph_drops_graph_names_and_adds_to_a_given_graph():
    target = Graph()
    target.add((NUK.y, RDFS.label, Literal("y")))
    quad = ox.Quad(ox.NamedNode(str(NUK.x)), ox.NamedNode(str(RDFS.label)), ox.Literal("x"),
                   ox.NamedNode(str(GRAPH.data)))
    result = rdflib_graph([quad], target)
    assert result is target
    assert set(target) == {(NUK.y, RDFS.label, Literal("y")), (NUK.x, RDFS.label, Literal("x"))}


@pytest.mark.parametrize("value", ["http://example.org/x", 42, None, ox.DefaultGraph()])
def test_to_ox_refuses_non_terms(value):
    with pytest.raises(TypeError):
        to_ox(value)


@pytest.mark.parametrize("value", ["http://example.org/x", URIRef("http://example.org/x"), 42, None,
                                   ox.DefaultGraph()])
def test_to_rdflib_refuses_non_terms(value):
    with pytest.raises(TypeError):
        to_rdflib(value)


def test_without_a_dict_distinct_blank_nodes_never_merge():
    """Labels that would once have been sanitised into the same one ('a-b', 'a.b', 'ba_b') stay apart,
    and so does a safe label that looks like an encoded one."""
    labels = ["a-b", "a.b", "ba_b", "a_b", "u_612d62", "u_x"]
    assert len({to_ox(BNode(label)) for label in labels}) == len(labels)
