"""The service description, the query page, the home page and the health check."""

import html
import re

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID
from support.settings import BROWSER

from nukg.core.namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, SD, SPARQL_ENDPOINT



@pytest.fixture(scope="module")
def description(app):
    response = app.test_client().get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    return Graph().parse(data=response.data, format="turtle")


def test_service_description_names_the_endpoint(description):
    service = SPARQL_ENDPOINT
    assert service == URIRef("https://w3id.org/nato-ukraine-kg/sparql")
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


def test_service_description_does_not_depend_on_the_host(project_root):
    """The endpoint's IRI is permanent: any Host header gets the same bytes, cached once per format."""
    from nukg.web.app import create_app

    app = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0})
    client = app.test_client()
    hosts = ["localhost", "evil.example", "attacker.example:8443", *(f"h{i}.example" for i in range(20))]
    answers = {}
    for accept in ("text/turtle", "application/n-triples"):
        for host in hosts:
            response = client.get("/sparql", headers={"Accept": accept, "Host": host})
            assert response.status_code == 200
            answers.setdefault(accept, set()).add((response.data, response.headers["ETag"]))
    assert all(len(bodies) == 1 for bodies in answers.values())
    (turtle, _), = answers["text/turtle"]
    assert b"https://w3id.org/nato-ukraine-kg/sparql" in turtle
    assert not any(host.split(":")[0].encode() in turtle for host in hosts)
    described = Graph().parse(data=turtle, format="turtle")
    assert (SPARQL_ENDPOINT, SD.endpoint, SPARQL_ENDPOINT) in described
    assert len(app.extensions["nukg.descriptions"]) == 2  # one per format, whatever the hosts


def test_browsers_get_the_query_page(client):
    response = client.get("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    page = response.get_data(as_text=True)
    assert '<form id="query-form" method="get" action="/sparql">' in page
    assert '<textarea id="query" name="query"' in page
    assert "SELECT ?class" in page


def test_the_query_page_example_runs(client):
    page = client.get("/sparql", headers={"Accept": BROWSER}).get_data(as_text=True)
    example = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1))
    response = client.get("/sparql", query_string={"query": example, "format": "html"}, headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert '<table class="answer">' in response.get_data(as_text=True)


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
