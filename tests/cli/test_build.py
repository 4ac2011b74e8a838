"""`nukg build` driven as a user runs it: a subprocess, exit codes, the files in dist/.

Two builds of the real project run in separate processes with different PYTHONHASHSEED
values and must agree byte for byte, with each other and with what the server sends.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.live import clean_env
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

from nukg.web.app import create_app

SEEDS = {"a": "1", "b": "4242"}


def nukg_command(*args) -> list[str]:
    return [sys.executable, "-m", "nukg.cli", *map(str, args)]


def environment(seed: str = "0") -> dict[str, str]:
    return {**clean_env(), "PYTHONHASHSEED": seed}


def nukg(*args, seed: str = "0"):
    return subprocess.run(nukg_command(*args), capture_output=True, text=True, timeout=300, env=environment(seed),
                          cwd=PROJECT_ROOT)


def copy_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    return root


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """The real project built twice, side by side, with different hash seeds."""
    base = tmp_path_factory.mktemp("builds")
    procs = {
        name: subprocess.Popen(nukg_command("build", "--root", PROJECT_ROOT, "--out", base / name),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment(seed))
        for name, seed in SEEDS.items()
    }
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"build {name} failed:\n{out}\n{err}"
        assert "files written into" in out
    return {name: base / name for name in SEEDS}


def contents(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_two_builds_are_byte_identical(builds):
    a, b = contents(builds["a"]), contents(builds["b"])
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []


def test_dist_holds_the_release_and_its_description(builds):
    files = contents(builds["a"])
    parts = ("-ontology-", "-shapes-", "-shacl-report-", "-earl-")
    dumps = [n for n in files if n.startswith("nato-ukraine-kg-") and not any(part in n for part in parts)]
    assert len(dumps) == 12  # six formats, each also gzipped
    assert any("-ontology-" in n for n in files) and any("-shapes-" in n for n in files)
    assert "SHA256SUMS" in files and "void.ttl" in files
    sums = dict(reversed(line.split("  ", 1)) for line in files["SHA256SUMS"].decode().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS", "void.ttl"}
    for name, digest in sums.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name


def test_the_server_sends_the_built_bytes(builds):
    built = contents(builds["a"])
    client = create_app({"NUKG_ROOT": PROJECT_ROOT, "NUKG_QUERY_WORKERS": 0}).test_client()
    listing = client.get("/download/", headers={"Accept": "application/json"}).json
    assert {entry["name"] for entry in listing["files"]} == set(built) - {"void.ttl"}
    for entry in listing["files"]:
        assert client.get(entry["url"]).data == built[entry["name"]], entry["name"]
    void = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert void.data == built["void.ttl"]


def test_build_writes_into_the_projects_dist_by_default(tmp_path):
    root = copy_project(tmp_path)
    result = nukg("build", "--root", root)
    assert result.returncode == 0, result.stdout + result.stderr
    names = {path.name for path in (root / "dist").iterdir()}
    assert {"SHA256SUMS", "void.ttl"} <= names and len(names) == 17  # 12 dumps, ontology, shapes, SHACL report
    assert str(root / "dist") in result.stdout
    assert "SHA256SUMS" in result.stdout  # each file is listed with its size


def test_build_replaces_older_builds_only(tmp_path):
    root, out = copy_project(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "nato-ukraine-kg-000000000000.ttl").write_text("stale")
    (out / "notes.txt").write_text("mine")
    result = nukg("build", "--root", root, "--out", out)
    assert result.returncode == 0, result.stderr
    assert not (out / "nato-ukraine-kg-000000000000.ttl").exists()
    assert (out / "notes.txt").read_text() == "mine"


def test_build_refuses_invalid_data(tmp_path):
    root = copy_project(tmp_path)
    data = root / "data" / "things.ttl"
    data.write_text(data.read_text().replace('    dcterms:date "2022-06-29"^^xsd:date .', "    ."))
    result = nukg("build", "--root", root, "--out", tmp_path / "out")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "A summit needs a date." in result.stdout  # the report a curator acts on
    assert "nuk:madrid-summit-2022" in result.stdout
    assert "not building" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_names_file_and_line_of_a_syntax_error(tmp_path):
    root = copy_project(tmp_path)
    data = root / "data" / "things.ttl"
    text = data.read_text() + 'nuk:x rdfs:label "unterminated .\n'
    data.write_text(text)
    result = nukg("build", "--root", root, "--out", tmp_path / "out")
    assert result.returncode == 2
    assert f"things.ttl:{text.count(chr(10))}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_exits_2_when_it_cannot_write(tmp_path):
    root = copy_project(tmp_path)
    (tmp_path / "a-file").write_text("")
    result = nukg("build", "--root", root, "--out", tmp_path / "a-file" / "dist")
    assert result.returncode == 2
    assert "cannot write" in result.stderr
