"""The named queries as a REST API, and the OpenAPI document of the server (issue 10), over HTTP."""

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from openapi_spec_validator import validate
from support.paths import PROJECT_ROOT
from support.settings import BROWSER, real_app

from nukg.core.formats import RESULTS, by_name
from nukg.kg.graph import load
from nukg.kg.queries import load_queries
from nukg.store.oxigraph import OxigraphStore
from nukg.store.querycheck import check_query

QUERIES = load_queries(PROJECT_ROOT / "queries")
SRJ = "application/sparql-results+json"


@pytest.fixture(scope="module")
def app():
    return real_app()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def store():
    return OxigraphStore.from_kg(load(PROJECT_ROOT))


def bound_rows(store, name, values=None):
    """What the store answers for the named query, its parameters bound as terms."""
    query = QUERIES[name]
    body = store.run(check_query(query.text), by_name(RESULTS, "json"), substitutions=query.substitutions(values)).body
    return json.loads(body)["results"]["bindings"]


def links(response) -> dict[str, str]:
    return {rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.headers.get("Link", ""))}


# --- every named query is an operation --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_named_query_answers_with_its_defaults(client, store, name):
    response = client.get(f"/api/queries/{name}", query_string={"limit": 10000})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    rows = response.json
    assert isinstance(rows, list) and len(rows) == len(bound_rows(store, name)) == int(response.headers["X-Total-Count"])


def test_the_list_names_every_operation_with_its_parameters(client):
    listing = client.get("/api/queries").json
    assert {q["name"] for q in listing["queries"]} == set(QUERIES)
    events = next(q for q in listing["queries"] if q["name"] == "events-in-year")
    assert events["parameters"][0]["name"] == "year" and events["parameters"][0]["type"] == "xsd:gYear"
    assert events["url"].endswith("/api/queries/events-in-year")


# --- parameters ------------------------------------------------------------------------------


def test_a_parameter_is_bound_as_a_term(client, store):
    rows = client.get("/api/queries/events-in-year", query_string={"year": "1997"}).json
    assert rows and {r["_year"] for r in rows} == {1997} or {str(r["_year"]) for r in rows} == {"1997"}
    assert len(rows) == len(bound_rows(store, "events-in-year", {"year": "1997"}))
    assert "Charter on a Distinctive Partnership" in {r["label"] for r in rows}


@pytest.mark.parametrize("args, culprit", [
    ({"year": "19x7"}, "'year'"),
    ({"year": '1997" . } DROP ALL #'}, "'year'"),
    ({"colour": "red"}, "'colour'"),
    ({"limit": "0"}, "'limit'"),
    ({"limit": "ten"}, "'limit'"),
    ({"offset": "-1"}, "'offset'"),
])
def test_a_bad_value_is_a_400_naming_the_parameter(client, args, culprit):
    response = client.get("/api/queries/events-in-year", query_string=args)
    assert response.status_code == 400 and response.json["ok"] is False
    assert culprit in response.json["error"] and response.json["request_id"]


def test_a_repeated_parameter_is_refused(client):
    response = client.get("/api/queries/events-in-year?year=1997&year=1998")
    assert response.status_code == 400 and "'year'" in response.json["error"]


def test_an_iri_parameter_takes_a_prefixed_name_or_an_iri_and_nothing_else(client, store):
    name = "bodies-under"
    param = QUERIES[name].params[0].name
    default = QUERIES[name].params[0].default
    full = client.get(f"/api/queries/{name}", query_string={param: default.replace("nuk:", PREFIX)}).json
    assert full == client.get(f"/api/queries/{name}", query_string={param: default}).json and full
    bad = client.get(f"/api/queries/{name}", query_string={param: "<nuk:x> } ?s ?p ?o {"})
    assert bad.status_code == 400 and repr(param) in bad.json["error"]


PREFIX = "https://w3id.org/nato-ukraine-kg/id/"


def test_an_unknown_query_is_a_404_pointing_to_the_list(client):
    response = client.get("/api/queries/no-such-query")
    assert response.status_code == 404 and "/api/queries" in response.json["error"]


# --- formats ---------------------------------------------------------------------------------


def test_rows_carry_labels_and_the_pages_urls(client):
    rows = client.get("/api/queries/trust-funds").json
    assert rows
    for row in rows:
        assert row["fund"].startswith(PREFIX)
        assert row["fund_label"] == row["label"]
        assert urlsplit(row["fund_url"]).path == "/doc/" + row["fund"][len(PREFIX):]
    page = client.get(urlsplit(rows[0]["fund_url"]).path, headers={"Accept": BROWSER})
    assert page.status_code == 200


