"""The reader of named queries (:mod:`nukg.kg.queries`): headers, parameters, binding.

No real data: the queries are small ``.rq`` files written into a temporary folder,
and the one that runs does so on a store of a few triples.
"""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest

from nukg.core.errors import BadRequest, NotFound
from nukg.core.namespaces import PREFIX_IRIS
from nukg.kg.queries import (
    NamedQuery,
    Param,
    QueryFileError,
    expand_iri,
    get_query,
    load_queries,
    read_header,
    read_query_file,
)
from nukg.store.base import Snapshot
from nukg.store.oxigraph import OxigraphStore

NUK = "https://w3id.org/nato-ukraine-kg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

EVENTS_IN_YEAR = """\
#+ summary: What happened in a given year
#+ description: What happened in a given year?
#+ tags: [events, timeline]
#+ params: [{name: year, type: xsd:gYear, default: "2014", description: "the year, e.g. 2014"}]

PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs:    <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?date ?thing ?label ?_year
WHERE {
  ?thing dcterms:date ?date ;
         rdfs:label ?label .
  FILTER (SUBSTR(STR(?date), 1, 4) = STR(?_year))
}
ORDER BY ?date ?label
"""

BODIES_UNDER = """\
#+ summary: Bodies that belong to an organisation
#+ description: Which bodies belong to a given organisation?
#+ tags: [bodies, structure]
#+ params: [{name: parent, type: iri, default: "nuk:nato"}]

PREFIX org:  <http://www.w3.org/ns/org#>

SELECT ?body ?_parent
WHERE { ?body org:subOrganizationOf+ ?_parent . }
ORDER BY ?body
"""

# The parameter is projected: pyoxigraph substitutes only variables of the SELECT clause.
LABEL_SEARCH = """\
#+ summary: Things with a label
#+ description: Which things have exactly this label?
#+ tags: [test]
#+ params: [{name: text, type: xsd:string, default: "Ukraine"}]

PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?thing ?_text
WHERE { ?thing rdfs:label ?label FILTER (STR(?label) = ?_text) }
ORDER BY ?thing
"""

HOSTILE = [
    '" } SELECT * WHERE { ?s ?p ?o } #',
    'x" ) } } SELECT * WHERE { ?s ?p ?o } #',
    '2014"^^<x> } } SELECT * WHERE { ?s ?p ?o } #',
    "a'''\"\"\" \\\" \\u0022 <urn:x> \n } # \\",
]


