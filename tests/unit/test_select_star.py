"""What the query check records for ``SELECT *``: where the star is, the order the query names its
variables in, and the same query with the star spelled out (still a CheckedQuery, made from one)."""

import pytest

from nukg.store.querycheck import CheckedQuery, check_query
from nukg.store.terminals import in_text_order


@pytest.mark.parametrize(
    "text, star",
    [
        ("SELECT * WHERE { ?s ?p ?o }", 7),
        ("select distinct * { ?s ?p ?o }", 16),
        ("SELECT REDUCED* { ?s ?p ?o }", 14),
        ("SELECTDISTINCT*{ ?s ?p ?o }", 14),  # the engine needs no space after a keyword
        ("SELECT*{}", 6),
        ("SELECT # a comment with * and ?x\n  * {}", 35),
        ("PREFIX ex: <http://x/*> # *\nBASE <http://b/>\nSELECT * WHERE { ?s ex:p ?o }", 52),
    ],
)
def test_where_the_star_is(text, star):
    checked = check_query(text)
    assert checked.star == star and text[star] == "*"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?s WHERE { { SELECT * WHERE { ?s ?p ?o } } }",  # a subquery's star is not the query's
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o }",
        "ASK { ?s ?p ?o }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "DESCRIBE * WHERE { ?s ?p ?o }",  # describes, no columns
        "SELECT DISTINCT REDUCED * { }",  # not a query the engine reads: nothing to order
    ],
)
def test_no_star_of_its_own(text):
    assert check_query(text).star is None


@pytest.mark.parametrize(
    "text, engine, ordered",
    [
        ("SELECT * WHERE { ?s ?p ?o }", ["o", "p", "s"], ["s", "p", "o"]),
        ("SELECT * WHERE { $s ?p ?o . ?s ?q $z }", ["o", "p", "q", "s", "z"], ["s", "p", "o", "q", "z"]),
        # a comment, a string and an IRI name no variable
        ('SELECT * # ?o first?\nWHERE { ?b ?a "?o" . <http://x/?o> ?c ?o }', ["a", "b", "c", "o"],
         ["b", "a", "c", "o"]),
        ("SELECT * WHERE { { SELECT ?b ?a WHERE { ?a ?p ?b } } } VALUES ?z { 1 }", ["a", "b", "z"],
         ["b", "a", "z"]),
        ("SELECT * WHERE { ?s ?p ?o }", ["o", "p", "s", "unseen"], ["s", "p", "o", "unseen"]),
    ],
)
def test_in_text_order(text, engine, ordered):
    assert in_text_order(text, engine) == ordered


def test_projecting_spells_out_the_star_and_keeps_the_rest():
    checked = check_query("SELECT DISTINCT * WHERE { ?s ?p '*' } ORDER BY ?s")
    spelled = checked.projecting(["s", "p"])
    assert isinstance(spelled, CheckedQuery)
    assert spelled.text == "SELECT DISTINCT  ?s ?p  WHERE { ?s ?p '*' } ORDER BY ?s"
    assert (spelled.form, spelled.star) == ("SELECT", None)
    assert checked.text == "SELECT DISTINCT * WHERE { ?s ?p '*' } ORDER BY ?s"  # the original is unchanged


def test_projecting_takes_only_variable_names_and_needs_a_star():
    checked = check_query("SELECT * WHERE { ?s ?p ?o }")
    for names in (["s }  SERVICE <http://x/> { "], ["s p"], ["?s"], [""]):
        with pytest.raises(ValueError):
            checked.projecting(names)
    with pytest.raises(ValueError):
        check_query("SELECT ?s WHERE { ?s ?p ?o }").projecting(["s"])


def test_a_checked_query_with_a_star_still_comes_only_from_the_check():
    with pytest.raises(TypeError, match="check_query"):
        CheckedQuery("SELECT * WHERE { ?s ?p ?o }", "SELECT", star=7)
