"""A query that will not parse gets a 400 a person can act on: an undeclared prefix is named with the
prefixes declared, every syntax error says where (also as ``position`` in the JSON body), in-process
and from the query processes alike."""

from urllib.parse import urlencode

import pytest

from nukg.core.namespaces import PREFIX_IRIS

EXAMPLE = "SELECT ?x WHERE { ?x a foo:TrustFund }"
JSON = "application/sparql-results+json"


@pytest.fixture(params=["in-process", "pooled"])
def send(request, app, pooled_app):
    """GET /sparql?query=... from the app that runs queries in the web process, or the pooled one."""
    client = (app if request.param == "in-process" else pooled_app).test_client()
    return lambda text, accept=JSON: client.get("/sparql?" + urlencode({"query": text}), headers={"Accept": accept})


def test_an_undeclared_prefix_is_named(send):
    response = send(EXAMPLE)
    assert response.status_code == 400 and response.mimetype == "application/json"
    body = response.get_json()
    declared = [f"{name}:" for name in sorted(PREFIX_IRIS)]
    assert body["error"].startswith("The prefix foo: is not declared (in foo:TrustFund, line 1).")
    assert ", ".join(declared) in body["error"]
    assert "expected one of" not in body["error"] and "'0' ..= '9'" not in body["error"]
    assert body["prefix"] == "foo:" and body["declared_prefixes"] == declared
    assert body["position"] == {"line": 1, "column": 37, "offset": 36}
    assert body["ok"] is False and body["status"] == 400


def test_the_querys_own_declarations_are_listed_first(send):
    body = send("PREFIX ex: <http://example.org/>\nSELECT * {\n ?s ex:p ?o .\n ?s exx:q ?o }").get_json()
    assert body["error"].startswith("The prefix exx: is not declared (in exx:q, line 4).")
    assert body["declared_prefixes"][0] == "ex:" and "Did you mean ex:?" in body["error"]
    assert body["position"]["line"] == 4


@pytest.mark.parametrize(
    "text, position",
    [
        ("ASK {", {"line": 1, "column": 6, "offset": 5}),
        ("SELECT *\nWHERE { ?s ?p ?o } LIMIT x", {"line": 2, "column": 26, "offset": 34}),
        ("HELLO", {"line": 1, "column": 1, "offset": 0}),  # found by the check, before the engine
    ],
)
def test_every_syntax_error_has_its_position(send, text, position):
    response = send(text)
    assert response.status_code == 400
    body = response.get_json()
    assert body["position"] == position
    assert f"error at {position['line']}:{position['column']}" in body["error"]


def test_the_error_page_gets_the_message_too(send):
    response = send(EXAMPLE, accept="text/html")
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "The prefix foo: is not declared" in response.get_data(as_text=True)


def test_a_bad_iri_is_said_as_one_not_as_an_undeclared_prefix(send):
    body = send("SELECT * WHERE { ?s ?p <http://a b> }").get_json()
    assert body["status"] == 400 and "<http://a b> is not a valid IRI" in body["error"]
    assert "prefix" not in body and "not declared" not in body["error"]
