"""The figures about the graph (nukg.kg.stats): served triples, resources, per class, per section."""

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS
from support.paths import FIXTURE_PROJECT

from nukg.core.namespaces import NUK, NUO, curie
from nukg.kg.graph import load
from nukg.kg.stats import compute_stats, render_stats, resources


@pytest.fixture(scope="module")
def kg():
    return load(FIXTURE_PROJECT)


@pytest.fixture(scope="module")
def stats(kg):
    return compute_stats(kg)


# --- the fixture project --------------------------------------------------------------------


def test_served_is_the_union(kg, stats):
    assert stats.served == len(kg.union)
    assert stats.triples["served"] == stats.served
    parts = stats.triples["ontology"] + stats.triples["data"] + stats.triples["inferred"]
    assert stats.served <= parts
    assert stats.served == len(set(kg.ontology) | set(kg.data) | set(kg.inferred))


def test_part_sizes(kg, stats):
    assert stats.triples["ontology"] == len(kg.ontology)
    assert stats.triples["data"] == len(kg.data)
    assert stats.triples["inferred"] == len(kg.inferred) > 0
    assert stats.triples["shapes"] == len(kg.shapes) > 0
    # the shapes are not served
    assert not set(kg.shapes) <= set(kg.union)


def test_resources_are_exactly_the_nuk_subjects(kg, stats):
    expected = {s for s in set(kg.union.subjects()) if isinstance(s, URIRef) and str(s).startswith(str(NUK))}
    assert stats.resources == expected
    assert stats.resources == {NUK["nato"], NUK["ukraine"], NUK["bucharest-summit-2008"],
                               NUK["madrid-summit-2022"]}
    assert resources(kg) == stats.resources
    # blank nodes and ontology terms are subjects too, but not resources
    assert any(not isinstance(s, URIRef) for s in kg.union.subjects())
    assert NUO.Summit in set(kg.union.subjects())


def test_per_class_includes_inferred_superclass_types(kg, stats):
    per_class = dict(stats.per_class)
    # nuo:Summit is a subclass of nuo:Event; nothing is typed nuo:Event in the data
    assert (NUO.Summit, RDFS.subClassOf, NUO.Event) in kg.ontology
    assert not any(True for _ in kg.data.subjects(RDF.type, NUO.Event))
    assert per_class[NUO.Event] == per_class[NUO.Summit] == 2
    assert per_class[NUO.Organisation] == 2


def test_per_class_counts_every_instance(kg, stats):
    """VoID's class partitions: every class that types something, with all its instances."""
    assert dict(stats.per_class) == {
        cls: len(set(kg.union.subjects(RDF.type, cls))) for cls in set(kg.union.objects(None, RDF.type))
    }
    # owl:Class counts the ontology's classes, which are not resources
    owl_class = URIRef("http://www.w3.org/2002/07/owl#Class")
    assert dict(stats.per_class)[owl_class] == len(set(kg.ontology.subjects(RDF.type, owl_class)))
    # the ontology's own classes have only resources as instances
    for cls, n in stats.per_class:
        if str(cls).startswith(str(NUO)):
            assert n == sum(1 for s in kg.union.subjects(RDF.type, cls) if s in stats.resources)


def test_per_class_is_sorted_most_first_then_by_iri(stats):
    keys = [(-n, str(cls)) for cls, n in stats.per_class]
    assert keys == sorted(keys)


def test_render_stats_prints_served_count_and_curies(stats):
    text = render_stats(stats)
    served_line = next(line for line in text.splitlines() if line.strip().startswith("served"))
    assert served_line.split()[-1] == str(stats.served)
    assert f"Resources: {len(stats.resources)}" in text
    for cls, n in stats.per_class:
        assert any(line.split() == [str(n), curie(str(cls))] for line in text.splitlines())
    assert "nuo:Event" in text and str(NUO.Event) not in text


# --- a tiny project made for the purpose ------------------------------------------------------

