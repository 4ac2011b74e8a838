"""Issue 8, point 2, as a property: whatever the text, a query either is refused by the check or
makes no connection.

Hypothesis writes queries that hide SERVICE in every place the grammar leaves room for: after
comments and escapes, next to strings of the four quote forms, glued to a ``<`` comparison, in
mixed case or with ``\\u`` escapes, in nested OPTIONAL / MINUS / UNION / GRAPH / sub-SELECT /
FILTER EXISTS groups, with blanks and comments between the tokens.  Each query goes to
:func:`check_query`; one it lets through is run by pyoxigraph in this process (which has the
network), against an empty store, with a listener on the loopback as the endpoint: the listener
must get no connection.  Then the same through HTTP, for the two queries of the issue.
"""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from support.listener import Listener, fill, run_in_engine
from support.paths import FIXTURE_PROJECT

from nukg.core.errors import HTTPError
from nukg.store.querycheck import check_query
from nukg.web.app import create_app

# Stand-ins for the listener's address, filled in per test: HOST is 127.0.0.1:port, URL its endpoint.
HOST, URL = "HOST", "<URL>"

PROLOGUE = (
    "PREFIX ex: <http://example.org/ns/>\n"
    "PREFIX ep: <http://HOST/>\n"  # ep: and ep:sparql name the listener
    "PREFIX : <http://HOST/>\n"
    "PREFIX frag: <http://HOST/ns#>\n"  # a fragment already: a local part with \\# makes no valid IRI
)
BAD_PREFIX = "PREFIX bad: <http://HOST>\n"  # no path: ``bad:SERVICE:`` makes no valid IRI, the parser falls back

ISSUE_QUERIES = (
    "SELECT * WHERE { OPTIONAL { ?s ?p nuk:a\\# } SERVICE <URL> { ?x ?y ?z } }",
    "SELECT * WHERE { FILTER(1<2)SERVICE#>\n<URL> { ?x ?y ?z } }",
)


# -- the pieces of a query ------------------------------------------------------------------------

# between two tokens: nothing (tokens glued where the parser allows it), blanks, comments
gaps = st.sampled_from(["", " ", "  ", "\n", "\t", "\r\n", " # a comment\n", "#SERVICE <URL> {}\n", "# } {\n"])
spaced_gaps = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", " # a comment\n", "# } {\n"])


@st.composite
def keywords(draw) -> str:
    """SERVICE in any case, now and then with a letter as a \\u escape (the engine does not expand those)."""
    word = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in "SERVICE")
    if draw(st.integers(0, 19)) == 0:
        at = draw(st.integers(0, 6))
        word = word[:at] + f"\\u{ord(word[at]):04X}" + word[at + 1:]
    return word


endpoints = st.sampled_from([URL, "ep:", "ep:sparql", "<http://HOST/sparql>"])
inner_patterns = st.sampled_from(["", "?x ?y ?z", "?x ?y ?z .", "?x ?y ?z FILTER(?z < 3)"])


@st.composite
def service_clauses(draw) -> str:
    """A SERVICE clause the parser takes, with gaps between its tokens."""
    silent = draw(st.sampled_from(["", "SILENT", "silent"]))
    head = draw(keywords()) + (draw(spaced_gaps) + silent if silent else "")
    return head + draw(gaps) + draw(endpoints) + draw(gaps) + "{" + draw(gaps) + draw(inner_patterns) + draw(gaps) + "}"


# What may come right before the keyword with nothing in between and leave a query the parser
# takes (each checked against pyoxigraph): ways to hide the keyword from a loose scanner.
glued_before = st.one_of(
    st.sampled_from(["", "?s ?p ?o.", "?s ?p ?o .", "?s ?p 1", "?s ?p 1.5e3", "?s ?p true"]),
    st.sampled_from(['?s ?p "x"', "?s ?p 'x'@en ", "?s ?p '''a'''", '?s ?p """a"""', "?s ?p <http://example.org/a>",
                     '?s ?p "#"', "?s ?p '#'", '?s ?p """a"b#"""', "?s ?p '''a''b#'''", '?s ?p "a\\"#"']),
    st.sampled_from(["?s ?p ex:a.b.", "?s ?p nuk:a\\# ", "?s ?p nuk:a.b\\.c."]),
    st.sampled_from([
        "BIND(1 AS ?two)", "FILTER(1<2)", "FILTER(1<=2)", "FILTER(?one<2&&?one>0)", 'FILTER(?one != "<")',
        "?s ?p (1 <http://example.org/#a>)", "VALUES ?v { 1 }", "OPTIONAL { ?s ?p ?o }", "?s ?p [ ?q 1 ]",
        "FILTER(<<( <http://a> <http://b> <http://c> )>> != 1)",
    ]),
)


@st.composite
def less_than_tricks(draw) -> str:
    """The issue's trick: "<" after an operand in brackets, up to a ">" in a comment after the keyword."""
    left = draw(st.sampled_from(["1", "?one", "1.5", "(1)", 'STRLEN("a")', "?one+0", "<http://example.org/>", '"a"']))
    comparison = left + draw(st.sampled_from(["<", "<="])) + draw(st.sampled_from(["2", "3", "?one+1"]))
    wrapper = draw(st.sampled_from(["FILTER({})", "FILTER(({}))", "FILTER(true&&{})", "BIND({}AS?b)"]))
    head = wrapper.format(comparison) + draw(keywords()) + draw(st.sampled_from(["", " SILENT"])) + "#>"
    return head + draw(st.sampled_from(["\n", "\r\n", "\n# more\n"])) + draw(endpoints) + draw(gaps) + "{}"


