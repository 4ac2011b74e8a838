"""One query process as the pool sees it: started, loaded, asked, stopped.

A process is a plain subprocess, ``python -m nukg.store.worker FD`` (not a
:mod:`multiprocessing` child), so the pool works inside any web server's worker
processes.  It receives its settings and the store's N-Quads over a socket pair,
drops its network and caps its memory (:mod:`nukg.store.isolation`), loads the
store and says it is ready.
"""

from __future__ import annotations

import logging
import math
import os
import resource
import select
import signal
import socket
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from ..core import malloc
from .wire import send_job

log = logging.getLogger(__name__)

WORKER_MODULE = "nukg.store.worker"
START_TIMEOUT = 120.0  # seconds a new process may take to load the store
# The scheduling priority (nice) of a process while it runs a long query: the CPU goes to short ones first.
LONG_QUERY_NICE = 10
MAX_POLL_MS = 2**31 - 1  # the longest wait poll() takes (about 24 days: longer time limits wait that long)
# Whether this system lets the pool give a process its normal priority back after lowering it.
CAN_RESTORE_PRIORITY = os.geteuid() == 0 or resource.getrlimit(resource.RLIMIT_NICE)[0] >= 20
# How a process that ran out of its address space ends: Rust aborts on a failed allocation.
OUT_OF_MEMORY_SIGNALS = (-signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS)


class StartError(RuntimeError):
    """A query process did not start; the message says why."""


class QueryProcess:
    def __init__(self, proc: subprocess.Popen, conn: Connection):
        self.proc = proc
        self.conn = conn
        self.pid = proc.pid
        self.isolated = False  # whether it runs without network (said when it is ready)
        self.niced = False  # whether it runs at the lower priority of long queries
        self._poller = select.poll()  # made once: waiting for an answer is one system call
        self._poller.register(conn.fileno(), select.POLLIN)

    @classmethod
    def spawn(cls, init: dict, payload: bytes) -> "QueryProcess":
        """Start a process and hand it its settings and the store; :meth:`await_ready` waits for it."""
        ours, theirs = socket.socketpair()
        try:
            env = dict(os.environ)
            package_parent = str(Path(__file__).resolve().parents[2])  # the folder that holds nukg/
            env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
            # fewer malloc arenas (less address space per thread); a large answer's block unmapped once sent
            env.update(malloc.environment(arenas=2))
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
        process = cls(proc, Connection(ours.detach()))
        try:
            process.conn.send(init)
            process.conn.send_bytes(payload)
        except OSError:
            process.stop()
            raise
        return process

    def await_ready(self, seconds: float = START_TIMEOUT) -> None:
        """Wait until the process has loaded the store; :class:`StartError` (process stopped) if it fails."""
        try:
            if not self.conn.poll(seconds):
                raise StartError(f"query process {self.pid} did not load the store in {seconds:g} s")
            message = self.conn.recv()
        except (EOFError, OSError) as exc:
            self.stop()
            raise StartError(f"query process {self.pid} exited while loading the store ({exc!r})") from None
        except BaseException:
            self.stop()
            raise
        if not (isinstance(message, tuple) and message[:2] == ("ready", self.pid)):
            self.stop()
            reason = message[1] if isinstance(message, tuple) and message[0] == "failed" else repr(message)
            raise StartError(f"query process {self.pid} failed to start: {reason}")
        self.isolated = bool(message[2])

    def send(self, job: tuple) -> None:
        """Hand the process a job (see :mod:`nukg.store.worker`)."""
        send_job(self.conn.fileno(), job)

    def wait(self, seconds: float) -> bool:
        """Whether the process has answered within ``seconds`` (or gone: reading then tells)."""
        ms = seconds * 1000
        return bool(self._poller.poll(MAX_POLL_MS if ms >= MAX_POLL_MS else max(0, math.ceil(ms))))

    def lower_priority(self) -> None:
        """Let short queries have the CPU first: this one has run long (its main thread evaluates).

        Only where the priority can be given back afterwards (root, or RLIMIT_NICE allows nice 0);
        elsewhere every long query would cost a new process."""
        if not CAN_RESTORE_PRIORITY:
            return
        try:
            os.setpriority(os.PRIO_PROCESS, self.pid, LONG_QUERY_NICE)
            self.niced = True
        except OSError:
            pass

    def restore_priority(self) -> bool:
        """Back to the normal priority; False where the system allows only lowering it (then replace it)."""
        if self.niced:
            try:
                os.setpriority(os.PRIO_PROCESS, self.pid, 0)
            except OSError:
                return False
            self.niced = False
        return True

    def ran_out_of_memory(self) -> bool:
        """Whether the process, now ended, ended the way a failed allocation ends it."""
        try:
            code = self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            return False
        return code in OUT_OF_MEMORY_SIGNALS

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
            log.error("query process %s did not exit after SIGKILL", self.pid)
        try:
            self.conn.close()
        except OSError:
            pass
