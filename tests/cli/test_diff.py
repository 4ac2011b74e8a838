"""`nukg diff OLD NEW` run as a user runs it: two project folders, two git revisions of a
temporary repository, a release file against a folder, and sides that cannot be read (exit 2)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.live import clean_env
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

NUK = "https://w3id.org/nato-ukraine-kg/id/"
MADRID_DATE = '    dcterms:date "2022-06-29"^^xsd:date .'
NEW_SUMMIT = """
nuk:vilnius-summit-2023 a nuo:Summit ;
    rdfs:label "Vilnius Summit"@en ;
    nuo:hostedBy nuk:nato ;
    dcterms:date "2023-07"^^xsd:gYearMonth .
"""


def nukg(*args, cwd: Path = PROJECT_ROOT):
    return subprocess.run([sys.executable, "-m", "nukg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=clean_env(), cwd=cwd)


def edit(root: Path) -> None:
    """A known change: one summit added, Madrid's date changed to its month."""
    things = root / "data" / "things.ttl"
    text = things.read_text()
    assert MADRID_DATE in text
    things.write_text(text.replace(MADRID_DATE, '    dcterms:date "2022-06"^^xsd:gYearMonth .') + NEW_SUMMIT)


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(FIXTURE_PROJECT, old)
    shutil.copytree(FIXTURE_PROJECT, new)
    edit(new)
    return old, new


def check_known_change(report: dict) -> None:
    by_resource = {r["resource"]: r for r in report["resources"]}
    vilnius = by_resource[NUK + "vilnius-summit-2023"]
    assert vilnius["label"] == "Vilnius Summit" and not vilnius["removed"]
    added = {(p, o) for _, p, o in vilnius["added"]}
    assert ("<http://purl.org/dc/terms/date>",
            '"2023-07"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>') in added
    # its inferred type comes with it, as in the published dumps
    assert ("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<https://w3id.org/nato-ukraine-kg/ontology/Event>") \
        in added
    madrid = by_resource[NUK + "madrid-summit-2022"]
    assert [o for _, _, o in madrid["removed"]] == ['"2022-06-29"^^<http://www.w3.org/2001/XMLSchema#date>']
    assert [o for _, _, o in madrid["added"]] == ['"2022-06"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>']
    # and NATO the inverse statement (nuo:hosted) the server infers
    assert [(p, o) for _, p, o in by_resource[NUK + "nato"]["added"]] == [
        ("<https://w3id.org/nato-ukraine-kg/ontology/hosted>", f"<{NUK}vilnius-summit-2023>")]
    assert set(by_resource) == {NUK + "vilnius-summit-2023", NUK + "madrid-summit-2022", NUK + "nato"}
    summits = next(c for c in report["classes"] if c["term"].endswith("/ontology/Summit"))
    assert summits["change"] == 1 and summits["after"] == summits["before"] + 1
    assert report["triples"]["removed"] == 1


def test_two_folders(folders):
    old, new = folders
    result = nukg("diff", old, new, "--format", "json")
    assert result.returncode == 0, result.stderr
    check_known_change(json.loads(result.stdout))
    text = nukg("diff", old, new)
    assert text.returncode == 0
    assert 'nuk:vilnius-summit-2023 "Vilnius Summit"' in text.stdout
    assert '  - dcterms:date "2022-06-29"^^xsd:date' in text.stdout


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   check=True, capture_output=True, timeout=60)


def test_two_git_revisions_of_a_temporary_repository(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_PROJECT, repo)
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "0.1.0"\n')
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    git(repo, "tag", "v0.1.0")
    edit(repo)
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "0.2.0"\n')
    git(repo, "commit", "-q", "-am", "second")
    (repo / "data" / "things.ttl").write_text("not turtle at all")  # the working tree is not read
    result = nukg("diff", "v0.1.0", "HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    check_known_change(report)
    assert report["old"].startswith("v0.1.0 (git revision ") and "0.1.0+" in report["old"]
    assert "0.2.0+" in report["new"]
    # --root names the repository when the command runs elsewhere
    elsewhere = nukg("diff", "HEAD~1", "HEAD", "--root", repo, "--format", "json", cwd=tmp_path)
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert json.loads(elsewhere.stdout)["resources"] == report["resources"]


def test_a_release_file_against_its_folder_has_no_changes(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    assert nukg("build", "--root", root, "--out", tmp_path / "dist").returncode == 0
    whole = re.compile(r"nato-ukraine-kg-[0-9a-f]{12}\.(nq\.gz|ttl|nt|trig|jsonld\.gz|rdf)")
    dumps = [path for path in sorted((tmp_path / "dist").iterdir()) if whole.fullmatch(path.name)]
    assert len(dumps) == 6
    for dump in dumps:
        result = nukg("diff", dump, root)
        assert result.returncode == 0, result.stderr
        assert "0 added, 0 removed" in result.stdout, dump.name


def test_unreadable_sides_exit_2_naming_the_side(folders, tmp_path):
    old, new = folders
    missing = nukg("diff", old, tmp_path / "nowhere")
    assert missing.returncode == 2
    assert "cannot read NEW" in missing.stderr and "nowhere" in missing.stderr
    broken = tmp_path / "broken.nq.gz"
    broken.write_bytes(b"this is not gzip")
    result = nukg("diff", broken, new)
    assert result.returncode == 2 and "cannot read OLD" in result.stderr
    bad_turtle = tmp_path / "bad.ttl"
    bad_turtle.write_text("<a> <b> .")
    result = nukg("diff", new, bad_turtle)
    assert result.returncode == 2 and "cannot read NEW" in result.stderr
    no_revision = nukg("diff", "no-such-revision-xyz", new)
    assert no_revision.returncode == 2 and "cannot read OLD (no-such-revision-xyz)" in no_revision.stderr
    assert not result.stdout and not no_revision.stdout


def test_changelog_sections_are_written_in_place(folders, tmp_path):
    old, new = folders
    changelog = tmp_path / "CHANGELOG.md"
    marker = f"<!-- nukg diff {old} {new} --format markdown -->"
    changelog.write_text(f"# Changes\n\n{marker}\nstale text\n<!-- end nukg diff -->\n\nOlder notes.\n")
    result = nukg("diff", old, new, "--changelog", changelog)
    assert result.returncode == 0, result.stderr
    printed = nukg("diff", old, new, "--format", "markdown").stdout
    assert changelog.read_text() == f"# Changes\n\n{marker}\n{printed}<!-- end nukg diff -->\n\nOlder notes.\n"
    other = nukg("diff", new, old, "--changelog", changelog)  # no section for these two
    assert other.returncode == 2 and "no section" in other.stderr
