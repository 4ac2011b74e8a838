"""The build cache, driven as a user meets it: `nukg validate`, `build`, `query` and `serve` with NUKG_CACHE_DIR.

A second run over the same files reads the validated build back and says SHACL did not run again;
a changed file, a damaged or foreign cache file, or the cache turned off make it validate again; data
that does not conform is refused whatever the cache holds, and never cached.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from support.live import Server, clean_env, nukg_command
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

HIT = "SHACL not run again"
RAN = "validated with SHACL"
UNDATED = (
    "@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .\n"
    "@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .\n"
    "nuk:undated-summit a nuo:Summit .\n"
)
EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    return root


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


def nukg(*args, cache, timeout=120):
    env = {**clean_env(), "NUKG_CACHE_DIR": str(cache)}
    return subprocess.run([*nukg_command(), *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          env=env, cwd=PROJECT_ROOT)


def validate(project, cache):
    result = nukg("validate", "--root", project, cache=cache)
    return result, result.stdout + result.stderr


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.build")) if cache.is_dir() else []


def test_a_second_validate_reads_the_build_back(project, cache):
    first, said = validate(project, cache)
    assert first.returncode == 0, said
    assert RAN in said and HIT not in said
    assert len(entries(cache)) == 1
    second, said_again = validate(project, cache)
    assert second.returncode == 0, said_again
    assert HIT in said_again and RAN not in said_again
    assert "conforms" in second.stdout
    # the same figures either way
    assert first.stdout.splitlines()[1].split(" (")[0] == second.stdout.splitlines()[1].split(" (")[0]


def test_a_changed_data_file_is_validated_again(project, cache):
    validate(project, cache)
    things = project / "data" / "things.ttl"
    things.write_text(things.read_text() + '\nnuk:ukraine rdfs:comment "changed"@en .\n')
    result, said = validate(project, cache)
    assert result.returncode == 0, said
    assert RAN in said
    assert len(entries(cache)) == 2  # the old build stays for the old files
    assert HIT in validate(project, cache)[1]


@pytest.mark.parametrize("part", ["data", "shapes", "ontology"])
def test_an_added_file_in_any_part_is_validated_again(project, cache, part):
    validate(project, cache)
    (project / part / "more.ttl").write_text("@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .\n")
    assert RAN in validate(project, cache)[1]


def test_an_invalid_change_is_refused_with_a_warm_cache(project, cache):
    validate(project, cache)
    assert HIT in validate(project, cache)[1]
    (project / "data" / "bad.ttl").write_text(UNDATED)
    for _ in range(2):  # and again: an invalid build is never cached as valid
        result, said = validate(project, cache)
        assert result.returncode == 1, said
        assert "A summit needs a date." in said and "nuk:undated-summit" in said
        assert HIT not in said
    assert len(entries(cache)) == 1
    served = nukg("serve", "--root", project, "--port", "0", cache=cache)
    assert served.returncode == 1
    assert "not serving" in served.stderr and "A summit needs a label." in served.stderr


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "emptied", "not a build"])
def test_a_damaged_cache_file_is_ignored_and_rebuilt(project, cache, damage):
    validate(project, cache)
    [entry] = entries(cache)
    raw = entry.read_bytes()
    damaged = {
        "flipped byte": raw[:-40] + bytes([raw[-40] ^ 0x20]) + raw[-39:],
        "truncated": raw[: len(raw) // 2],
        "emptied": b"",
        "not a build": b"hello\n" + raw,
    }[damage]
    entry.write_bytes(damaged)
    result, said = validate(project, cache)
    assert result.returncode == 0, said
    assert RAN in said
    assert "warning: build cache:" in result.stderr and str(entry) in result.stderr
    assert entry.read_bytes() != damaged  # written again, whole: the next run reads it back
    assert HIT in validate(project, cache)[1]


def test_a_build_of_other_files_under_this_name_is_not_served(project, cache):
    validate(project, cache)
    [old] = entries(cache)
    things = project / "data" / "things.ttl"
    things.write_text(things.read_text().replace('"NATO"@en', '"North Atlantic Treaty Organization"@en'))
    validate(project, cache)
    [new] = [path for path in entries(cache) if path != old]
    new.write_bytes(old.read_bytes())  # the old build, complete and sound, under the new files' name
    result, said = validate(project, cache)
    assert RAN in said and "not the build its name says" in result.stderr
    assert new.read_bytes() != old.read_bytes()
    new.write_bytes(old.read_bytes())  # and where only the graph is read back (nukg query, the web workers)
    answer = nukg("query", "--root", project, "--format", "tsv",
                  "SELECT ?l WHERE { <https://w3id.org/nato-ukraine-kg/id/nato> ?p ?l FILTER(lang(?l) = 'en') }",
                  cache=cache)
    assert answer.returncode == 0, answer.stderr
    assert "North Atlantic Treaty Organization" in answer.stdout and '"NATO"@en' not in answer.stdout


def test_the_cache_can_be_turned_off(project, cache):
    for _ in range(2):
        result = nukg("validate", "--root", project, cache="off")
        assert result.returncode == 0, result.stderr
        assert RAN in result.stdout and "not cached" in result.stdout
    assert not cache.exists()


def test_a_cache_folder_that_cannot_be_written_only_warns(project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result, said = validate(project, blocker / "cache")
    assert result.returncode == 0, said
    assert "warning: build cache: cannot keep the build" in result.stderr


def test_the_graph_read_back_is_the_graph_built(project, cache, tmp_path):
    def everything(cache_dir) -> Graph:
        result = nukg("query", "--root", project, "--format", "nt", EVERYTHING, cache=cache_dir)
        assert result.returncode == 0, result.stderr
        return Graph().parse(data=result.stdout, format="nt")

    parsed = everything("off")
    assert len(parsed) > 20
    validate(project, cache)
    assert isomorphic(parsed, everything(cache))
    # and the release files are the same bytes
    cold = nukg("build", "--root", project, "--out", tmp_path / "cold", cache="off")
    warm = nukg("build", "--root", project, "--out", tmp_path / "warm", cache=cache)
    assert cold.returncode == warm.returncode == 0, cold.stderr + warm.stderr
    assert HIT in warm.stdout + warm.stderr
    assert (tmp_path / "cold" / "SHA256SUMS").read_text() == (tmp_path / "warm" / "SHA256SUMS").read_text()


def relabelled(entry: Path, old: bytes, new: bytes) -> None:
    """Rewrite a cache entry as the cache would have written it had the data said ``new`` for ``old``."""
    raw = entry.read_bytes()
    magic, _, rest = raw.partition(b"\n")
    _, _, body = rest.partition(b"\n")
    line, _, payload = body.partition(b"\n")
    header = json.loads(line)
    dataset, shapes = payload[:header["dataset"]], payload[header["dataset"]:]
    assert old in dataset
    dataset = dataset.replace(old, new)
    header["dataset"] = len(dataset)
    body = json.dumps(header).encode() + b"\n" + dataset + shapes
    entry.write_bytes(magic + b"\n" + hashlib.sha256(body).hexdigest().encode() + b"\n" + body)


def test_serve_starts_from_the_cached_build(project, cache, tmp_path):
    validate(project, cache)
    [entry] = entries(cache)
    # what the web worker and its query processes serve comes from the cache, not from the Turtle files
    relabelled(entry, b'"Madrid Summit"@en', b'"Madrid Summit (read back)"@en')
    server = Server(project, tmp_path / "serve.log", env={"NUKG_CACHE_DIR": str(cache), "NUKG_QUERY_WORKERS": "1"})
    try:
        assert server.wait_ready() is not None, server.log
        query = urllib.parse.quote(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/nato-ukraine-kg/ontology/Summit> }")
        request = urllib.request.Request(f"{server.endpoint}?query={query}",
                                         headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            rows = json.loads(response.read())["results"]["bindings"]
        assert rows[0]["n"]["value"] == "2"
        page = urllib.request.Request(f"{server.url}/doc/madrid-summit-2022.nt")
        with urllib.request.urlopen(page, timeout=10) as response:
            assert "Madrid Summit (read back)" in response.read().decode()
        query = urllib.parse.quote("SELECT ?l WHERE { <https://w3id.org/nato-ukraine-kg/id/madrid-summit-2022> "
                                   "<http://www.w3.org/2000/01/rdf-schema#label> ?l }")
        with urllib.request.urlopen(f"{server.endpoint}?query={query}&format=csv", timeout=10) as response:
            assert "Madrid Summit (read back)" in response.read().decode()
    finally:
        server.stop()
    assert HIT in server.log and RAN not in server.log
