"""Benchmark nginx-cached answers against Oxigraph's own server: requests/s on the named queries.

Starts, on 127.0.0.1 and free ports: N `nukg serve` replicas behind deploy/'s nginx (the standalone
configuration of deploy/render.py), and Oxigraph's server (PyPI ``oxigraph``, ``serve-read-only``)
over the same graph: the N-Quads the replicas' query processes load.  For each named query
(``queries/*.rq``, parameters unbound) it fills nginx's cache with one request, then sends GETs for
a fixed time over keep-alive connections at each concurrency, to nginx and to Oxigraph alike, and
prints requests/s, their ratio and the geometric mean of the ratios.

    python bench/nginx.py [--root DIR] [--seconds 1.5] [--concurrency 1,16] [--replicas 2]

The client is Python (threads, http.client): at high rates it, not the servers, is the limit, and it
shares the machine's CPUs with them.  A cell marked ``!`` had answers that were not 200 (or, for
nginx, not all cache hits).  This is a benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import http.client
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from endpoint import free_port, stop_server

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT / "deploy"))
import render  # noqa: E402  (deploy/render.py, standard library only)

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"  # the same for both servers
NUKG_PATH, OXIGRAPH_PATH = "/sparql", "/query"  # where each server answers SPARQL queries


def start(command: list[str], log) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUKG_")}
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                            cwd=PROJECT_ROOT, start_new_session=True)


def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, str, bytes]:
    conn.request("GET", path, headers={"Accept": ACCEPT})
    response = conn.getresponse()
    return response.status, response.headers.get("X-Cache-Status", ""), response.read()


def wait_ready(port: int, path: str, proc: subprocess.Popen, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            status = get(conn, path)[0]
            conn.close()
            if status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def measure(port: int, path: str, concurrency: int, seconds: float) -> dict:
    """Requests/s of GET ``path`` from ``concurrency`` keep-alive clients for ``seconds``."""
    counts, statuses, caches, lock = [], {}, {}, threading.Lock()
    deadline = [0.0]  # set when every client is connected and warm

    def go() -> None:
        deadline[0] = time.perf_counter() + seconds

    start_line = threading.Barrier(concurrency + 1, action=go)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        get(conn, path)  # the connection open and warm
        mine, codes, hits = 0, {}, {}
        start_line.wait()
        while time.perf_counter() < deadline[0]:
            status, cache, _ = get(conn, path)
            mine += 1
            codes[status] = codes.get(status, 0) + 1
            hits[cache] = hits.get(cache, 0) + 1
        conn.close()
        with lock:
            counts.append(mine)
            for table, mine_table in ((statuses, codes), (caches, hits)):
                for key, n in mine_table.items():
                    table[key] = table.get(key, 0) + n

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = deadline[0] - seconds
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return {"rps": sum(counts) / (time.perf_counter() - began), "statuses": statuses, "caches": caches}


def flaws(ours: dict, theirs: dict) -> list[str]:
    """What makes a cell's ratio unfit for the mean: answers other than 200, nginx answers not from its
    cache, no answer at all in the time."""
    said = []
    for who, figures in (("nginx", ours), ("oxigraph", theirs)):
        if set(figures["statuses"]) != {200}:
            said.append(f"{who} statuses {figures['statuses'] or 'none'}")
    if set(ours["caches"]) - {"HIT"}:
        said.append(f"nginx cache {ours['caches']}")
    return said


def served_nquads(root: Path) -> bytes:
    """The graph as the replicas' query processes load it: named graphs, and their union as the default graph."""
    from nukg.kg.graph import load
    from nukg.store.base import Snapshot

    return Snapshot.from_kg(load(root)).nquads


