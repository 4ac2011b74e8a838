"""The inspection that runs before any query: form, updates refused, SERVICE refused."""

import time

import pytest

from nukg.core.errors import QuerySyntaxError, ServiceRefused, UpdateRefused
from nukg.core.formats import GRAPH, RESULTS
from nukg.store.querycheck import CheckedQuery, check_query, handed_over, position, tokens
from nukg.store.terminals import offset_of, token_at, where


@pytest.mark.parametrize(
    "query, form, kind",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT", RESULTS),
        ("select * { }", "SELECT", RESULTS),
        ("SELECTDISTINCT* { }", "SELECT", RESULTS),  # the engine needs no space after a keyword
        ("ASK{}", "ASK", RESULTS),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", GRAPH),
        ("DESCRIBE <http://example.org/>", "DESCRIBE", GRAPH),
        ("PREFIX ex: <http://example.org/> BASE <http://b/> PREFIX : <http://c/> ASK { :a ex:b ?c }", "ASK", RESULTS),
        ('VERSION "1.2" SELECT * {}', "SELECT", RESULTS),
        ("# a comment with SELECT\n  \t construct { } where { }", "CONSTRUCT", GRAPH),
    ],
)
def test_forms(query, form, kind):
    info = check_query(query)
    assert (info.form, info.kind) == (form, kind)


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:s> <a:p> <a:o> }",
        "insertdata { <a:s> <a:p> <a:o> }",
        "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <http://example.org/g>",
        "CREATE GRAPH <http://example.org/g>",
        "COPY DEFAULT TO <http://example.org/g>",
        "MOVE DEFAULT TO <http://example.org/g>",
        "ADD DEFAULT TO <http://example.org/g>",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(query):
    with pytest.raises(UpdateRefused) as caught:
        check_query(query)
    assert caught.value.status == 403
    assert "read-only" in caught.value.message


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
        "SELECT * { service silent <http://x/> { } }",
        "SELECT * { { SELECT * { SeRvIcE ?endpoint { } } } }",
        "SELECT*{SERVICE<http://x/>{}}",
        # Oxigraph reads keywords without a word boundary:
        "PREFIX ex: <http://x/> SELECT * { SERVICEex:g { } }",
        "SELECT * { SERVICESILENT<http://x/> { } }",
        "SELECT * { ?s ?p 1SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p trueSERVICE <http://x/> { } }",
        'SELECT * { ?s ?p "x"SERVICE <http://x/> { } }',
        "SELECT * { ?s ?p <http://y/>SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p ?o.SERVICE <http://x/> { } }",
        "SELECT * { ?s ?p ?o . SERVICE:x { } }",  # a prefix that starts with the keyword
        "PREFIX ex: <http://x/> SELECT * { ?s ?p ex:.SERVICE <http://x/> { } }",  # a local name cannot start with '.'
        "SELECT * { ?s ?p ?o } # nothing here\nSELECT * { SERVICE <x:y> {} }",
        # escapes the spec allows engines to expand before parsing
        "SELECT * { \\u0053ERVICE <http://x/> { } }",
        "SELECT * { \\U00000053ERVICE <http://x/> { } }",
    ],
)
def test_service_is_refused(query):
    with pytest.raises(ServiceRefused) as caught:
        check_query(query)
    assert caught.value.status == 403


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * { ?s ?p "SERVICE" }',
        "SELECT * { ?s ?p '''a\nSERVICE <x:y> {}''' }",
        "SELECT * { ?s ?p ?o } # SERVICE <http://x/> {}",
        "SELECT * { <http://example.org/SERVICE> ?p ?o }",
        "SELECT ?service { ?service ?p $SERVICE }",
        'SELECT * { ?s ?p "x"@service, "y"@en-service }',
        "PREFIX ex: <http://x/> SELECT * { ?s ex:SERVICE ?o ; ex:my-service ?o2 ; ex:a.service ?o3 }",
        "PREFIX nuk: <http://x/> SELECT * { nuk:military-service-2014 ?p ?o }",
        "SELECT * { ?s ?p _:service }",
    ],
)
def test_the_word_service_elsewhere(query):
    assert check_query(query).form == "SELECT"


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("FOO BAR", "error at 1:1: expected SELECT, ASK, CONSTRUCT or DESCRIBE, found 'FOO'"),
        ("PREFIX ex: <http://x/>\n  {", "error at 2:3"),
        ("PREFIX ex: <http://x/>", "no SELECT"),
    ],
)
def test_not_a_query(query, message):
    with pytest.raises(QuerySyntaxError, match=message):
        check_query(query)


