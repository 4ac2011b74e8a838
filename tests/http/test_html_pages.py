"""The HTML pages: valid HTML (html5lib's strict parser), no scripts, escaped data, their machine twins
linked, and the labels, links, dates and sources a reader expects (fixture project)."""

import shutil

import html5lib
import pytest
from support.pages import check_policy, check_scripts
from support.settings import BROWSER

from nukg.web.app import create_app
from nukg.kg.descriptions import Descriptions as Documents
from nukg.core.namespaces import BASE

TWIN_TYPES = {"text/turtle": ".ttl", "application/ld+json": ".jsonld", "application/n-triples": ".nt",
              "application/rdf+xml": ".rdf"}


def check_html(text: str):
    """Parse ``text`` strictly (any HTML parse error raises) and check what a parser does not:
    unique ids, scripts only from our own files, every link has a safe, non-empty address.  Returns the element tree."""
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    ids = [el.get("id") for el in doc.iter() if el.get("id") is not None]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    check_scripts(doc, text)
    for element in doc.iter():
        for name, value in element.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if name in ("href", "src", "action"):
                assert value.strip(), element.tag
                assert not value.strip().lower().startswith(("javascript:", "data:")), value
    assert doc.find("head/title") is not None and doc.find("head/title").text
    return doc


def page(client, path, status=200):
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == status, path
    assert response.mimetype == "text/html"
    return response, check_html(response.get_data(as_text=True))


def links(doc) -> dict[str, str]:
    """href -> text of every link in the page's main part."""
    main = doc.find(".//main")
    return {a.get("href"): "".join(a.itertext()) for a in main.iter("a")}


def fixture_paths(graph):
    documents = Documents(graph)
    paths = ["/doc/" + iri[len(BASE) + len("id/"):] for iri in documents.known if iri.startswith(BASE + "id/")]
    paths += ["/doc/" + iri[len(BASE):] for iri in documents.known if not iri.startswith(BASE + "id/")]
    return sorted(paths)


# --- every page is valid HTML -----------------------------------------------------------------


def test_every_page_is_valid_html(client, graph):
    paths = ["/", "/sparql", "/doc/ontology", "/doc/shapes", *fixture_paths(graph)]
    assert "/doc/bucharest-summit-2008" in paths and "/doc/ontology/Summit" in paths
    for path in paths:
        response, _ = page(client, path)
        check_policy(response.headers)


@pytest.mark.parametrize("path", ["/id/bucharest-sumit", "/doc/nobody", "/ontology/Sumit", "/doc/a/b", "/doc/nato.yaml"])
def test_not_found_pages_are_valid_html_with_suggestions(client, path):
    _, doc = page(client, path, status=404)
    found = links(doc)
    assert any(href.startswith("/search") for href in found)
    assert "/doc/ontology" in found and "/" in found


def test_not_found_page_suggests_close_resources(client):
    _, doc = page(client, "/id/bucharest-sumit-2008", status=404)
    found = links(doc)
    assert found["/doc/bucharest-summit-2008"] == "Bucharest Summit"
    search = next(href for href in found if href.startswith("/search?q="))
    assert client.get(search, headers={"Accept": BROWSER}).status_code == 200


@pytest.mark.parametrize("path", ["/doc/nato", "/doc/ontology/Summit", "/doc/ontology", "/doc/shapes",
                                  "/doc/shapes/SummitShape"])
def test_pages_link_their_machine_twins(client, path):
    response, doc = page(client, path)
    alternates = {link.get("type"): link.get("href") for link in doc.iter("link") if link.get("rel") == "alternate"}
    assert alternates == {media_type: path + suffix for media_type, suffix in TWIN_TYPES.items()}
    header = response.headers["Link"]
    for media_type, suffix in TWIN_TYPES.items():
        assert f'<{path}{suffix}>; rel="alternate"; type="{media_type}"' in header
    for href in alternates.values():
        assert client.get(href).status_code == 200


# --- what the pages show --------------------------------------------------------------------------


def test_resource_page(client):
    _, doc = page(client, "/doc/bucharest-summit-2008")
    assert doc.find(".//h1").text == "Bucharest Summit"
    found = links(doc)
    assert found["/doc/ontology/Summit"] == "Summit"  # its type, linked to the class page
    assert found["/doc/ontology/Event"] == "Event"  # inferred type
    assert found["/doc/ontology/hostedBy"] == "hosted by"  # the property, by the ontology's label
    assert found["/doc/nato"] == "NATO"  # the value, labelled
    dates = {t.get("datetime"): t.text for t in doc.iter("time")}
    assert dates == {"2008-04": "April 2008"}
    text = "".join(doc.find(".//main").itertext())
    assert 'A summit where "membership" was discussed' in text
    assert "Declaration, paragraph 23" in text  # a blank-node source, shown with its statements


