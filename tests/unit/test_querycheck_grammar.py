"""The query check against the engine it protects (issue 8, point 2).

Every case that calls out is checked twice: pyoxigraph, run in this process on an empty store with
the endpoint's prefixes, does open a connection to a listener on the loopback (the ground truth,
so the case is real), and :func:`check_query` refuses it.  Harmless cases pass the check and call
nobody; a last table keeps the harmless cases the check refuses on purpose, where it cannot tell
without parsing the query as the engine does.
"""

from __future__ import annotations

import pytest
from support.listener import Listener, fill, run_in_engine

from nukg.core.errors import QuerySyntaxError, ServiceRefused
from nukg.store.querycheck import check_query, tokens

# <URL> is the listener's endpoint, HOST its address (127.0.0.1:port)
ISSUE_QUERIES = {
    "escaped-hash": "SELECT * WHERE { OPTIONAL { ?s ?p nuk:a\\# } SERVICE <URL> { ?x ?y ?z } }",
    "less-than": "SELECT * WHERE { FILTER(1<2)SERVICE#>\n<URL> { ?x ?y ?z } }",
}

EX = "PREFIX ex: <http://example.org/ns/> PREFIX : <http://HOST/> "
BAD = "PREFIX bad: <http://HOST> PREFIX : <http://HOST/> "  # no path: bad:SERVICE: is no valid IRI

CALLS_OUT = {
    "plain": "SELECT * { SERVICE <URL> {} }",
    "mixed-case-silent": "select * { sErViCe silent <URL> { ?x ?y ?z } }",
    "glued": "SELECT*{SERVICE<URL>{}}",
    "comments-between": "SELECT * { SERVICE # a comment\n <URL> # another\n { } }",
    "crlf-and-tabs": "SELECT * {\r\n\tSERVICE\t<URL>\r\n{}\r\n}",
    "ask": "ASK { SERVICE <URL> {} }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "describe": "DESCRIBE ?s WHERE { SERVICE <URL> { ?s ?p ?o } }",
    # "<" after an operand inside parentheses is the operator, whatever follows it
    "less-than-variables": "SELECT * WHERE { FILTER(?a<?b)SERVICE#>\n<URL> { ?x ?y ?z } }",
    "less-or-equal": "SELECT * { FILTER(1<=2)SERVICE#>\n<URL> {} }",
    "less-than-crlf": "SELECT * { ?s ?p ?o FILTER(?o<3)SERVICE#>\r\n<URL> {} }",
    "less-than-after-bind": "SELECT * WHERE { BIND(1<2 AS ?b) FILTER(?b<3)SERVICE#>\n<URL> { ?x ?y ?z } }",
    "less-than-projection": "SELECT (1<2 AS ?x) { FILTER(?x<3)SERVICE#>\n<URL> {} }",
    "less-than-triple-term": "SELECT * { FILTER(<<( <http://a> <http://b> <http://c> )>><2)SERVICE#>\n<URL> {} }",
    "less-than-after-iri": "SELECT * WHERE { BIND(1 AS ?one) BIND(<http://a/><2AS?b)SERVICE#>\n<URL> {} }",
    "less-than-after-string": 'SELECT * WHERE { BIND(1 AS ?one) FILTER("a"<"b"&&1<2)SERVICE#>\n<URL> {} }',
    # keywords need no word boundary
    "after-dot": "SELECT * { ?s ?p ?o.SERVICE <URL> {} }",
    "after-integer": "SELECT * { ?s ?p 1SERVICE <URL> {} }",
    "after-double": "SELECT * { ?s ?p 1.5e3SERVICE <URL> {} }",
    "after-boolean": "SELECT * { ?s ?p trueSERVICE <URL> {} }",
    "after-string": 'SELECT * { ?s ?p "x"SERVICE <URL> {} }',
    "after-datatype-iri": 'SELECT * { ?s ?p "x"^^<http://x/>SERVICE <URL> {} }',
    "after-iri": "SELECT * { ?s ?p <http://y/>SERVICE <URL> {} }",
    # a local name takes one group of inner dots, no more: the name is ex:a.b
    "after-local-name-dots": EX + "SELECT * { ?s ?p ex:a.b.SERVICE <URL> {} }",
    "after-local-name-dots-colon": EX + "SELECT * { ?s ?p ex:a.b.SERVICE: {} }",
    # prefix + local part is no valid IRI: the parser falls back to the bare prefix
    "prefix-fallback": BAD + "SELECT * { ?s ?p bad:SERVICE: {} }",
    "prefix-fallback-boolean": BAD + "SELECT * { ?s bad:trueSERVICE: {} }",
    "prefix-fallback-two-fragments": "PREFIX frag: <http://HOST/ns#> PREFIX : <http://HOST/> "
                                     "SELECT * { ?s ?p frag:SERVICE:sparql\\# {} }",
    "prefix-fallback-predeclared": "PREFIX : <http://HOST/> SELECT * { ?s ?p rdf:SERVICE:sparql\\# {} }",
    # strings before it, of the four forms, with escapes
    "after-long-string-2": 'SELECT * { ?s ?p """a"b""" SERVICE <URL> {} }',
    "after-long-string-1": "SELECT * { ?s ?p '''a''b''' SERVICE <URL> {} }",
    "after-string-escaped-quote-1": "SELECT * { ?s ?p 'it\\'s' SERVICE <URL> {} }",
    "after-string-escaped-quote-2": 'SELECT * { ?s ?p "a\\"b" SERVICE <URL> {} }',
    "after-collection": "SELECT * { ?s ?p (1 <http://x/#a>) SERVICE <URL> {} }",
    "after-values-row": "SELECT * { VALUES (?a ?b) { (1 <http://x/#a>) } SERVICE <URL> {} }",
    # nested groups
    "sub-select": "SELECT * { { SELECT * { SERVICE <URL> {} } } }",
    "union": "SELECT * { { } UNION { SERVICE <URL> {} } }",
    "graph": "SELECT * { GRAPH ?g { SERVICE <URL> {} } }",
    "optional": "SELECT * { BIND(1 AS ?one) OPTIONAL { SERVICE <URL> {} } }",
    "minus": "SELECT * { BIND(1 AS ?one) MINUS { SERVICE <URL> {} } }",
    "filter-exists": "SELECT * { BIND(1 AS ?one) FILTER EXISTS { SERVICE <URL> {} } }",
    "filter-not-exists-in-brackets": "SELECT * { BIND(1 AS ?one) FILTER(NOT EXISTS { SERVICE <URL> {} }) }",
}

