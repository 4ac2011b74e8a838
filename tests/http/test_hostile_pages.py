"""Hostile data cannot hurt the pages (issue 8, point 7).

The app serves tests/fixtures/hostile: labels, descriptions and messages holding markup, addresses with
schemes a browser would run (``javascript:``, ``data:``), quotes in IRIs, an odd language tag and very
long texts.  Every HTML page of it, its 404 pages and the SPARQL results page are parsed with html5lib
and must hold no script but this server's own files (and JSON data blocks), no event handler, no
``javascript:``/``data:`` attribute and only http(s), local or fragment links, while the hostile texts
are still printed (as text) and the pages are served with a Content-Security-Policy that runs only
this server's own script files.
"""

import re
import time
from pathlib import Path
from urllib.parse import quote

import html5lib
import pytest
from support.pages import check_scripts
from support.settings import BROWSER

from nukg.core.namespaces import BASE
from nukg.web.app import create_app
from nukg.web.headers import html_policy
from nukg.web.views.values import MAX_NAME, MAX_TEXT, safe_href, shorten, web_address

HOSTILE_PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

# Attribute values that must never start a page's attribute (after a browser's stripping of blanks).
RUNNABLE = ("javascript:", "data:", "vbscript:")
LONG_TEXT = 200_000  # characters of nuk:long-literal-thing's description (tests/fixtures/hostile/data/long.ttl)
LONG_LABEL = 5_000  # characters of nuk:long-label-thing's label


@pytest.fixture(scope="module")
def hostile():
    return create_app({"NUKG_ROOT": HOSTILE_PROJECT, "NUKG_QUERY_WORKERS": 0})


@pytest.fixture
def client(hostile):
    return hostile.test_client()


def document_paths(app) -> list[str]:
    """The /doc/ page of every IRI the hostile project describes (things, terms, shapes)."""
    paths = []
    for iri in app.extensions["nukg.documents"].known:
        name = iri[len(BASE):]
        if name.startswith("id/"):
            name = name[len("id/"):]
        paths.append("/doc/" + quote(name, safe="/"))
    return sorted(paths)


def squeezed(value: str) -> str:
    """An attribute value as a browser reads a URL in it: blanks and control characters dropped, lowercase."""
    return re.sub(r"[\x00-\x20\x7f-\x9f]", "", value).lower()


def check_safe(response):
    """Parse an HTML response and check it cannot run anything; returns the tree and its visible text."""
    assert response.mimetype == "text/html"
    policy = response.headers["Content-Security-Policy"]
    assert policy == html_policy("http://localhost/static/")
    text = response.get_data(as_text=True)
    doc = html5lib.parse(text, namespaceHTMLElements=False)
    check_scripts(doc, text)
    for tag in ("iframe", "object", "embed", "base"):
        assert not list(doc.iter(tag)), tag
    for element in doc.iter():
        for name, value in element.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            assert not squeezed(value).startswith(RUNNABLE), (element.tag, name, value)
            if name in ("href", "src", "action", "formaction", "srcset", "poster", "xlink:href"):
                assert value.startswith(("http://", "https://", "/", "#")), (element.tag, name, value)
                assert not value.startswith("//"), (element.tag, name, value)  # another host
    visible = "".join(doc.find("body").itertext())
    return doc, visible


def get_page(client, path, status=200):
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == status, path
    return check_safe(response)


# --- the policy --------------------------------------------------------------------------------


def test_the_html_policy_runs_only_our_own_script_files():
    policy = html_policy("https://example.org/static/")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert directives["default-src"] == ["'none'"]
    assert directives["script-src"] == ["https://example.org/static/"]  # our files; no inline script, no eval
    assert directives["connect-src"] == ["'self'"]  # and they talk to this server only
    for name in ("script-src-elem", "script-src-attr"):
        assert name not in directives
    assert "'unsafe-inline'" not in " ".join(v for k, vs in directives.items() if k != "style-src" for v in vs)
    assert "'unsafe-eval'" not in policy
    assert directives["base-uri"] == ["'none'"]


# --- every page --------------------------------------------------------------------------------


