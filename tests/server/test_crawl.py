"""The real server (`nukg serve`) over the real data, seen by linked-data clients: rdflib dereferences
IRIs in every format, every IRI of the dataset answers (no broken links inside it), every page is valid
HTML, and a crawler that knows one IRI reaches every resource by following links.

IRIs are ``https://w3id.org/nato-ukraine-kg/...``; the server answers for their paths, so a client
maps the base to the local server."""

from __future__ import annotations

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import html5lib
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF
from support.live import serving
from support.paths import PROJECT_ROOT

from nukg.kg.descriptions import Descriptions as Documents
from nukg.kg.graph import load
from nukg.core.namespaces import BASE, NUK, NUO, NUS, ONTOLOGY_IRI, SHAPES_IRI
from nukg.web.links import RESERVED_SLUGS

THREADS = 8
SOURCE_PAGE = "https://www.nato.int/cps/en/natohq/topics_37750.htm"


@pytest.fixture(scope="module")
def real_server(tmp_path_factory):
    with serving(PROJECT_ROOT, tmp_path_factory.mktemp("crawl") / "serve.log", "--query-workers", "2") as server:
        yield server


@pytest.fixture(scope="module")
def kg():
    return load(PROJECT_ROOT)


@pytest.fixture(scope="module")
def documents(kg):
    return Documents(kg)


@pytest.fixture(scope="module")
def dataset_iris(kg) -> list[str]:
    """Every IRI of the server's namespaces that the ontology, data, inferred triples or shapes use."""
    found = set()
    for graph in (kg.union, kg.shapes):
        for triple in graph:
            found.update(str(n) for n in triple if isinstance(n, URIRef) and str(n).startswith(BASE))
    return sorted(found)


def local(server, iri: str) -> str:
    assert iri.startswith(BASE), iri
    return server.url + "/" + iri[len(BASE):]


def fetch(url: str, accept: str) -> tuple[int, str, bytes, str]:
    """(status, content type, body, final URL) after redirects."""
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read(), response.geturl()
    except urllib.error.HTTPError as exc:
        with exc:  # it holds the connection
            return exc.code, exc.headers.get_content_type(), exc.read(), url


def named_nodes(body: bytes) -> set[str]:
    nodes = set()
    for triple in ox.parse(body, format=ox.RdfFormat.TURTLE):
        nodes.update(t.value for t in (triple.subject, triple.predicate, triple.object) if isinstance(t, ox.NamedNode))
    return nodes


# --- rdflib as a client ------------------------------------------------------------------------

IRIS = [
    NUK["nato-ukraine-commission"],
    NUK["relations-with-ukraine-highlights"],
    NUO.TrustFund,
    NUO.establishedBy,
    ONTOLOGY_IRI,
    NUS.SummitShape,
]


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("rdflib_format", ["turtle", "json-ld", "nt", "xml"])
@pytest.mark.parametrize("iri", IRIS, ids=lambda iri: iri[len(BASE):])
def test_rdflib_dereferences_an_iri_in_every_format(real_server, documents, iri, rdflib_format):
    graph = Graph().parse(local(real_server, str(iri)), format=rdflib_format)
    assert len(graph) > 0
    assert isomorphic(graph, documents.graph(str(iri)))


def test_the_ontology_version_iri_answers_with_the_ontology(real_server, kg):
    version = kg.ontology.value(ONTOLOGY_IRI, OWL.versionIRI)
    status, content_type, body, final = fetch(local(real_server, str(version)), "text/turtle")
    assert (status, content_type) == (200, "text/turtle")
    assert final.endswith("/doc/ontology.ttl")


# --- no broken links inside the dataset -------------------------------------------------------------


def test_every_iri_of_the_dataset_dereferences(real_server, dataset_iris, kg, documents):
    subjects = {str(s) for s in (*kg.data.subjects(), *kg.ontology.subjects()) if str(s).startswith(BASE)}
    assert subjects <= set(dataset_iris)
    assert len(dataset_iris) > 500

    def check(iri):
        status, content_type, body, _ = fetch(local(real_server, iri), "text/turtle")
        if (status, content_type) != (200, "text/turtle"):
            return f"{iri}: {status} {content_type}"
        if iri not in named_nodes(body):
            return f"{iri}: not in its own description"
        if len(list(ox.parse(body, format=ox.RdfFormat.TURTLE))) != len(documents.graph(iri)):
            return f"{iri}: the Turtle does not hold the description"
        return None

    with ThreadPoolExecutor(THREADS) as pool:
        problems = [p for p in pool.map(check, dataset_iris) if p]
    assert problems == []


