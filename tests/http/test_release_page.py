"""The download page of a release: its semantic version, the SHACL and EARL reports (listed, in
SHA256SUMS, served as built), and the changes since the previous release kept in releases/."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT
from support.settings import BROWSER

from nukg.kg.graph import load
from nukg.release.files import build_release, keep_release
from nukg.web.app import create_app

NUK = "https://w3id.org/nato-ukraine-kg/id/"
NEW_SUMMIT = """
nuk:vilnius-summit-2023 a nuo:Summit ;
    rdfs:label "Vilnius Summit"@en ;
    nuo:hostedBy nuk:nato ;
    dcterms:date "2023-07"^^xsd:gYearMonth .
"""


def project(root: Path, version: str) -> Path:
    shutil.copytree(FIXTURE_PROJECT, root)
    (root / "pyproject.toml").write_text(f'[project]\nname = "fixture"\nversion = "{version}"\n')
    return root


@pytest.fixture(scope="module")
def release_site(tmp_path_factory):
    """Release 0.2.0 (a summit more) of a project that keeps release 0.1.0 and an EARL report."""
    base = tmp_path_factory.mktemp("releases")
    old = project(base / "old", "0.1.0")
    root = project(base / "new", "0.2.0")
    (root / "releases").mkdir()
    old_kg = load(old)
    kept = keep_release(old_kg, build_release(old_kg))
    shutil.copy(kept, root / "releases" / kept.name)
    shutil.copy(PROJECT_ROOT / "releases" / "earl.ttl", root / "releases" / "earl.ttl")
    things = root / "data" / "things.ttl"
    things.write_text(things.read_text() + NEW_SUMMIT)
    app = create_app({"NUKG_ROOT": root, "NUKG_QUERY_WORKERS": 0})
    return app.test_client(), root


def test_the_listing_tells_the_version_and_the_changes(release_site):
    client, _ = release_site
    listing = client.get("/download/", headers={"Accept": "application/json"}).json
    assert listing["semantic_version"] == "0.2.0"
    assert listing["full_version"] == f"0.2.0+{listing['version']}"
    changes = listing["changes"]
    assert changes["previous"] == "0.1.0"
    by_resource = {r["resource"]: r for r in changes["resources"]}
    assert set(by_resource) == {NUK + "vilnius-summit-2023", NUK + "nato"}  # NATO gains the inverse statement
    assert by_resource[NUK + "vilnius-summit-2023"]["label"] == "Vilnius Summit"
    assert changes["triples"]["removed"] == 0 and changes["triples"]["added"] == 6
    summit = next(c for c in changes["classes"] if c["term"].endswith("/ontology/Summit"))
    assert (summit["before"], summit["after"]) == (2, 3)


def test_the_page_shows_the_reports_and_the_diff(release_site):
    client, _ = release_site
    page = client.get("/download/", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "Release <strong>0.2.0</strong>" in page and "<code>v0.2.0</code>" in page
    reports = page.split('id="reports"', 1)[1].split('id="changes"', 1)[0]
    assert "nato-ukraine-kg-shacl-report-" in reports and "nato-ukraine-kg-earl-" in reports
    changes = page.split('id="changes"', 1)[1]
    assert "Compared with release <strong>0.1.0</strong>" in changes
    assert 'href="/doc/vilnius-summit-2023">Vilnius Summit</a>' in changes
    assert "dcterms:date &#34;2023-07&#34;^^xsd:gYearMonth" in changes
    assert "nuo:Summit" in changes  # the class whose count changed


def test_the_reports_are_in_the_checksums_and_served_as_published(release_site):
    client, root = release_site
    files = client.get("/download/", headers={"Accept": "application/json"}).json["files"]
    reports = {f["name"]: f for f in files if f["kind"] == "report"}
    assert len(reports) == 2
    sums = client.get("/download/SHA256SUMS").get_data(as_text=True)
    for name, entry in reports.items():
        data = client.get(entry["url"]).data
        assert f"{hashlib.sha256(data).hexdigest()}  {name}" in sums
    earl = next(f for name, f in reports.items() if "-earl-" in name)
    assert client.get(earl["url"]).data == (root / "releases" / "earl.ttl").read_bytes()
    shacl = next(f for name, f in reports.items() if "-shacl-report-" in name)
    graph = Graph().parse(data=client.get(shacl["url"]).data, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms).toPython() is True


def test_a_kept_release_equal_to_the_graph_is_skipped(tmp_path):
    """The release kept under this very version is this release: the page compares with the one before."""
    root = project(tmp_path / "p", "0.1.0")
    kg = load(root)
    keep_release(kg, build_release(kg))
    assert build_release(load(root)).changes is None  # nothing before it
    (root / "pyproject.toml").write_text('[project]\nname = "fixture"\nversion = "0.2.0"\n')
    things = root / "data" / "things.ttl"
    things.write_text(things.read_text() + NEW_SUMMIT)
    kg = load(root)
    keep_release(kg, build_release(kg))  # 0.2.0 kept too: the graph equals it
    changes = build_release(load(root)).changes
    assert changes is not None and changes.previous == "0.1.0" and changes.diff.added == 6


def test_without_kept_releases_the_page_says_so(client):
    page = client.get("/download/", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "No earlier release is kept to compare with" in page
    assert client.get("/download/", headers={"Accept": "application/json"}).json["changes"] is None
