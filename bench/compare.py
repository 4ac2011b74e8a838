"""Side by side with Oxigraph's own server: the endpoint's speed and memory as ratios, query by query.

Starts Oxigraph's server (PyPI ``oxigraph``, the Rust server over the same engine) and loads the
release into it with ``nukg publish`` (the named graphs and their union as the default graph, as
ours), then starts ``nukg serve`` with its default settings on the same checkout, and a second
``nukg serve --store`` that sends its queries to that Oxigraph server (the remote store).  Then, for every named query (their
parameters left at their defaults), wrk (Debian's ``wrk``) drives both servers in turn:

- *repeated*: the same request again and again, at concurrency 1 and 16 (our answer cache serves it);
- *distinct*: at concurrency 1, every request a new text (a counter in a trailing comment), so no
  cache can answer: the difference of the medians is what the endpoint adds to the engine;
- *one client, 16 connections*: the repeated cell at c=16 comes from one address, so its non-2xx
  count shows whether the per-client limits refuse a lone batch client;
- *remote store*: the distinct cell at c=1 again through ``nukg serve --store``.

    python bench/compare.py [--seconds S] [--only NAME,...] [--root DIR]

This is a benchmark, not a test: it prints figures and asserts nothing.  wrk, both servers and this
script share the machine's CPUs; compare ratios measured in one run, not figures across machines.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from endpoint import PROJECT_ROOT, free_port, named_queries, start_server, stop_server, wait_ready
from startup import tree

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
DISTINCT = """local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, wrk.path .. "%0A%23" .. n)
end
"""


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not os.path.exists(found):
        sys.exit(f"error: {name!r} is missing (wrk: `apt-get install wrk`; oxigraph: `pip install oxigraph`).")
    return found


def start_oxigraph(folder: Path, port: int, log) -> subprocess.Popen:
    return subprocess.Popen([tool("oxigraph"), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def start_remote(root: Path, port: int, store: str, log) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUKG_")}
    return subprocess.Popen([str(Path(sys.executable).parent / "nukg"), "serve", "--root", str(root), "--host",
                             "127.0.0.1", "--port", str(port), "--store", store], stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True)


def wait_port(port: int, proc: subprocess.Popen, seconds: float = 60) -> bool:
    import http.client
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/query?query=ASK%7B%7D", headers={"Accept": ACCEPT})
            ok = conn.getresponse().status == 200
            conn.close()
            if ok:
                return True
        except OSError:
            time.sleep(0.1)
    return False


def wrk(url: str, connections: int, seconds: float, script: Path | None = None) -> dict:
    """Requests/s, the median latency in ms and the non-2xx count of one wrk run."""
    command = [tool("wrk"), "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{max(1, round(seconds))}s",
               "--latency", "-H", f"Accept: {ACCEPT}", url]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    out = done.stdout
    if "Requests/sec" not in out:
        raise RuntimeError(f"wrk failed on {url[:80]}: {done.stdout} {done.stderr}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p50.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rps, "p50": float(p50.group(1)) * scale, "bad": int(bad.group(1)) if bad else 0,
            "socket": errors.group(0) if errors else ""}


def rss_mb(root_pid: int) -> float:
    """Memory of a process and all its descendants, in MB (proportional set size, so that memory shared
    between forked workers is counted once)."""
    total = 0
    for pid in tree(root_pid):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += int(re.search(r"^Pss:\s+(\d+)", rollup.read(), re.M).group(1))
        except (OSError, AttributeError):
            continue
    return total / 1024


def geomean(values: list[float]) -> float:
    values = [v for v in values if v > 0]
    return math.exp(sum(map(math.log, values)) / len(values)) if values else float("nan")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project to serve (default: this checkout)")
    parser.add_argument("--seconds", type=int, default=2, help="seconds of load per cell")
    parser.add_argument("--only", default="", help="comma-separated names of the queries to run (default: all)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    queries = named_queries(root)
    if args.only:
        queries = [q for q in queries if q[0] in args.only.split(",")]
    with tempfile.TemporaryDirectory(prefix="nukg-compare-") as tmp, open(Path(tmp) / "log", "w+b") as log:
        tmp = Path(tmp)
        script = tmp / "distinct.lua"
        script.write_text(DISTINCT)
        ours, theirs, remote_port = free_port(), free_port(), free_port()
        began = time.monotonic()
        server = start_server(root, ours, log)
        oxigraph = start_oxigraph(tmp / "oxigraph", theirs, log)
        remote = None
        try:
            ready = wait_port(theirs, oxigraph)
            if ready:
                subprocess.run([str(Path(sys.executable).parent / "nukg"), "publish", "--root", str(root),
                                f"http://127.0.0.1:{theirs}/store"], check=True, stdout=log, stderr=subprocess.STDOUT)
                remote = start_remote(root, remote_port, f"http://127.0.0.1:{theirs}/query", log)
            health = wait_ready(ours, server)
            if health is None or not ready or wait_ready(remote_port, remote) is None:
                log.seek(0)
                print(log.read().decode(errors="replace"), file=sys.stderr)
                print("error: a server did not start", file=sys.stderr)
                return 2
            print(f"All ready after {time.monotonic() - began:.1f} s: {health['triples']} triples; "
                  f"{os.cpu_count()} CPUs shared by wrk and the servers; {args.seconds:g} s a cell.")
            rows = run_all(queries, ours, theirs, remote_port, args.seconds, script)
            report(rows)
            print(f"Memory after the run (PSS, all processes): nukg serve {rss_mb(server.pid):.0f} MB, "
                  f"Oxigraph's server {rss_mb(oxigraph.pid):.0f} MB.")
        finally:
            for proc in (server, remote, oxigraph):
                if proc is not None:
                    stop_server(proc)
    return 0


def run_all(queries, ours: int, theirs: int, remote: int, seconds: float, script: Path) -> list[dict]:
    header = (f"{'query':<32}| {'c=1 p50 ms ours/ox':>19} | {'c=16 req/s ours/ox':>20} | "
              f"{'distinct p50 ours/ox':>20} | overhead ms | remote p50")
    print(header)
    print("-" * len(header))
    rows = []
    for name, text in queries:
        encoded = urllib.parse.quote(text, safe="")
        url = {"ours": f"http://127.0.0.1:{ours}/sparql?query={encoded}",
               "ox": f"http://127.0.0.1:{theirs}/query?query={encoded}",
               "remote": f"http://127.0.0.1:{remote}/sparql?query={encoded}"}
        row = {"name": name}
        for side in ("ours", "ox"):
            row[side, 1] = wrk(url[side], 1, seconds)
            row[side, 16] = wrk(url[side], 16, seconds)
            row[side, "distinct"] = wrk(url[side], 1, seconds, script)
        row["remote", "distinct"] = wrk(url["remote"], 1, seconds, script)
        bad = {f"{side} {cell}": row[side, cell]["bad"] for side in ("ours", "ox") for cell in (1, 16, "distinct")
               if row[side, cell]["bad"]}
        print(f"{name[:31]:<32}| {row['ours', 1]['p50']:8.2f} {row['ox', 1]['p50']:8.2f}  "
              f"| {row['ours', 16]['rps']:9.0f} {row['ox', 16]['rps']:9.0f}  "
              f"| {row['ours', 'distinct']['p50']:9.2f} {row['ox', 'distinct']['p50']:9.2f}  "
              f"| {row['ours', 'distinct']['p50'] - row['ox', 'distinct']['p50']:11.2f} "
              f"| {row['remote', 'distinct']['p50']:10.2f}"
              + (f"   non-2xx: {bad}" if bad else ""))
        rows.append(row)
    return rows


def report(rows: list[dict]) -> None:
    """The ratios over the queries both servers answered in every cell (Oxigraph's server refuses a GET
    whose URL is too long, for one)."""
    failed = [r["name"] for r in rows if any(r[side, cell]["bad"] or not r[side, cell]["rps"]
                                             for side in ("ours", "ox") for cell in (1, 16, "distinct"))]
    refused = sum(r["ours", 16]["bad"] for r in rows)  # over every query, those left out too
    rows = [r for r in rows if r["name"] not in failed]
    if failed:
        print(f"\nLeft out of the ratios (a non-2xx answer or none in some cell): {', '.join(failed)}")
    if not rows:
        return
    rps16 = geomean([r["ours", 16]["rps"] / r["ox", 16]["rps"] for r in rows])
    rps1 = geomean([r["ours", 1]["rps"] / r["ox", 1]["rps"] for r in rows])
    p50 = geomean([r["ours", 1]["p50"] / r["ox", 1]["p50"] for r in rows])
    overhead = sorted(r["ours", "distinct"]["p50"] - r["ox", "distinct"]["p50"] for r in rows)
    print()
    print(f"Ratios, ours / Oxigraph's server (geometric means over {len(rows)} queries):")
    print(f"  1. repeated queries: c=16 {rps16:.2f}x the requests/s (target >= 1); "
          f"c=1 {rps1:.2f}x the requests/s, p50 {p50:.2f}x (target <= 1)")
    print(f"  2. first-time queries, c=1: the endpoint adds {overhead[len(overhead) // 2]:.2f} ms at p50 "
          f"(median over the queries; target <= 0.3)")
    print(f"  3. one client on 16 connections: {refused} non-2xx answers over all queries (target 0)")
    remote = sorted(r["remote", "distinct"]["p50"] - r["ox", "distinct"]["p50"] for r in rows)
    print(f"  5. through the remote store (nukg serve --store, Oxigraph's server behind it), first-time "
          f"queries, c=1: {remote[len(remote) // 2]:.2f} ms added at p50 (median over the queries)")


if __name__ == "__main__":
    sys.exit(main())
