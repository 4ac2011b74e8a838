"""The named queries and the data-quality checks as files: ``queries/*.rq`` and ``queries/checks/*.rq``.

Each one parses (with pyoxigraph and, as a second opinion, rdflib), has a complete
header, follows the house style, and declares exactly the parameters it uses, each
with a default.  The text is parsed as it is: parameters are ``?_name`` variables,
bound only when the query runs, so the unbound text is valid SPARQL.
"""

from __future__ import annotations

import re

import pytest
from pyoxigraph import Store
from rdflib.plugins.sparql import prepareQuery

from query_support import ALL, CHECKS, NAMED


def test_there_are_enough_competency_questions():
    assert len(NAMED) >= 32, sorted(NAMED)
    assert len(CHECKS) >= 7, sorted(CHECKS)


def test_names_are_kebab_case():
    for name in ALL:
        assert re.fullmatch(r"(checks/)?[a-z0-9]+(-[a-z0-9]+)*", name), name
    for name in CHECKS:
        assert name.endswith("-violation"), f"checks/{name}.rq must be named <what>-violation.rq"


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_parses(name):
    text = ALL[name].text
    Store().query(text)  # pyoxigraph parses (and runs it on nothing)
    prepareQuery(text)  # and so does rdflib's independent SPARQL 1.1 parser


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_has_header(name):
    query = ALL[name]
    assert query.summary, f"{name}: no '#+ summary:'"
    assert query.description, f"{name}: no '#+ description:'"
    assert "?" in query.description, f"{name}: the description should ask the question the query answers"
    assert query.tags and all(query.tags), f"{name}: no '#+ tags: [...]'"


@pytest.mark.parametrize("name", sorted(ALL))
def test_query_style(name):
    text = ALL[name].text
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert re.search(r"^PREFIX\s", body, re.M | re.I) or "<http" in body, f"{name}: declare the prefixes it uses"
    assert re.search(r"\bORDER\s+BY\b", body, re.I), f"{name}: needs ORDER BY for a deterministic answer"


@pytest.mark.parametrize("name", sorted(ALL))
def test_parameters_are_declared_and_used(name):
    query = ALL[name]
    used = set(re.findall(r"[?$]_(\w+)", query.text))
    declared = {p.name for p in query.params}
    assert used == declared, f"{name}: uses ?_{sorted(used)} but declares {sorted(declared)}"
    for param in query.params:
        assert param.default is not None, f"{name}: parameter {param.name} needs a default"
    query.substitutions()  # and every default is a valid value of its type


@pytest.mark.parametrize("name", sorted(q for q in ALL if ALL[q].params))
def test_parameters_can_be_bound(name):
    """pyoxigraph binds only the variables a SELECT projects: each parameter must be in the projection,
    and each default must be a valid value (run on an empty store, so nothing but the binding is tested)."""
    query = ALL[name]
    Store().query(query.text, substitutions=query.substitutions())
