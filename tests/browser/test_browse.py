"""Pages in a real browser (issue 9): the header's search suggestions, the timeline, the resource
pages' inferred statements, and no console error on any page.  Screenshots are saved as artefacts."""

import pytest

PAGES = ["/", "/doc/nato-ukraine-commission", "/doc/ontology", "/doc/ontology/TrustFund", "/doc/shapes",
         "/search?q=partnership", "/timeline", "/download/", "/doc/no-such-thing"]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_logs_a_console_error(site, page, shot, path):
    if path == "/doc/no-such-thing":
        page.allow_failed(site + path)  # the browser reports the page's own 404 in the console
    response = page.goto(site + path)
    assert response.status == (404 if path == "/doc/no-such-thing" else 200)
    page.wait_for_load_state("networkidle")
    assert page.locator("header form[role=search]").is_visible()
    shot(page, path.strip("/").replace("/", "_").replace("?", "_") or "home")


@pytest.mark.parametrize("typed, first, lands", [
    ("nuc", "NATO-Ukraine Commission", "/doc/nato-ukraine-commission"),
    ("jwgdr", "NATO-Ukraine Joint Working Group on Defence Reform", "/doc/joint-working-group-on-defence-reform"),
])
def test_the_header_search_suggests_and_opens_with_the_keyboard(site, page, shot, typed, first, lands):
    page.goto(site + "/doc/nato")
    box = page.locator("#header-q")
    box.press_sequentially(typed, delay=40)
    options = page.locator("#header-suggestions li[role=option]")
    options.first.wait_for(state="visible")
    assert options.first.inner_text() == first
    assert box.get_attribute("aria-expanded") == "true"
    shot(page, typed)
    box.press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    with page.expect_navigation():
        box.press("Enter")
    assert page.url == site + lands
    assert page.locator("h1").inner_text().startswith(first)


def test_a_suggestion_opens_with_a_click_and_escape_closes_the_list(site, page):
    page.goto(site + "/")
    box = page.locator("#header-q")
    box.press_sequentially("partnership for peace", delay=20)
    options = page.locator("#header-suggestions li[role=option]")
    options.first.wait_for(state="visible")
    box.press("Escape")
    assert page.locator("#header-suggestions").is_hidden()
    box.fill("")
    box.press_sequentially("partnership", delay=20)
    options.first.wait_for(state="visible")
    label = options.first.inner_text()
    options.first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(label)


def test_without_suggestions_the_search_box_still_searches(site, page):
    page.goto(site + "/")
    page.locator("#header-q").fill("nuc")
    with page.expect_navigation():
        page.locator("header form[role=search] button").click()
    assert "/search?q=nuc" in page.url
    assert page.locator("main ol li a").first.inner_text() == "NATO-Ukraine Commission"


def test_the_timeline_shows_every_dated_event_and_its_links_resolve(site, page, shot):
    events = page.request.get(site + "/timeline?format=json").json()["events"]
    assert len(events) > 40
    page.goto(site + "/timeline")
    drawing = page.locator("svg.timeline")
    assert drawing.is_visible()
    for event in events:
        marks = drawing.locator(f'a[href="{event["url"]}"]')
        assert marks.count() >= 1, event
    urls = sorted({e["url"] for e in events})
    for url in urls:
        assert page.request.get(site + url, headers={"Accept": "text/html"}).status == 200, url
    years = {e["date"][:4] for e in events}
    assert {"1991", "1997", "2022"} <= years
    shot(page, "timeline", full=True)
    drawing.scroll_into_view_if_needed()
    shot(page, "window")
    box = drawing.bounding_box()
    assert box["width"] > 600 and box["height"] > 100


def test_a_reader_can_hide_the_inferred_statements(site, page, shot):
    page.goto(site + "/doc/nato-ukraine-commission")
    inferred = page.locator("main .inferred")
    visible = [e for e in inferred.all() if e.is_visible()]
    rows_before = page.locator("main table tr:visible").count()
    assert visible, "the page shows some inferred statements"
    page.locator("#hide-inferred").check()
    assert not [e for e in inferred.all() if e.is_visible()]
    assert 0 < page.locator("main table tr:visible").count() <= rows_before  # the stated facts stay
    assert page.locator("main h1").inner_text().startswith("NATO-Ukraine Commission")
    shot(page, "hidden")
    page.locator("#hide-inferred").uncheck()
    assert len([e for e in inferred.all() if e.is_visible()]) == len(visible)


def test_a_page_runs_no_script_but_the_static_folders(site, page):
    """Even a script element slipped into a page cannot run a JSONP answer of this same server."""
    page.goto(site + "/doc/nato")
    ran = page.evaluate("""() => new Promise(done => {
        window.jsonpRan = false;
        document.addEventListener("securitypolicyviolation", e => done(["refused", e.violatedDirective]));
        const s = document.createElement("script");
        s.src = "/reconcile/suggest/entity?prefix=nato&callback=jsonpHit";
        window.jsonpHit = () => { window.jsonpRan = true; done(["ran"]); };
        document.head.appendChild(s);
        setTimeout(() => done(["timeout"]), 3000);
    })""")
    assert ran[0] == "refused" and ran[1].startswith("script-src"), ran
    page.problems.clear()  # the refusal is the browser's console error this test expects
