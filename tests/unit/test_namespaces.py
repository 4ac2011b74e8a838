"""The prefix map, curie() and used_prefixes() (nukg.core.namespaces)."""

import pytest
from rdflib.namespace import RDF, RDFS, XSD

from nukg.core.namespaces import BASE, NUK, NUO, NUS, PREFIX_IRIS, PREFIXES, curie, sparql_prefixes, used_prefixes

SHORT = "http://example.org/"
LONG = "http://example.org/vocab/"
LONGER = "http://example.org/vocab/terms/"


@pytest.mark.parametrize(
    "prefixes",
    [
        {"ex": SHORT, "voc": LONG},
        {"voc": LONG, "ex": SHORT},
    ],
    ids=["short-first", "long-first"],
)
def test_curie_picks_the_longest_namespace_in_either_order(prefixes):
    assert curie(LONG + "Thing", prefixes) == "voc:Thing"
    assert curie(SHORT + "other", prefixes) == "ex:other"


@pytest.mark.parametrize(
    "order",
    [("ex", "voc", "terms"), ("terms", "voc", "ex"), ("voc", "terms", "ex"), ("ex", "terms", "voc")],
)
def test_curie_longest_of_three_nested_namespaces(order):
    namespaces = {"ex": SHORT, "voc": LONG, "terms": LONGER}
    prefixes = {p: namespaces[p] for p in order}
    assert curie(LONGER + "x", prefixes) == "terms:x"
    assert curie(LONG + "y", prefixes) == "voc:y"
    assert curie(SHORT + "z", prefixes) == "ex:z"


def test_curie_with_the_project_base_as_a_namespace():
    # BASE is a prefix of every project namespace: nuo: must still win
    for prefixes in ({"base": BASE, **PREFIX_IRIS}, {**PREFIX_IRIS, "base": BASE}):
        assert curie(str(NUO.Summit), prefixes) == "nuo:Summit"
        assert curie(str(NUK["nato"]), prefixes) == "nuk:nato"
        assert curie(BASE + "dataset", prefixes) == "base:dataset"


def test_curie_uses_the_project_map_by_default():
    assert curie(str(NUO.Summit)) == "nuo:Summit"
    assert curie(str(NUS.SummitShape)) == "nus:SummitShape"
    assert curie(str(RDF.type)) == "rdf:type"
    assert curie(str(XSD.gYearMonth)) == "xsd:gYearMonth"


@pytest.mark.parametrize("iri", [str(NUO), str(NUK), str(RDFS)])
def test_curie_leaves_a_bare_namespace_unchanged(iri):
    assert curie(iri) == iri


@pytest.mark.parametrize("iri", ["http://unknown.example/x", "urn:isbn:123", BASE + "dataset", ""])
def test_curie_leaves_unknown_iris_unchanged(iri):
    assert curie(iri) == iri


def test_curie_with_an_empty_map_changes_nothing():
    assert curie(str(NUO.Summit), {}) == str(NUO.Summit)


def test_used_prefixes_keeps_the_maps_order_and_only_used_ones():
    iris = [str(XSD.integer), "http://unknown.example/x", str(NUK.nato), str(RDF.type), str(NUK.ukraine)]
    used = used_prefixes(iris)
    assert used == {"nuk": str(NUK), "rdf": str(RDF), "xsd": str(XSD)}
    assert list(used) == ["nuk", "rdf", "xsd"]
    map_order = list(PREFIX_IRIS)
    assert [map_order.index(p) for p in used] == sorted(map_order.index(p) for p in used)
    # the order of the input does not matter
    assert list(used_prefixes(reversed(iris))) == ["nuk", "rdf", "xsd"]


def test_used_prefixes_of_nothing_known_is_empty():
    assert used_prefixes([]) == {}
    assert used_prefixes(["http://unknown.example/x"]) == {}


def test_used_prefixes_accepts_a_generator():
    assert used_prefixes(iri for iri in [str(NUO.Summit)]) == {"nuo": str(NUO)}


def test_prefix_iris_matches_prefixes():
    assert list(PREFIX_IRIS) == list(PREFIXES)
    for prefix, namespace in PREFIXES.items():
        assert PREFIX_IRIS[prefix] == str(namespace)
        assert type(PREFIX_IRIS[prefix]) is str
    assert PREFIX_IRIS["nuo"] == BASE + "ontology/"
    assert PREFIX_IRIS["nuk"] == BASE + "id/"


def test_namespaces_are_distinct():
    assert len(set(PREFIX_IRIS.values())) == len(PREFIX_IRIS)


def test_sparql_prefixes_declares_every_prefix():
    block = sparql_prefixes()
    for prefix, namespace in PREFIX_IRIS.items():
        assert f"PREFIX {prefix}: <{namespace}>\n" in block
    assert block.count("PREFIX ") == len(PREFIX_IRIS)
