"""A pytest plugin that writes an EARL report of the SPARQL-protocol tests (``make earl``).

    PYTHONPATH=tests python -m pytest -p support.earl --earl=releases/earl.ttl tests/http/test_protocol.py

Each W3C SPARQL 1.1 Protocol test case that one or more of the project's tests check
(:data:`W3C_CASES`) gets one ``earl:Assertion``: passed when every one of those tests passed,
failed otherwise.  Every other protocol test of the project gets an assertion of its own, about a
test case named by its pytest node id.  The update cases of the W3C suite that expect an update to
succeed are not reported: the endpoint is read-only and refuses every update (the project's tests
named after them check that refusal, and are reported as the project's own).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD
from support.paths import PROJECT_ROOT

from nukg.core.namespaces import BASE, DOAP, EARL, OTHER_IRIS, PROTOCOL_TESTS, PREFIX_IRIS
from nukg.core.terms import rdflib_graph
from nukg.release.canonical import canonical_triples
from nukg.release.version import read_semver

PROTOCOL_FILES = ("tests/http/test_protocol.py",)
SOFTWARE = URIRef(BASE + "#nukg")  # the software under test: the server of this project
ASSERTOR = URIRef(BASE + "#protocol-tests")

# The project's tests (names within tests/http/test_protocol.py) and the W3C case each checks.
W3C_CASES = {
    "test_query_post_form": "query_post_form",
    "test_query_get": "query_get",
    "test_query_post_direct": "query_post_direct",
    "test_dataset_default_graphs_get": "query_dataset_default_graphs_get",
    "test_dataset_default_graphs_post": "query_dataset_default_graphs_post",
    "test_dataset_named_graphs_post": "query_dataset_named_graphs_post",
    "test_dataset_named_graphs_get": "query_dataset_named_graphs_get",
    "test_dataset_full": "query_dataset_full",
    "test_protocol_dataset_overrides_the_query_dataset": "query_multiple_dataset",
    "test_query_content_type[select]": "query_content_type_select",
    "test_query_content_type[ask]": "query_content_type_ask",
    "test_query_content_type[describe]": "query_content_type_describe",
    "test_query_content_type[construct]": "query_content_type_construct",
    "test_bad_query_method[PUT]": "bad_query_method",
    "test_bad_query_method[DELETE]": "bad_query_method",
    "test_bad_query_method[PATCH]": "bad_query_method",
    "test_bad_multiple_queries": "bad_multiple_queries",
    "test_bad_query_wrong_media_type": "bad_query_wrong_media_type",
    "test_bad_query_missing_content_type[form-body]": "bad_query_missing_form_type",
    "test_bad_query_missing_content_type[direct-body]": "bad_query_missing_direct_type",
    "test_bad_query_non_utf8_charset": "bad_query_non_utf8",
    "test_bad_query_syntax_gives_the_position": "bad_query_syntax",
    **{f"test_updates_are_refused_and_change_nothing[{case}]": case for case in (
        "bad_update_get", "bad_multiple_updates", "bad_update_wrong_media_type", "bad_update_missing_form_type",
        "bad_update_non_utf8", "bad_update_syntax", "bad_update_dataset_conflict")},
}
OUTCOMES = {"passed": EARL.passed, "failed": EARL.failed, "skipped": EARL.untested}


def pytest_addoption(parser):
    parser.addoption("--earl", metavar="FILE", default=None,
                     help="write an EARL report (Turtle) of the SPARQL-protocol tests that ran into FILE")


def pytest_configure(config):
    path = config.getoption("earl")
    if path:
        config.pluginmanager.register(EarlRecorder(Path(path)), "nukg-earl-recorder")


def test_name(nodeid: str) -> str | None:
    """``test_query_get`` for ``tests/http/test_protocol.py::test_query_get``; None for other files' tests."""
    path, _, name = nodeid.partition("::")
    return name if path in PROTOCOL_FILES else None