@pytest.mark.parametrize(
    "query, line, column, offset",
    [
        ("FOO BAR", 1, 1, 0),
        ("PREFIX ex: <http://x/>\n  {", 2, 3, 25),
        ("PREFIX ex: <http://x/>", 1, 23, 22),  # where the query form should have come
    ],
)
def test_the_checks_syntax_errors_carry_their_position(query, line, column, offset):
    with pytest.raises(QuerySyntaxError) as caught:
        check_query(query)
    assert caught.value.details["position"] == {"line": line, "column": column, "offset": offset}


def test_a_refused_service_carries_its_position():
    with pytest.raises(ServiceRefused) as caught:
        check_query("SELECT * {\n  SERVICE <http://x/> { } }")
    assert caught.value.details["position"] == {"line": 2, "column": 3, "offset": 13}


def test_offsets_and_positions_are_inverse():
    text = "ab\ncdé\n\nf"
    for offset in range(len(text) + 1):
        assert offset_of(text, *position(text, offset)) == offset
        assert where(text, offset) == dict(zip(("line", "column", "offset"), (*position(text, offset), offset)))
    assert offset_of(text, 9, 1) == len(text)  # past the end: kept within the text


def test_token_at_skips_blanks_and_comments():
    text = "ASK { <a:b> # note\n 'c' }"
    assert (token_at(text, 5).kind, token_at(text, 5).text) == ("iri", "<a:b>")
    assert (token_at(text, 11).text, token_at(text, 11).start) == ("'c'", 20)
    assert token_at(text, len(text)) is None


def test_tokens_skip_comments_and_keep_positions():
    toks = tokens("SELECT ?x # note\nWHERE { <a:b> 'c' }")
    assert [(t.kind, t.text) for t in toks] == [
        ("run", "SELECT"), ("var", "?x"), ("run", "WHERE"), ("other", "{"), ("iri", "<a:b>"),
        ("string", "'c'"), ("other", "}"),
    ]
    assert toks[2].start == 17 and toks[2].keyword == "WHERE"
    assert toks[1].keyword is None


def test_position():
    assert position("ab\ncd", 0) == (1, 1)
    assert position("ab\ncd", 4) == (2, 2)


@pytest.mark.parametrize(
    "text",
    ["a." * 30000, "a:" * 30000, ":." * 30000, "'''" + "a" * 60000, '"' * 60000, "<" * 60000, "?a" * 30000],
    ids=["dots", "colons", "colon-dots", "open-long-string", "quotes", "angles", "vars"],
)
def test_linear_time_on_hostile_text(text):
    started = time.perf_counter()
    try:
        check_query(text)
    except (QuerySyntaxError, ServiceRefused, UpdateRefused):
        pass
    assert time.perf_counter() - started < 2.0  # quadratic behaviour would take minutes


def test_a_checked_query_comes_only_from_the_check():
    """A store runs CheckedQuery objects; text that skipped the check cannot be dressed up as one."""
    checked = check_query("SELECT * WHERE { ?s ?p ?o }")
    assert (checked.text, checked.form, checked.kind) == ("SELECT * WHERE { ?s ?p ?o }", "SELECT", RESULTS)
    with pytest.raises(TypeError, match="check_query"):
        CheckedQuery("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { } }", "SELECT")
    with pytest.raises(AttributeError):
        checked.text = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { } }"


def test_a_handed_over_query_keeps_the_form_and_star_found_and_refuses_others():
    checked = check_query("SELECT * WHERE { ?s ?p ?o }")
    again = handed_over(checked.text, checked.form, checked.star)
    assert (again.form, again.star, again.text) == ("SELECT", 7, checked.text)
    assert handed_over("ASK {}").form == "ASK"  # nothing handed: read again
    for form, star in (("UPDATE", None), ("SELECT", 3), ("ASK", 0)):
        with pytest.raises(ValueError):
            handed_over("SELECT * {}", form, star)
