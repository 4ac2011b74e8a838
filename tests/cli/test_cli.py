"""`nukg validate` and `nukg stats` driven as a user runs them: a subprocess, exit codes, output."""

import subprocess
import sys

import pytest

PREFIXES = """\
@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .
@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .
@prefix nus: <https://w3id.org/nato-ukraine-kg/shapes/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

ONTOLOGY = PREFIXES + """
nuo:Summit a owl:Class ; rdfs:label "Summit"@en .
nuo:SourceSection a owl:Class ; rdfs:label "Source section"@en .
"""

SHAPES = PREFIXES + """
nus:SummitShape a sh:NodeShape ;
    sh:targetClass nuo:Summit ;
    sh:property [
        sh:path dcterms:source ; sh:minCount 1 ; sh:class nuo:SourceSection ;
        sh:message "A summit needs dcterms:source pointing at the source section that states it." ] .
"""

VALID_DATA = PREFIXES + """
nuk:section-1 a nuo:SourceSection ; rdfs:label "Section 1"@en .
nuk:bucharest-summit-2008 a nuo:Summit ; rdfs:label "Bucharest Summit"@en ; dcterms:source nuk:section-1 .
"""

INVALID_DATA = PREFIXES + """
nuk:bucharest-summit-2008 a nuo:Summit ; rdfs:label "Bucharest Summit"@en .
"""


def make_project(root, data):
    for folder, text in (("ontology", ONTOLOGY), ("shapes", SHAPES), ("data/events", data)):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "ontology" / "o.ttl").write_text(ONTOLOGY)
    (root / "shapes" / "s.ttl").write_text(SHAPES)
    (root / "data" / "events" / "summits.ttl").write_text(data)
    return root


def nukg(*args):
    return subprocess.run([sys.executable, "-m", "nukg.cli", *args], capture_output=True, text=True, timeout=120)


def test_validate_accepts_valid_data(tmp_path):
    result = nukg("validate", "--root", str(make_project(tmp_path, VALID_DATA)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_validate_reports_what_a_curator_needs(tmp_path):
    result = nukg("validate", "--root", str(make_project(tmp_path, INVALID_DATA)))
    assert result.returncode == 1
    out = result.stdout
    assert "nuk:bucharest-summit-2008" in out  # which resource
    assert '"Bucharest Summit"' in out  # its label
    assert "dcterms:source" in out  # which property
    assert "A summit needs dcterms:source" in out  # what is wrong
    assert "data/events/summits.ttl" in out  # in which file


def test_validate_names_file_and_line_of_a_syntax_error(tmp_path):
    broken = VALID_DATA + 'nuk:x rdfs:label "unterminated .\n'
    root = make_project(tmp_path, broken)
    line = broken.count("\n")  # the broken statement is the last line
    result = nukg("validate", "--root", str(root))
    assert result.returncode == 2
    assert f"summits.ttl:{line}" in result.stderr
    assert "syntax error" in result.stderr.lower()


def test_validate_exits_2_when_a_folder_is_missing(tmp_path):
    root = make_project(tmp_path, VALID_DATA)
    for f in (root / "shapes").iterdir():
        f.unlink()
    (root / "shapes").rmdir()
    result = nukg("validate", "--root", str(root))
    assert result.returncode == 2
    assert "shapes" in result.stderr


def test_stats_prints_triples_classes_and_sections(tmp_path):
    result = nukg("stats", "--root", str(make_project(tmp_path, VALID_DATA)))
    assert result.returncode == 0, result.stderr
    assert "Triples:" in result.stdout
    assert "nuo:Summit" in result.stdout
    # the summit's three statements are counted for the section it cites
    assert "    3  Section 1" in result.stdout


@pytest.mark.parametrize("command", ["validate", "stats"])
def test_real_project_runs(command):
    result = nukg(command)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