ONTOLOGY = """\
@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .

nuo:Thing a owl:Class .
nuo:Meeting a owl:Class ; rdfs:subClassOf nuo:Thing .
nuo:Summit a owl:Class ; rdfs:subClassOf nuo:Meeting .
nuo:SourceSection a owl:Class .
# also stated in the data: served once
nuk:shared a nuo:Thing .
"""

DATA = """\
@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

nuk:shared a nuo:Thing .
nuk:plain a nuo:Thing ; dcterms:source nuk:section-1 .
nuk:meeting a nuo:Meeting ; dcterms:source nuk:section-1 .
nuk:summit-1 a nuo:Summit ; rdfs:label "one" ; dcterms:source nuk:section-1, nuk:section-2 .
nuk:summit-2 a nuo:Summit, nuo:Thing ; dcterms:source nuk:section-2 .
nuk:section-1 a nuo:SourceSection ; rdfs:label "Section one" .
nuk:section-2 a nuo:SourceSection .
<http://example.org/outsider> a nuo:Summit .
[] a nuo:Summit .
"""

SHAPES = """\
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix nus: <https://w3id.org/nato-ukraine-kg/shapes/> .
nus:Nothing a sh:NodeShape .
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    for part, text in (("ontology", ONTOLOGY), ("data", DATA), ("shapes", SHAPES)):
        (root / part).mkdir()
        (Path(root) / part / "all.ttl").write_text(text, encoding="utf-8")
    kg = load(root)
    return kg, compute_stats(kg)


def test_tiny_superclass_counts_include_inferred_types(tiny):
    kg, stats = tiny
    per_class = dict(stats.per_class)
    # the two summits, the outsider and the blank node: every instance, resource or not
    assert per_class[NUO.Summit] == 4
    assert per_class[NUO.Meeting] == 5  # meeting + 4 summits (one step up)
    # Thing: shared, plain, meeting, 4 summits (two steps up; summit-2 also typed directly, counted once)
    assert per_class[NUO.Thing] == 7
    assert per_class[NUO.SourceSection] == 2
    assert (NUK["summit-1"], RDF.type, NUO.Thing) in kg.inferred
    assert (NUK["summit-1"], RDF.type, NUO.Thing) not in kg.data


def test_tiny_resources_leave_out_other_iris_and_blank_nodes(tiny):
    kg, stats = tiny
    assert stats.resources == {NUK[s] for s in ("shared", "plain", "meeting", "summit-1", "summit-2",
                                                "section-1", "section-2")}
    # the outsider and the blank node are Summits in the graph, but not resources
    assert sum(1 for _ in kg.union.subjects(RDF.type, NUO.Summit)) == 4


def test_tiny_served_counts_a_triple_stated_twice_once(tiny):
    kg, stats = tiny
    assert (NUK.shared, RDF.type, NUO.Thing) in kg.ontology
    assert (NUK.shared, RDF.type, NUO.Thing) in kg.data
    assert stats.served == len(kg.union)
    assert stats.served < stats.triples["ontology"] + stats.triples["data"] + stats.triples["inferred"]


def test_tiny_facts_per_section(tiny):
    kg, stats = tiny
    per_section = dict(stats.per_section)
    # section-1 (labelled): plain (2 statements), meeting (2), summit-1 (4)
    assert per_section["Section one"] == 2 + 2 + 4
    # section-2 has no label: its curie; summit-1 (4) and summit-2 (3)
    assert per_section["nuk:section-2"] == 4 + 3
    assert [label for label, _ in stats.per_section] == ["Section one", "nuk:section-2"]


def test_tiny_render_stats(tiny):
    _, stats = tiny
    text = render_stats(stats)
    lines = [line.split() for line in text.splitlines()]
    assert ["7", "nuo:Thing"] in lines
    assert ["5", "nuo:Meeting"] in lines
    assert ["4", "nuo:Summit"] in lines
    assert ["4", "owl:Class"] in lines
    assert f"Resources: {len(stats.resources)}" in text
    assert ["8", "Section", "one"] in lines
    served_line = next(line for line in text.splitlines() if line.strip().startswith("served"))
    assert served_line.split()[-1] == str(stats.served)