@pytest.fixture
def folder(tmp_path):
    """A queries folder with a year parameter, an IRI parameter and a string parameter."""
    for name, text in [("events-in-year", EVENTS_IN_YEAR), ("bodies-under", BODIES_UNDER),
                       ("label-search", LABEL_SEARCH)]:
        (tmp_path / f"{name}.rq").write_text(text, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a query", encoding="utf-8")
    return tmp_path


@pytest.fixture
def queries(folder) -> dict[str, NamedQuery]:
    return load_queries(folder)


# ---------------------------------------------------------------------------
# Reading the files: the header is YAML behind "#+"
# ---------------------------------------------------------------------------

HEADER = (
    "#+ summary: Summits\n"
    "#+ description: Which summits\n"
    "#+   took place?\n"
    "# an ordinary comment among the header lines\n"
    "#+ tags: [events, summits]\n"
    "\n"
    '#+ params: [{name: year, type: xsd:gYear, default: "2008"}, {name: x, type: iri, default: "nuk:nato"}]\n'
    "PREFIX nuo: <https://w3id.org/nato-ukraine-kg/ontology/>\n"
    "#+ summary: not a header line\n"
    "SELECT ?s ?_year ?_x WHERE { ?s ?p ?_year . ?s ?q ?_x } ORDER BY ?s\n"
)


def test_header_is_read_as_yaml():
    assert read_header(HEADER) == {
        "summary": "Summits",
        # an indented "#+   took place?" continues the value above it
        "description": "Which summits took place?",
        "tags": ["events", "summits"],
        "params": [
            {"name": "year", "type": "xsd:gYear", "default": "2008"},
            {"name": "x", "type": "iri", "default": "nuk:nato"},
        ],
    }


def test_header_stops_at_the_first_line_that_is_not_a_comment():
    header = read_header("#+ summary: First\nSELECT * {}\n#+ description: Too late?\n")
    assert header == {"summary": "First"}


def test_no_header_is_an_empty_mapping():
    assert read_header("SELECT * {}\n") == {}
    assert read_header("# just a comment\nSELECT * {}\n") == {}


def test_a_file_becomes_a_named_query(tmp_path):
    path = tmp_path / "summits.rq"
    path.write_text(HEADER, encoding="utf-8")
    query = read_query_file(path)
    assert query.name == "summits"
    assert query.path == path
    assert query.summary == "Summits"
    assert query.description == "Which summits took place?"
    assert query.tags == ("events", "summits")
    assert query.params == (Param("year", "xsd:gYear", "2008"), Param("x", "iri", "nuk:nato"))
    assert [p.variable for p in query.params] == ["?_year", "?_x"]
    assert query.defaults() == {"year": "2008", "x": "nuk:nato"}
    assert query.text == HEADER  # the text is the file's, header included


def test_a_parameter_the_select_does_not_project_cannot_be_bound(tmp_path):
    """pyoxigraph binds only projected variables; the store says which one, and nothing runs."""
    path = tmp_path / "unprojected.rq"
    path.write_text(HEADER.replace("SELECT ?s ?_year ?_x WHERE", "SELECT ?s WHERE"), encoding="utf-8")
    query = read_query_file(path)
    store = OxigraphStore(Snapshot(nquads=b"", version="empty", prefixes={}))
    with pytest.raises(BadRequest, match="could not be evaluated") as refused:
        store.query(query.text, substitutions=query.substitutions())
    assert "projection" not in refused.value.message  # the engine's words are for the log
    assert re.search(r"\?_(year|x) in its SELECT projection", refused.value.internal)


def test_a_parameter_with_an_enum_takes_only_its_values(tmp_path):
    path = tmp_path / "by-status.rq"
    path.write_text("#+ params: [{name: status, type: iri, enum: [nuk:active, nuk:completed], default: nuk:active}]\n"
                    "SELECT ?s ?_status WHERE { ?s ?p ?_status }\n", encoding="utf-8")
    (param,) = read_query_file(path).params
    assert param.enum == ("nuk:active", "nuk:completed")
    assert param.term("nuk:completed") == ox.NamedNode(PREFIX_IRIS["nuk"] + "completed")
    with pytest.raises(BadRequest, match=r"'status' must be one of nuk:active, nuk:completed, not 'nuk:other'"):
        param.term("nuk:other")


def test_load_queries_reads_every_rq_file_of_the_folder_by_name(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "nested.rq").write_text(LABEL_SEARCH, encoding="utf-8")
    queries = load_queries(folder)
    assert list(queries) == ["bodies-under", "events-in-year", "label-search"]
    assert all(q.name == name for name, q in queries.items())


def test_get_query(folder):
    assert get_query("events-in-year", folder).params == (
        Param("year", "xsd:gYear", "2014", "the year, e.g. 2014"),
    )


def test_unknown_query_is_not_found(folder):
    with pytest.raises(NotFound, match="no-such-query"):
        get_query("no-such-query", folder)


@pytest.mark.parametrize(
    "header",
    [
        "#+ just some words\n",  # not a mapping
        "#+ - a\n#+ - list\n",  # not a mapping either
        "#+ params: [{name: year, type: xsd:gYear\n",  # YAML that does not parse
        "#+ summary: [a, list]\n",  # a summary is text
        "#+ description: {a: mapping}\n",
        "#+ tags: events\n",  # tags are a list
        "#+ params: {name: year, type: xsd:gYear}\n",  # params are a list
        "#+ params: [year]\n",  # a parameter is a mapping
        "#+ params: [{name: year}]\n",  # with a type
        "#+ params: [{type: xsd:gYear}]\n",  # and a name
        "#+ params: [{name: year, type: xsd:gDay}]\n",  # of a known type
        "#+ params: [{name: 2year, type: xsd:gYear}]\n",  # a name is a word
        "#+ params: [{name: the-year, type: xsd:gYear}]\n",
        "#+ description: Which nuk: IRIs are used?\n",  # ": " inside a plain value is YAML's key separator
        "#+ params: [{name: s, type: iri, enum: nuk:a}]\n",  # an enum is a list
        "#+ params: [{name: s, type: iri, enum: [nuk:a], default: nuk:b}]\n",  # that holds the default
    ],
)
def test_bad_headers_raise_query_file_error_naming_the_file(tmp_path, header):
    path = tmp_path / "broken-query.rq"
    path.write_text(header + "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match="broken-query.rq"):
        read_query_file(path)
    with pytest.raises(QueryFileError, match="broken-query.rq"):
        load_queries(tmp_path)


def test_query_file_error_is_a_value_error():
    assert issubclass(QueryFileError, ValueError)


# ---------------------------------------------------------------------------
# Parameter values become RDF terms
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "type_, value, datatype",
    [
        ("xsd:gYear", "2008", "gYear"),
        ("xsd:gYear", "-0044", "gYear"),
        ("xsd:gYearMonth", "2016-07", "gYearMonth"),
        ("xsd:date", "2022-02-24", "date"),
        ("xsd:integer", "-12", "integer"),
        ("xsd:string", 'any "text"\n at all', "string"),
    ],
)
def test_literal_parameters_get_their_xsd_datatype(type_, value, datatype):
    assert Param("p", type_).term(value) == ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def test_year_parameter_is_a_gyear_literal(queries):
    assert queries["events-in-year"].substitutions({"year": "2008"}) == {
        ox.Variable("_year"): ox.Literal("2008", datatype=ox.NamedNode(XSD + "gYear"))
    }


def test_defaults_are_bound_when_no_value_is_given(queries):
    assert queries["events-in-year"].substitutions() == {
        ox.Variable("_year"): ox.Literal("2014", datatype=ox.NamedNode(XSD + "gYear"))
    }
    assert queries["bodies-under"].substitutions({}) == {ox.Variable("_parent"): ox.NamedNode(NUK + "nato")}


@pytest.mark.parametrize(
    "value",
    ["nuk:nato-representation-to-ukraine", NUK + "nato-representation-to-ukraine"],
)
def test_iri_parameters_take_prefixed_names_or_full_iris(queries, value):
    assert queries["bodies-under"].substitutions({"parent": value}) == {
        ox.Variable("_parent"): ox.NamedNode(NUK + "nato-representation-to-ukraine")
    }


def test_expand_iri():
    assert expand_iri("nuk:nato") == NUK + "nato"
    assert expand_iri("xsd:gYear") == XSD + "gYear"
    assert expand_iri("rdfs:label") == RDFS_LABEL
    assert expand_iri(NUK + "nato") == NUK + "nato"
    assert expand_iri("urn:example:thing") == "urn:example:thing"
    assert expand_iri("nuk:") == PREFIX_IRIS["nuk"]


@pytest.mark.parametrize(
    "values, culprit",
    [
        ({"year": '2014"^^<x> } } SELECT * WHERE { ?s ?p ?o } #'}, "year"),
        ({"year": "14"}, "year"),
        ({"year": 2014}, "year"),
        ({"decade": "2010"}, "decade"),
    ],
)
def test_bad_parameter_values_are_refused(queries, values, culprit):
    with pytest.raises(BadRequest) as caught:
        queries["events-in-year"].substitutions(values)
    assert repr(culprit) in str(caught.value)
    assert caught.value.status == 400


@pytest.mark.parametrize("value", ["nuk:nato> } ?s ?p ?o {", "no-such-prefix:x", "not an iri", "<nuk:nato>"])
def test_bad_iri_parameters_are_refused(queries, value):
    with pytest.raises(BadRequest) as caught:
        queries["bodies-under"].substitutions({"parent": value})
    assert "'parent'" in str(caught.value)


@pytest.mark.parametrize("value", ["nuk:nato> } ?s ?p ?o {", "no-such-prefix:x", "not an iri", "<nuk:nato>"])
def test_expand_iri_names_the_parameter(value):
    with pytest.raises(BadRequest, match="'where'"):
        expand_iri(value, "where")


def test_unknown_parameter_names_are_refused(queries):
    with pytest.raises(BadRequest, match="'decade'") as caught:
        queries["events-in-year"].substitutions({"year": "2008", "decade": "2000"})
    assert "year" in str(caught.value)  # the message lists the parameters there are
    with pytest.raises(BadRequest, match="takes none"):
        NamedQuery("plain", queries["events-in-year"].path, "s", "d?", ("t",), (), "SELECT * {}").substitutions(
            {"year": "2008"}
        )


def test_a_parameter_without_value_or_default_is_refused(tmp_path):
    path = tmp_path / "needs-year.rq"
    path.write_text(
        "#+ summary: s\n#+ description: d?\n#+ tags: [t]\n#+ params: [{name: year, type: xsd:gYear}]\n"
        "SELECT ?_year {} ORDER BY ?_year\n",
        encoding="utf-8",
    )
    query = read_query_file(path)
    assert query.defaults() == {}
    with pytest.raises(BadRequest, match="'year'"):
        query.substitutions()
    assert query.substitutions({"year": "1997"}) == {
        ox.Variable("_year"): ox.Literal("1997", datatype=ox.NamedNode(XSD + "gYear"))
    }


# ---------------------------------------------------------------------------
# Binding never changes the text: a value is one term, whatever it contains
# ---------------------------------------------------------------------------


@pytest.fixture
def tiny_store():
    """A few labelled things, one of them labelled with each hostile string, as the endpoint's store."""
    things = [("ukraine", "Ukraine"), ("nato", "NATO")] + [(f"hostile-{i}", text) for i, text in enumerate(HOSTILE)]
    quads = [
        ox.Quad(ox.NamedNode(NUK + slug), ox.NamedNode(RDFS_LABEL), ox.Literal(label, language="en"))
        for slug, label in things
    ]
    snapshot = Snapshot(nquads=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), version="tiny", prefixes={})
    return OxigraphStore(snapshot)


