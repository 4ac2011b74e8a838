"""The query editor's page over HTTP (issue 9): examples, permalinks, answers as pages, errors with
the query, downloads, and the header's search suggestions.  (The browser tests drive the same page
with its scripts.)"""

import json
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs, urlsplit

import html5lib
import pyoxigraph as ox
import pytest
from support.paths import PROJECT_ROOT
from support.rdf import solutions
from support.settings import BROWSER, real_app

from nukg.core.namespaces import PREFIX_IRIS
from nukg.kg.queries import load_queries
from nukg.store.oxigraph import OxigraphStore
from nukg.kg.graph import load
from nukg.store.querycheck import check_query
from nukg.core.formats import by_name, RESULTS

SRJ = ox.QueryResultsFormat.JSON
QUERIES = load_queries(PROJECT_ROOT / "queries")
WITH_PARAMS = sorted(name for name, q in QUERIES.items() if q.params)


@pytest.fixture(scope="module")
def real():
    return real_app().test_client()


@pytest.fixture(scope="module")
def store():
    return OxigraphStore.from_kg(load(PROJECT_ROOT))


def parse(response):
    assert response.mimetype == "text/html", response.get_data(as_text=True)[:300]
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(response.get_data(as_text=True))


@pytest.fixture(scope="module")
def editor(real):
    return parse(real.get("/sparql", headers={"Accept": BROWSER}))


def examples(doc):
    return {li.get("data-name"): li for li in doc.iter("li") if li.get("class") == "example"}


def query_of(href: str) -> str:
    return parse_qs(urlsplit(href).query)["query"][0]


# --- examples ------------------------------------------------------------------------------


def test_every_named_query_is_an_example_with_its_title_and_description(editor):
    found = examples(editor)
    assert set(found) == set(QUERIES) and len(found) >= 48
    for name, li in found.items():
        run = next(a for a in li.iter("a") if a.get("class") == "run")
        assert run.text == QUERIES[name].summary
        description = next(p for p in li.iter("p") if p.get("class") == "description")
        assert description.text == QUERIES[name].description


def test_examples_without_parameters_are_the_files_own_text(editor):
    for name, li in examples(editor).items():
        if not QUERIES[name].params:
            assert li.get("data-query") == QUERIES[name].text
            run = next(a for a in li.iter("a") if a.get("class") == "run")
            assert query_of(run.get("href")) == QUERIES[name].text