@pytest.mark.parametrize("how", ["suffix", "accept"])
def test_csv_has_the_same_rows_and_columns(client, how):
    rows = client.get("/api/queries/trust-funds").json
    if how == "suffix":
        response = client.get("/api/queries/trust-funds.csv")
    else:
        response = client.get("/api/queries/trust-funds", headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(table[0]) == list(rows[0])
    assert [r["fund_url"] for r in table] == [r["fund_url"] for r in rows]
    assert [r["setUp"] for r in table] == ["" if r["setUp"] is None else str(r["setUp"]) for r in rows]


@pytest.mark.parametrize("how", [{"path": ".srj"}, {"accept": SRJ}])
def test_sparql_json_is_the_engines_answer(client, store, how):
    path = "/api/queries/trust-funds" + how.get("path", "")
    response = client.get(path, headers={"Accept": how["accept"]} if "accept" in how else {})
    assert response.mimetype == SRJ
    assert response.json["results"]["bindings"] == bound_rows(store, "trust-funds")


def test_an_unknown_format_is_a_406_listing_what_exists(client):
    response = client.get("/api/queries/trust-funds", headers={"Accept": "image/png"})
    assert response.status_code == 406 and "text/csv" in response.json["error"]
    assert client.get("/api/queries/trust-funds.png").status_code == 404  # a suffix we do not have names no query


# --- paging and caching ----------------------------------------------------------------------


def test_limit_and_offset_page_through_with_link_headers(client):
    everything = client.get("/api/queries/events-in-year", query_string={"year": "2014"}).json
    assert len(everything) > 4
    first = client.get("/api/queries/events-in-year", query_string={"year": "2014", "limit": 2})
    assert first.json == everything[:2] and first.headers["X-Total-Count"] == str(len(everything))
    pages, url = [], links(first).get("next")
    assert "prev" not in links(first)
    while url:
        response = client.get(url)
        pages += response.json
        assert parse_qs(urlsplit(url).query)["year"] == ["2014"]
        url = links(response).get("next")
    assert first.json + pages == everything
    last = client.get(links(first)["last"]).json
    assert last == everything[(len(everything) - 1) // 2 * 2:]


def test_answers_carry_etags_and_304(client):
    response = client.get("/api/queries/summits")
    etag = response.headers["ETag"]
    assert "public" in response.headers["Cache-Control"] and response.headers["Vary"] == "Accept"
    again = client.get("/api/queries/summits", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.data
    other = client.get("/api/queries/summits", query_string={"limit": 1}, headers={"If-None-Match": etag})
    assert other.status_code == 200


# --- the OpenAPI document and its page ---------------------------------------------------------


@pytest.fixture(scope="module")
def spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.json


def test_the_openapi_document_is_valid_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_named_query_is_an_operation_with_its_parameters(spec):
    for name, query in QUERIES.items():
        operation = spec["paths"][f"/api/queries/{name}"]["get"]
        assert operation["summary"] == query.summary and query.description in operation["description"]
        params = {p["name"]: p for p in operation["parameters"]}
        assert set(params) == {p.name for p in query.params} | {"limit", "offset"}
        for p in query.params:
            schema = params[p.name]["schema"]
            assert schema.get("default") in (p.default, int(p.default) if p.default and p.default.isdigit() else None)
            if p.enum:
                assert schema["enum"] == list(p.enum)


def test_the_document_covers_every_route_of_the_server(app, spec):
    documented = {re.sub(r"\{[^}]+\}", "{}", path) for path in spec["paths"]}
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<[^>]+>", "{}", rule.rule)
        if rule.endpoint == "static" or path.startswith("/api/queries/"):
            continue
        if path.endswith("/") and path != "/" and path[:-1] + "/{}" in documented | {p.rstrip("/") + "/{}" for p in documented}:
            continue  # a namespace's own address (/id/, /doc/...), described with its members
        assert path in documented or path.rstrip("/") in documented, path


def test_browsers_get_the_documentation_page(client):
    page = client.get("/api/", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert 'id="swagger-ui" data-spec="/api/openapi.json"' in text
    assert client.get("/api/", headers={"Accept": "application/json"}).json["queries"]


def test_operations_have_unique_ids_a_page_can_link_to(spec):
    ids = [operation["operationId"] for item in spec["paths"].values() for operation in item.values()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][A-Za-z0-9]*", i) for i in ids), ids  # no "_": Swagger UI's deep links
    assert spec["paths"]["/api/queries/trust-funds"]["get"]["operationId"] == "queryTrustFunds"
