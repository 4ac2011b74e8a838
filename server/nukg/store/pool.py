"""A pool of long-lived query processes that can be killed.

pyoxigraph does not look at signals while it evaluates, so a thread cannot
stop a runaway query.  Each worker here is a separate process
(``python -m nukg.store.worker``) that receives the store's N-Quads once,
loads its own copy, and then answers jobs over a socket pair.  A job that
runs past its time limit gets its process killed; a fresh one is started in
the background while the other workers keep answering.  Handing a job to a
warm worker costs a few hundredths of a millisecond, against milliseconds
for a process per query.

Workers are plain subprocesses (not :mod:`multiprocessing` children), so the
pool works inside any web server's worker processes.  A worker leaves on its
own when the pool's process goes away: its socket closes, or, while it is
busy, a watchdog thread sees its parent change.
"""

from __future__ import annotations

import atexit
import logging
import os
import socket
import subprocess
import sys
import threading
import time
import weakref
from multiprocessing.connection import Connection
from pathlib import Path

from ..core.errors import InternalError, QueryTimeout, ServiceUnavailable

log = logging.getLogger(__name__)

WORKER_MODULE = "nukg.store.worker"
START_TIMEOUT = 120.0  # seconds a new worker may take to load the store
RESPAWN_ATTEMPTS = 5


class _Worker:
    def __init__(self, proc: subprocess.Popen, conn: Connection):
        self.proc = proc
        self.conn = conn
        self.pid = proc.pid

    def stop(self) -> None:
        """Kill the process, then close its socket (idempotent).

        Killing first wakes any thread still waiting on the socket (it sees
        the other end close) before the descriptor goes away.
        """
        if self.proc.poll() is None:
            try:
                self.proc.kill()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - a process SIGKILL cannot stop
            log.error("query worker %s did not exit after SIGKILL", self.pid)
        try:
            self.conn.close()
        except OSError:
            pass


class QueryPool:
    """``size`` worker processes, each loaded with ``payload``; see the module docstring."""

    def __init__(self, payload: bytes, size: int, *, init: dict):
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.size = size
        self._payload = payload
        self._init = init
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._workers: set[_Worker] = set()
        self._respawners: set[threading.Thread] = set()
        self._closed = False
        self.kills = 0  # workers killed for running past their limit

    # --- life cycle ---------------------------------------------------

    def start(self) -> None:
        """Start every worker and wait until each has loaded the store."""
        started = [self._spawn() for _ in range(self.size)]
        try:
            for worker in started:
                self._await_ready(worker)
        except Exception:
            for worker in started:
                worker.stop()
            raise
        with self._cond:
            self._workers.update(started)
            self._idle.extend(started)
        ref = weakref.ref(self)
        atexit.register(lambda: (pool := ref()) is not None and pool.close())

    def close(self) -> None:
        """Stop every worker (busy ones included); later jobs get 503."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
            self._idle.clear()
            respawners = list(self._respawners)
            self._cond.notify_all()
        for worker in workers:
            worker.stop()
        for thread in respawners:
            thread.join(timeout=START_TIMEOUT)

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (for tests and health checks)."""
        with self._cond:
            return sorted(w.pid for w in self._workers)

    @property
    def idle(self) -> int:
        with self._cond:
            return len(self._idle)

    # --- running jobs -------------------------------------------------

    def run(self, job, *, timeout: float, wait: float):
        """Run ``job`` on a free worker and return its answer.

        Waits up to ``wait`` seconds for a free worker (then 503), and up to
        ``timeout`` seconds for the answer (then the worker is killed and
        :class:`QueryTimeout` raised).  Errors raised in the worker are
        raised here.
        """
        worker = self._acquire(wait)
        finished = False
        try:
            worker.conn.send(job)
            finished = worker.conn.poll(timeout)
            if finished:
                ok, value = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._retire(worker)
            if self._closed:
                raise ServiceUnavailable("The server is shutting down.") from None
            raise InternalError(f"The query process stopped unexpectedly ({exc.__class__.__name__}); "
                                "it is being replaced. Try again.") from None
        except BaseException:
            self._retire(worker)
            raise
        if not finished:
            self._retire(worker, killed=True)
            raise QueryTimeout(
                f"The query ran longer than the limit of {timeout:g} s and was stopped. "
                "Make it cheaper (add LIMIT, use more specific patterns) and try again."
            )
        self._release(worker)
        if ok:
            return value
        raise value

    def _acquire(self, wait: float) -> _Worker:
        deadline = time.monotonic() + wait
        with self._cond:
            while not self._idle:
                if self._closed:
                    raise ServiceUnavailable("The server is shutting down.")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ServiceUnavailable(
                        f"All {self.size} query processes stayed busy for {wait:g} s. Try again shortly.",
                        headers={"Retry-After": "5"},
                    )
                self._cond.wait(remaining)
            if self._closed:
                raise ServiceUnavailable("The server is shutting down.")
            return self._idle.pop()

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if self._closed or worker not in self._workers:
                stop = True
            else:
                stop = False
                self._idle.append(worker)
                self._cond.notify()
        if stop:
            worker.stop()

    def _retire(self, worker: _Worker, *, killed: bool = False) -> None:
        """Kill ``worker`` and start its replacement, both in the background."""
        with self._cond:
            self._workers.discard(worker)
            if killed:
                self.kills += 1
            if self._closed:
                thread = None
            else:
                thread = threading.Thread(target=self._replace, args=(worker,), name="nukg-respawn", daemon=True)
                self._respawners.add(thread)
        if thread is None:
            worker.stop()
        else:
            thread.start()

    def _replace(self, old: _Worker) -> None:
        try:
            old.stop()
            for attempt in range(1, RESPAWN_ATTEMPTS + 1):
                if self._closed:
                    return
                try:
                    worker = self._spawn()
                    self._await_ready(worker)
                except Exception as exc:
                    log.error("could not start a query worker (attempt %d): %s", attempt, exc)
                    time.sleep(min(2**attempt, 30) / 10)
                    continue
                with self._cond:
                    if not self._closed:
                        self._workers.add(worker)
                        self._idle.append(worker)
                        self._cond.notify()
                        return
                worker.stop()
                return
            log.error("gave up starting a query worker; the pool runs with fewer processes")
        finally:
            with self._cond:
                self._respawners.discard(threading.current_thread())

    # --- processes ----------------------------------------------------

    def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        try:
            env = dict(os.environ)
            package_parent = str(Path(__file__).resolve().parents[2])  # the folder that holds nukg/
            env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
            proc = subprocess.Popen(
                [sys.executable, "-m", WORKER_MODULE, str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env=env,
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        conn = Connection(ours.detach())
        worker = _Worker(proc, conn)
        try:
            conn.send(self._init)
            conn.send_bytes(self._payload)
        except OSError:
            worker.stop()
            raise
        return worker

    def _await_ready(self, worker: _Worker) -> None:
        try:
            if not worker.conn.poll(START_TIMEOUT):
                raise RuntimeError(f"query worker {worker.pid} did not load the store in {START_TIMEOUT:g} s")
            message = worker.conn.recv()
        except (EOFError, OSError) as exc:
            worker.stop()
            raise RuntimeError(f"query worker {worker.pid} exited while loading the store ({exc!r})") from None
        except BaseException:
            worker.stop()
            raise
        if message != ("ready", worker.pid):
            worker.stop()
            raise RuntimeError(f"query worker {worker.pid} failed to start: {message!r}")
