"""Metrics, readiness and the access log of a real `nukg serve` with two web workers.

With two web workers, the metrics live in files of a folder that `nukg serve` makes for the
purpose (its path is in the server's output), one set of files per worker: a scrape, whichever
worker answers it, must add up both.  The tests below read each worker's files apart too, to
show that both workers did answer.  They run in order: the last one stops the server.
"""

import hashlib
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families
from support.live import Server, wait_until
from support.paths import FIXTURE_PROJECT
from support.settings import RUNAWAY

ASK = "ASK { ?s ?p ?o }"
SPARQL_OK = ("nukg_http_requests_total", (("route", "/sparql"), ("status", "200")))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("metrics") / "serve.log"
    server = Server(FIXTURE_PROJECT, log, "--query-workers", "1", "--web-workers", "2", "--query-timeout", "1",
                    "--access-log")
    try:
        assert server.wait_ready() is not None, f"nukg serve exited early:\n{server.log}"
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def metrics_dir(server) -> Path:
    found = re.search(r"Metrics of the web workers are gathered in (\S+) \(removed at exit\)", server.log)
    assert found, server.log
    return Path(found.group(1))


def get(server, path, headers=None):
    """(status, headers, body) of a GET; error statuses are answers too."""
    request = urllib.request.Request(server.url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        with exc:  # it holds the connection
            return exc.code, exc.headers, exc.read()


def ask(server, query, headers=None):
    return get(server, "/sparql?" + urllib.parse.urlencode({"query": query}), headers)


def scrape(server) -> dict:
    status, headers, body = get(server, "/-/metrics")
    assert status == 200 and headers["Content-Type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
    }


def per_worker(metrics_dir: Path, tmp_path: Path) -> dict[int, float]:
    """``{web worker pid: its own count of /sparql 200s}``, each read from that worker's file alone."""
    counts = {}
    for file in metrics_dir.glob("counter_*.db"):
        alone = tmp_path / file.stem
        alone.mkdir(parents=True)
        shutil.copy(file, alone)
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=str(alone))
        counts[int(file.stem.split("_")[1])] = registry.get_sample_value(
            "nukg_http_requests_total", {"route": "/sparql", "status": "200"}) or 0.0
    return counts


def access_lines(server) -> list[dict]:
    return [json.loads(line) for line in server.log.splitlines() if line.startswith("{")]


def test_request_counts_add_up_across_the_web_workers(server, metrics_dir, tmp_path):
    before = scrape(server).get(SPARQL_OK, 0.0)
    sent = 0

    def both_answered() -> bool:
        return sum(1 for n in per_worker(metrics_dir, tmp_path / str(sent)).values() if n > 0) == 2

    # new connections land on either worker: go on until both have answered some (a few dozen at most)
    while sent < 20 or (sent < 400 and not both_answered()):
        status, _, body = ask(server, f"{ASK} # {sent}")  # each text new: none answered from the cache
        assert status == 200, body
        sent += 1
    workers = per_worker(metrics_dir, tmp_path / "final")
    assert len(workers) == 2 and all(n > 0 for n in workers.values()), workers
    assert sum(workers.values()) == before + sent
    totals = {scrape(server).get(SPARQL_OK) for _ in range(6)}  # whichever worker answers the scrape
    assert totals == {before + sent}
    samples = scrape(server)
    assert samples[("nukg_sparql_query_duration_seconds_count", ())] >= before + sent
    assert not any(name.startswith("process_") for name, _ in samples)  # per-process figures are not merged


def test_a_runaway_query_shows_as_a_time_out(server):
    before = scrape(server)
    status, headers, body = ask(server, RUNAWAY, headers={"X-Request-Id": "runaway-1"})
    assert status == 503, body
    assert headers["X-Request-Id"] == "runaway-1"
    assert json.loads(body)["request_id"] == "runaway-1"
    after = scrape(server)
    assert after[("nukg_query_timeouts_total", ())] == before[("nukg_query_timeouts_total", ())] + 1
    assert after[("nukg_query_memory_kills_total", ())] == before[("nukg_query_memory_kills_total", ())]
    restarts = ("nukg_query_process_restarts_total", ())
    assert wait_until(lambda: scrape(server)[restarts] == before[restarts] + 1, 30), server.log
    # the web worker logged it under the request id, through the logging `nukg serve` set up
    assert wait_until(lambda: "WARNING nukg.web.errors: request runaway-1: GET /sparql -> 503" in server.log)
    [line] = [entry for entry in access_lines(server) if entry["request_id"] == "runaway-1"]
    assert line["outcome"] == "timeout" and line["status"] == 503 and line["route"] == "/sparql"
    assert line["query_hash"] == hashlib.sha256(RUNAWAY.encode()).hexdigest()[:16]
    assert line["duration_ms"] >= 1000


def test_ready_and_one_json_access_line_per_request(server):
    status, headers, body = get(server, "/-/ready", headers={"X-Request-Id": "ready-1"})
    assert status == 200 and json.loads(body) == {"ready": True}
    assert headers["Cache-Control"] == "no-store"
    assert ask(server, "SELECT * WHERE { ?s ?p", headers={"X-Request-Id": "syntax-1"})[0] == 400
    assert wait_until(lambda: {"ready-1", "syntax-1"} <= {e["request_id"] for e in access_lines(server)})
    lines = {entry["request_id"]: entry for entry in access_lines(server)}
    assert lines["ready-1"]["route"] == "/-/ready" and lines["ready-1"]["outcome"] == "ok"
    assert lines["syntax-1"]["status"] == 400 and lines["syntax-1"]["outcome"] == "refused"
    for entry in lines.values():
        assert set(entry) == {"time", "request_id", "method", "route", "status", "duration_ms", "query_hash",
                              "outcome"}
    assert '"GET /' not in server.log  # granian's own access log is off


def test_the_metrics_folder_goes_when_the_server_stops(server, metrics_dir):
    assert metrics_dir.is_dir()
    assert server.stop() == 0, server.log
    assert not metrics_dir.exists()


def test_one_web_worker_serves_its_own_registry(live_server):
    status, _, body = get(live_server, "/-/metrics")
    assert status == 200
    names = {family.name for family in text_string_to_metric_families(body.decode())}
    assert {"nukg_http_requests", "nukg_refusals", "process_cpu_seconds"} <= names
    assert "Metrics of the web workers are gathered" not in live_server.log
