"""The editor's copy of a named query binds its parameters' defaults in a VALUES block that opens the query's
own WHERE group (web/workbench.py): the same answers as binding them as terms."""

import json

import pytest

from nukg.core.formats import RESULTS, by_name
from nukg.kg.queries import read_query_file
from nukg.store.base import Snapshot
from nukg.store.oxigraph import OxigraphStore
from nukg.store.querycheck import check_query
from nukg.web.workbench import editor_text

DATA = b"""<http://e/a> <http://e/p> "x\\n\\"y\\"" .
<http://e/a> <http://e/q> <http://e/b> .
<http://e/c> <http://e/q> <http://e/d> .
"""


@pytest.fixture(scope="module")
def store():
    return OxigraphStore(Snapshot(nquads=DATA, version="t", prefixes={}))


def rows(store, text, substitutions=None):
    body = store.run(check_query(text), by_name(RESULTS, "json"), substitutions=substitutions).body
    return sorted(json.dumps(b, sort_keys=True) for b in json.loads(body)["results"]["bindings"])


@pytest.mark.parametrize("header, text", [
    # the outer query has no WHERE keyword, a sub-SELECT has one: the block goes in the outer group
    ('[{name: s, type: iri, default: "http://e/a"}]',
     "SELECT ?o ?_s { { SELECT ?x WHERE { ?x ?p ?y } } ?_s <http://e/q> ?o }"),
    # a projection holding a group (EXISTS) before the WHERE group
    ('[{name: s, type: iri, default: "http://e/c"}]',
     "SELECT ?o (EXISTS { ?_s ?p ?o } AS ?e) ?_s WHERE { ?_s <http://e/q> ?o }"),
    # a string default with a newline and quotes
    ('[{name: v, type: xsd:string, default: "x\\n\\"y\\""}]',
     "SELECT ?s ?_v WHERE { ?s <http://e/p> ?o FILTER(STR(?o) = ?_v) }"),
])
def test_the_editors_copy_answers_as_the_bound_query(tmp_path, store, header, text):
    path = tmp_path / "q.rq"
    path.write_text(f"#+ params: {header}\n{text}\n", encoding="utf-8")
    query = read_query_file(path)
    copy = editor_text(query)
    assert "VALUES (" in copy
    assert rows(store, copy) == rows(store, query.text, query.substitutions()) != []


def test_a_parameter_without_a_default_stays_a_variable(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("#+ params: [{name: s, type: iri}]\nSELECT ?o ?_s WHERE { ?_s ?p ?o }\n", encoding="utf-8")
    query = read_query_file(path)
    assert editor_text(query) == query.text