def test_the_fixture_has_the_hostile_resources(hostile):
    paths = document_paths(hostile)
    for path in ("/doc/hostile-organisation", "/doc/hostile-section", "/doc/long-literal-thing",
                 "/doc/odd%253Cscript%253Ename", "/doc/ontology", "/doc/shapes", "/doc/ontology/Trap",
                 "/doc/shapes/OrganisationShape"):
        assert path in paths, path


def test_every_page_is_safe(client, hostile):
    for path in ["/", *document_paths(hostile)]:
        get_page(client, path)


@pytest.mark.parametrize("path", ["/id/%3Cscript%3E", "/id/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
                                  "/doc/%3Cscript%3Ealert(1)%3C/script%3E", "/ontology/javascript:alert(1)"])
def test_not_found_pages_are_safe(client, path):
    _, visible = get_page(client, path, status=404)
    assert "<script>" in visible or "onerror=alert(1)>" in visible or "javascript:alert(1)" in visible


def test_hostile_texts_are_printed_as_text(client):
    doc, visible = get_page(client, "/doc/hostile-organisation")
    assert doc.find(".//h1").text == "<script>alert(1)</script>"
    assert doc.find("head/title").text.startswith("<script>alert(1)</script>")
    for text in ('"><img src=x onerror=alert(1)>',  # the French label
                 "<script>alert('alt')</script>", "\"><img src=x onerror=alert('alt')>",
                 "Described by <script>alert('description')</script> and \"><img src=x onerror=alert('description')>",
                 "<svg onload=alert('motto')>", "Motto in an odd language", "typed by a hostile datatype",
                 "partner <script>alert('property')</script>",
                 "Trap \"><svg onload=alert('class')>",
                 "Hostile section \"><img src=x onerror=alert('section')>",
                 "Hostile document <script>alert('document')</script>"):
        assert text in visible, text
    assert any(span.get("lang") == "en-x-onerror-alert1" for span in doc.iter("span"))


def test_addresses_that_are_not_http_are_printed_not_linked(client):
    doc, visible = get_page(client, "/doc/hostile-organisation")
    for address in ("javascript:alert(1)", "data:text/html,%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                    "javascript:alert(document.cookie)", "JaVaScRiPt:alert('case')", "vbscript:msgbox(1)",
                    "mailto:someone@example.org", "javascript:alert('superclass')",
                    "javascript:alert('source')"):
        assert address in visible, address
    hrefs = {a.get("href") for a in doc.iter("a")}
    # an http(s) address is linked, quotes and all, without breaking out of its attribute
    assert "https://example.org/it's'onmouseover='alert(1)'&x=%22%3E%3Cscript%3E" in hrefs
    assert "https://example.org/home" in hrefs


def test_sources_link_only_http_addresses(client):
    doc, _ = get_page(client, "/doc/hostile-organisation")
    sources = doc.find(".//section[@id='sources']")
    text = "".join(sources.itertext())
    # the documents' addresses (javascript:, data:, a string with a blank first) are shown as text
    assert "javascript:alert('document')" in text
    assert "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" in text
    assert " javascript:alert('string')" in text
    links = {a.get("href"): "".join(a.itertext()) for a in sources.iter("a")}
    assert links["/doc/hostile-section"] == "Hostile section \"><img src=x onerror=alert('section')>"
    assert links["/doc/hostile-document"] == "Hostile document <script>alert('document')</script>"
    assert links["/doc/data-section"] == "Data section"


def test_odd_names_of_ours_have_their_page(client):
    doc, visible = get_page(client, "/doc/odd%253Cscript%253Ename")
    assert doc.find(".//h1").text == "Odd name"
    assert BASE + "id/odd%3Cscript%3Ename" in visible
    _, organisation = get_page(client, "/doc/hostile-organisation")
    assert "Odd name" in organisation


