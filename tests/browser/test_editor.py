"""The query editor in a real browser (issue 9): YASGUI on /sparql, examples that run in one click,
completion from this endpoint, result links to this server's pages, permalinks, and the plain form
without JavaScript.  Screenshots are saved as artefacts (the README's come from here)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from support.paths import PROJECT_ROOT

from nukg.kg.queries import load_queries

QUERIES = load_queries(PROJECT_ROOT / "queries")
EDITOR = ".yasqe .CodeMirror"


def editor_text(page) -> str:
    return page.evaluate(f"document.querySelector({EDITOR!r}).CodeMirror.getValue()")


def open_editor(page, site, path="/sparql"):
    page.goto(site + path)
    page.locator(EDITOR).wait_for()
    assert page.locator("#query-form").is_hidden()  # the editor took the form's place


def type_at_end(page, text: str):
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text, delay=30)


def test_an_example_runs_in_one_click_and_its_rows_lead_to_pages_here(site, page, shot):
    open_editor(page, site)
    assert page.locator("#examples li.example").count() == len(QUERIES)
    page.locator('#examples li[data-name="trust-funds"] a.run').click()
    rows = page.locator(".yasr table tbody tr")
    rows.first.wait_for()
    assert rows.count() > 3
    assert editor_text(page) == QUERIES["trust-funds"].text
    shot(page, "trust-funds")
    link = page.locator(".yasr table tbody a[href^='/id/']").first  # the IRI's path here, which sends to its page
    iri = link.get_attribute("title")
    assert iri.startswith("https://w3id.org/nato-ukraine-kg/id/")
    if link.get_attribute("target") == "_blank":  # YASR opens links beside the workbench
        with page.context.expect_page() as opened:
            link.click()
        target = opened.value
        target.wait_for_load_state()
    else:
        with page.expect_navigation():
            link.click()
        target = page
    assert urlsplit(target.url).path == "/doc/" + iri.rsplit("/", 1)[1]
    assert target.locator("main h1").is_visible()


def test_every_example_answers_in_the_editor(site, page):
    """Each example loaded with its edit link runs without an error and shows its answer."""
    open_editor(page, site)
    names = [li.get_attribute("data-name") for li in page.locator("#examples li.example").all()]
    assert len(names) == len(QUERIES)
    for name in names:
        with page.expect_response(lambda r: urlsplit(r.url).path == "/sparql" and r.request.method == "POST") as sent:
            page.locator(f'#examples li[data-name="{name}"] a.run').click()
        assert sent.value.status == 200, (name, sent.value.text())
        assert editor_text(page) == page.locator(f'#examples li[data-name="{name}"]').get_attribute("data-query")


def test_the_editor_completes_prefixes_classes_and_properties_from_this_endpoint(site, page, shot):
    open_editor(page, site, "/sparql?edit=1&query=" + "SELECT%20*%20WHERE%20%7B%0A%20%20")
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    type_at_end(page, "?x a nuo:Tru")
    hints = page.locator(".CodeMirror-hints .CodeMirror-hint")
    hints.first.wait_for()
    assert "nuo:TrustFund" in hints.all_inner_texts()
    shot(page, "class-hints")
    page.keyboard.press("Escape")
    type_at_end(page, " ; nuo:stat")
    hints.first.wait_for()
    assert any(h.startswith("nuo:status") for h in hints.all_inner_texts())
    assert requests and all(url.startswith(site) for url in requests)  # asked of this server only


def test_a_permalink_reopens_the_editor_on_its_query_and_follows_edits(site, page):
    query = 'SELECT ?s WHERE { ?s rdfs:label "Ukraine & NATO #1 é"@en }'
    open_editor(page, site, "/sparql?edit=1&query=" + page.evaluate("q => encodeURIComponent(q)", query))
    assert editor_text(page) == query
    assert page.locator(".yasr table").count() == 0  # opened, not run
    type_at_end(page, " LIMIT 5")
    expect(page.locator("#permalink")).to_have_attribute("href", re.compile("LIMIT"))
    href = page.locator("#permalink").get_attribute("href")
    assert parse_qs(urlsplit(href).query)["query"] == [query + " LIMIT 5"]
    assert parse_qs(urlsplit(page.url).query)["query"] == [query + " LIMIT 5"]
    page.goto(page.locator("#permalink").evaluate("a => a.href"))
    page.locator(EDITOR).wait_for()
    assert editor_text(page) == query + " LIMIT 5"


def test_the_answer_page_leads_back_into_the_editor(site, page):
    query = "SELECT ?summit WHERE { ?summit a nuo:Summit }"
    page.goto(site + "/sparql?format=html&query=" + page.evaluate("q => encodeURIComponent(q)", query))
    assert page.locator("#query-text").inner_text() == query
    with page.expect_navigation():
        page.locator("#edit-query").click()
    page.locator(EDITOR).wait_for()
    assert editor_text(page) == query


def test_an_error_page_marks_the_place_and_keeps_the_query(site, page, shot):
    query = "SELECT ?x WHERE {\n  ?x a nuo:Summit .\n  FILTER(?x = )\n}"
    url = site + "/sparql?format=html&query=" + page.evaluate("q => encodeURIComponent(q)", query)
    page.allow_failed(url)  # the page's own 400
    response = page.goto(url)
    assert response.status == 400
    assert page.locator("#error-position").is_visible()
    shot(page, "syntax-error")
    with page.expect_navigation():
        page.locator("#edit-query").click()
    page.locator(EDITOR).wait_for()
    assert editor_text(page) == query


@pytest.fixture
def plain_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_form_runs_queries(site, plain_page):
    plain_page.goto(site + "/sparql")
    assert plain_page.locator("#query-form").is_visible() and plain_page.locator("#workbench").is_hidden()
    plain_page.locator("#query").fill("SELECT ?fund WHERE { ?fund a nuo:TrustFund }")
    with plain_page.expect_navigation():
        plain_page.locator("#query-form button[type=submit]").click()
    assert plain_page.locator("table.answer tbody tr").count() > 3
    plain_page.goto(site + "/sparql")
    with plain_page.expect_navigation():
        plain_page.locator('#examples li[data-name="summits"] a.run').click()
    assert plain_page.locator("table.answer tbody tr").count() >= 1
