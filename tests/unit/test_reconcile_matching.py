"""Reconciliation on a tiny graph: ids, name scores, the match rule, types, property constraints, the
checks of a query, and the values of a data extension."""

from types import SimpleNamespace

import pytest
from rdflib import Graph

from nukg.core.errors import BadRequest
from nukg.core.namespaces import NUK, NUO, PREFIX_IRIS
from nukg.kg.infer import infer
from nukg.kg.reconcile import MATCH_SCORE, Query, Reconciler, id_of, iri_of
from nukg.kg.search import SearchIndex

PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIX_IRIS.items())

ONTOLOGY = PREFIXES + """
nuo:Body a owl:Class ; rdfs:label "Body"@en ; skos:definition "A group that meets."@en .
nuo:Commission a owl:Class ; rdfs:subClassOf nuo:Body ; rdfs:label "Commission"@en .
nuo:Fund a owl:Class ; rdfs:label "Fund"@en .
nuo:State a owl:Class ; rdfs:label "State"@en .
nuo:area a owl:ObjectProperty ; rdfs:label "area"@en .
nuo:member a owl:ObjectProperty ; rdfs:label "member"@en ; rdfs:range nuo:State .
nuo:startDate a owl:DatatypeProperty ; rdfs:label "start date"@en .
nuo:size a owl:DatatypeProperty ; rdfs:label "size"@en .
"""

DATA = PREFIXES + """
nuk:ukraine a nuo:State ; rdfs:label "Ukraine"@en .
nuk:poland a nuo:State ; rdfs:label "Poland"@en .
nuk:cyber a nuk:Area ; rdfs:label "Cyber defence"@en .
nuk:medical a nuk:Area ; rdfs:label "Medical care"@en .
nuk:joint-commission a nuo:Commission ; rdfs:label "Joint Commission for Ukraine"@en ; skos:altLabel "JCU"@en ;
    nuo:member nuk:ukraine ; nuo:startDate "1997-07-09"^^xsd:date ; nuo:size 12 ;
    dcterms:description "A commission that meets twice a year; it's where partners talk."@en .
nuk:joint-committee a nuo:Body ; rdfs:label "Joint Committee for Ukraine"@en ; nuo:member nuk:poland ;
    skos:altLabel "Joint Commission on Reform"@en ; nuo:startDate "2001"^^xsd:gYear .
nuk:cyber-fund a nuo:Fund ; rdfs:label "Cyber Fund for Ukraine"@en ; nuo:area nuk:cyber ; nuo:size 2.5 .
nuk:medical-fund a nuo:Fund ; rdfs:label "Medical Fund for Ukraine"@en ; nuo:area nuk:medical ;
    nuo:startDate "2014-09"^^xsd:gYearMonth .
nuk:twin-a a nuo:Body ; rdfs:label "Twin Board"@en ; nuo:startDate "2008-04-03"^^xsd:date .
nuk:twin-b a nuo:Body ; rdfs:label "Twin Board"@en ; nuo:startDate "2022-06-15T12:58:00"^^xsd:dateTime .
nuk:acronym-a a nuo:Body ; rdfs:label "Alpha Board"@en ; skos:altLabel "AB"@en .
nuk:acronym-b a nuo:Body ; rdfs:label "Abacus Board"@en ; skos:altLabel "AB"@en .
""" + "".join(f'nuk:project-{n} a nuk:Project ; rdfs:label "Project {n} for Ukraine"@en .\n' for n in range(30))
# (the projects make "for" and "Ukraine" common words, as in the real data)


@pytest.fixture(scope="module")
def reconciler() -> Reconciler:
    ontology, data = Graph().parse(data=ONTOLOGY, format="turtle"), Graph().parse(data=DATA, format="turtle")
    union = ontology + data + infer(ontology, data)
    return Reconciler(SimpleNamespace(union=union, data=data), SearchIndex(union))


def ask(reconciler, text, **options):
    return reconciler.reconcile(Query(text, **options))


def test_ids_are_slugs_local_names_or_prefixed_names():
    assert id_of(str(NUK["joint-commission"])) == "joint-commission"
    assert id_of(str(NUO.Body)) == "Body"
    assert id_of("http://www.w3.org/2004/02/skos/core#altLabel") == "skos:altLabel"
    assert iri_of("joint-commission", str(NUK)) == str(NUK["joint-commission"])
    assert iri_of("nuo:Body", str(NUK)) == iri_of("Body", str(NUO)) == iri_of(str(NUO.Body), str(NUK)) == str(NUO.Body)


@pytest.mark.parametrize("text, expected, score", [
    ("Joint Commission for Ukraine", "joint-commission", 100),
    ("joint commission for UKRAINE", "joint-commission", 100),
    ("JCU", "joint-commission", 98),
    ("joint-commission", "joint-commission", 100),  # an id as the name
    (str(NUK["joint-commission"]), "joint-commission", 100),
])
def test_exact_names_and_ids_match(reconciler, text, expected, score):
    best = ask(reconciler, text)[0]
    assert (best["id"], best["score"], best["match"]) == (expected, score, True)