def named_queries(root: Path) -> list[tuple[str, str]]:
    from nukg.kg.queries import load_queries

    return [(q.name, q.text) for q in load_queries(root / "queries").values()]


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project to serve (default: this checkout)")
    parser.add_argument("--seconds", type=float, default=1.5, help="seconds each cell is measured (default: 1.5)")
    parser.add_argument("--concurrency", default="1,16", help="comma-separated concurrency levels")
    parser.add_argument("--query", action="append", metavar="NAME", help="only this named query (repeatable)")
    parser.add_argument("--replicas", type=int, default=2, help="nukg serve replicas behind nginx (default: 2)")
    parser.add_argument("--nginx-workers", default="auto", help="nginx worker processes (default: auto)")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.concurrency.split(",")]
    root = args.root.resolve()
    oxigraph = shutil.which("oxigraph", path=str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    if oxigraph is None:
        print("error: no `oxigraph` executable: pip install 'oxigraph>=0.5' (the test extra has it)", file=sys.stderr)
        return 2
    if not Path(render.nginx_binary()).exists():
        print("error: no nginx: run `make system-packages`", file=sys.stderr)
        return 2
    nukg = Path(sys.executable).parent / "nukg"
    procs: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="nukg-bench-nginx-") as tmp:
        folder = Path(tmp)
        log = open(folder / "servers.log", "wb")
        try:
            (folder / "graph.nq").write_bytes(served_nquads(root))
            subprocess.run([oxigraph, "load", "--location", str(folder / "oxigraph"), "--file",
                            str(folder / "graph.nq")], check=True, stdout=log, stderr=subprocess.STDOUT, timeout=300)
            ox_port = free_port()
            procs.append(start([oxigraph, "serve-read-only", "--location", str(folder / "oxigraph"),
                                "--bind", f"127.0.0.1:{ox_port}"], log))
            probe = "?" + urllib.parse.urlencode({"query": "ASK {}"})
            servers = [(ox_port, OXIGRAPH_PATH, procs[0])]
            replicas = []
            for _ in range(args.replicas):
                port = free_port()
                replicas.append(f"127.0.0.1:{port}")
                procs.append(start([str(nukg), "serve", "--root", str(root), "--host", "127.0.0.1", "--port",
                                    str(port), "--client-header", "X-Forwarded-For"], log))
                servers.append((port, NUKG_PATH, procs[-1]))
            ready = all(wait_ready(port, path + probe, proc) for port, path, proc in servers)
            if ready:  # nginx once the replicas answer: none is taken for failed at the start
                nginx_port = free_port()
                prefix = folder / "nginx"
                (prefix / "nginx.conf").write_text(render.standalone(prefix, replicas, f"127.0.0.1:{nginx_port}",
                                                                     workers=args.nginx_workers))
                procs.append(start(render.start_command(prefix), log))
                ready = wait_ready(nginx_port, NUKG_PATH + probe, procs[-1])
            if not ready:
                log.flush()
                print((folder / "servers.log").read_text(errors="replace")[-5000:], file=sys.stderr)
                print("error: a server did not start", file=sys.stderr)
                return 2
            queries = [(n, t) for n, t in named_queries(root) if not args.query or n in args.query]
            report(queries, levels, args.seconds, nginx_port, ox_port, len(replicas), args.nginx_workers)
        finally:
            for proc in reversed(procs):
                stop_server(proc)
            log.close()
    return 0


def report(queries: list[tuple[str, str]], levels: list[int], seconds: float, nginx_port: int, ox_port: int, replicas: int,
           workers: str) -> None:
    print(f"nginx ({workers} workers) over {replicas} nukg serve replicas vs Oxigraph "
          f"serve-read-only; {os.cpu_count()} CPUs shared with this client; {seconds} s a cell.")
    header = f"{'query':<30}" + "".join(f"| c={c:<3} {'nginx':>8} {'oxigraph':>8} {'ratio':>6} " for c in levels)
    print(header)
    print("-" * len(header))
    ratios: dict[int, list[float]] = {c: [] for c in levels}
    for name, text in queries:
        query = "?" + urllib.parse.urlencode({"query": text})
        conn = http.client.HTTPConnection("127.0.0.1", nginx_port, timeout=60)
        get(conn, NUKG_PATH + query)  # into nginx's cache
        conn.close()
        cells, notes = [], []
        for level in levels:
            ours = measure(nginx_port, NUKG_PATH + query, level, seconds)
            theirs = measure(ox_port, OXIGRAPH_PATH + query, level, seconds)
            ratio = ours["rps"] / theirs["rps"] if theirs["rps"] else float("nan")
            bad = flaws(ours, theirs)
            if not bad:
                ratios[level].append(ratio)
            notes += [f"c={level}: {flaw}" for flaw in bad]
            cells.append(f"| {'!' if bad else '':5} {ours['rps']:8.0f} {theirs['rps']:8.0f} {ratio:6.2f} ")
        print(f"{name[:29]:<30}" + "".join(cells) + ("  ! " + "; ".join(notes) if notes else ""), flush=True)
    print("-" * len(header))
    print(f"{'geometric mean of ratios':<30}" + "".join(
        f"| {'':5} {'':8} {'':8} {geometric_mean(ratios[c]):6.2f} " for c in levels))
    print("(each mean over the queries without '!': " + ", ".join(f"c={c}: {len(ratios[c])}" for c in levels) + ")")


if __name__ == "__main__":
    sys.exit(main())