HARMLESS = {
    "less-than": "SELECT * { ?s ?p ?x FILTER(?x < 2) }",
    "less-than-glued": "SELECT * { ?s ?p ?x FILTER(?x<2) }",
    "comparisons-glued": "SELECT * { ?s ?p ?x FILTER(?x<=2&&?x>0) }",
    "iri-like-comparison": 'SELECT * { ?a ?p ?b FILTER(?a<?b&&?b>?a) ?s ?p "service" }',
    "string-1": "SELECT * { ?s ?p 'SERVICE <URL> {}' }",
    "string-2": 'SELECT * { ?s ?p "SERVICE <URL> {}" }',
    "long-string-1": "SELECT * { ?s ?p '''it's SERVICE <URL> {}''' }",
    "long-string-2": 'SELECT * { ?s ?p """say "SERVICE <URL> {}" """ }',
    "escaped-quote-2": 'SELECT * { ?s ?p "a \\" } SERVICE <URL> {} \\"" }',
    "escaped-quote-1": "SELECT * { ?s ?p 'a \\' } SERVICE <URL> {} #' }",
    "comment": "SELECT * { ?s ?p ?o } # SERVICE <URL> {}",
    "comment-hiding-a-brace": "SELECT * { ?s ?p ?o # } SERVICE <URL> {}\n}",
    "comment-after-escaped-hash": "SELECT * { ?s ?p nuk:a\\# } # SERVICE <URL> {}",
    "iri-subject": "SELECT * { <http://example.org/SERVICE> ?p ?o }",
    "iri-after-variable": "SELECT * { ?s <http://example.org/service> ?o }",
    "iri-after-equals": "SELECT * { ?s ?p ?o FILTER(?o = <http://example.org/service>) }",
    "iri-with-fragment": "SELECT * { ?s ?p ?o FILTER(?o != <http://example.org/#service>) }",
    "iri-list": "SELECT * { ?s ?p ?o FILTER(?o IN (<http://example.org/service>, <http://example.org/#service>)) }",
    "iri-after-distinct": "SELECT (COUNT(DISTINCT <http://example.org/service>) AS ?c) {}",
    "values-rows": "SELECT * { VALUES (?a ?b) { (1 <http://example.org/#service>) (UNDEF <http://example.org/x>) } }",
    "variables": "SELECT ?service { ?service ?p $SERVICE }",
    "language-tags": 'SELECT * { ?s ?p "x"@service, "y"@en-service }',
    "local-names": EX + "SELECT * { ?s ex:SERVICE ?o ; ex:my-service ?o2 ; ex:a.service ?o3 ; ex:a\\-service ?o4 }",
    "predeclared-prefixes": "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
                            "SELECT * { ?s a sd:Service ; schema:serviceType ?t }",
    "escapes-in-local-names": "SELECT * { ?s ?p nuk:military-service-2014 , nuk:a\\#b , nuk:service%20x }",
    "blank-node": "SELECT * { ?s ?p _:service }",
    "triple-term": 'SELECT * { BIND(<<( <http://a> <http://b> <http://c> )>> AS ?t) ?s ?p "service" }',
    "escapes-and-letters-in-the-prologue": "PREFIX ex: <http://x/\\u0041/> PREFIX \u00e9: <http://y/> "
                                           'SELECT * { ?s ex:p ?o ; \u00e9:p "service" }',
}

