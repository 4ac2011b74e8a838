"""Benchmark how long `nukg serve` takes to start, cold and warm, and how much memory it then holds.

Starts `nukg serve` on 127.0.0.1 and a free port and prints the seconds from the start of the
process to the first successful answer of ``/sparql`` (``ASK {}``) and of ``/-/ready``, the CPU
seconds its processes had used by then (all of them together: a figure that other load on the
machine disturbs less than the wall-clock one), then the resident memory (RSS) of the command's
own process, of the web process(es) and of the query processes.  Three kinds of start: with the
build cache *off* (``NUKG_CACHE_DIR=off``: the Turtle parsed, inferred and validated by the command,
then parsed again by the web worker, as before the cache), *cold* (an empty cache folder of its
own: built and validated once, then read back by the web worker) and *warm* (a folder an earlier
start filled: no Turtle parsed, no SHACL run).

    python bench/startup.py [--root DIR] [--runs N] [--query-workers N]

This is a benchmark, not a test: it prints figures and asserts nothing.  They include Python's own
start and share the machine's CPUs with whatever else runs on it; compare medians of several runs.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from endpoint import free_port, stop_server

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASK = "/sparql?query=ASK%20%7B%7D"
WORKER_MODULE = b"nukg.store.worker"


def start_server(root: Path, port: int, cache: Path | str, workers: int, log) -> subprocess.Popen:
    script = Path(sys.executable).parent / "nukg"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "nukg"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUKG_")}
    env["NUKG_CACHE_DIR"] = str(cache)
    return subprocess.Popen(
        [*command, "serve", "--root", str(root), "--host", "127.0.0.1", "--port", str(port),
         *(["--query-workers", str(workers)] if workers is not None else [])],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=PROJECT_ROOT,
        start_new_session=True,
    )


def answers(port: int, path: str) -> bool:
    """Whether ``path`` answers 200 now."""
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = conn.getresponse()
            response.read()
            return response.status == 200
        finally:
            conn.close()
    except OSError:
        return False


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of ``pid`` so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_split(pid: int) -> dict[str, float]:
    """CPU seconds so far of the command's process, its web processes and their query processes."""
    web = children(pid)
    query = [grandchild for child in web for grandchild in children(child)]
    return {"command": cpu_seconds(pid), "web": sum(map(cpu_seconds, web)),
            "query": sum(cpu_seconds(p) for q in query for p in tree(q))}


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children(current))
    return found


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def memory(pid: int) -> dict:
    """RSS in MB of the command's process, its web processes and their query processes."""
    web, query = [], []
    for child in children(pid):
        web.append(rss_mb(child))
        for grandchild in children(child):
            try:
                cmdline = Path(f"/proc/{grandchild}/cmdline").read_bytes()
            except OSError:
                continue
            if WORKER_MODULE in cmdline:
                query.append(rss_mb(grandchild))
    return {"command": rss_mb(pid), "web": web, "query": query}


def run_once(root: Path, cache: Path | str, workers: int, timeout: float = 120) -> dict:
    port = free_port()
    with tempfile.TemporaryFile() as log:
        started = time.monotonic()
        proc = start_server(root, port, cache, workers, log)
        try:
            first = ready = None
            while (first is None or ready is None) and time.monotonic() - started < timeout:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(f"nukg serve exited ({proc.returncode}):\n{log.read().decode(errors='replace')}")
                if first is None and answers(port, ASK):
                    first = time.monotonic() - started
                    cpu = cpu_split(proc.pid)
                if first is not None and ready is None and answers(port, "/-/ready"):
                    ready = time.monotonic() - started
                time.sleep(0.01)
            if first is None or ready is None:
                raise RuntimeError(f"no answer within {timeout:g} s")
            time.sleep(0.2)  # let the pool settle before reading memory
            return {"sparql": first, "ready": ready, "cpu": cpu, **memory(proc.pid)}
        finally:
            stop_server(proc)


def summary(runs: list[dict]) -> str:
    sparql = [r["sparql"] for r in runs]
    ready = [r["ready"] for r in runs]
    cpu = {part: statistics.median(r["cpu"][part] for r in runs) for part in ("command", "web", "query")}
    last = runs[-1]
    web = ", ".join(f"{m:.0f}" for m in last["web"]) or "-"
    query = last["query"]
    query_text = f"{len(query)} x {statistics.mean(query):.0f} (sum {sum(query):.0f})" if query else "-"
    return (f"first /sparql {statistics.median(sparql):5.2f} s (min {min(sparql):.2f}, max {max(sparql):.2f})  "
            f"/-/ready {statistics.median(ready):5.2f} s  CPU {sum(cpu.values()):4.2f} s (command {cpu['command']:.2f}, "
            f"web {cpu['web']:.2f}, query {cpu['query']:.2f})  |  RSS MB: command {last['command']:.0f}, "
            f"web {web}, query {query_text}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="project to serve (default: this checkout)")
    parser.add_argument("--runs", type=int, default=5, help="starts of each kind (median shown)")
    parser.add_argument("--query-workers", type=int, default=None,
                        help="query processes per web worker (default: the server's own default)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    print(f"nukg serve --root {root}: {args.runs} cold and {args.runs} warm starts, "
          f"{args.query_workers or 'the default number of'} query processes per web worker, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="nukg-bench-startup-") as scratch:
        off = [run_once(root, "off", args.query_workers) for _ in range(args.runs)]
        print(f"off   {summary(off)}", flush=True)
        cold = []
        for number in range(args.runs):
            cold.append(run_once(root, Path(scratch) / f"cold-{number}", args.query_workers))
        print(f"cold  {summary(cold)}", flush=True)
        warm_cache = Path(scratch) / "warm"
        run_once(root, warm_cache, args.query_workers)  # fills the cache
        warm = [run_once(root, warm_cache, args.query_workers) for _ in range(args.runs)]
        print(f"warm  {summary(warm)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
