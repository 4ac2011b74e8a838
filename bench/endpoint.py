"""Benchmark the SPARQL endpoint: latency p50/p99 and requests per second, per query.

Starts `nukg serve` on 127.0.0.1 and a free port (the real server: granian,
worker pool, all checks), then, for each named query (``queries/*.rq``) and a
built-in lookup of one resource's statements, sends GET requests at
concurrency 1 and 16 over keep-alive connections and prints the figures.
Each of the 16 concurrent clients sends its own client id (through
NUKG_CLIENT_HEADER), so the per-client limit treats them as 16 clients.

    python bench/endpoint.py [--root DIR] [--requests N] [--concurrency 1,16]

Figures include the Python client's own time (http.client, ~0.1 ms per
request) and share the machine's CPUs with it.  This is a benchmark, not a
test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CLIENT_HEADER = "X-Bench-Client"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(root: Path, port: int, log) -> subprocess.Popen:
    script = Path(sys.executable).parent / "nukg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "nukg"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUKG_")}
    return subprocess.Popen(
        [*command, "serve", "--root", str(root), "--host", "127.0.0.1", "--port", str(port),
         "--client-header", CLIENT_HEADER],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=PROJECT_ROOT,
        start_new_session=True,
    )


def wait_ready(port: int, proc: subprocess.Popen, seconds: float = 120) -> dict | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return None
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/-/health")
            body = conn.getresponse().read()
            conn.close()
            return json.loads(body)
        except OSError:
            time.sleep(0.1)
    return None


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def get(conn: http.client.HTTPConnection, path: str, client: str) -> tuple[int, bytes]:
    conn.request("GET", path, headers={"Accept": "*/*", CLIENT_HEADER: client})
    response = conn.getresponse()
    return response.status, response.read()


def lookup_query(port: int) -> str:
    """SELECT the statements of one resource, found in the data."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    probe = "SELECT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && STRSTARTS(STR(?s), 'https://w3id.org/nato-ukraine-kg/id/')) } LIMIT 1"
    status, body = get(conn, "/sparql?" + urllib.parse.urlencode({"query": probe, "format": "json"}), "probe")
    conn.close()
    bindings = json.loads(body)["results"]["bindings"] if status == 200 else []
    subject = bindings[0]["s"]["value"] if bindings else "https://w3id.org/nato-ukraine-kg/id/nato"
    return f"SELECT ?p ?o WHERE {{ <{subject}> ?p ?o }}"


def measure(port: int, query: str, concurrency: int, requests: int) -> dict:
    """Send ``requests`` GETs spread over ``concurrency`` keep-alive connections."""
    path = "/sparql?" + urllib.parse.urlencode({"query": query})
    per_client = max(1, requests // concurrency)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start = threading.Barrier(concurrency + 1)

    def client(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        name = f"bench-{number}"
        for _ in range(3):  # warm up the connection and the query processes
            get(conn, path, name)
        mine, codes = [], {}
        start.wait()
        for _ in range(per_client):
            began = time.perf_counter()
            status, _ = get(conn, path, name)
            mine.append(time.perf_counter() - began)
            codes[status] = codes.get(status, 0) + 1
        conn.close()
        with lock:
            latencies.extend(mine)
            for code, n in codes.items():
                statuses[code] = statuses.get(code, 0) + n

    threads = [threading.Thread(target=client, args=(i,)) for i in range(concurrency)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "rps": len(latencies) / elapsed,
        "statuses": statuses,
    }


def named_queries(root: Path) -> list[tuple[str, str]]:
    """The named queries, read by the project's one loader (their parameters left unbound)."""
    from nukg.kg.queries import load_queries

    folder = root / "queries"
    return [(q.name, q.text) for q in load_queries(folder).values()] if folder.is_dir() else []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project to serve (default: this checkout)")
    parser.add_argument("--requests", type=int, default=400, help="timed requests per query and concurrency")
    parser.add_argument("--concurrency", default="1,16", help="comma-separated concurrency levels")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.concurrency.split(",")]

    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = start_server(args.root.resolve(), port, log)
        try:
            started = time.monotonic()
            health = wait_ready(port, proc)
            if health is None:
                log.seek(0)
                print(log.read().decode(errors="replace"), file=sys.stderr)
                print("error: the server did not start", file=sys.stderr)
                return 2
            print(f"Server ready in {time.monotonic() - started:.1f} s: {health['triples']} triples, "
                  f"version {health['version']}, {health['query_processes']} query processes, "
                  f"{os.cpu_count()} CPUs shared with this client.")
            queries = [("(built-in) lookup", lookup_query(port))] + named_queries(args.root)
            header = f"{'query':<34}" + "".join(
                f"| c={c:<3} {'p50 ms':>7} {'p99 ms':>7} {'req/s':>7} " for c in levels
            )
            print(header)
            print("-" * len(header))
            for name, text in queries:
                cells, problems = [], []
                for level in levels:
                    figures = measure(port, text, level, args.requests)
                    bad = {k: v for k, v in figures["statuses"].items() if k != 200}
                    if bad:
                        problems.append(f"c={level}: statuses {bad}")
                    cells.append(f"| {'':5} {figures['p50']:7.2f} {figures['p99']:7.2f} {figures['rps']:7.0f} ")
                print(f"{name[:33]:<34}" + "".join(cells) + ("  ! " + "; ".join(problems) if problems else ""))
        finally:
            stop_server(proc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