@st.composite
def fallback_tricks(draw) -> str:
    """A prefixed name that makes no valid IRI: the parser falls back to the bare prefix, then the keyword."""
    name = draw(st.sampled_from(["bad:{kw}:", "bad:true{kw}:", "frag:{kw}:sparql\\#", "rdf:{kw}:\\#"]))
    return "?s ?p " + name.format(kw=draw(keywords())) + draw(gaps) + "{}"


hidden_services = st.one_of(
    less_than_tricks(), fallback_tricks(), st.builds(str.__add__, glued_before, service_clauses()),
)


def _quote(body: str, quote: str) -> str:
    """``body`` as a SPARQL string of the given quote form, escaped as the grammar wants."""
    if len(quote) == 1:
        body = body.replace("\\", "\\\\").replace(quote, "\\" + quote).replace("\n", "\\n").replace("\r", "\\r")
    else:
        body = body.replace("\\", "\\\\").replace(quote[0], "\\" + quote[0])
    return quote + body + quote


@st.composite
def decoys(draw) -> str:
    """The word SERVICE where the parser never reads the keyword: strings, comments, IRIs, names."""
    clause = draw(service_clauses())
    kind = draw(st.integers(0, 6))
    if kind == 0:
        body = draw(st.sampled_from(["", "a", "it's", 'say "', "''", '""', "\\", "#", "\n"])) + clause
        quote = draw(st.sampled_from(["'", '"', "'''", '"""']))
        return "?s ?p " + _quote(body, quote) + draw(st.sampled_from(["", "@en", "^^xsd:string"])) + " ."
    if kind == 1:
        return "# " + clause + "\n"
    if kind == 2:
        return "?s <http://example.org/" + draw(keywords()) + "> ?o ."
    if kind == 3:
        return "?s ex:" + draw(st.sampled_from(["{kw}", "my-{kw}", "a.{kw}", "{kw}-2014", "a\\-{kw}"])).format(
            kw=draw(keywords())) + " ?o ."
    if kind == 4:
        return "?" + draw(keywords()) + " ?p $" + draw(keywords()) + " ."
    if kind == 5:
        return '?s ?p "x"@en-' + draw(keywords()) + " ."
    glued = draw(st.sampled_from(["_:b", "_:b.", "'x'@en", '"x"^^xsd:string', "ex:a", "nuk:a\\#", "?o"]))
    return "?s ?p " + glued + draw(keywords()) + " ."


parts = st.one_of(hidden_services, hidden_services, decoys(), st.sampled_from(["?s ?p ?o .", "BIND(2 AS ?two)", ""]))


def _nest(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    groups = st.sampled_from([
        "{{ {0} }}", "OPTIONAL {{ {0} }}", "MINUS {{ {0} }}", "{{ {0} }} UNION {{ {0} }}", "{{ }} UNION {{ {0} }}",
        "GRAPH ?g {{ {0} }}", "{{ SELECT * WHERE {{ {0} }} }}", "FILTER EXISTS {{ {0} }}",
        "FILTER NOT EXISTS {{ {0} }}", "FILTER(EXISTS {{ {0} }})",
    ])
    return st.builds(lambda group, body, gap: gap + group.format(body) + gap, groups, inner, gaps)


bodies = st.recursive(
    st.lists(parts, min_size=1, max_size=2).map(" ".join),
    lambda inner: st.lists(st.one_of(_nest(inner), parts), min_size=1, max_size=2).map(" ".join),
    max_leaves=4,
)
queries = st.builds(
    lambda bad, body: PROLOGUE + (BAD_PREFIX if bad else "") + "SELECT * WHERE { BIND(1 AS ?one) " + body + " }",
    st.booleans(), bodies,
)


# -- the property ---------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(template=queries)
def test_a_query_is_refused_or_calls_nobody(listener, template):
    text = fill(template, listener)
    try:
        check_query(text)
        refused = None
    except HTTPError as refusal:
        refused = type(refusal).__name__
    listener.connections = 0
    run_in_engine(text)  # refused queries too, to see in the statistics that the cases are real
    event(f"{'refused (' + refused + ')' if refused else 'passed'}, {'calls out' if listener.connections else 'quiet'}")
    assert refused or listener.connections == 0, f"passed the check, then called out:\n{text}"


# -- through HTTP ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    return create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0}).test_client()


@pytest.mark.parametrize("template", ISSUE_QUERIES, ids=["escaped-hash", "less-than"])
def test_the_queries_of_the_issue_are_refused_over_http(client, template):
    with Listener() as listening:
        text = fill(template, listening)
        response = client.get("/sparql?" + urllib.parse.urlencode({"query": text}),
                              headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 403, response.get_data(as_text=True)
        assert "SERVICE" in response.get_json()["error"]
        assert not listening.reached(0.5)
