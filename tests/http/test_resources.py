"""Dereferenceable IRIs: 303 to the document asked for, the documents in every format (compared as
graphs), what a description holds, caching headers, 406 and helpful 404s (fixture project)."""

from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS
from support.settings import BROWSER

import nukg.kg.descriptions
from nukg.web.app import create_app
from nukg.kg.descriptions import Descriptions as Documents
from nukg.core.namespaces import NUK, NUO, NUS, ONTOLOGY_IRI, SHAPES_IRI


# (IRI path, the document's path without suffix)
IRIS = [
    ("/id/bucharest-summit-2008", "/doc/bucharest-summit-2008"),
    ("/id/nato", "/doc/nato"),
    ("/ontology/Summit", "/doc/ontology/Summit"),
    ("/ontology/hostedBy", "/doc/ontology/hostedBy"),
    ("/ontology", "/doc/ontology"),
    ("/ontology/", "/doc/ontology"),
    ("/shapes", "/doc/shapes"),
    ("/shapes/SummitShape", "/doc/shapes/SummitShape"),
]
# (Accept, suffix of the document it leads to)
ACCEPTS = [
    ("text/html", ""),
    (BROWSER, ""),
    ("*/*", ""),
    (None, ""),
    ("text/turtle", ".ttl"),
    ("application/ld+json", ".jsonld"),
    ("application/json", ".jsonld"),
    ("application/n-triples", ".nt"),
    ("text/plain", ".nt"),
    ("application/rdf+xml", ".rdf"),
    ("text/turtle;q=0.5, application/rdf+xml", ".rdf"),
    ("text/html;q=0.1, application/ld+json;q=0.9, */*;q=0.2", ".jsonld"),
    ("text/turtle, application/x-turtle, */*;q=0.1", ".ttl"),  # what rdflib sends
    ("application/*", ".nt"),
]
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml"}
READERS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
MEDIA_TYPES = {
    "": "text/html",
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml",
}


def parse(body: bytes, suffix: str) -> Graph:
    """Any of the four formats, read by pyoxigraph and handed to rdflib as N-Triples (rdflib's own
    JSON-LD parser warns)."""
    ntriples = ox.serialize(ox.parse(body, format=READERS[suffix]), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=ntriples, format="nt")


def get(client, path, accept=None, *, headers=None, **kwargs):
    headers = dict(headers or {})
    if accept is not None:
        headers["Accept"] = accept
    return client.get(path, headers=headers, **kwargs)


@pytest.fixture(scope="module")
def documents(graph):
    """The descriptions computed in this process, to compare the server's answers with."""
    return Documents(graph)


# --- 303 See Other ---------------------------------------------------------------------------


@pytest.mark.parametrize("accept, suffix", ACCEPTS)
@pytest.mark.parametrize("iri_path, doc_path", IRIS)
def test_iri_redirects_to_the_document_asked_for(client, iri_path, doc_path, accept, suffix):
    response = get(client, iri_path, accept)
    assert response.status_code == 303
    assert response.headers["Location"] == doc_path + suffix
    assert "Accept" in response.vary


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf"])
def test_a_suffix_on_the_iri_beats_accept(client, suffix):
    response = get(client, "/id/bucharest-summit-2008" + suffix, BROWSER)
    assert response.status_code == 303
    assert response.headers["Location"] == "/doc/bucharest-summit-2008" + suffix


def test_the_format_parameter_beats_accept(client):
    response = get(client, "/id/nato", BROWSER, query_string={"format": "nt"})
    assert response.headers["Location"] == "/doc/nato.nt"


def test_the_redirect_is_followed_to_the_document(client):
    response = get(client, "/id/nato", "text/turtle", follow_redirects=True)
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert (NUK.nato, RDFS.label, Literal("NATO", lang="en")) in parse(response.data, ".ttl")


# --- the documents ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf"])
@pytest.mark.parametrize("iri_path, doc_path", IRIS)
def test_suffixed_documents_are_the_description_in_every_format(client, documents, iri_path, doc_path, suffix):
    response = get(client, doc_path + suffix, BROWSER)  # the suffix beats Accept
    assert response.status_code == 200
    assert response.mimetype == MEDIA_TYPES[suffix]
    iri = documents_iri(iri_path)
    assert isomorphic(parse(response.data, suffix), documents.graph(iri))
    assert "Accept" not in response.vary  # not negotiated


def documents_iri(iri_path: str) -> str:
    return "https://w3id.org/nato-ukraine-kg" + iri_path.rstrip("/")


@pytest.mark.parametrize("accept, suffix", [a for a in ACCEPTS if a[1]])
def test_the_document_without_suffix_is_negotiated_too(client, accept, suffix):
    response = get(client, "/doc/madrid-summit-2022", accept)
    assert response.status_code == 200
    assert response.mimetype == MEDIA_TYPES[suffix]
    assert response.headers["Content-Location"] == "/doc/madrid-summit-2022" + suffix
    assert "Accept" in response.vary


