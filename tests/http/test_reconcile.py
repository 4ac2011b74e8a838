"""/reconcile on the real project, as OpenRefine and other clients of the W3C Entity Reconciliation API 0.2
use it: every answer is checked against the specification's JSON schemas (tests/fixtures/reconciliation-schemas,
resolved locally, never fetched)."""

import json
import re
from pathlib import Path

import html5lib
import pytest
from jsonschema import Draft7Validator, Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT7
from support.pages import check_policy
from support.settings import BROWSER, real_app

from nukg.core.namespaces import NUK, NUO
from nukg.kg.reconcile import MAX_QUERY
from nukg.web.reconcile import MAX_BATCH, OPENAPI_PATHS, PREVIEW_POLICY

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "reconciliation-schemas"
JSON = {"Accept": "application/json"}


def refuse(uri: str):
    raise NoSuchResource(ref=uri)  # the tests never fetch a schema


def load_schemas() -> dict:
    return {path.relative_to(SCHEMAS).as_posix(): json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(SCHEMAS.rglob("*.json"))}


SPEC = load_schemas()
REGISTRY = Registry(retrieve=refuse).with_resources(
    (schema["$id"], DRAFT7.create_resource(schema)) for schema in SPEC.values())


def check(name: str, instance) -> None:
    """``instance`` is valid against the specification's schema ``name`` (``0.2/manifest.json``...)."""
    Draft7Validator(SPEC[name], registry=REGISTRY).validate(instance)


@pytest.fixture(scope="module")
def app():
    return real_app()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def manifest_of(client) -> dict:
    response = client.get("/reconcile")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.json


def reconcile(client, queries: dict, method: str = "post") -> dict:
    check("0.2/reconciliation-query-batch.json", queries)
    if method == "post":
        response = client.post("/reconcile", data={"queries": json.dumps(queries)})
    else:
        response = client.get("/reconcile", query_string={"queries": json.dumps(queries)})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json" and response.headers["Access-Control-Allow-Origin"] == "*"
    check("0.2/reconciliation-result-batch.json", response.json)
    return response.json


def one(client, query: str, **more) -> list[dict]:
    return reconcile(client, {"q0": {"query": query, **more}})["q0"]["result"]