def run(store, query: NamedQuery, values=None) -> list[dict]:
    body = json.loads(store.query(query.text, format="json", substitutions=query.substitutions(values)).body)
    return [{name: row[name]["value"] if name in row else None for name in body["head"]["vars"]}
            for row in body["results"]["bindings"]]


def test_default_string_parameter_is_bound(tiny_store, queries):
    assert run(tiny_store, queries["label-search"]) == [{"thing": NUK + "ukraine", "_text": "Ukraine"}]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_are_bound_as_one_literal(tiny_store, folder, queries, hostile):
    query = queries["label-search"]
    terms = query.substitutions({"text": hostile})
    assert terms == {ox.Variable("_text"): ox.Literal(hostile)}  # one xsd:string literal, the value as given
    assert query.text == (folder / "label-search.rq").read_text(encoding="utf-8") == LABEL_SEARCH
    # the engine parses the file's text; the value matches exactly the thing labelled with it, and comes
    # back unchanged
    assert run(tiny_store, query, {"text": hostile}) == [
        {"thing": NUK + f"hostile-{HOSTILE.index(hostile)}", "_text": hostile}
    ]
    assert query.text == LABEL_SEARCH  # binding did not touch the query


def test_iri_parameter_is_bound_as_one_iri(tmp_path):
    (tmp_path / "labels-of.rq").write_text(
        "#+ summary: s\n#+ description: d?\n#+ tags: [t]\n#+ params: [{name: thing, type: iri, default: nuk:nato}]\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?_thing ?label WHERE { ?_thing rdfs:label ?label } ORDER BY ?label\n",
        encoding="utf-8",
    )
    quads = [ox.Quad(ox.NamedNode(NUK + "nato"), ox.NamedNode(RDFS_LABEL), ox.Literal("NATO"))]
    store = OxigraphStore(Snapshot(nquads=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), version="t", prefixes={}))
    query = get_query("labels-of", tmp_path)
    expected = [{"_thing": NUK + "nato", "label": "NATO"}]
    assert run(store, query) == run(store, query, {"thing": NUK + "nato"}) == expected
    assert run(store, query, {"thing": "nuk:ukraine"}) == []


@pytest.mark.parametrize("type_, value", [
    ("xsd:gYear", "\uff12\uff10\uff11\uff14"),  # full-width digits are digits to Python, not to XSD
    ("xsd:integer", "\u0663"),  # an Arabic-Indic three
    ("xsd:date", "2014-02-30"),  # no such day
    ("xsd:date", "2015-02-29"),  # not a leap year
])
def test_values_that_only_look_valid_are_refused(type_, value):
    with pytest.raises(BadRequest, match=re.escape(f"is not a valid {type_}")):
        Param("x", type_).term(value)


def test_a_leap_day_is_a_date():
    assert Param("x", "xsd:date").term("2016-02-29").value == "2016-02-29"
