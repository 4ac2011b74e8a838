"""The committed EARL report (releases/earl.ttl, written by ``make earl``): it parses, reports every
W3C protocol case the project's tests check, says only "passed", and is about this version."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone

import pytest
from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF
from support.earl import PROTOCOL_FILES, SOFTWARE, W3C_CASES, earl_turtle
from support.paths import PROJECT_ROOT

from nukg.core.namespaces import DOAP, EARL, PROTOCOL_TESTS
from nukg.release.version import read_semver

EARL_FILE = PROJECT_ROOT / "releases" / "earl.ttl"


@pytest.fixture(scope="module")
def report() -> Graph:
    return Graph().parse(EARL_FILE, format="turtle")


def outcomes(graph: Graph) -> dict:
    """earl:test -> earl:outcome, for every assertion."""
    found = {}
    for assertion in graph.subjects(RDF.type, EARL.Assertion):
        test = graph.value(assertion, EARL.test)
        assert test not in found, f"two assertions about {test}"
        found[test] = graph.value(graph.value(assertion, EARL.result), EARL.outcome)
    return found


def test_every_mapped_w3c_case_is_reported_as_passed(report):
    reported = outcomes(report)
    for case in set(W3C_CASES.values()):
        assert reported.get(PROTOCOL_TESTS[case]) == EARL.passed, case
    assert set(reported.values()) == {EARL.passed}


def test_every_assertion_is_complete(report):
    for assertion in report.subjects(RDF.type, EARL.Assertion):
        assert report.value(assertion, EARL.subject) == SOFTWARE
        assert report.value(assertion, EARL.mode) == EARL.automatic
        assert (report.value(assertion, EARL.assertedBy), RDF.type, EARL.Assertor) in report
        assert report.value(report.value(assertion, EARL.result), DCTERMS.date) is not None


def test_the_report_is_about_this_version(report):
    assert (SOFTWARE, RDF.type, DOAP.Project) in report
    revisions = {str(report.value(release, DOAP.revision)) for release in report.objects(SOFTWARE, DOAP.release)}
    assert revisions == {read_semver(PROJECT_ROOT)}, "run `make earl` after changing the version"


def test_the_table_names_tests_that_exist():
    """A renamed protocol test would silently drop its W3C case: every name in the table must be collected."""
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             *PROTOCOL_FILES], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    collected = {line.split("::", 1)[1] for line in listed.stdout.splitlines() if "::" in line}
    assert set(W3C_CASES) <= collected, set(W3C_CASES) - collected


def test_a_failed_test_fails_its_case():
    """The plugin's own logic: one failed test among those of a case makes the case failed."""
    names = [name for name, case in W3C_CASES.items() if case == "bad_query_method"]
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    graph = Graph().parse(data=earl_turtle({names[0]: "passed", names[1]: "failed"}, when), format="turtle")
    assert outcomes(graph)[PROTOCOL_TESTS.bad_query_method] == EARL.failed