@pytest.mark.parametrize("name", WITH_PARAMS)
def test_an_example_with_parameters_answers_as_its_defaults_bound_as_terms(real, store, editor, name):
    """The editor's copy binds the defaults in a VALUES block; its answer is the bound file's."""
    text = examples(editor)[name].get("data-query")
    for param in QUERIES[name].params:
        assert f"VALUES (" in text and param.variable in text.split("VALUES", 1)[1].split("}", 1)[0]
    response = real.get("/sparql", query_string={"query": text}, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    bound = store.run(check_query(QUERIES[name].text), by_name(RESULTS, "json"),
                      substitutions=QUERIES[name].substitutions()).body
    assert solutions(response.data, SRJ) == solutions(bound, SRJ)
    assert solutions(bound, SRJ), name  # the defaults have answers


def test_one_click_on_an_example_runs_it(real, editor):
    li = examples(editor)["trust-funds"]
    run = next(a for a in li.iter("a") if a.get("class") == "run")
    page = parse(real.get(run.get("href"), headers={"Accept": BROWSER}))
    table = next(t for t in page.iter("table") if t.get("class") == "answer")
    assert len(list(table.find("tbody").iter("tr"))) > 3


# --- permalinks and the answer page ----------------------------------------------------------


QUERY = "SELECT ?s ?label WHERE {\n  ?s a nuo:TrustFund ; rdfs:label ?label .\n} ORDER BY ?label"


def test_a_permalink_reopens_the_editor_on_its_query_without_running_it(real):
    doc = parse(real.get("/sparql", query_string={"query": QUERY, "edit": "1"}, headers={"Accept": BROWSER}))
    assert doc.find(".//textarea").text == QUERY
    assert query_of(doc.find(".//a[@id='permalink']").get("href")) == QUERY
    assert not any(t.get("class") == "answer" for t in doc.iter("table"))


def test_edit_means_nothing_to_a_machine(real):
    response = real.get("/sparql", query_string={"query": QUERY, "edit": "1"},
                        headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.mimetype == "application/sparql-results+json"


def test_the_answer_page_shows_the_query_and_an_edit_link_back(real):
    doc = parse(real.get("/sparql", query_string={"query": QUERY}, headers={"Accept": BROWSER}))
    assert doc.find(".//code[@id='query-text']").text == QUERY
    edit = doc.find(".//a[@id='edit-query']").get("href")
    assert query_of(edit) == QUERY and parse_qs(urlsplit(edit).query)["edit"] == ["1"]
    reopened = parse(real.get(edit, headers={"Accept": BROWSER}))
    assert reopened.find(".//textarea").text == QUERY


def test_answer_pages_link_this_datasets_iris_to_pages_here(real):
    doc = parse(real.get("/sparql", query_string={"query": QUERY}, headers={"Accept": BROWSER}))
    links = [a for a in doc.find(".//table").iter("a")]
    assert links and all(a.get("href").startswith("/doc/") for a in links)
    assert all(a.get("title").startswith(PREFIX_IRIS["nuk"]) for a in links)
    for a in links[:3]:
        assert real.get(a.get("href"), headers={"Accept": BROWSER}).status_code == 200


def test_a_construct_answer_page_is_a_table_of_triples(real):
    query = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a nuo:TrustFund ; rdfs:label ?l }"
    doc = parse(real.get("/sparql", query_string={"query": query}, headers={"Accept": BROWSER}))
    heads = [th.text for th in doc.find(".//table/thead").iter("th")]
    assert heads == ["subject", "predicate", "object"]
    triples = real.get("/sparql", query_string={"query": query}, headers={"Accept": "application/n-triples"}).data
    assert len(list(doc.find(".//table/tbody").iter("tr"))) == len(triples.splitlines()) > 3


def test_an_ask_answer_page_says_yes_or_no(real):
    doc = parse(real.get("/sparql", query_string={"query": "ASK { ?s a nuo:Summit }"}, headers={"Accept": BROWSER}))
    assert "yes" in "".join(doc.find(".//p[@id='answer-boolean']").itertext())


# --- errors ----------------------------------------------------------------------------------


BROKEN = "SELECT ?x WHERE {\n  ?x a nuo:TrustFund \n"


def test_an_error_page_shows_the_query_and_leads_back_to_the_editor(real):
    response = real.get("/sparql", query_string={"query": BROKEN}, headers={"Accept": BROWSER})
    assert response.status_code == 400
    doc = parse(response)
    shown = "".join(doc.find(".//pre[@class='query']").itertext())
    assert shown.rstrip() == BROKEN.rstrip()
    assert query_of(doc.find(".//a[@id='edit-query']").get("href")) == BROKEN


@pytest.mark.parametrize("accept", [None, "application/json", "application/sparql-results+json"])
def test_an_error_follows_format_html_whatever_accept_says(real, accept):
    headers = {"Accept": accept} if accept else {}
    response = real.get("/sparql", query_string={"query": BROKEN, "format": "html"}, headers=headers)
    assert response.status_code == 400 and response.mimetype == "text/html"
    posted = real.post("/sparql", data={"query": BROKEN, "format": "html"}, headers=headers)
    assert posted.status_code == 400 and posted.mimetype == "text/html"


def test_an_error_for_a_machine_format_stays_json(real):
    response = real.get("/sparql", query_string={"query": BROKEN, "format": "csv"},
                        headers={"Accept": "text/csv"})
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.json["status"] == 400


# --- downloads -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, media_type", [("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                                             ("text/csv", "text/csv")])
def test_csv_and_tsv_chosen_in_the_form_download_with_a_file_name(real, fmt, media_type):
    response = real.get("/sparql", query_string={"query": QUERY, "format": fmt}, headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.mimetype == media_type
    suffix = "csv" if media_type == "text/csv" else "tsv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="query-results.{suffix}"'


def test_negotiated_csv_is_not_a_download(real):
    response = real.get("/sparql", query_string={"query": QUERY}, headers={"Accept": "text/csv"})
    assert response.mimetype == "text/csv" and "Content-Disposition" not in response.headers


# --- search suggestions ----------------------------------------------------------------------


def test_suggestions_name_the_best_matches_first(real):
    response = real.get("/search/suggest", query_string={"q": "nuc"})
    assert response.status_code == 200 and response.mimetype == "application/x-suggestions+json"
    query, labels, descriptions, urls = response.json
    assert query == "nuc" and labels[0] == "NATO-Ukraine Commission" and urls[0] == "/doc/nato-ukraine-commission"
    assert len(labels) == len(descriptions) == len(urls) <= 8
    assert real.get(urls[0], headers={"Accept": BROWSER}).status_code == 200


def test_no_words_no_suggestions_and_long_ones_are_refused(real):
    assert real.get("/search/suggest", query_string={"q": " "}).json == [" ", [], [], []]
    response = real.get("/search/suggest", query_string={"q": "x" * 201})
    assert response.status_code == 400 and "'q'" in response.json["error"]


def test_every_page_offers_the_search_with_suggestions(real):
    doc = parse(real.get("/doc/nato", headers={"Accept": BROWSER}))
    form = doc.find(".//form[@role='search']")
    assert form.get("data-suggest") == "/search/suggest"
    assert doc.find(".//ul[@id='header-suggestions']") is not None
    opensearch = doc.find(".//link[@rel='search']").get("href")
    description = ET.fromstring(real.get(opensearch).data)
    urls = {u.get("type"): u.get("template") for u in description.iter("{http://a9.com/-/spec/opensearch/1.1/}Url")}
    assert urls["application/x-suggestions+json"].endswith("/search/suggest?q={searchTerms}")
    assert urls["text/html"].endswith("/search?q={searchTerms}")


def test_the_editor_page_carries_the_prefixes_as_data(editor):
    block = next(s for s in editor.iter("script") if s.get("id") == "nukg-prefixes")
    assert block.get("type") == "application/json" and json.loads(block.text) == PREFIX_IRIS