def test_the_ontology_and_shapes_documents_are_the_whole_graphs(client, graph):
    ontology = parse(get(client, "/doc/ontology.ttl").data, ".ttl")
    assert isomorphic(ontology, graph.ontology)
    shapes = parse(get(client, "/doc/shapes.nt").data, ".nt")
    assert isomorphic(shapes, graph.shapes)


# --- what a description holds -----------------------------------------------------------------


def test_description_holds_outgoing_statements_and_neighbour_labels(client):
    g = parse(get(client, "/doc/bucharest-summit-2008.ttl").data, ".ttl")
    summit = NUK["bucharest-summit-2008"]
    assert (summit, NUO.hostedBy, NUK.nato) in g
    assert (summit, RDF.type, NUO.Summit) in g
    assert (summit, RDF.type, NUO.Event) in g  # inferred from the subclass
    assert (summit, DCTERMS.date, Literal("2008-04", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth"))) in g
    # the neighbours: the host, the types and the predicates, labelled and typed
    assert (NUK.nato, RDFS.label, Literal("NATO", lang="en")) in g
    assert (NUK.nato, RDF.type, NUO.Organisation) in g
    assert (NUO.Summit, RDFS.label, Literal("Summit", lang="en")) in g
    assert (NUO.hostedBy, RDFS.label, Literal("hosted by", lang="en")) in g
    # a blank node it points to comes with its statements
    source = g.value(summit, DCTERMS.source)
    assert isinstance(source, BNode)
    assert g.value(source, RDFS.label) == Literal("Declaration, paragraph 23")
    # ... but not what the neighbours say about other things
    assert (NUK.nato, NUO.hosted, NUK["madrid-summit-2022"]) not in g


def test_description_holds_incoming_and_inferred_inverse_statements(client):
    g = parse(get(client, "/doc/nato.nt").data, ".nt")
    for slug in ("bucharest-summit-2008", "madrid-summit-2022"):
        assert (NUK[slug], NUO.hostedBy, NUK.nato) in g  # incoming
        assert (NUK.nato, NUO.hosted, NUK[slug]) in g  # the inferred inverse
        assert (NUK[slug], RDFS.label, None) in g  # neighbours labelled
        assert (NUK[slug], RDF.type, NUO.Summit) in g
    assert (NUK.nato, RDFS.label, Literal("НАТО", lang="uk")) in g


def test_a_class_description_has_its_definition_and_superclasses_but_not_its_instances(client):
    g = parse(get(client, "/doc/ontology/Summit.ttl").data, ".ttl")
    assert (NUO.Summit, RDFS.label, Literal("Summit", lang="en")) in g
    assert (NUO.Summit, SKOS.definition, None) in g
    assert (NUO.Summit, RDFS.subClassOf, NUO.Event) in g
    assert (NUO.Event, RDFS.label, Literal("Event", lang="en")) in g
    assert (None, RDF.type, NUO.Summit) not in g
    event = parse(get(client, "/doc/ontology/Event.ttl").data, ".ttl")
    assert (NUO.Summit, RDFS.subClassOf, NUO.Event) in event  # incoming: the subclass


def test_a_property_description_has_its_inverse(client):
    g = parse(get(client, "/doc/ontology/hosted.ttl").data, ".ttl")
    assert (NUO.hostedBy, URIRef("http://www.w3.org/2002/07/owl#inverseOf"), NUO.hosted) in g
    assert (NUO.hostedBy, RDFS.label, None) in g


def test_a_shape_description_has_its_property_shapes(client):
    g = parse(get(client, "/doc/shapes/SummitShape.ttl").data, ".ttl")
    shape = NUS.SummitShape
    assert (shape, SH.targetClass, NUO.Summit) in g
    assert (NUO.Summit, RDFS.label, Literal("Summit", lang="en")) in g
    paths = {g.value(p, SH.path) for p in g.objects(shape, SH.property)}
    assert paths == {RDFS.label, DCTERMS.date}


def test_descriptions_are_computed_and_serialised_once(project_root, monkeypatch):
    calls = []
    real = nukg.kg.descriptions.rdf_bytes
    monkeypatch.setattr(nukg.kg.descriptions, "rdf_bytes", lambda *a, **k: calls.append(1) or real(*a, **k))
    client = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0}).test_client()
    bodies = {get(client, "/doc/nato.ttl").data for _ in range(3)}
    bodies |= {get(client, "/id/nato", "text/turtle", follow_redirects=True).data}
    assert len(bodies) == 1
    assert len(calls) == 1