def test_words_common_to_many_names_count_little(reconciler):
    """"for Ukraine" ends most names here: leaving it out still points clearly to one thing, first and far
    ahead, though not a match: only an exact name or acronym is."""
    results = ask(reconciler, "Cyber Fund")
    assert results[0]["id"] == "cyber-fund" and MATCH_SCORE <= results[0]["score"] < 98
    assert len(results) == 1 or results[0]["score"] - results[1]["score"] >= 10
    assert not results[0]["match"]


def test_a_weak_or_shared_name_is_no_match(reconciler):
    assert not any(c["match"] for c in ask(reconciler, "Fund"))
    assert not any(c["match"] for c in ask(reconciler, "Joint"))


@pytest.mark.parametrize("text", ["Twin Board", "AB"])
def test_namesakes_never_match(reconciler, text):
    results = ask(reconciler, text)
    assert len(results) >= 2 and results[0]["score"] == results[1]["score"] >= 98
    assert not any(c["match"] for c in results)


def test_a_type_keeps_instances_of_the_class_and_its_subclasses(reconciler):
    bodies = {c["id"] for c in ask(reconciler, "Joint", types=(str(NUO.Body),))}
    assert bodies == {"joint-commission", "joint-committee"}
    assert [c["id"] for c in ask(reconciler, "Joint", types=(str(NUO.Commission),))] == ["joint-commission"]
    assert ask(reconciler, "JCU", types=(str(NUO.Fund),)) == []
    both = (str(NUO.Body), str(NUO.Commission))
    assert len(ask(reconciler, "Joint", types=both)) == 2
    assert [c["id"] for c in ask(reconciler, "Joint", types=both, strict="all")] == ["joint-commission"]


def test_candidates_carry_their_classes_most_specific_first(reconciler):
    best = ask(reconciler, "JCU")[0]
    assert best["type"] == [{"id": "Commission", "name": "Commission"}, {"id": "Body", "name": "Body"}]
    assert best["description"].startswith("A commission that meets")
    assert best["features"] == [{"id": "name", "value": 98.0}]


@pytest.mark.parametrize("value", [{"id": "poland"}, {"id": "nuk:poland"}, {"id": "x", "name": "POLAND"}, "Poland",
                                   "poland", str(NUK.poland)])
def test_a_met_constraint_lifts_a_candidate_over_a_better_name(reconciler, value):
    plain = ask(reconciler, "Joint Commission")
    assert plain[0]["id"] == "joint-commission"
    constrained = ask(reconciler, "Joint Commission", properties=((str(NUO.member), (value,)),))
    assert constrained[0]["id"] == "joint-committee"
    assert not constrained[0]["match"]  # its name is not close enough


def test_a_contradicted_constraint_forbids_a_match(reconciler):
    met = ask(reconciler, "JCU", properties=((str(NUO.member), ("Ukraine",)),))[0]
    assert met["id"] == "joint-commission" and met["match"] and met["score"] > 98
    contradicted = ask(reconciler, "JCU", properties=((str(NUO.member), ("Poland",)),))[0]
    assert contradicted["id"] == "joint-commission" and not contradicted["match"]
    assert contradicted["score"] < met["score"]
    unknown = ask(reconciler, "JCU", properties=((str(NUO.area), ("Cyber defence",)),))[0]
    assert contradicted["score"] < unknown["score"] < met["score"]


@pytest.mark.parametrize("value, agrees", [
    ("1997", True), ("1997-07", True), ("1997-07-09", True), ("1997-07-09T00:00:00Z", True),
    ("1998", False), ("1997-08", False), ("97", False),
])
def test_dates_agree_at_the_coarser_precision(reconciler, value, agrees):
    best = ask(reconciler, "JCU", properties=((str(NUO.startDate), (value,)),))[0]
    assert best["match"] is agrees


@pytest.mark.parametrize("value, agrees", [(12, True), (12.0, True), ("12", True), (13, False), (10 ** 400, False)])
def test_numbers_agree_when_equal(reconciler, value, agrees):
    best = ask(reconciler, "JCU", properties=((str(NUO.size), (value,)),))[0]
    assert best["match"] is agrees


def test_properties_alone_find_things(reconciler):
    results = ask(reconciler, "", properties=((str(NUO.area), ({"id": "medical"},)),))
    assert [c["id"] for c in results] == ["medical-fund"] and results[0]["score"] == 100 and results[0]["match"]


