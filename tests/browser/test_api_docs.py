"""The API's documentation page in a real browser (issue 10): Swagger UI shows every operation of the
OpenAPI document, and "Try it out" runs a named query against this server."""

from playwright.sync_api import expect
from support.paths import PROJECT_ROOT

from nukg.kg.queries import load_queries

QUERIES = load_queries(PROJECT_ROOT / "queries")


def test_the_docs_page_lists_every_operation_and_runs_one(site, page, shot):
    spec = page.request.get(site + "/api/openapi.json").json()
    ids = {operation["operationId"] for item in spec["paths"].values() for operation in item.values()}
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site + "/api/docs")
    page.locator(".opblock").first.wait_for()
    shot(page, "top")
    shown: set[str] = set()
    for _ in range(200):  # the page draws only the sections in view: scroll through, noting each one
        shown |= set(page.locator(".opblock").evaluate_all("blocks => blocks.map(b => b.id.split('-').pop())"))
        if shown >= ids or page.evaluate("() => innerHeight + scrollY >= document.body.scrollHeight - 2"):
            break
        page.evaluate("() => scrollBy(0, 600)")
        page.wait_for_timeout(50)
    assert shown == ids  # every operation, once or under each of its tags
    page.goto(site + "/")
    page.goto(site + "/api/docs#/queries/queryTrustFunds")  # a deep link opens the operation
    block = page.locator("#operations-queries-queryTrustFunds")
    expect(block.locator("button.try-out__btn")).to_be_visible(timeout=15_000)
    block.locator("button.try-out__btn").click()
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert "C4 Trust Fund" in block.locator(".live-responses-table tbody").inner_text()
    shot(page, "try-it-out")
    assert requests and all(url.startswith(site) for url in requests)  # nothing from another host
