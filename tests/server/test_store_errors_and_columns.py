"""The store, in this process and in a query process: syntax errors said for people with their position,
and ``SELECT *`` columns in the order the query names them, in every results format."""

import csv
import io
import json
import pickle
import xml.etree.ElementTree as ET

import pytest
from support.paths import FIXTURE_PROJECT

from nukg.core.errors import QuerySyntaxError, ServiceRefused
from nukg.core.namespaces import PREFIX_IRIS
from nukg.kg.graph import load
from nukg.store.base import Snapshot
from nukg.store.oxigraph import OxigraphStore
from nukg.store.pooled import PooledStore

PREDECLARED = [f"{name}:" for name in sorted(PREFIX_IRIS)]
RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture(scope="module")
def snapshot():
    return Snapshot.from_kg(load(FIXTURE_PROJECT))


@pytest.fixture(scope="module", params=["in-process", "pooled"])
def store(request, snapshot):
    """Both stores: the pooled one's errors cross a process boundary on their way here."""
    if request.param == "in-process":
        yield OxigraphStore(snapshot)
        return
    pooled = PooledStore(snapshot, workers=1, timeout=10.0, queue_timeout=10.0)
    yield pooled
    pooled.close()


def refusal(store, text) -> QuerySyntaxError:
    with pytest.raises(QuerySyntaxError) as caught:
        store.query(text)
    return caught.value


# --- syntax errors ------------------------------------------------------------------------------


def test_an_undeclared_prefix_is_named_with_the_declared_ones(store):
    error = refusal(store, "SELECT ?x WHERE { ?x a foo:TrustFund }")
    assert error.message.startswith("The prefix foo: is not declared (in foo:TrustFund, line 1).")
    assert "PREFIX foo: <" in error.message
    assert ", ".join(PREDECLARED) in error.message
    assert "expected" not in error.message and "\\u{" not in error.message  # none of the engine's grammar
    assert len(error.message) < 400
    assert error.details == {
        "position": {"line": 1, "column": 37, "offset": 36},  # the engine's: just after the name
        "prefix": "foo:",
        "declared_prefixes": PREDECLARED,
    }
    assert error.internal is None  # a client's mistake: nothing for the log


def test_the_querys_own_prefixes_come_first(store):
    text = "PREFIX ex: <http://example.org/>\nPREFIX nuo: <http://example.org/o#>\nSELECT * {\n  ?x ex:p nou:Summit }"
    error = refusal(store, text)
    assert error.message.startswith("The prefix nou: is not declared (in nou:Summit, line 4).")
    assert error.details["declared_prefixes"] == ["ex:", "nuo:"] + [p for p in PREDECLARED if p != "nuo:"]
    assert error.message.endswith("Did you mean nuo:?")
    position = error.details["position"]
    assert position["line"] == 4 and text[position["offset"] - len("nou:Summit"):position["offset"]] == "nou:Summit"


@pytest.mark.parametrize(
    "text, line, column, says",
    [
        ("ASK {", 1, 6, "Syntax error at 1:6: the query ends too early."),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT x", 1, 35,
         'Syntax error at 1:35: "x" is not expected here; expected one of HAVING, OFFSET, OPTIONAL, VALUES or a '
         "number."),
        ("SELECT ?x\nWHERE { ?x ?p ?o OPTIONAL ?x }", 2, 27, 'Syntax error at 2:27: "?x" is not expected here; '
         'expected "{".'),
        ("SELECT * WHERE { ?s ?p ?o } GROUP BY ?s", 1, 40, "Syntax error at 1:40: SELECT * is not authorized"),
        ("SELECT ?x FROM <relative> WHERE { ?x ?y ?z }", 1, 26, "Syntax error at 1:26: <relative> is not a valid IRI."),
        ("SELECT ?s ?o WHERE { ?s ?p ?o } GROUP BY ?s", 1, 44, "Syntax error at 1:44: the SELECT lists a variable"),
    ],
)
def test_every_syntax_error_says_where_and_what(store, text, line, column, says):
    error = refusal(store, text)
    assert error.message.startswith(says)
    assert "[_]" not in error.message and "..=" not in error.message
    position = error.details["position"]
    assert (position["line"], position["column"]) == (line, column)
    assert text.split("\n")[line - 1][:column - 1] == text[:position["offset"]].split("\n")[-1]


def test_positions_count_characters_not_bytes(store):
    text = 'SELECT ?x WHERE { ?x ?p "é\\u00e9" . ?x ?q ?o } LIMIT ?x'
    position = refusal(store, text).details["position"]
    assert text[position["offset"]:] == "?x" and position["column"] == position["offset"] + 1


def test_the_checks_own_errors_carry_a_position_too(store):
    with pytest.raises(QuerySyntaxError) as caught:
        store.query("PREFIX ex: <http://x/>\n  {")
    assert caught.value.details == {"position": {"line": 2, "column": 3, "offset": 25}}
    with pytest.raises(ServiceRefused) as caught:
        store.query("SELECT * { SERVICE <http://x/> {} }")
    assert caught.value.details["position"]["offset"] == 11


def test_an_error_crosses_a_pipe_whole():
    error = QuerySyntaxError("message", internal="engine", position={"line": 1, "column": 2, "offset": 1}, prefix="x:")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is QuerySyntaxError
    assert (copy.message, copy.internal, copy.details, copy.status) == (error.message, "engine", error.details, 400)


# --- SELECT * -----------------------------------------------------------------------------------

STAR = "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


def columns(store, text, fmt) -> list[str]:
    body = store.query(text, format=fmt).body.decode()
    if fmt == "json":
        return json.loads(body)["head"]["vars"]
    if fmt in ("csv", "tsv"):
        header = next(csv.reader(io.StringIO(body), delimiter="," if fmt == "csv" else "\t"))
        return [name.lstrip("?") for name in header]
    return [v.get("name") for v in ET.fromstring(body).iter(f"{RESULTS_XML}variable")]


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_select_star_columns_follow_the_query(store, fmt):
    assert columns(store, STAR, fmt) == ["s", "p", "o"]
    assert columns(store, "select distinct* { $s ?p ?o . ?s a ?type } LIMIT 3", fmt) == ["s", "p", "o", "type"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SELECT REDUCED * { ?z ?y ?x } LIMIT 2", ["z", "y", "x"]),
        ('SELECT * # ?a comes first?\nWHERE { ?zz ?p "?a *" . OPTIONAL { ?zz ?q ?a } }', ["zz", "p", "q", "a"]),
        ("SELECT * WHERE { { SELECT ?p ?s WHERE { ?s ?p ?o } LIMIT 1 } ?s ?q ?n } VALUES ?a { 1 }",
         ["p", "s", "q", "n", "a"]),
        ("SELECT * WHERE { ?s ?p ?o BIND(1 AS ?b) } LIMIT 1", ["s", "p", "o", "b"]),
    ],
)
def test_select_star_in_corners_of_the_grammar(store, text, expected):
    assert columns(store, text, "json") == expected


def test_the_same_rows_as_the_engines_order(store, snapshot):
    spelled = json.loads(store.query(STAR, format="json").body)
    engine = json.loads(store.query(STAR.replace("*", "?o ?p ?s"), format="json").body)
    assert spelled["results"] == engine["results"] and len(spelled["results"]["bindings"]) > 10
