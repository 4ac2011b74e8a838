"""tests/http/test_api.py again (the named queries over the real data), answered by a real Oxigraph server
holding the release that `nukg publish` put there."""

import json

import pytest
from oxigraph_server import remote_app
from reruns import copied_from
from support.paths import PROJECT_ROOT

globals().update(copied_from("http/test_api.py", keep_out=("app", "test_sparql_json_is_the_engines_answer")))


@pytest.fixture(scope="module")
def app(real_server):
    application = remote_app(PROJECT_ROOT, real_server.query_url)
    yield application
    application.extensions["nukg.store"].close()


def unordered(rows: list[dict]) -> list[dict]:
    """Rows with each GROUP_CONCAT'd value as the set of its parts: SPARQL leaves their order to the engine, and
    a store on disk keeps its triples in another order than one in memory."""
    return [{var: {**term, "value": frozenset(term["value"].split(" | "))} for var, term in row.items()}
            for row in rows]


@pytest.mark.parametrize("how", [{"path": ".srj"}, {"accept": SRJ}])  # noqa: F821 - copied above
def test_sparql_json_is_the_engines_answer_but_for_the_order_of_concatenated_parts(client, store, how):
    path = "/api/queries/trust-funds" + how.get("path", "")
    response = client.get(path, headers={"Accept": how["accept"]} if "accept" in how else {})
    assert response.mimetype == SRJ  # noqa: F821
    embedded = client.application.extensions["nukg.queries"]["trust-funds"]
    assert response.json["head"]["vars"] == json.loads(
        store.query(embedded.text, accept=SRJ).body)["head"]["vars"]  # noqa: F821
    assert unordered(response.json["results"]["bindings"]) == unordered(bound_rows(store, "trust-funds"))  # noqa: F821
