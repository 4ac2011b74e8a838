"""The dataset description (VoID + DCAT) at /.well-known/void, the dataset IRI, and the links to them.

The statistics are checked against rdflib computations over the knowledge graph and against
the endpoint; the distributions against the bytes the server sends.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, RDFS, VOID, XSD
from support.rdf import same_graph
from support.settings import BROWSER, real_app

from nukg.release.void import DCAT_VERSION
from nukg.core.namespaces import DATASET_IRI, DOWNLOADS, DQV, IANA_MEDIA_TYPES, NUK, SD, SPARQL_ENDPOINT, SPDX
from nukg.release.version import dataset_version as site_release

READERS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def as_graph(data: bytes, media_type: str) -> Graph:
    """Any RDF answer as an rdflib graph (read by pyoxigraph, written back as N-Triples for rdflib)."""
    ntriples = ox.serialize(ox.parse(data, format=READERS[media_type]), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=ntriples, format="nt")


@pytest.fixture(scope="module")
def real():
    return real_app()


@pytest.fixture(scope="module", params=["fixture", "real"])
def site(request, app):
    return app if request.param == "fixture" else request.getfixturevalue("real")


@pytest.fixture(scope="module")
def kg(site):
    return site.extensions["nukg.kg"]


@pytest.fixture(scope="module")
def void(site) -> Graph:
    response = site.test_client().get("/.well-known/void")
    assert response.status_code == 200
    return as_graph(response.data, "text/turtle")


def value(graph: Graph, subject, predicate):
    found = list(graph.objects(subject, predicate))
    assert len(found) == 1, (subject, predicate, found)
    return found[0].toPython() if isinstance(found[0], Literal) else found[0]


# --- formats ------------------------------------------------------------------------------


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "text/turtle;q=0.9, application/rdf+xml;q=0.5"])
def test_turtle_by_default(client, accept):
    response = client.get("/.well-known/void", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.content_type == "text/turtle; charset=utf-8"
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize("media_type", READERS)
def test_every_rdf_format_says_the_same(site, void, media_type):
    response = site.test_client().get("/.well-known/void", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert isomorphic(as_graph(response.data, media_type), void)


@pytest.mark.parametrize("token, media_type", [("nt", "application/n-triples"), ("jsonld", "application/ld+json"),
                                               ("rdf", "application/rdf+xml"), ("ttl", "text/turtle")])
def test_format_parameter_beats_accept(client, token, media_type):
    response = client.get(f"/.well-known/void?format={token}", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.mimetype == media_type


def test_browsers_are_sent_to_the_downloads_page(client):
    response = client.get("/.well-known/void", headers={"Accept": BROWSER})
    assert response.status_code == 303
    assert response.headers["Location"] == "/download/"
    assert "Accept" in response.headers["Vary"]


def test_unknown_formats_are_406(client):
    response = client.get("/.well-known/void", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.json["error"]


def test_the_description_is_cacheable(client):
    first = client.get("/.well-known/void")
    tag, weak = first.get_etag()
    assert tag == hashlib.sha256(first.data).hexdigest() and not weak
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert first.last_modified is not None
    assert client.get("/.well-known/void", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    other = client.get("/.well-known/void", headers={"Accept": "application/n-triples",
                                                     "If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200  # another representation, another tag
    head = client.head("/.well-known/void")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == first.headers["ETag"]
    assert int(head.headers["Content-Length"]) == len(first.data)


# --- the dataset IRI and the links to the description ---------------------------------------


def test_the_dataset_iri_is_303_to_its_description(client):
    assert urlsplit(str(DATASET_IRI)).path == "/nato-ukraine-kg/dataset"
    response = client.get("/dataset")
    assert response.status_code == 303
    assert response.headers["Location"] == "/.well-known/void"


def test_the_service_description_links_the_dataset(client, void):
    sd = as_graph(client.get("/sparql", headers={"Accept": "text/turtle"}).data, "text/turtle")
    assert (SPARQL_ENDPOINT, SD.defaultDataset, DATASET_IRI) in sd
    assert (DATASET_IRI, RDF.type, VOID.Dataset) in sd
    see_also = value(sd, DATASET_IRI, RDFS.seeAlso)
    assert see_also == URIRef("https://w3id.org/nato-ukraine-kg/.well-known/void")  # permanent, like every IRI
    described = as_graph(client.get("/.well-known/void").data, "text/turtle")
    assert (DATASET_IRI, VOID.sparqlEndpoint, SPARQL_ENDPOINT) in described


def test_the_downloads_page_links_the_description(client):
    page = client.get("/download/", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert 'href="/.well-known/void"' in page
    assert 'rel="describedby"' in page


# --- statistics ---------------------------------------------------------------------------------


def test_dataset_identity(void, kg):
    assert (DATASET_IRI, RDF.type, VOID.Dataset) in void
    assert (DATASET_IRI, RDF.type, DCAT.Dataset) in void
    assert value(void, DATASET_IRI, VOID.uriSpace) == str(NUK)
    assert value(void, DATASET_IRI, VOID.sparqlEndpoint) == SPARQL_ENDPOINT
    release = site_release(kg)
    assert str(value(void, DATASET_IRI, DCAT_VERSION)) == (release.semver or kg.version)
    assert str(value(void, DATASET_IRI, OWL.versionInfo)) == release.full


def test_triples_and_distinct_nodes(void, kg):
    union = kg.union
    assert value(void, DATASET_IRI, VOID.triples) == len(union)
    assert value(void, DATASET_IRI, VOID.distinctSubjects) == len(set(union.subjects()))
    assert value(void, DATASET_IRI, VOID.distinctObjects) == len(set(union.objects()))
    assert value(void, DATASET_IRI, VOID.entities) == len({s for s in union.subjects() if str(s).startswith(str(NUK))})


def test_triples_agree_with_the_endpoint(site, void):
    response = site.test_client().get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                                      headers={"Accept": "application/sparql-results+json"})
    count = int(response.json["results"]["bindings"][0]["n"]["value"])
    assert value(void, DATASET_IRI, VOID.triples) == count


def test_class_partitions(void, kg):
    expected = {cls: len(set(kg.union.subjects(RDF.type, cls))) for cls in set(kg.union.objects(None, RDF.type))}
    found = {}
    for part in void.objects(DATASET_IRI, VOID.classPartition):
        found[value(void, part, VOID["class"])] = value(void, part, VOID.entities)
    assert found == expected
    assert value(void, DATASET_IRI, VOID.classes) == len(expected)


def test_property_partitions(void, kg):
    expected = Counter(p for _, p, _ in kg.union)
    found = {}
    for part in void.objects(DATASET_IRI, VOID.propertyPartition):
        found[value(void, part, VOID.property)] = value(void, part, VOID.triples)
    assert found == dict(expected)
    assert value(void, DATASET_IRI, VOID.properties) == len(expected)


# --- distributions ------------------------------------------------------------------------------


def test_one_distribution_per_served_file(site, void):
    listing = site.test_client().get("/download/", headers={"Accept": "application/json"}).json
    urls = {value(void, d, DCAT.downloadURL) for d in void.objects(DATASET_IRI, DCAT.distribution)}
    reports = {value(void, d, DCAT.downloadURL) for d in void.objects(DATASET_IRI, DQV.hasQualityMetadata)}
    assert urls == {URIRef(DOWNLOADS + entry["name"]) for entry in listing["files"] if entry["kind"] != "report"}
    assert reports == {URIRef(DOWNLOADS + entry["name"]) for entry in listing["files"] if entry["kind"] == "report"}
    assert any("shacl-report" in url for url in reports)


def test_distributions_tell_the_served_bytes(site, void):
    client = site.test_client()
    distributions = [*void.objects(DATASET_IRI, DCAT.distribution), *void.objects(DATASET_IRI, DQV.hasQualityMetadata)]
    assert distributions
    for dist in distributions:
        url = str(value(void, dist, DCAT.downloadURL))
        assert url.startswith(DOWNLOADS)
        path = urlsplit(url).path.removeprefix("/nato-ukraine-kg")
        assert path.startswith("/download/")
        response = client.get(path)
        assert response.status_code == 200, path
        data = response.data
        assert value(void, dist, DCAT.byteSize) == len(data)
        assert void.value(dist, DCAT.byteSize).datatype == XSD.nonNegativeInteger
        checksum = value(void, dist, SPDX.checksum)
        assert value(void, checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert value(void, checksum, SPDX.checksumValue) == hashlib.sha256(data).digest()
        media_type = value(void, dist, DCAT.mediaType)
        if url.endswith(".gz"):
            assert value(void, dist, DCAT.compressFormat) == IANA_MEDIA_TYPES["application/gzip"]
            assert response.mimetype == "application/gzip"
        else:
            assert media_type == IANA_MEDIA_TYPES[response.mimetype]
        assert value(void, dist, DCAT.accessURL) == URIRef(url)
        assert isinstance(value(void, dist, DCTERMS.title), str)


def test_the_data_dump_is_the_whole_graph(site, void, kg):
    dumps = list(void.objects(DATASET_IRI, VOID.dataDump))
    assert len(dumps) == 1  # several would mean parts of the dataset
    path = urlsplit(str(dumps[0])).path.removeprefix("/nato-ukraine-kg")
    graph = Graph().parse(data=site.test_client().get(path).data, format="nt")
    assert same_graph(graph, kg.union)