def test_ontology_and_shapes_pages_print_hostile_texts(client):
    doc, visible = get_page(client, "/doc/ontology")
    assert doc.find(".//h1").text == "Hostile ontology <script>alert('title')</script>"
    for text in ("An ontology whose texts hold markup: \"><img src=x onerror=alert('ontology')>",
                 "A body of people <script>alert('definition')</script>.",
                 "Onions <b onmouseover=alert('comment')>hover</b>",
                 "javascript:alert('ontology')", "javascript:alert('superclass')", "javascript:alert('range')"):
        assert text in visible, text
    doc, visible = get_page(client, "/doc/shapes")
    assert doc.find(".//h1").text == "Hostile shapes <script>alert('shapes')</script>"
    for text in ("An organisation <script>alert('shape message')</script>",
                 "A label is needed \"><img src=x onerror=alert('property message')>",
                 "At most one <svg onload=alert('path')>", "javascript:alert('target')", "javascript:alert('path')"):
        assert text in visible, text
    _, visible = get_page(client, "/")
    assert "Trap \"><svg onload=alert('class')>" in visible


# --- very long texts ----------------------------------------------------------------------------


def test_a_very_long_literal_is_cut_on_the_page_and_kept_whole_in_the_data(client):
    started = time.monotonic()
    doc, visible = get_page(client, "/doc/long-literal-thing")
    assert time.monotonic() - started < 10
    marker = f"… ({LONG_TEXT - MAX_TEXT:,} more characters)"
    summary = "".join(doc.find(".//p[@class='summary']").itertext())
    assert summary.endswith(marker) and len(summary) == MAX_TEXT + len(marker)
    assert "THE END" not in visible
    assert summary.startswith('A very long description <b>bold?</b> & "quoted".')
    turtle = client.get("/doc/long-literal-thing.ttl").get_data(as_text=True)
    assert "THE END" in turtle


def test_a_very_long_label_is_cut_wherever_it_is_printed(client):
    marker = f"… ({LONG_LABEL - MAX_NAME:,} more characters)"
    doc, visible = get_page(client, "/doc/long-label-thing")
    heading = doc.find(".//h1").text
    assert heading.startswith("Long label <script>alert('label')</script>") and heading.endswith(marker)
    assert len(heading) == MAX_NAME + len(marker)
    assert "LABEL END" not in visible
    doc, _ = get_page(client, "/doc/hostile-organisation")
    link = next(a for a in doc.iter("a") if a.get("href") == "/doc/long-label-thing")
    assert "".join(link.itertext()).endswith(marker)
    assert "LABEL END" in client.get("/doc/long-label-thing.nt").get_data(as_text=True)


# --- the SPARQL results pages -------------------------------------------------------------------


@pytest.mark.parametrize("query", ["SELECT ?s ?o WHERE { ?s ?p ?o }", "CONSTRUCT WHERE { ?s ?p ?o }"])
def test_sparql_html_answers_are_safe(client, query):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/html"})
    assert response.status_code == 200
    doc, visible = check_safe(response)
    assert "<script>alert(1)</script>" in visible
    assert "javascript:alert(1)" in visible
    if query.startswith("SELECT"):
        hrefs = {a.get("href") for a in doc.iter("a")}
        assert "https://example.org/it's'onmouseover='alert(1)'&x=%22%3E%3Cscript%3E" in hrefs


# --- the helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize("address, linked", [
    ("https://example.org/x", True),
    ("http://example.org/x?a=1&b='2'", True),
    ("HTTPS://example.org/", True),
    ("javascript:alert(1)", False),
    ("JavaScript:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\tscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox(1)", False),
    ("mailto:someone@example.org", False),
    ("https:example.org", False),
    ("https://example.org/\nx", False),
    ("/doc/x", False),
    ("", False),
])
def test_web_address(address, linked):
    assert (web_address(address) == address) is linked
    assert web_address(address) in (address, None)


@pytest.mark.parametrize("href, kept", [
    ("/doc/x", True),
    ("/doc/ontology#Summit", True),
    ("https://example.org/", True),
    ("//evil.example/", False),
    ("/\\evil.example/", False),
    ("javascript:alert(1)", False),
    ("#x", False),
    (None, False),
])
def test_safe_href(href, kept):
    assert (safe_href(href) == href and href is not None) is kept


def test_shorten():
    assert shorten("abc", 3) == "abc"
    assert shorten("abcd", 3) == "abc… (1 more character)"
    assert shorten("x" * 12_345, 10) == "x" * 10 + "… (12,335 more characters)"
