"""GET /timeline on the real project: the SVG page, its list, JSON and CSV, and the timeline query's count."""

import csv
import io
import json

import html5lib
import pytest
from support.paths import PROJECT_ROOT

from nukg.kg.queries import load_queries
from nukg.web.app import create_app

SVG = "{http://www.w3.org/2000/svg}"  # html5lib keeps the SVG namespace on the drawing's elements


@pytest.fixture(scope="module")
def app():
    return create_app({"NUKG_ROOT": PROJECT_ROOT, "NUKG_QUERY_WORKERS": 0})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def found(client):
    response = client.get("/timeline", headers={"Accept": "application/json"})
    assert response.status_code == 200
    return response.json


@pytest.fixture(scope="module")
def page(client):
    response = client.get("/timeline", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(response.get_data(as_text=True))


def drawing(page):
    """The timeline's SVG (the legend's swatches are small SVGs too)."""
    return next((e for e in page.iter(f"{SVG}svg") if e.get("class") == "timeline"), None)


def test_the_page_has_a_drawing_and_no_script_of_its_own(page):
    assert drawing(page) is not None
    assert page.find(f".//{SVG}script") is None  # the drawing runs nothing; the header's search script is a file
    assert [s.get("src") for s in page.iter("script")] == ["/static/search.js"]


def test_every_event_is_linked_in_the_drawing_and_in_the_list(client, found, page):
    svg_links = {a.get("href") for a in drawing(page).iter(f"{SVG}a")}
    list_links = {a.get("href") for ul in page.iter("ul") for a in ul.iter("a")}
    urls = {e["url"] for e in found["events"]}
    assert found["from"] == 1991 and found["to"] == 2022 and found["events"]
    assert urls <= svg_links and urls <= list_links
    for url in urls:
        assert client.get(url, headers={"Accept": "text/html"}).status_code == 200, url


def test_as_many_events_as_the_timeline_query_gives_in_the_range(app, found):
    # timeline.rq has no range; the page keeps 1991-2022, so the two agree on the rows of those years
    query = load_queries(PROJECT_ROOT / "queries")["timeline"]
    answer = app.extensions["nukg.store"].query(query.text, format="json", substitutions=query.substitutions())
    rows = json.loads(answer.body)["results"]["bindings"]
    in_range = {(r["thing"]["value"], r["date"]["value"], r["dateKind"]["value"])
                for r in rows if 1991 <= int(r["date"]["value"][:4]) <= 2022}
    assert len(rows) == len(in_range)  # one row per thing, date and kind of date
    events = {(e["iri"], e["date"], e["propertyLabel"]) for e in found["events"]}
    assert len(found["events"]) == len(in_range)
    assert events == in_range


def test_precision_is_the_sources(found):
    by_iri = {}
    for e in found["events"]:
        by_iri.setdefault(e["iri"].rsplit("/", 1)[-1], []).append(e)
    # building-capabilities.ttl: "2014"^^xsd:gYear
    assert {e["precision"] for e in found["events"] if len(e["date"]) == 4} == {"year"}
    assert any(e["precision"] == "year" and e["date"] == "2014" for e in found["events"])
    invasion = by_iri["russian-invasion-of-ukraine-2022"]
    # the data gives the month only ("2022-02"^^xsd:gYearMonth): the timeline does not make up a day
    assert [(e["date"], e["precision"], e["kind"]) for e in invasion] == [("2022-02", "month", "conflict")]


def test_csv_has_the_header_and_a_row_per_event(client, found):
    response = client.get("/timeline", query_string={"format": "csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["date", "precision", "kind", "label", "iri"]
    assert len(rows) - 1 == len(found["events"])


def test_cache_headers_and_a_bad_format(client):
    response = client.get("/timeline", query_string={"format": "json"})
    assert response.headers["ETag"] and "max-age" in response.headers["Cache-Control"]
    assert client.get("/timeline", headers={"If-None-Match": response.headers["ETag"]},
                      query_string={"format": "json"}).status_code == 304
    assert client.get("/timeline", query_string={"format": "xml"}).status_code == 400