def test_page_shows_incoming_links_and_inferred_statements(client):
    _, doc = page(client, "/doc/nato")
    incoming = doc.find(".//section[@id='incoming']")
    found = {a.get("href"): a.text for a in incoming.iter("a")}
    assert found["/doc/bucharest-summit-2008"] == "Bucharest Summit"
    assert found["/doc/madrid-summit-2022"] == "Madrid Summit"
    assert found["/doc/ontology/hostedBy"] == "hosted by"
    rows = doc.find(".//section[@id='properties']")
    row = next(tr for tr in rows.iter("tr") if tr.find("th/a").text == "hosted")
    assert "(inferred)" in "".join(row.itertext())
    other = [span for span in doc.iter("span") if span.get("lang") == "uk"]
    assert other and other[0].text == "НАТО"


def test_full_dates_are_written_for_people(client):
    _, doc = page(client, "/doc/madrid-summit-2022")
    assert {t.get("datetime"): t.text for t in doc.iter("time")} == {"2022-06-29": "29 June 2022"}


def test_class_page(client):
    _, doc = page(client, "/doc/ontology/Summit")
    assert doc.find(".//h1").text == "Summit"
    text = "".join(doc.find(".//main").itertext())
    assert "A meeting of heads of state or government." in text
    found = links(doc)
    assert found["/doc/ontology/Event"] == "Event"  # superclass
    instances = doc.find(".//section[@id='class']")
    members = {a.get("href"): a.text for a in instances.iter("a")}
    assert members["/doc/bucharest-summit-2008"] == "Bucharest Summit"
    assert members["/doc/madrid-summit-2022"] == "Madrid Summit"
    assert "/doc/ontology#Summit" in members
    _, event = page(client, "/doc/ontology/Event")
    section = {a.get("href"): a.text for a in event.find(".//section[@id='class']").iter("a")}
    assert section["/doc/ontology/Summit"] == "Summit"  # subclass
    assert section["/doc/bucharest-summit-2008"] == "Bucharest Summit"  # instance through the subclass


def test_ontology_page_documents_every_term(client, graph):
    _, doc = page(client, "/doc/ontology")
    sections = {s.get("id"): s for s in doc.iter("section")}
    for term in ("Event", "Summit", "Organisation", "hostedBy", "hosted"):
        assert term in sections, term
        assert sections[term].find("h3/a").get("href") == f"/doc/ontology/{term}"
    summit = "".join(sections["Summit"].itertext())
    assert "A meeting of heads of state or government." in summit and "Subclass of" in summit
    assert "Inverse of" in "".join(sections["hostedBy"].itertext())
    contents = {a.get("href") for a in doc.find(".//nav[@aria-label='Contents']").iter("a")}
    assert {"#Summit", "#Event", "#hostedBy", "#classes", "#object-properties"} <= contents


def test_shapes_page(client):
    _, doc = page(client, "/doc/shapes")
    text = "".join(doc.find(".//main").itertext())
    assert "A summit needs a date." in text
    assert links(doc)["/doc/shapes/SummitShape"] == "nus:SummitShape"


def test_home_page(client, graph):
    _, doc = page(client, "/")
    found = links(doc)
    for href in ("/sparql", "/doc/ontology", "/doc/shapes", "/download/", "/.well-known/void"):
        assert href in found, href
    assert found["/doc/ontology/Summit"] == "Summit"  # browse by class
    text = " ".join("".join(doc.find(".//main").itertext()).split())
    assert f"4 resources, described by {len(graph.union)} triples" in text


# --- data is escaped ------------------------------------------------------------------------------

EVIL = """
@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .
@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

nuk:evil a nuo:Organisation ;
    rdfs:label "<script>alert(1)</script> & \\"co\\""@en ;
    dcterms:description "</p><b onclick=\\"x()\\">bold</b>"@en ;
    rdfs:seeAlso <javascript:alert(1)> ;
    nuo:hostedBy nuk:nato .
"""


def test_data_is_escaped(project_root, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(project_root, root)
    (root / "data" / "evil.ttl").write_text(EVIL, encoding="utf-8")
    client = create_app({"NUKG_ROOT": root, "NUKG_QUERY_WORKERS": 0}).test_client()
    for path in ("/doc/evil", "/doc/nato", "/doc/ontology/Organisation"):
        response, doc = page(client, path)
        text = response.get_data(as_text=True)
        assert "<script>" not in text and "<b " not in text  # (our own file is <script src=...>)
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;co&#34;" in text
    _, doc = page(client, "/doc/evil")
    assert doc.find(".//h1").text == '<script>alert(1)</script> & "co"'
