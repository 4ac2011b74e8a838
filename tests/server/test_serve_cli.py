"""`nukg serve` and `nukg query` as a user runs them: start, refuse, stop, and the real project."""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from support.live import Server, alive, clean_env, free_port, nukg_command, wait_until
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

from nukg.core import settings
from nukg.kg.graph import load
from nukg.store.oxigraph import OxigraphStore


def run_nukg(*args, timeout=120):
    return subprocess.run([*nukg_command(), *args], capture_output=True, text=True, timeout=timeout,
                          env=clean_env(), cwd=PROJECT_ROOT)


def test_serve_refuses_data_that_does_not_conform(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    (root / "data" / "bad.ttl").write_text(
        "@prefix nuk: <https://w3id.org/nato-ukraine-kg/id/> .\n"
        "@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .\n"
        "nuk:undated-summit a nuo:Summit .\n"
    )
    port = free_port()
    result = run_nukg("serve", "--root", str(root), "--port", str(port))
    assert result.returncode == 1
    assert "A summit needs a label." in result.stderr
    assert "A summit needs a date." in result.stderr
    assert "nuk:undated-summit" in result.stderr
    assert "not serving" in result.stderr


@pytest.mark.parametrize("option, value", [("--query-timeout", "0"), ("--port", "http"), ("--web-threads", "0")])
def test_serve_refuses_bad_settings(option, value):
    port = [] if option == "--port" else ["--port", str(free_port())]
    result = run_nukg("serve", "--root", str(FIXTURE_PROJECT), *port, option, value)
    assert result.returncode == 2
    assert "error: NUKG_" in result.stderr


def test_serve_refuses_a_port_in_use():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run_nukg("serve", "--root", str(FIXTURE_PROJECT), "--port", str(port))
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


def test_serve_refuses_a_missing_project(tmp_path):
    result = run_nukg("serve", "--root", str(tmp_path / "nowhere"), "--port", str(free_port()))
    assert result.returncode == 2
    assert "missing folder" in result.stderr


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the query processes through /proc")
def test_serve_starts_quickly_and_stops_cleanly(tmp_path):
    started = time.monotonic()
    server = Server(FIXTURE_PROJECT, tmp_path / "serve.log", "--query-workers", "3", "--web-workers", "1")
    try:
        health = server.wait_ready()
        assert health is not None, server.log
        assert time.monotonic() - started < 30  # seconds, not minutes
        assert health["query_processes"] == 3
        workers = server.query_worker_pids()
        assert len(workers) == 3
    finally:
        code = server.stop()
    assert code == 0, server.log
    assert wait_until(lambda: not any(alive(pid) for pid in workers), 10), "query processes outlived the server"


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="finds the query processes through /proc")
def test_by_default_every_cpu_gets_a_web_worker_with_its_query_processes(tmp_path):
    web = settings.cpus()
    each = settings.query_workers(settings.resolve(environ={}))  # the defaults
    server = Server(FIXTURE_PROJECT, tmp_path / "serve.log")
    try:
        health = server.wait_ready()
        assert health is not None, server.log
        assert health["query_processes"] == each >= 2
        assert wait_until(lambda: len(server.query_worker_pids()) == web * each, 30), server.query_worker_pids()
        assert f"({web} web worker(s) x 32 threads, {each} query processes each" in server.log
    finally:
        assert server.stop() == 0, server.log


def test_settings_from_the_environment(tmp_path):
    server = Server(FIXTURE_PROJECT, tmp_path / "serve.log", env={"NUKG_QUERY_WORKERS": "1", "NUKG_QUERY_TIMEOUT": "3"})
    try:
        health = server.wait_ready()
        assert health is not None, server.log
        assert health["query_processes"] == 1
        assert health["query_timeout"] == 3.0
    finally:
        server.stop()


def test_query_command_prints_tables_and_turtle():
    result = run_nukg("query", "--root", str(FIXTURE_PROJECT),
                      "SELECT ?label WHERE { nuk:nato rdfs:label ?label } ORDER BY ?label")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["?label", '"NATO"@en', '"НАТО"@uk']
    result = run_nukg("query", "--root", str(FIXTURE_PROJECT), "--format", "nt",
                      "CONSTRUCT WHERE { nuk:nato a ?type }")
    assert result.stdout.strip() == (
        "<https://w3id.org/nato-ukraine-kg/id/nato> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/nato-ukraine-kg/ontology/Organisation> ."
    )
    result = run_nukg("query", "--root", str(FIXTURE_PROJECT), "-f", "json", "ASK { nuk:nato ?p ?o }")
    assert json.loads(result.stdout)["boolean"] is True


def test_query_command_reads_a_file(tmp_path):
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    result = run_nukg("query", "--root", str(FIXTURE_PROJECT), "-f", "csv", "--file", str(query))
    assert result.stdout.split() == ["n", str(len(load(FIXTURE_PROJECT).union))]


@pytest.mark.parametrize(
    "query, message",
    [("DROP ALL", "read-only"), ("SELECT * { SERVICE <http://example.org/> { } }", "SERVICE"),
     ("SELECT * {", "error at 1:")],
)
def test_query_command_refuses_with_exit_2(query, message):
    result = run_nukg("query", "--root", str(FIXTURE_PROJECT), query)
    assert result.returncode == 2
    assert message in result.stderr


def test_the_real_project_end_to_end(tmp_path):
    """The project's own data served and queried generically; compared with the in-process store."""
    server = Server(PROJECT_ROOT, tmp_path / "serve.log", "--query-workers", "2")
    try:
        health = server.wait_ready(seconds=120)
        if health is None:
            if server.proc.returncode == 1:
                pytest.skip("the project's data does not conform to its shapes yet (tests/quality reports why)")
            pytest.fail(f"nukg serve could not start:\n{server.log}")
        store = OxigraphStore.from_kg(load(PROJECT_ROOT))
        assert health["version"] == store.version
        assert health["triples"] == store.sizes[""]
        queries = [
            "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g ORDER BY ?g",
            "SELECT ?class (COUNT(?x) AS ?n) WHERE { ?x a ?class } GROUP BY ?class ORDER BY ?class",
            "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?predicates) WHERE { ?s ?p ?o }",
        ]
        for query in queries:
            url = server.endpoint + "?" + urllib.parse.urlencode({"query": query})
            request = urllib.request.Request(url, headers={"Accept": "text/tab-separated-values"})
            with urllib.request.urlopen(request, timeout=30) as response:
                served = response.read()
            expected = store.query(query, format="tsv").body
            fmt = ox.QueryResultsFormat.TSV
            assert [str(s) for s in ox.parse_query_results(served, format=fmt)] == \
                [str(s) for s in ox.parse_query_results(expected, format=fmt)]
    finally:
        server.stop()