@pytest.mark.parametrize("raw, complaint", [
    ("JCU", "not a JSON object"),
    ({}, "needs a 'query' text or 'properties'"),
    ({"query": "  "}, "needs a 'query' text"),
    ({"query": 5}, "'query' must be a text"),
    ({"query": "x" * 201}, "'query' must be a text"),
    ({"query": "x", "type": 5}, "'type' must be"),
    ({"query": "x", "type": "Nothing"}, "No class 'Nothing'"),
    ({"query": "x", "type_strict": "some"}, "'type_strict' must be"),
    ({"query": "x", "limit": 0}, "'limit' must be"),
    ({"query": "x", "limit": 2.5}, "'limit' must be"),
    ({"query": "x", "limit": True}, "'limit' must be"),
    ({"query": "x", "limit": float("inf")}, "'limit' must be"),
    ({"query": "x", "properties": {"pid": "area"}}, "'properties' must be"),
    ({"query": "x", "properties": [{"pid": "area"}]}, "needs a 'pid' and a value"),
    ({"query": "x", "properties": [{"pid": "area", "v": []}]}, "needs a 'pid' and a value"),
    ({"query": "x", "properties": [{"pid": "area", "v": {"name": "x"}}]}, "needs a 'pid' and a value"),
    ({"query": "x", "properties": [{"pid": "nothing", "v": "x"}]}, "No property 'nothing'"),
])
def test_a_bad_query_is_refused_with_what_is_wrong(reconciler, raw, complaint):
    with pytest.raises(BadRequest, match=complaint.replace("(", r"\(")) as caught:
        reconciler.query("q7", raw)
    assert caught.value.message.startswith("Query 'q7'") or "No " in caught.value.message


def test_a_good_query_is_read_with_its_defaults(reconciler):
    query = reconciler.query("q0", {"query": " JCU ", "type": "nuo:Body", "limit": 1e3,
                                    "properties": [{"pid": "member", "v": ["Ukraine", {"id": "poland"}]}]})
    assert query == Query("JCU", (str(NUO.Body),), "any", 100, ((str(NUO.member), ("Ukraine", {"id": "poland"})),))


def test_data_extension_values(reconciler):
    answer = reconciler.extend(["joint-commission", "joint-committee", "medical-fund", "cyber-fund", "nothing"],
                               ["member", "startDate", "size", "rdf:type"])
    assert answer["meta"][0] == {"id": "member", "name": "member", "type": {"id": "State", "name": "State"}}
    rows = answer["rows"]
    assert rows["joint-commission"]["member"] == [{"id": "ukraine", "name": "Ukraine"}]
    assert rows["joint-commission"]["startDate"] == [{"date": "1997-07-09T00:00:00Z"}]
    assert rows["joint-committee"]["startDate"] == [{"str": "2001"}]  # a year stays a year
    assert rows["medical-fund"]["startDate"] == [{"str": "2014-09"}]
    assert rows["joint-commission"]["size"] == [{"int": 12}] and rows["cyber-fund"]["size"] == [{"float": 2.5}]
    times = reconciler.extend(["twin-a", "twin-b"], ["startDate"])["rows"]
    assert times == {"twin-a": {"startDate": [{"date": "2008-04-03T00:00:00Z"}]},
                     "twin-b": {"startDate": [{"date": "2022-06-15T12:58:00"}]}}
    assert rows["joint-commission"]["rdf:type"] == [{"str": "Body"}, {"str": "Commission"}]
    assert rows["nothing"] == {"member": [], "startDate": [], "size": [], "rdf:type": []}
    with pytest.raises(BadRequest, match="No property 'colour'"):
        reconciler.extend(["joint-commission"], ["colour"])


def test_suggestions_and_proposals(reconciler):
    assert [t["id"] for t in reconciler.suggest_terms(reconciler.classes, "comm", 0, 10)] == ["Commission"]
    assert reconciler.suggest_terms(reconciler.classes, "Commission", 0, 1)[0]["broader"] == [
        {"id": "Body", "name": "Body"}]
    assert [p["id"] for p in reconciler.suggest_terms(reconciler.properties, "start", 0, 10)] == ["startDate"]
    suggested = [e["id"] for e in reconciler.suggest_entities("joint comm", 0, 10)]
    assert sorted(suggested) == ["joint-commission", "joint-committee"]
    assert [e["id"] for e in reconciler.suggest_entities("joint comm", 1, 10)] == suggested[1:]
    assert [e["id"] for e in reconciler.suggest_entities("joint comm", 0, 10, [str(NUO.Commission)])] == [
        "joint-commission"]
    proposed = [p["id"] for p in reconciler.propose_properties(str(NUO.Fund), 10)]
    assert proposed[:2] == ["area", "rdf:type"] and {"size", "startDate"} <= set(proposed[2:])  # both funds
    assert "rdfs:label" not in proposed


def test_preview_data(reconciler):
    shown = reconciler.preview("joint-commission")
    assert shown["name"] == "Joint Commission for Ukraine" and shown["alternatives"] == ["JCU"]
    assert shown["types"] == ["Commission", "Body"] and "twice a year" in shown["text"]
    assert reconciler.preview("nothing") is None and reconciler.preview("<b>") is None
