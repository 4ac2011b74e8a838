"""Which inferred statements a page folds into the stated ones they restate (kg.descriptions.folded)."""

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDFS

from nukg.kg.descriptions import folded

EX = Namespace("http://example.org/")
S = EX.s


def schema(*pairs) -> Graph:
    graph = Graph()
    for sub, sup in pairs:
        graph.add((sub, RDFS.subPropertyOf, sup))
    return graph


def inferred(*statements) -> Graph:
    graph = Graph()
    for p, o in statements:
        graph.add((S, p, o))
    return graph


def test_a_super_property_restating_a_stated_value_is_folded_into_it():
    date = Literal("2022-02")
    statements = {EX.meetingDate: [date], EX.date: [date]}
    assert folded(schema((EX.meetingDate, EX.date)), inferred((EX.date, date)), S, statements) == (
        {(EX.date, date)}, {EX.meetingDate: {EX.date}})


def test_a_value_of_its_own_stays_and_stated_ones_are_never_left_out():
    statements = {EX.area: [EX.a], EX.subject: [EX.a, EX.b, EX.c]}
    left_out, also = folded(schema((EX.area, EX.subject)), inferred((EX.subject, EX.a), (EX.subject, EX.b)), S,
                            statements)
    assert left_out == {(EX.subject, EX.a)}  # b is inferred from elsewhere; c is stated
    assert also == {EX.area: {EX.subject}}


def test_a_chain_folds_into_its_lowest_statement():
    statements = {EX.chapterOf: [EX.x], EX.partOf: [EX.x], EX.isPartOf: [EX.x]}
    graph = schema((EX.chapterOf, EX.partOf), (EX.partOf, EX.isPartOf))
    left_out, also = folded(graph, inferred((EX.partOf, EX.x), (EX.isPartOf, EX.x)), S, statements)
    assert left_out == {(EX.partOf, EX.x), (EX.isPartOf, EX.x)}
    assert also == {EX.chapterOf: {EX.partOf, EX.isPartOf}}


def test_an_inferred_value_folds_into_an_inferred_one_below():
    statements = {EX.hasPart: [EX.x], EX.dcHasPart: [EX.x]}  # hasPart itself inferred (from an inverse)
    left_out, also = folded(schema((EX.hasPart, EX.dcHasPart)), inferred((EX.hasPart, EX.x), (EX.dcHasPart, EX.x)),
                            S, statements)
    assert left_out == {(EX.dcHasPart, EX.x)} and also == {EX.hasPart: {EX.dcHasPart}}


def test_one_property_under_two_names_is_not_folded_away():
    statements = {EX.p: [EX.x], EX.q: [EX.x]}
    graph = schema((EX.p, EX.q), (EX.q, EX.p))
    assert folded(graph, inferred((EX.p, EX.x), (EX.q, EX.x)), S, statements) == (set(), {})
