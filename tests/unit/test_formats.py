"""Content negotiation: the one table of formats and ``negotiate``."""

import pytest

from nukg.core.errors import NotAcceptable
from nukg.core.formats import (
    FORM_BODY,
    FORMATS,
    GRAPH,
    QUERY_BODY,
    RESULTS,
    UPDATE_BODY,
    body_kind,
    is_utf8,
    negotiate,
    parse_accept,
)


def name(accept, fmt=None, kind=RESULTS):
    return negotiate(accept, fmt, kind).name


def test_names_are_unique_within_a_kind():
    seen = set()
    for fmt in FORMATS:
        assert (fmt.kind, fmt.name) not in seen
        seen.add((fmt.kind, fmt.name))


def test_tokens_and_media_types_select_one_format_per_kind():
    for kind in (RESULTS, GRAPH):
        keys = []
        for fmt in FORMATS:
            if fmt.kind == kind:
                keys += [fmt.name, *fmt.tokens, *fmt.media_types]
        assert len(keys) == len(set(keys)), kind


@pytest.mark.parametrize("accept", [None, "", "  ", "*/*"])
def test_defaults(accept):
    assert name(accept, kind=RESULTS) == "json"
    assert name(accept, kind=GRAPH) == "turtle"


@pytest.mark.parametrize(
    "accept, kind, expected",
    [
        ("text/turtle;q=0.5, */*", GRAPH, "ntriples"),  # Turtle is explicitly less wanted than the rest
        ("text/turtle, */*;q=0.1", GRAPH, "turtle"),
        ("application/rdf+xml;q=0.9, text/turtle;q=0.8", GRAPH, "rdfxml"),
        ("application/*", GRAPH, "ntriples"),
        ("text/*", RESULTS, "csv"),
        ("text/*;q=0.5, text/tab-separated-values", RESULTS, "tsv"),
        ("application/json", RESULTS, "json"),
        ("application/json", GRAPH, "jsonld"),
        ("application/xml", RESULTS, "xml"),
        ("application/xml", GRAPH, "rdfxml"),
        ("text/plain", GRAPH, "ntriples"),
        ("TEXT/CSV", RESULTS, "csv"),
        ("text/csv; charset=utf-8", RESULTS, "csv"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", RESULTS, "html"),
        ("application/sparql-results+json, application/json;q=0.5, */*;q=0.1", RESULTS, "json"),
    ],
)
def test_accept(accept, kind, expected):
    assert name(accept, kind=kind) == expected


def test_most_specific_range_sets_the_quality():
    # text/csv is excluded explicitly even though text/* welcomes text types
    assert name("text/*, text/csv;q=0") == "tsv"


def test_explicit_type_beats_wildcard_at_equal_quality():
    assert name("*/*, text/csv") == "csv"


@pytest.mark.parametrize("accept", ["image/png", "*/*;q=0", "text/turtle", "application/sparql-results+json;q=0"])
def test_nothing_acceptable(accept):
    with pytest.raises(NotAcceptable) as caught:
        negotiate(accept, None, RESULTS)
    assert caught.value.status == 406
    assert "application/sparql-results+json" in caught.value.details["available"]


def test_malformed_ranges_are_skipped():
    assert parse_accept("text/csv;q=abc, garbage, */json, text/tab-separated-values;q=0.4") == [
        ("text", "tab-separated-values", 0.4)
    ]
    assert name("text/csv;q=2, text/tab-separated-values") == "tsv"


@pytest.mark.parametrize(
    "fmt, kind, expected",
    [
        ("csv", RESULTS, "csv"),
        ("CSV", RESULTS, "csv"),
        ("srj", RESULTS, "json"),
        ("text/tab-separated-values", RESULTS, "tsv"),
        ("json", GRAPH, "jsonld"),
        ("xml", GRAPH, "rdfxml"),
        ("ttl", GRAPH, "turtle"),
        ("n3", GRAPH, "turtle"),
        ("application/ld+json", GRAPH, "jsonld"),
        (["", "unknown", "nt"], GRAPH, "ntriples"),
    ],
)
def test_format_parameter(fmt, kind, expected):
    assert negotiate("image/png", fmt, kind).name == expected


def test_unknown_format_parameter():
    with pytest.raises(NotAcceptable, match="Use one of: json, xml, csv, tsv, html"):
        negotiate(None, "yaml", RESULTS)


def test_content_type_says_the_charset_of_text_formats():
    assert negotiate("text/csv", None, RESULTS).content_type == "text/csv; charset=utf-8"
    assert negotiate(None, None, RESULTS).content_type == "application/sparql-results+json"


@pytest.mark.parametrize(
    "header, expected",
    [
        ("application/x-www-form-urlencoded", (FORM_BODY, None)),
        ("application/sparql-query; charset=UTF-8", (QUERY_BODY, "utf-8")),
        ('Application/SPARQL-Query;charset="utf-16"', (QUERY_BODY, "utf-16")),
        ("application/sparql-update", (UPDATE_BODY, None)),
        ("text/plain", (None, None)),
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_body_kind(header, expected):
    assert body_kind(header) == expected


def test_only_utf8_is_accepted():
    assert is_utf8(None) and is_utf8("utf-8") and is_utf8("utf8")
    assert not is_utf8("utf-16") and not is_utf8("iso-8859-1")
