"""``SELECT *`` over HTTP: the columns come in the order the query names its variables (as Jena and
Virtuoso give them), not the engine's alphabetical one, in the JSON head and the CSV header."""

import csv
import io
from urllib.parse import urlencode

import pytest

QUERY = "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 5"


@pytest.fixture(params=["in-process", "pooled"])
def get(request, app, pooled_app):
    client = (app if request.param == "in-process" else pooled_app).test_client()

    def send(text, accept):
        response = client.get("/sparql?" + urlencode({"query": text}), headers={"Accept": accept})
        assert response.status_code == 200, response.get_data(as_text=True)
        return response

    return send


def test_json_head_follows_the_query(get):
    body = get(QUERY, "application/sparql-results+json").get_json()
    assert body["head"]["vars"] == ["s", "p", "o"]
    assert len(body["results"]["bindings"]) == 5 and set(body["results"]["bindings"][0]) == {"s", "p", "o"}


def test_csv_header_follows_the_query(get):
    rows = list(csv.reader(io.StringIO(get(QUERY, "text/csv").get_data(as_text=True))))
    assert rows[0] == ["s", "p", "o"] and len(rows) == 6


def test_distinct_star_with_dollar_variables_and_values(get):
    text = "SELECT DISTINCT * { $thing a ?class . OPTIONAL { ?thing ?label ?text } } VALUES ?class { <x:none> }"
    assert get(text, "application/sparql-results+json").get_json()["head"]["vars"] == ["thing", "class", "label",
                                                                                         "text"]
