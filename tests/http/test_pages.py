"""The service description, the query page, the home page and the health check."""

import html
import re

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID

from server.namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, SD

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def description(app):
    response = app.test_client().get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return Graph().parse(data=response.data, format="turtle")


def test_service_description_names_the_endpoint(description):
    service = URIRef("http://localhost/sparql")
    assert (service, RDF.type, SD.Service) in description
    assert (service, SD.endpoint, service) in description
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    assert (service, SD.resultFormat, URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON")) in description


def test_service_description_counts_each_graph(description, graph):
    counts = {}
    for named in description.objects(None, SD.namedGraph):
        name = description.value(named, SD.name)
        counts[name] = description.value(description.value(named, SD.graph), VOID.triples).toPython()
    assert counts == {
        ONTOLOGY_GRAPH: len(graph.ontology),
        DATA_GRAPH: len(graph.data),
        INFERRED_GRAPH: len(graph.inferred),
    }
    default = description.value(next(description.objects(None, SD.defaultGraph)), VOID.triples)
    assert default == Literal(len(graph.union))


@pytest.mark.parametrize(
    "accept, reader",
    [("application/rdf+xml", ox.RdfFormat.RDF_XML), ("application/ld+json", ox.RdfFormat.JSON_LD),
     ("application/n-triples", ox.RdfFormat.N_TRIPLES), ("*/*", ox.RdfFormat.TURTLE), (None, ox.RdfFormat.TURTLE)],
)
def test_service_description_formats(client, description, accept, reader):
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    ntriples = ox.serialize(ox.parse(response.data, format=reader), format=ox.RdfFormat.N_TRIPLES)
    assert isomorphic(Graph().parse(data=ntriples, format="nt"), description)


def test_service_description_is_cacheable(client):
    first = client.get("/sparql", headers={"Accept": "text/turtle"})
    again = client.get("/sparql", headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_browsers_get_the_query_page(client):
    response = client.get("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<form method="get" action="/sparql">' in page
    assert '<textarea id="query" name="query"' in page
    assert "SELECT ?class" in page


def test_the_query_page_example_runs(client):
    page = client.get("/sparql", headers={"Accept": BROWSER}).get_data(as_text=True)
    example = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))
    response = client.get("/sparql", query_string={"query": example, "format": "html"}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert "<table>" in response.get_data(as_text=True)


def test_home_page_links_the_endpoint(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/sparql"' in response.get_data(as_text=True)


def test_health(client, graph):
    body = client.get("/-/health").json
    assert body["ok"] is True
    assert body["version"] == graph.version
    assert body["triples"] == len(graph.union)


def test_health_reports_query_processes(pooled_app):
    body = pooled_app.test_client().get("/-/health").json
    assert body["query_processes"] == 2
    assert body["query_timeout"] == 1.5
