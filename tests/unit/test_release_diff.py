"""The diff between two graphs: triples grouped by resource, labels, counts, blank nodes compared
by what they say (not by their canonical numbers), and its three renderings."""

from __future__ import annotations

import json

import pyoxigraph as ox

from nukg.release.diff import diff, stable_blank_nodes
from nukg.release.diffview import render

NUK = "https://w3id.org/nato-ukraine-kg/id/"
NUO = "https://w3id.org/nato-ukraine-kg/ontology/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def nuk(slug):
    return ox.NamedNode(NUK + slug)


def nuo(term):
    return ox.NamedNode(NUO + term)


def t(s, p, o):
    return ox.Triple(s, p, o)


BASE_TRIPLES = [
    t(nuk("nato"), RDF_TYPE, nuo("Organisation")),
    t(nuk("nato"), RDFS_LABEL, ox.Literal("NATO", language="en")),
    t(nuk("ukraine"), RDF_TYPE, nuo("Organisation")),
    t(nuk("ukraine"), RDFS_LABEL, ox.Literal("Ukraine", language="en")),
    t(nuk("summit"), RDF_TYPE, nuo("Summit")),
    t(nuk("summit"), RDFS_LABEL, ox.Literal("Bucharest Summit", language="en")),
    t(nuk("summit"), nuo("hostedBy"), nuk("nato")),
]


def test_added_and_removed_triples_are_grouped_by_subject_with_labels():
    new = [x for x in BASE_TRIPLES if x.predicate != nuo("hostedBy")] + [
        t(nuk("summit"), nuo("hostedBy"), nuk("ukraine")),
        t(nuk("madrid"), RDF_TYPE, nuo("Summit")),
        t(nuk("madrid"), RDFS_LABEL, ox.Literal("Madrid Summit", language="en")),
    ]
    d = diff("old", BASE_TRIPLES, "new", new)
    assert (d.added, d.removed, d.before, d.after) == (3, 1, 7, 9)
    by_resource = {r.resource: r for r in d.resources}
    assert set(by_resource) == {nuk("madrid"), nuk("summit")}
    assert by_resource[nuk("madrid")].label == "Madrid Summit"
    assert len(by_resource[nuk("madrid")].added) == 2 and not by_resource[nuk("madrid")].removed
    assert by_resource[nuk("summit")].added == (t(nuk("summit"), nuo("hostedBy"), nuk("ukraine")),)
    assert by_resource[nuk("summit")].removed == (t(nuk("summit"), nuo("hostedBy"), nuk("nato")),)


def test_counts_per_class_and_property():
    new = BASE_TRIPLES[:4] + [t(nuk("madrid"), RDF_TYPE, nuo("Summit")), t(nuk("rome"), RDF_TYPE, nuo("Summit"))]
    d = diff("old", BASE_TRIPLES, "new", new)
    classes = {c.term: (c.before, c.after, c.change) for c in d.classes}
    assert classes == {nuo("Organisation"): (2, 2, 0), nuo("Summit"): (1, 2, 1)}
    properties = {c.term: (c.before, c.after, c.change) for c in d.properties}
    assert properties[RDFS_LABEL] == (3, 2, -1)
    assert properties[nuo("hostedBy")] == (1, 0, -1)
    assert properties[RDF_TYPE] == (3, 4, 1)


def test_same_graph_no_changes():
    d = diff("a", BASE_TRIPLES, "b", list(reversed(BASE_TRIPLES)))
    assert d.empty and d.added == d.removed == 0
    assert "No triples added or removed." in render(d, "text")


def period(owner, start, label="c14n0"):
    node = ox.BlankNode(label)
    return [t(owner, nuo("period"), node), t(node, nuo("start"), ox.Literal(start))]


def test_blank_nodes_are_compared_by_what_they_say():
    # RDFC-1.0 numbers blank nodes over the whole graph: one more node renumbers the others
    old = BASE_TRIPLES + period(nuk("nato"), "1949", "c14n0")
    new = BASE_TRIPLES + period(nuk("nato"), "1949", "c14n1") + period(nuk("ukraine"), "1991", "c14n0")
    d = diff("old", old, "new", new)
    assert d.removed == 0 and d.added == 2
    (change,) = d.resources
    assert change.resource == nuk("ukraine")  # a blank node's statements show under the resource that leads to it
    assert {x.predicate for x in change.added} == {nuo("period"), nuo("start")}


def test_a_changed_blank_node_shows_under_its_owner():
    d = diff("old", BASE_TRIPLES + period(nuk("nato"), "1949"), "new", BASE_TRIPLES + period(nuk("nato"), "1950"))
    (change,) = d.resources
    assert change.resource == nuk("nato") and change.label == "NATO"
    assert {x.object for x in change.added if x.predicate == nuo("start")} == {ox.Literal("1950")}
    assert {x.object for x in change.removed if x.predicate == nuo("start")} == {ox.Literal("1949")}


def test_alike_blank_nodes_stay_apart():
    node_a, node_b = ox.BlankNode("c14n0"), ox.BlankNode("c14n1")
    triples = [t(node_a, nuo("start"), ox.Literal("1991")), t(node_b, nuo("start"), ox.Literal("1991"))]
    assert len(stable_blank_nodes(triples)) == 2


def test_renderings():
    new = BASE_TRIPLES + [t(nuk("madrid"), RDF_TYPE, nuo("Summit"))]
    d = diff("v1", BASE_TRIPLES, "v2", new)
    text = render(d, "text")
    assert "nuk:madrid" in text and "  + rdf:type nuo:Summit" in text
    assert "nuo:Summit" in text.split("Classes", 1)[1]
    markdown = render(d, "markdown")
    assert "- `nuk:madrid`" in markdown and "  - added: `rdf:type nuo:Summit`" in markdown
    assert "| `nuo:Summit` | 1 | 2 | +1 |" in markdown
    data = json.loads(render(d, "json"))
    assert data["triples"] == {"before": 7, "after": 8, "added": 1, "removed": 0}
    assert data["resources"][0]["resource"] == NUK + "madrid"
    assert {"term": NUO + "Summit", "label": None, "before": 1, "after": 2, "change": 1} in data["classes"]
