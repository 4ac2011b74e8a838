"""GET /search on the real project: names, acronyms, JSON and HTML, class filters, and the 404's search."""

import html5lib
import pytest
from support.paths import PROJECT_ROOT
from support.pages import check_policy
from support.settings import BROWSER

from nukg.core.namespaces import NUK, NUO
from nukg.web.app import create_app

COMMISSION = "https://w3id.org/nato-ukraine-kg/id/nato-ukraine-commission"
JWGDR = str(NUK["joint-working-group-on-defence-reform"])


@pytest.fixture(scope="module")
def real():
    return create_app({"NUKG_ROOT": PROJECT_ROOT, "NUKG_QUERY_WORKERS": 0}).test_client()


def search(client, **args):
    response = client.get("/search", query_string=args, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def parse(response):
    assert response.mimetype == "text/html"
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(response.get_data(as_text=True))


@pytest.mark.parametrize("q, first", [
    ("nuc", COMMISSION),
    ("NUC", COMMISSION),
    ("jwgdr", JWGDR),
    ("NATO Ukraine commission", COMMISSION),
    ("nato-ukraine COMMISSION", COMMISSION),
])
def test_names_and_acronyms_find_their_resource_first(real, q, first):
    assert search(real, q=q)["results"][0]["iri"] == first


def test_the_json_answer(real):
    response = real.get("/search?q=nuc", headers={"Accept": "application/json"})
    assert response.mimetype == "application/json"
    assert "public" in response.headers["Cache-Control"] and "Accept" in response.vary
    body = response.json
    assert body["query"] == "nuc" and body["total"] >= 1
    hit = body["results"][0]
    assert {"iri", "label", "types", "match", "url"} <= set(hit)
    assert hit["label"] == "NATO-Ukraine Commission" and hit["url"] == "/doc/nato-ukraine-commission"
    assert str(NUO.Commission) in hit["types"]
    assert real.get(hit["url"], headers={"Accept": BROWSER}).status_code == 200


def test_the_page_links_the_resources(real):
    response = real.get("/search?q=jwgdr", headers={"Accept": BROWSER})
    assert response.status_code == 200 and "public" in response.headers["Cache-Control"]
    check_policy(response.headers)
    doc = parse(response)
    hrefs = [a.get("href") for a in doc.find(".//main").iter("a")]
    assert "/doc/joint-working-group-on-defence-reform" in hrefs
    assert doc.find(".//main//form[@role='search']//input[@name='q']").get("value") == "jwgdr"
    options = [o.get("value") for o in doc.find(".//main//select[@name='class']").iter("option")]
    assert str(NUO.TrustFund) in options and str(NUO.WorkingGroup) in options


def test_format_overrides_accept(real):
    assert real.get("/search?q=nuc&format=json", headers={"Accept": BROWSER}).mimetype == "application/json"
    assert real.get("/search?q=nuc&format=html", headers={"Accept": "application/json"}).mimetype == "text/html"


@pytest.mark.parametrize("cls", ["nuo:TrustFund", str(NUO.TrustFund)])
def test_the_class_filter(real, cls):
    body = search(real, q="trust fund", **{"class": cls})
    assert body["total"] >= 2
    assert all(str(NUO.TrustFund) in r["types"] for r in body["results"])
    everything = search(real, q="trust fund", limit=100)
    assert everything["total"] > body["total"]  # the class itself, and other resources, are left out


def test_a_superclass_filter_keeps_its_subclasses_instances(real):
    body = search(real, q="nuc", **{"class": "nuo:Body"})  # the commission is a nuo:Commission
    assert body["results"][0]["iri"] == COMMISSION


@pytest.mark.parametrize("args", [{"q": ""}, {"q": "x" * 201}, {"q": "nuc", "class": "nope:X"},
                                  {"q": "nuc", "limit": "0"}, {"q": "nuc", "offset": "-1"}])
def test_bad_requests_are_400(real, args):
    assert real.get("/search", query_string=args, headers={"Accept": "application/json"}).status_code == 400


def test_an_empty_query_in_a_browser_is_the_form(real):
    doc = parse(real.get("/search", headers={"Accept": BROWSER}))
    assert doc.find(".//main//form[@role='search']") is not None
    assert doc.find(".//main//ol") is None


def test_the_header_has_a_search_form(real):
    doc = parse(real.get("/", headers={"Accept": BROWSER}))
    form = doc.find(".//header//form[@role='search']")
    assert form.get("action") == "/search"
    field = form.find(".//input[@name='q']")
    assert doc.find(f".//header//label[@for='{field.get('id')}']") is not None
    assert form.find(".//button") is not None


def test_a_404_suggests_the_commission_and_links_the_search(real):
    body = real.get("/id/nato-ukrain-comission", headers={"Accept": "application/json"}).json
    assert COMMISSION in [s["iri"] for s in body["suggestions"]][:3]
    assert body["search"] == "/search?q=nato+ukrain+comission"
    response = real.get("/id/nato-ukrain-comission", headers={"Accept": BROWSER})
    assert response.status_code == 404
    hrefs = [a.get("href") for a in parse(response).find(".//main").iter("a")]
    assert "/doc/nato-ukraine-commission" in hrefs and body["search"] in hrefs
