"""Load under attack: ordinary clients, runaway queries and malformed requests at once.

Starts `nukg serve` with its default settings (telling clients apart by a header) and runs,
for ``--seconds`` (60 by default), on loopback:

- 40 ordinary clients, each running the named queries (``queries/*.rq``) one after another,
  with a short pause between them (``--think``, 0.1 s), as people and scripts do;
- 4 clients sending runaway queries that never finish, again and again;
- 2 clients sending malformed or oversized requests (syntax errors, updates, SERVICE,
  bodies over the limit, bytes that are not UTF-8).

It prints, per class of client, the requests, the status counts and p50/p99 latency.  The
target (README): no failed ordinary query, ordinary p99 under 250 ms while the runaways run.

    python bench/load.py [--seconds 60] [--ordinary 40] [--runaway 4] [--malformed 2]

A benchmark, not a test: it prints figures and asserts nothing.  The client shares the
machine's CPUs with the server.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from endpoint import CLIENT_HEADER, PROJECT_ROOT, free_port, named_queries, start_server, stop_server, wait_ready  # noqa: E402

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?x{i} {{ 1 2 3 4 5 6 7 8 9 10 }}" for i in range(10)
) + " }"
MALFORMED = (
    ("GET", {"query": "SELECT * WHERE { ?s ?p }"}, None, None),  # syntax error
    ("GET", {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}, None, None),  # update
    ("GET", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}, None, None),
    ("POST", {}, "application/sparql-query", b"SELECT * WHERE { ?s ?p ?o } # " + b"x" * 300_000),  # oversized
    ("POST", {}, "application/sparql-query", b"SELECT * WHERE { ?s ?p \xff\xfe }"),  # not UTF-8
    ("POST", {}, "text/plain", b"SELECT * WHERE { ?s ?p ?o }"),  # wrong body type
    ("GET", {"query": "SELECT * WHERE { ?s ?p ?o }", "format": "nonsense"}, None, None),  # unknown format
)


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = {}
        self.statuses: dict[str, Counter] = {}

    def add(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses.setdefault(kind, Counter())[status] += 1


def request(conn, method, params, content_type, body, client):
    path = "/sparql" + ("?" + urllib.parse.urlencode(params) if params else "")
    headers = {"Accept": "application/sparql-results+json", CLIENT_HEADER: client}
    if content_type:
        headers["Content-Type"] = content_type
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status


def client_loop(port, kind, name, jobs, stop_at, pause, recorder):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    rng = random.Random(name)
    while time.monotonic() < stop_at:
        method, params, content_type, body = rng.choice(jobs)
        began = time.perf_counter()
        try:
            status = request(conn, method, params, content_type, body, name)
        except (OSError, http.client.HTTPException):
            status = 0  # the connection failed (or was closed after a refused body)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        recorder.add(kind, status, time.perf_counter() - began)
        time.sleep(pause)
    conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--ordinary", type=int, default=40)
    parser.add_argument("--runaway", type=int, default=4)
    parser.add_argument("--malformed", type=int, default=2)
    parser.add_argument("--think", type=float, default=0.1, help="pause of an ordinary client between queries")
    args = parser.parse_args(argv)

    ordinary_jobs = [("GET", {"query": text}, None, None) for _, text in named_queries(args.root)]
    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = start_server(args.root.resolve(), port, log)
        try:
            health = wait_ready(port, proc)
            if health is None:
                log.seek(0)
                print(log.read().decode(errors="replace"), file=sys.stderr)
                return 2
            print(f"{health['triples']} triples, {health['query_processes']} query processes, "
                  f"{os.cpu_count()} CPUs shared with the clients; {args.seconds:g} s of load.")
            recorder = Recorder()
            stop_at = time.monotonic() + args.seconds
            plan = ([("ordinary", ordinary_jobs, args.think)] * args.ordinary
                    + [("runaway", [("GET", {"query": RUNAWAY}, None, None)], 0.1)] * args.runaway
                    + [("malformed", list(MALFORMED), 0.05)] * args.malformed)
            threads = [
                threading.Thread(target=client_loop,
                                 args=(port, kind, f"{kind}-{n}", jobs, stop_at, pause, recorder), daemon=True)
                for n, (kind, jobs, pause) in enumerate(plan)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=args.seconds + 90)
        finally:
            stop_server(proc)
    print(f"{'clients':<10} {'requests':>9} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for kind in ("ordinary", "runaway", "malformed"):
        latencies = recorder.latencies.get(kind, [])
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(recorder.statuses.get(kind, {}).items()))
        print(f"{kind:<10} {len(latencies):>9} {percentile(latencies, 0.5):>8.1f} {percentile(latencies, 0.99):>8.1f}"
              f"  {statuses}")
    failed = sum(n for code, n in recorder.statuses.get("ordinary", {}).items() if code != 200)
    print(f"Ordinary queries that failed: {failed}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