class EarlRecorder:
    """Collects each protocol test's outcome and writes the report when the session ends."""

    def __init__(self, path: Path):
        self.path = path
        self.outcomes: dict[str, str] = {}  # test name -> passed / failed / skipped

    def pytest_runtest_logreport(self, report):
        name = test_name(report.nodeid)
        if name is None:
            return
        if report.when == "call" or report.outcome != "passed":  # a failed set-up or tear-down fails the test
            if self.outcomes.get(name) != "failed":
                self.outcomes[name] = report.outcome

    def pytest_sessionfinish(self, session):
        if self.outcomes:
            self.path.write_bytes(earl_turtle(self.outcomes, datetime.now(timezone.utc).replace(microsecond=0)))


def earl_turtle(outcomes: dict[str, str], when: datetime) -> bytes:
    """The EARL report of ``outcomes`` (test name -> outcome), as canonical Turtle."""
    g = Graph()
    semver = read_semver(PROJECT_ROOT)
    g.add((SOFTWARE, RDF.type, DOAP.Project))
    g.add((SOFTWARE, RDF.type, EARL.TestSubject))
    g.add((SOFTWARE, RDF.type, EARL.Software))
    g.add((SOFTWARE, DOAP.name, Literal("nukg: the SPARQL endpoint of the NATO-Ukraine Relations Knowledge Graph")))
    g.add((SOFTWARE, DOAP.homepage, URIRef(BASE)))
    g.add((SOFTWARE, DOAP["programming-language"], Literal("Python")))
    if semver:
        release = BNode()
        g.add((SOFTWARE, DOAP.release, release))
        g.add((release, RDF.type, DOAP.Version))
        g.add((release, DOAP.revision, Literal(semver)))
    g.add((ASSERTOR, RDF.type, EARL.Assertor))
    g.add((ASSERTOR, RDF.type, EARL.Software))
    g.add((ASSERTOR, DCTERMS.title, Literal("The project's SPARQL-protocol tests (pytest, " + ", ".join(PROTOCOL_FILES)
                                            + "), adapted from the W3C SPARQL 1.1 Protocol test suite")))
    date = Literal(when.isoformat(), datatype=XSD.dateTime)
    by_case: dict[str, list[str]] = {}
    for name in sorted(outcomes):
        case = W3C_CASES.get(name)
        if case:
            by_case.setdefault(case, []).append(name)
        else:
            test = BNode()
            g.add((test, RDF.type, EARL.TestCase))
            g.add((test, DCTERMS.identifier, Literal(f"{PROTOCOL_FILES[0]}::{name}")))
            _assert(g, test, outcomes[name], date, f"{PROTOCOL_FILES[0]}::{name}")
    for case, names in sorted(by_case.items()):
        results = {outcomes[n] for n in names}
        outcome = "failed" if "failed" in results else "skipped" if "skipped" in results else "passed"
        _assert(g, PROTOCOL_TESTS[case], outcome, date, ", ".join(f"{PROTOCOL_FILES[0]}::{n}" for n in names))
    out = rdflib_graph(canonical_triples(g))  # canonical blank node labels: the same run, the same bytes
    for prefix in ("dcterms", "xsd"):
        out.bind(prefix, PREFIX_IRIS[prefix], override=True, replace=True)
    for prefix in ("earl", "doap", "protocol-tests"):
        out.bind(prefix.replace("-", ""), OTHER_IRIS[prefix], override=True, replace=True)
    return out.serialize(format="turtle", encoding="utf-8")


def _assert(g: Graph, test, outcome: str, date: Literal, checked_by: str) -> None:
    assertion, result = BNode(), BNode()
    g.add((assertion, RDF.type, EARL.Assertion))
    g.add((assertion, EARL.assertedBy, ASSERTOR))
    g.add((assertion, EARL.subject, SOFTWARE))
    g.add((assertion, EARL.test, test))
    g.add((assertion, EARL.mode, EARL.automatic))
    g.add((assertion, EARL.result, result))
    g.add((result, RDF.type, EARL.TestResult))
    g.add((result, EARL.outcome, OUTCOMES[outcome]))
    g.add((result, DCTERMS.date, date))
    g.add((result, DCTERMS.description, Literal(f"Checked by {checked_by}.", lang="en")))