# Harmless, yet refused: the check cannot tell these from a call without parsing as the engine does.
REFUSED_TO_BE_SAFE = {
    # a collection: "<" after a term inside brackets might be the operator, and the IRI has the word in it
    "collection": "SELECT * { ?s ?p (?a <http://example.org/service>) }",
    # "<<" after an operand might be "<" then an IRI, or a reified triple whose tokens hold the word
    "double-less-than": "SELECT * { ?s ?p ?o FILTER(?o<<http://example.org/service>) }",
    # the '#' in the IRI would start a comment in the operator reading: the readings part, and SERVICE comes later
    "collection-then-word": "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
                            "SELECT * { ?s ?p (1 <http://example.org/#a>) . ?t ?u sd:Service }",
    # a declared prefix that ends in its authority: no local part is trusted any more
    "authority-prefix": "PREFIX ex: <http://example.org> PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> "
                        "SELECT * { ?s ex:p ?o . ?t ?u sd:Service }",
    # "\#" makes an invalid IRI with a prefix that has a fragment, and the checker does not know nuk:'s IRI
    "escaped-hash-before-word": "SELECT * { ?s ?p nuk:a\\#service }",
    # \u escapes are expanded too, as the spec allows; this engine does not, outside strings and IRIs
    "unicode-escape": "SELECT * { \\u0053ERVICE <URL> {} }",
    "unicode-escape-in-string": 'SELECT * { ?s ?p "\\u0022 SERVICE <URL> {} " }',
}


def calls_out(listener: Listener, text: str) -> bool:
    """Whether pyoxigraph, running the query to its last answer, connects to the listener."""
    listener.connections = 0
    run_in_engine(text)
    # the listener accepts (and counts) before it closes, and the engine waits for that close
    return listener.connections > 0


@pytest.mark.parametrize("template", ISSUE_QUERIES.values(), ids=ISSUE_QUERIES.keys())
def test_the_queries_of_the_issue_are_refused(listener, template):
    text = fill(template, listener)
    assert calls_out(listener, text)
    with pytest.raises(ServiceRefused) as caught:
        check_query(text)
    assert caught.value.status == 403