def error_of(response, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.json
    assert body["ok"] is False and body["status"] == status and body["request_id"]
    return body["error"]


# --- the manifest --------------------------------------------------------------------------------------


def test_the_manifest(client):
    manifest = manifest_of(client)
    check("0.2/manifest.json", manifest)
    assert manifest["versions"] == ["0.2"] and manifest["batchSize"] == MAX_BATCH
    assert manifest["identifierSpace"] == str(NUK) and manifest["schemaSpace"] == str(NUO)
    assert manifest["view"]["url"] == "http://localhost/id/{{id}}"
    assert manifest["preview"] == {"url": "http://localhost/reconcile/preview?id={{id}}", "width": 420, "height": 180}
    defaults = {t["id"]: t for t in manifest["defaultTypes"]}
    assert {"Body", "Programme", "TrustFund", "Agreement", "Event", "State"} <= set(defaults)
    assert defaults["TrustFund"] == {"id": "TrustFund", "name": "Trust fund",
                                     "broader": [{"id": "CooperationInstrument", "name": "Cooperation instrument"}]}
    assert client.get("/reconcile/").json == manifest
    assert client.post("/reconcile").json == manifest


def test_the_manifests_addresses_answer(client):
    manifest = manifest_of(client)
    local = lambda url: url.replace("http://localhost", "")  # noqa: E731
    thing = client.get(local(manifest["view"]["url"].replace("{{id}}", "nato-ukraine-commission")))
    assert thing.status_code == 303 and thing.headers["Location"].endswith("/doc/nato-ukraine-commission")
    services = [*manifest["suggest"].values(), manifest["extend"]["propose_properties"]]
    for service in services:
        url = local(service["service_url"] + service["service_path"])
        assert client.get(url, query_string={"prefix": "nato", "type": "Body"}).status_code == 200, url
    preview = client.get(local(manifest["preview"]["url"].replace("{{id}}", "ukraine")))
    assert preview.status_code == 200 and preview.mimetype == "text/html"


# --- reconciliation ---------------------------------------------------------------------------------------

NAMES = [  # names from the source, and the things they stand for
    ("NUC", "Body", "nato-ukraine-commission"),
    ("NATO-Ukraine Commission", "Commission", "nato-ukraine-commission"),
    ("Partnership for Peace", "Programme", "partnership-for-peace"),
    ("Comprehensive Assistance Package", "CooperationInstrument", "comprehensive-assistance-package"),
    ("Ukraine", "State", "ukraine"),
    ("Defence Education Enhancement Programme", "Programme", "defence-education-enhancement-programme"),
    ("DEEP", "nuo:Programme", "defence-education-enhancement-programme"),
    ("Russia", str(NUO.State), "russia"),
]


@pytest.mark.parametrize("name, cls, expected", NAMES, ids=[n[0] for n in NAMES])
@pytest.mark.parametrize("typed", [False, True], ids=["any type", "typed"])
def test_names_from_the_source_match_their_things(client, app, name, cls, expected, typed):
    results = one(client, name, **({"type": cls, "type_strict": "should"} if typed else {}))
    best = results[0]
    assert best["id"] == expected and best["match"] is True, results[:3]
    assert not any(c["match"] for c in results[1:])
    assert best["score"] >= 80 and all(c["score"] <= best["score"] - 10 for c in results[1:])
    assert (NUK[best["id"]], None, None) in app.extensions["nukg.kg"].data  # identifierSpace + id is the IRI
    if typed:
        wanted = cls.rpartition("/")[2].rpartition(":")[2]
        assert all(any(t["id"] == wanted for t in c["type"]) for c in results)


@pytest.mark.parametrize("name", ["Commission", "NATO-Ukraine", "trust fund", "Defence", "Partnership"])
def test_weak_or_ambiguous_names_do_not_match(client, name):
    results = one(client, name)
    assert results and not any(c["match"] for c in results)


def test_a_type_keeps_its_instances_and_its_subclasses(client):
    assert one(client, "NUC", type="State") == []
    bodies = one(client, "NATO-Ukraine", type="Body", limit=50)
    assert "nato-ukraine-commission" in [c["id"] for c in bodies]  # a Commission is a Body
    assert all(any(t["id"] == "Body" for t in c["type"]) for c in bodies)


def test_a_property_constraint_changes_the_ranking(client):
    """Of the trust funds, "Trust Fund" alone puts the shortest name first; the area of cooperation (by name or
    by id) or the completion year ("the Cyber Defence Trust Fund ... completed in 2017") picks the cyber fund."""
    plain = one(client, "Trust Fund", type="TrustFund")
    assert plain[0]["id"] == "c4-trust-fund" and not plain[0]["match"]
    for constraint in ({"pid": "area", "v": "Cyber defence"}, {"pid": "area", "v": {"id": "area-cyber-defence"}},
                       {"pid": "completionDate", "v": "2017"}, {"pid": "nuo:status", "v": "completed"}):
        ranked = one(client, "Trust Fund", type="TrustFund", properties=[constraint])
        assert ranked[0]["id"] == "cyber-defence-trust-fund", constraint
        assert ranked[0]["score"] > plain[0]["score"] > ranked[-1]["score"]


def test_a_contradicting_property_takes_away_the_match(client):
    assert one(client, "NUC", properties=[{"pid": "representedMember", "v": "Ukraine"}])[0]["match"] is True
    contradicted = one(client, "NUC", properties=[{"pid": "representedMember", "v": "Russia"}])
    assert contradicted[0]["id"] == "nato-ukraine-commission" and contradicted[0]["match"] is False


def test_a_batch_by_get_and_by_post_gives_one_answer(client):
    batch = {f"q{i}": {"query": name} for i, (name, _, _) in enumerate(NAMES)}
    batch["limited"] = {"query": "Ukraine", "limit": 2}
    posted = reconcile(client, batch)
    assert reconcile(client, batch, method="get") == posted and set(posted) == set(batch)
    assert [posted[f"q{i}"]["result"][0]["id"] for i in range(len(NAMES))] == [n[2] for n in NAMES]
    assert len(posted["limited"]["result"]) == 2


def test_a_full_batch_is_answered_and_a_larger_one_refused(client):
    batch = {f"q{i}": {"query": "NUC"} for i in range(MAX_BATCH)}
    assert len(reconcile(client, batch)) == MAX_BATCH
    batch["one more"] = {"query": "NUC"}
    response = client.post("/reconcile", data={"queries": json.dumps(batch)}, headers=JSON)
    assert str(MAX_BATCH) in error_of(response, 413)


@pytest.mark.parametrize("form, status, complaint", [
    ({"queries": "{not json"}, 400, "'queries' is not JSON"),
    ({"queries": "[]"}, 400, "must be a JSON object"),
    ({"queries": json.dumps({"q0": {"query": "x" * (MAX_QUERY + 1)}})}, 400, "at most"),
    ({"queries": json.dumps({"q0": {"query": "NUC", "type": "Spaceship"}})}, 400, "No class 'Spaceship'"),
    ({"queries": json.dumps({"q0": {"query": "NUC", "limit": -1}})}, 400, "'limit'"),
    ({"queries": json.dumps({"q0": {"query": "NUC", "properties": [{"pid": "colour", "v": "red"}]}})}, 400,
     "No property 'colour'"),
    ({"queries": "{}", "extend": "{}"}, 400, "not both"),
    ({"queries": "x" * 70_000}, 413, "longer than"),
    ({"extend": json.dumps({"ids": ["ukraine"]})}, 400, "'extend' must be"),
    ({"extend": json.dumps({"ids": ["ukraine"] * 101, "properties": [{"id": "area"}]})}, 413, "at most"),
    ({"extend": json.dumps({"ids": ["ukraine"], "properties": [{"id": "colour"}]})}, 400, "No property 'colour'"),
])
def test_bad_requests_get_the_apps_error_shape(client, form, status, complaint):
    assert complaint in error_of(client.post("/reconcile", data=form, headers=JSON), status)
    assert complaint in error_of(client.get("/reconcile", query_string=form, headers=JSON), status)


def test_a_repeated_parameter_is_refused(client):
    response = client.get("/reconcile?queries={}&queries={}", headers=JSON)
    assert "given 2 times" in error_of(response, 400)


# --- suggest, preview, data extension, property proposals -----------------------------------------------


def suggest(client, kind: str, schema: str, **args) -> list[dict]:
    response = client.get(f"/reconcile/suggest/{kind}", query_string=args)
    assert response.status_code == 200 and response.mimetype == "application/json", response.get_data(as_text=True)
    check(f"0.2/{schema}", response.json)
    return response.json["result"]


def test_entity_suggestions(client):
    found = suggest(client, "entity", "suggest-entities-response.json", prefix="Partnership for Pea")
    assert found[0]["id"] == "partnership-for-peace" and found[0]["name"] == "Partnership for Peace"
    assert {"id": "Programme", "name": "Programme"} in found[0]["notable"] and found[0]["description"]
    typed = suggest(client, "entity", "suggest-entities-response.json", prefix="nato", type="Commission")
    assert [e["id"] for e in typed] == ["nato-ukraine-commission"]
    everything = suggest(client, "entity", "suggest-entities-response.json", prefix="trust fund", limit=100)
    page = suggest(client, "entity", "suggest-entities-response.json", prefix="trust fund", cursor=2, limit=3)
    assert page == everything[2:5]
    assert suggest(client, "entity", "suggest-entities-response.json", prefix="") == []


def test_type_and_property_suggestions(client):
    types = suggest(client, "type", "suggest-types-response.json", prefix="trust")
    assert types[0]["id"] == "TrustFund" and types[0]["broader"][0]["id"] == "CooperationInstrument"
    assert len(suggest(client, "type", "suggest-types-response.json", prefix="", limit=100)) > 50
    properties = [p["id"] for p in suggest(client, "property", "suggest-properties-response.json", prefix="part")]
    assert {"partOf", "party", "participant", "partner"} <= set(properties)
    assert suggest(client, "property", "suggest-properties-response.json", prefix="altlabel")[0]["id"] == \
        "skos:altLabel"


@pytest.mark.parametrize("args", [{"cursor": "-1"}, {"limit": "0"}, {"limit": "101"}, {"prefix": "x" * 201},
                                  {"type": "Spaceship"}])
def test_bad_suggest_parameters_are_refused(client, args):
    error_of(client.get("/reconcile/suggest/entity", query_string={"prefix": "nato", **args}, headers=JSON), 400)
    assert client.get("/reconcile/suggest/things?prefix=nato", headers=JSON).status_code == 404


def test_the_preview_is_a_small_page_that_others_may_frame(client):
    response = client.get("/reconcile/preview?id=nato-ukraine-commission")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Security-Policy"] == PREVIEW_POLICY and "frame-ancestors *" in PREVIEW_POLICY
    assert "script-src" not in PREVIEW_POLICY  # default-src 'none': no script at all
    text = response.get_data(as_text=True)
    doc = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    assert "<script" not in text.lower() and "<form" not in text.lower() and len(text) < 4000
    link = doc.find(".//a[@id='page']")
    assert link.get("href") == "http://localhost/doc/nato-ukraine-commission" and link.text == "NATO-Ukraine Commission"
    assert "Ukraine&#39;s reforms" in text  # the text is escaped
    assert "NUC" in text and "Commission, Body" in text
    check_policy(client.get("/search?q=nuc", headers={"Accept": BROWSER}).headers)  # other pages keep theirs


def test_a_preview_of_nothing_is_an_error(client):
    assert "No thing" in error_of(client.get("/reconcile/preview?id=<b>x</b>", headers=JSON), 404)
    assert "required" in error_of(client.get("/reconcile/preview", headers=JSON), 400)
    page = client.get("/reconcile/preview?id=<b>x</b>", headers={"Accept": BROWSER})
    assert page.status_code == 404 and "<b>x</b>" not in page.get_data(as_text=True)
    check_policy(page.headers)  # an error page is one of the app's pages, framed by nobody


def extend(client, ids: list[str], properties: list[str]) -> dict:
    request = {"ids": ids, "properties": [{"id": p} for p in properties]}
    check("0.2/data-extension-query.json", request)
    response = client.post("/reconcile", data={"extend": json.dumps(request)})
    assert response.status_code == 200, response.get_data(as_text=True)
    check("0.2/data-extension-response.json", response.json)
    assert client.get("/reconcile", query_string={"extend": json.dumps(request)}).json == response.json
    return response.json


def test_data_extension_gives_the_graphs_values(client):
    answer = extend(client, ["comprehensive-assistance-package", "ukraine", "no-such-thing"],
                    ["provider", "startDate", "skos:altLabel", "rdf:type"])
    assert answer["meta"][0] == {"id": "provider", "name": "provider"}
    rows = answer["rows"]
    assert rows["comprehensive-assistance-package"]["provider"] == [{"id": "nato", "name": "NATO"},
                                                                    {"id": "nato-allies", "name": "NATO Allies"}]
    assert rows["comprehensive-assistance-package"]["startDate"] == [{"str": "2016-07"}]  # a month stays a month
    assert sorted(v["str"] for v in rows["comprehensive-assistance-package"]["skos:altLabel"]) == [
        "CAP", "Comprehensive Assistance Package"]
    assert {"str": "State"} in rows["ukraine"]["rdf:type"]
    assert rows["no-such-thing"] == {"provider": [], "startDate": [], "skos:altLabel": [], "rdf:type": []}


def test_extended_things_are_in_the_identifier_space(client):
    answer = extend(client, ["nato-ukraine-commission"], ["representedMember", "establishedBy"])
    assert answer["meta"][1]["id"] == "establishedBy"
    # a joint NATO-Ukraine body: the Allies and Ukraine are represented in it
    assert sorted(v["id"] for v in answer["rows"]["nato-ukraine-commission"]["representedMember"]) == [
        "nato-allies", "ukraine"]
    for value in answer["rows"]["nato-ukraine-commission"]["establishedBy"]:
        assert one(client, value["id"])[0]["id"] == value["id"]  # an id given as a query finds its thing


def test_property_proposals(client):
    response = client.get("/reconcile/propose_properties?type=TrustFund&limit=5")
    assert response.status_code == 200
    body = response.json
    check("1.0-draft/data-extension-property-proposal.json", body)
    assert body["type"] == "TrustFund" and body["limit"] == 5 and len(body["properties"]) == 5
    everything = client.get("/reconcile/propose_properties?type=TrustFund").json
    assert "limit" not in everything and {"area", "beneficiary", "status", "provider"} <= {
        p["id"] for p in everything["properties"]}
    assert everything["properties"][:5] == body["properties"]
    assert "required" in error_of(client.get("/reconcile/propose_properties", headers=JSON), 400)
    assert "No class" in error_of(client.get("/reconcile/propose_properties?type=Nope", headers=JSON), 400)


# --- JSONP, CORS, caching, the OpenAPI description -------------------------------------------------------


@pytest.mark.parametrize("path", ["/reconcile", "/reconcile?queries=" + json.dumps({"a": {"query": "NUC"}}),
                                  "/reconcile/suggest/type?prefix=trust", "/reconcile/propose_properties?type=Body"])
def test_jsonp_wraps_the_same_json(client, path):
    plain = client.get(path).json
    joiner = "&" if "?" in path else "?"
    response = client.get(path + joiner + "callback=jQuery3510_17.done")
    assert response.status_code == 200 and response.mimetype == "application/javascript"
    text = response.get_data(as_text=True)
    called = re.fullmatch(r"/\*\*/jQuery3510_17\.done\((.*)\);", text, re.DOTALL)
    assert called and json.loads(called.group(1)) == plain and text.isascii()


@pytest.mark.parametrize("callback", ["alert(1)", "a;b", "a b", "", "1abc", "a..b", "a.b.c.d.e", "x" * 65,
                                      "</script>", "a\u2028b"])
def test_a_callback_that_is_not_a_plain_name_is_refused(client, callback):
    response = client.get("/reconcile", query_string={"callback": callback}, headers=JSON)
    assert "callback" in error_of(response, 400) and response.mimetype == "application/json"


def test_answers_are_cached_and_open_to_every_origin(client):
    response = client.get("/reconcile/suggest/entity?prefix=nuc")
    assert response.headers["Access-Control-Allow-Origin"] == "*" and "public" in response.headers["Cache-Control"]
    preflight = client.options("/reconcile", headers={"Origin": "https://example.org",
                                                      "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200 and "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_the_openapi_paths_describe_every_route_and_the_answers(app, client):
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": OPENAPI_PATHS,
                "components": {"schemas": {"Error": {"type": "object"}}}}
    validate_openapi(document)
    routes = {rule.rule.rstrip("/") for rule in app.url_map.iter_rules() if rule.endpoint.startswith("reconcile.")}
    assert routes == set(OPENAPI_PATHS)
    answers = [("/reconcile", "get", client.get("/reconcile")),
               ("/reconcile", "get", client.get("/reconcile", query_string={"queries": '{"a": {"query": "NUC"}}'})),
               ("/reconcile", "post", client.post("/reconcile", data={"extend": json.dumps(
                   {"ids": ["ukraine"], "properties": [{"id": "rdf:type"}]})})),
               ("/reconcile/suggest/entity", "get", client.get("/reconcile/suggest/entity?prefix=nato")),
               ("/reconcile/suggest/type", "get", client.get("/reconcile/suggest/type?prefix=b")),
               ("/reconcile/suggest/property", "get", client.get("/reconcile/suggest/property?prefix=p")),
               ("/reconcile/propose_properties", "get", client.get("/reconcile/propose_properties?type=Body"))]
    for path, method, response in answers:
        content = OPENAPI_PATHS[path][method]["responses"]["200"]["content"]
        Draft202012Validator(content["application/json"]["schema"]).validate(response.json)