def test_every_page_of_the_dataset_is_valid_html(real_server, dataset_iris):
    def check(iri):
        status, content_type, body, _ = fetch(local(real_server, iri), "text/html")
        if (status, content_type) != (200, "text/html"):
            return f"{iri}: {status} {content_type}"
        try:
            html5lib.HTMLParser(strict=True).parse(body)
        except html5lib.html5parser.ParseError as exc:
            return f"{iri}: {exc}"
        return None

    pages = [iri for iri in dataset_iris if not iri.startswith(str(NUS))] + [str(NUS.SummitShape), str(SHAPES_IRI)]
    with ThreadPoolExecutor(THREADS) as pool:
        problems = [p for p in pool.map(check, pages) if p]
    assert problems == []


def test_a_crawler_that_knows_one_iri_reaches_every_resource(real_server, kg):
    start = str(NUK["nato-ukraine-commission"])
    seen, frontier, failures = {start}, [start], []

    def visit(iri):
        status, content_type, body, _ = fetch(local(real_server, iri), "text/turtle")
        if status != 200:
            return iri, None
        return iri, {n for n in named_nodes(body) if n.startswith(BASE)}

    with ThreadPoolExecutor(THREADS) as pool:
        while frontier:
            next_frontier = []
            for iri, found in pool.map(visit, frontier):
                if found is None:
                    failures.append(iri)
                    continue
                for node in sorted(found - seen):
                    seen.add(node)
                    next_frontier.append(node)
            frontier = next_frontier
    assert failures == []
    resources = {str(s) for s in kg.data.subjects() if str(s).startswith(str(NUK))}
    assert resources - seen == set()
    terms = {str(s) for s in kg.ontology.subjects() if str(s).startswith(str(NUO))}
    assert terms - seen == set()


# --- the pages of the real data ------------------------------------------------------------------------


def page(server, path):
    status, content_type, body, _ = fetch(server.url + path, "text/html")
    assert (status, content_type) == (200, "text/html"), path
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(body)


def main_links(doc) -> dict[str, str]:
    return {a.get("href"): "".join(a.itertext()) for a in doc.find(".//main").iter("a")}


def test_a_resource_page_cites_its_sources(real_server):
    doc = page(real_server, "/doc/nato-ukraine-commission")
    assert doc.find(".//h1").text == "NATO-Ukraine Commission"
    sources = doc.find(".//section[@id='sources']")
    cited = [(a.get("href"), a.text) for a in sources.iter("a")]
    assert (SOURCE_PAGE, "Framework for cooperation") in cited
    assert ("/doc/relations-with-ukraine", "Relations with Ukraine (NATO topic page)") in cited
    links = main_links(doc)
    assert links["/doc/charter-on-a-distinctive-partnership"] == "Charter on a Distinctive Partnership"
    assert links["/doc/ontology/Commission"] == "Commission"


@pytest.mark.parametrize(
    "path, dates",
    [
        ("/doc/nato-representation-to-ukraine", {"2015-09": "September 2015"}),
        ("/doc/nato-information-and-documentation-centre", {"1997": "1997"}),
        ("/doc/relations-with-ukraine", {"2022-06-15T12:58:00": "15 June 2022, 12:58"}),
    ],
)
def test_dates_keep_their_precision(real_server, path, dates):
    doc = page(real_server, path)
    shown = {t.get("datetime"): t.text for t in doc.iter("time")}
    assert dates.items() <= shown.items()


def test_the_trust_funds_class_page_lists_them(real_server, kg):
    doc = page(real_server, "/doc/ontology/TrustFund")
    section = doc.find(".//section[@id='class']")
    instances = {a.get("href"): a.text for a in section.iter("a")}
    funds = {str(s) for s in kg.union.subjects(RDF.type, NUO.TrustFund)}
    assert len(funds) == 6
    for fund in funds:
        assert "/doc/" + fund[len(NUK):] in instances


def test_home_page_says_where_to_start(real_server, kg):
    doc = page(real_server, "/")
    links = main_links(doc)
    assert links["/doc/nato-ukraine-commission"] == "NATO-Ukraine Commission"
    assert links["/doc/comprehensive-assistance-package"]
    assert links["/doc/charter-on-a-distinctive-partnership"] == "Charter on a Distinctive Partnership"
    assert links["/doc/russian-invasion-of-ukraine-2022"]
    assert links["/doc/ontology/TrustFund"] == "Trust fund"
    # the things of the data and the project's editorial inferences about them
    resources = len({s for s in (*kg.data.subjects(), *kg.editorial.subjects()) if str(s).startswith(str(NUK))})
    text = " ".join("".join(doc.find(".//main").itertext()).split())
    assert f"{resources} resources, described by {len(kg.union)} triples" in text


def test_no_slug_is_taken_by_the_documents_of_the_ontology_or_shapes(kg):
    for slug in RESERVED_SLUGS:
        assert (NUK[slug], None, None) not in kg.union and (None, None, NUK[slug]) not in kg.union