# --- caching and headers -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/doc/nato.ttl", "/doc/nato", "/doc/ontology.jsonld", "/doc/ontology/Summit.rdf"])
def test_documents_carry_an_etag_and_answer_304(client, app, path):
    first = get(client, path)
    etag, weak = first.get_etag()
    assert etag and not weak
    assert first.headers["Cache-Control"] == f"public, max-age={app.config['NUKG_CACHE_MAX_AGE']}"
    again = get(client, path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.get_etag()[0] == etag


def test_etag_depends_on_format_and_iri(client):
    tags = {get(client, p).get_etag()[0] for p in ("/doc/nato.ttl", "/doc/nato.nt", "/doc/ukraine.ttl", "/doc/nato")}
    assert len(tags) == 4


def test_head_gives_the_headers_without_the_body(client):
    full = get(client, "/doc/nato.jsonld")
    head = client.head("/doc/nato.jsonld")
    assert head.status_code == 200
    assert head.data == b""
    for name in ("Content-Type", "Content-Length", "ETag", "Link", "Cache-Control"):
        assert head.headers[name] == full.headers[name]
    assert client.head("/id/nato", headers={"Accept": "text/turtle"}).status_code == 303


def test_link_header_names_the_twins(client):
    response = get(client, "/doc/nato.ttl")
    links = {part.split(";")[0].strip(" <>"): part for part in response.headers["Link"].split(",")}
    assert set(links) == {"/doc/nato", "/doc/nato.nt", "/doc/nato.jsonld", "/doc/nato.rdf"}
    assert 'rel="alternate"' in links["/doc/nato.jsonld"]
    assert 'type="application/ld+json"' in links["/doc/nato.jsonld"]
    assert 'type="text/html"' in links["/doc/nato"]
    page = get(client, "/doc/nato", BROWSER)
    assert "</doc/nato.ttl>; rel=\"alternate\"; type=\"text/turtle\"" in page.headers["Link"]


# --- 406 and 404 ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/id/nato", "/doc/nato", "/ontology/Summit", "/ontology"])
def test_nothing_acceptable_is_406_listing_the_documents(client, path):
    response = get(client, path, "image/png, application/sparql-results+json")
    assert response.status_code == 406
    assert "Accept" in response.vary
    body = response.json
    assert body["status"] == 406
    assert set(body["available"]) == set(MEDIA_TYPES.values())
    assert all(href.startswith("/doc/") for href in body["documents"].values())
    assert "text/turtle" in body["error"]


def test_an_unknown_format_parameter_is_406(client):
    response = get(client, "/id/nato", query_string={"format": "yaml"})
    assert response.status_code == 406


@pytest.mark.parametrize(
    "path, expected",
    [
        ("/id/bucharest-sumit-2008", NUK["bucharest-summit-2008"]),
        ("/doc/bucharest-summit", NUK["bucharest-summit-2008"]),
        ("/id/madrid", NUK["madrid-summit-2022"]),
        ("/ontology/Sumit", NUO.Summit),
        ("/doc/ontology/hostedby.ttl", NUO.hostedBy),
        ("/shapes/SummitShap", NUS.SummitShape),
    ],
)
def test_unknown_iris_are_404_with_suggestions(client, path, expected):
    response = get(client, path, "application/json")
    assert response.status_code == 404
    assert "Accept" in response.vary
    body = response.json
    assert body["ok"] is False and body["status"] == 404
    assert str(expected) in [s["iri"] for s in body["suggestions"]]
    assert len(body["suggestions"]) <= 8
    assert body["search"].startswith("/search")


def test_the_search_link_runs_a_search(client):
    body = get(client, "/id/bucharest", "application/json").json
    assert parse_qs(urlsplit(body["search"]).query)["q"] == ["bucharest"]
    answer = get(client, body["search"], "application/json")
    assert answer.status_code == 200
    assert str(NUK["bucharest-summit-2008"]) in {r["iri"] for r in answer.json["results"]}


def test_the_search_link_carries_only_words(client):
    body = get(client, '/id/x"%29%20}%20DELETE%20{', "application/json").json
    assert parse_qs(urlsplit(body["search"]).query)["q"] == ["delete"]


@pytest.mark.parametrize("path", ["/id/", "/doc/", "/doc/a/b", "/id/a/b", "/doc/nato.yaml", "/doc/nobody.ttl"])
def test_other_unknown_paths_are_404(client, path):
    assert get(client, path, "application/json").status_code == 404


def test_an_unknown_suffix_lists_the_formats(client):
    body = get(client, "/doc/nato.yaml", "application/json").json
    assert ".ttl" in body["error"]
    assert {s["href"] for s in body["suggestions"]} >= {"/doc/nato.ttl", "/doc/nato"}


def test_ontology_and_shapes_iris_are_known(documents):
    assert documents.exists(str(ONTOLOGY_IRI)) and documents.exists(str(SHAPES_IRI))
    assert not documents.exists(str(NUK.nobody))


@pytest.mark.parametrize("name", ["a-b" * 400, "-".join(["word"] * 9)])
def test_overlong_unknown_names_get_no_suggestions(client, name):
    """A very long or many-worded name is answered at once: no similarity search runs for it."""
    response = get(client, f"/id/{name}", "application/json")
    assert response.status_code == 404
    assert response.json["suggestions"] == []
    assert response.json["search"].startswith("/search")
