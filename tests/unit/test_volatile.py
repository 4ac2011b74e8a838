"""Which queries may answer differently from one run to the next (nukg.web.answering.may_vary).

Such a query is never kept by the answer cache nor given an ETag (tests/http/test_answer_cache.py sends
them); here, the quick test of the words must never miss what the full pattern finds.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from nukg.web.answering import VOLATILE, may_vary

# pieces a query is made of, with the names in several cases and letters whose case folding is tricky
PIECES = ["NOW", "now", "NoW", "RAND", "rAnd", "UUID", "uuid", "STRUUID", "StrUuid", "BNODE", "bNode", "(", ")",
          " ", "\n", "\t", "#x", "#", "\r", "?", "a", "_", "1", ":", "\u0130", "\u0131", "\u017f", "\u212a", "\u00e9",
          "SELECT ", "{", "}", '"', "WHERE"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_the_quick_test_agrees_with_the_pattern(pieces):
    text = "".join(pieces)
    assert may_vary(text) == (VOLATILE.search(text) is not None)


def test_calls_in_any_ascii_case_may_vary_and_lookalikes_do_not():
    for text in ["SELECT (NOW() AS ?t) {}", "select (rand ( ) as ?r) {}", "SELECT (StrUUID() AS ?u) {}",
                 "SELECT (BNODE #c\n () AS ?b) {}", "SELECT ?x { ?x ?p ?o FILTER(uuid() != ?x) }"]:
        assert may_vary(text), text
    for text in ["SELECT ?unknown { ?unknown ?p ?o }", "SELECT ?now { ?s ?p ?now }", "ASK { ?brand ?p \"random\" }",
                 "SELECT (xnow() AS ?t) {}", "SELECT (UU\u0130D() AS ?u) {}"]:
        assert not may_vary(text), text