@pytest.mark.parametrize("template", CALLS_OUT.values(), ids=CALLS_OUT.keys())
def test_what_calls_out_is_refused(listener, template):
    text = fill(template, listener)
    assert calls_out(listener, text), "not a real case: pyoxigraph does not call out"
    with pytest.raises(ServiceRefused):
        check_query(text)


@pytest.mark.parametrize("template", HARMLESS.values(), ids=HARMLESS.keys())
def test_what_is_harmless_passes(listener, template):
    text = fill(template, listener)
    assert check_query(text).form == "SELECT"
    assert not calls_out(listener, text)


@pytest.mark.parametrize("template", REFUSED_TO_BE_SAFE.values(), ids=REFUSED_TO_BE_SAFE.keys())
def test_what_cannot_be_told_apart_is_refused(listener, template):
    text = fill(template, listener)
    assert not calls_out(listener, text)
    with pytest.raises(ServiceRefused):
        check_query(text)


def test_the_refusal_says_where_and_why():
    with pytest.raises(ServiceRefused, match=r"SERVICE \(at 2:1\) is not allowed"):
        check_query("SELECT * WHERE { FILTER(1<2)\nSERVICE#>\n<http://x/> {} }")
    with pytest.raises(ServiceRefused, match=r"The '<' at 1:22 reads both as the less-than operator"):
        check_query("SELECT * { ?s ?p (?a <http://example.org/#a>) . ?s ?p ?o } # \nSERVICE")


def test_an_update_with_a_service_is_refused_for_the_service():
    with pytest.raises(ServiceRefused):
        check_query("INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }")


def test_no_query_at_all_is_a_syntax_error_even_with_the_word():
    with pytest.raises(QuerySyntaxError):
        check_query("# SERVICE <http://x/> {}")


# -- the tokens, terminal by terminal ---------------------------------------------------------------


def kinds(text: str) -> list[tuple[str, str]]:
    return [(tok.kind, tok.text) for tok in tokens(text)]


@pytest.mark.parametrize(
    "name",
    ["ex:a\\#", "ex:a%23b", "ex:a\\~\\.\\-\\!\\$\\&\\'\\(\\)\\*\\+\\,\\;\\=\\/\\?\\#\\@\\%", "ex:a.b", "ex:a:b", ":x",
     "_:b.c"],
)
def test_a_local_name_with_escapes_is_one_run(name):
    assert kinds(f"{name} }}") == [("run", name), ("other", "}")]


@pytest.mark.parametrize(
    "string",
    ["'a'", '"a"', "'''a\nb'''", '"""a\nb"""', "'a\\'b'", '"a\\"b"', "'''a''b'''", '"""a""b"""', "'''a\\'''b'''",
     '"a#b"', "'<a>'"],
)
def test_strings_of_the_four_forms(string):
    assert kinds(f"{string} }}") == [("string", string), ("other", "}")]


def test_a_comment_runs_to_the_end_of_the_line_outside_names_strings_and_iris():
    assert kinds("?a # c } \n ?b") == [("var", "?a"), ("var", "?b")]
    assert kinds("<http://x/#a> '#' ex:a\\#b ?c") == [("iri", "<http://x/#a>"), ("string", "'#'"),
                                                      ("run", "ex:a\\#b"), ("var", "?c")]


def test_an_iri_is_what_the_engine_could_take():
    assert kinds("<http://x/\\u0041> ?a") == [("iri", "<http://x/\\u0041>"), ("var", "?a")]
    assert kinds("<a b>") == [("other", "<"), ("run", "a"), ("run", "b"), ("other", ">")]
    assert kinds("<a\\n>")[0] == ("other", "<")  # "\" only starts \u escapes in an IRI


def test_less_than_after_an_operand_in_brackets_is_listed_as_written():
    assert kinds("FILTER(?x < 2)") == [("run", "FILTER"), ("other", "("), ("var", "?x"), ("other", "<"),
                                       ("run", "2"), ("other", ")")]
    assert kinds("{ ?s <http://x/p> 2 }")[2] == ("iri", "<http://x/p>")
