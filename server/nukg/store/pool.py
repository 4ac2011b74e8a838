"""A pool of long-lived query processes that can be killed.

pyoxigraph does not look at signals while it evaluates, so a thread cannot
stop a runaway query.  Each worker here is a separate process
(``python -m nukg.store.worker``) that receives the store's N-Quads once,
loads its own copy, and then answers jobs over a socket pair.  A job that
runs past its time limit gets its process killed; a fresh one is started in
the background while the other workers keep answering.  Handing a job to a
warm worker costs a few hundredths of a millisecond, against milliseconds
for a process per query.

Workers have no network and a memory limit (:mod:`nukg.store.process`,
:mod:`nukg.store.isolation`); one that runs out of memory is replaced like one
that runs out of time.  An answer's bytes are read only once the web process's
byte budget has room for them (:mod:`nukg.store.budget`).  A worker leaves on
its own when the pool's process goes away: its socket closes, or, while it is
busy, a watchdog thread sees its parent change.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref

from ..core.errors import InternalError, QueryMemoryExceeded, QueryTimeout, ServiceUnavailable
from .budget import ByteBudget
from .isolation import memory_message
from .process import START_TIMEOUT, QueryProcess, StartError
from .wire import read_reply

log = logging.getLogger(__name__)

RESPAWN_ATTEMPTS = 5


class QueryPool:
    """``size`` worker processes, each loaded with ``payload``; see the module docstring."""

    def __init__(self, payload: bytes, size: int, *, init: dict, budget: ByteBudget | None = None,
                 reserved: int = 0, reserved_timeout: float = 1.0):
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.size = size
        # The share kept for light clients: while ``size - reserved`` queries run with the full time
        # limit, the other processes take only queries of light clients, stopped after ``reserved_timeout``.
        self.reserved = min(max(reserved, 0), size - 1)
        self.reserved_timeout = reserved_timeout
        self._full = 0  # queries running with the full time limit
        self._payload = payload
        self._init = init
        self._budget = budget or ByteBudget(0)
        self._cond = threading.Condition()
        self._idle: list[QueryProcess] = []
        self._workers: set[QueryProcess] = set()
        self._respawners: set[threading.Thread] = set()
        self._closed = False
        self.kills = 0  # workers killed for running past their time limit
        self.memory_kills = 0  # workers that ran out of their memory limit
        self.restarts = 0  # workers started to replace others

    # --- life cycle ---------------------------------------------------

    def start(self) -> None:
        """Start every worker and wait until each has loaded the store."""
        started = [QueryProcess.spawn(self._init, self._payload) for _ in range(self.size)]
        try:
            for worker in started:
                worker.await_ready()
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
    def isolated(self) -> bool:
        """Whether every live worker runs without network."""
        with self._cond:
            return all(w.isolated for w in self._workers)

    @property
    def idle(self) -> int:
        with self._cond:
            return len(self._idle)

    # --- running jobs -------------------------------------------------

    def run(self, job, *, timeout: float, wait: float, heavy: bool = False, spent=None) -> tuple[bytes, object]:
        """Run ``job`` on a free worker: its answer, and the function that gives the answer's
        bytes back to the budget (call it once the answer is sent).

        Waits up to ``wait`` seconds for a free worker (then 503), up to ``timeout``
        seconds for the answer (then the worker is killed and :class:`QueryTimeout`
        raised), and up to ``wait`` seconds for room in the byte budget.  A worker that
        runs out of memory is replaced and :class:`QueryMemoryExceeded` raised.  Errors
        raised in the worker are raised here, whole: their class, message and details (a syntax error's
        position) cross the socket pickled.

        A ``heavy`` client (one that used much query time lately) waits for a process that
        may run a full query; a light one, when those are all taken, runs in the reserved
        share with the short limit (see ``__init__``).  ``spent`` is told the seconds the
        job ran in its worker.
        """
        worker, full = self._acquire(wait, heavy)
        if not full:
            timeout = min(timeout, self.reserved_timeout)
        finished = release = False
        started = time.monotonic()
        try:
            worker.send(job)
            finished = worker.wait(min(timeout, self.reserved_timeout))
            if not finished and timeout > self.reserved_timeout:  # a long query: the CPU to short ones first
                worker.lower_priority()
                finished = worker.wait(timeout - (time.monotonic() - started))
            if spent is not None:
                spent(time.monotonic() - started)
            if finished:  # the answer's size, reserved in the budget, then its bytes (see nukg.store.wire)
                ok, value, release = read_reply(worker.conn.fileno(), lambda size: self._budget.reserve(size, wait))
        except (EOFError, OSError) as exc:
            if release:
                release()
            # before the worker is retired (and killed): how it ended tells a memory kill
            out_of_memory = not self._closed and worker.ran_out_of_memory()
            self._retire(worker, full=full)
            if self._closed:
                raise ServiceUnavailable("The server is shutting down.") from None
            if out_of_memory:
                self._count_memory_kill()
                raise QueryMemoryExceeded(memory_message(self._init["memory_mb"])) from None
            raise InternalError("The query process stopped unexpectedly; it is being replaced. Try again.",
                                internal=f"query process {worker.pid}: {exc!r}, exit code {worker.proc.poll()}") from None
        except BaseException:
            if release:
                release()
            self._retire(worker, full=full)  # mid-answer (no room in the budget...): its socket is not clean
            raise
        if not finished:
            self._retire(worker, full=full, killed=True)
            if not full:
                raise QueryTimeout(
                    f"The server is busy: the query ran longer than the {timeout:g} s allowed while the other "
                    "query processes are taken, and was stopped. Try again shortly, or make it cheaper.",
                    headers={"Retry-After": "5"}, reason="busy",
                )
            raise QueryTimeout(
                f"The query ran longer than the limit of {timeout:g} s and was stopped. "
                "Make it cheaper (add LIMIT, use more specific patterns) and try again."
            )
        out_of_memory = not ok and isinstance(value, QueryMemoryExceeded)  # that worker leaves after it
        if out_of_memory:
            self._count_memory_kill()
        if out_of_memory or not worker.restore_priority():  # a worker stuck at low priority is replaced too
            self._retire(worker, full=full)
        else:
            self._release(worker, full=full)
        if ok:
            return value, release
        raise value

    def _count_memory_kill(self) -> None:
        with self._cond:
            self.memory_kills += 1

    def _acquire(self, wait: float, heavy: bool) -> tuple[QueryProcess, bool]:
        """An idle worker, and whether the query may run with the full time limit."""
        deadline = time.monotonic() + wait
        with self._cond:
            while True:
                if self._closed:
                    raise ServiceUnavailable("The server is shutting down.")
                if self._idle:
                    full = self._full < self.size - self.reserved
                    if full or not heavy:
                        self._full += full
                        return self._idle.pop(), full
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ServiceUnavailable(
                        f"All {self.size} query processes stayed busy for {wait:g} s. Try again shortly.",
                        headers={"Retry-After": "5"},
                    )
                self._cond.wait(remaining)

    def _release(self, worker: QueryProcess, *, full: bool = False) -> None:
        with self._cond:
            self._full -= full
            if self._closed or worker not in self._workers:
                stop = True
            else:
                stop = False
                self._idle.append(worker)
                self._cond.notify_all()  # a heavy waiter and a light one may want different things
        if stop:
            worker.stop()

    def _retire(self, worker: QueryProcess, *, full: bool = False, killed: bool = False) -> None:
        """Kill ``worker`` and start its replacement, both in the background."""
        with self._cond:
            self._full -= full
            self._cond.notify_all()  # a heavy client may run now that a full query has left
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

    def _replace(self, old: QueryProcess) -> None:
        try:
            old.stop()
            for attempt in range(1, RESPAWN_ATTEMPTS + 1):
                if self._closed:
                    return
                try:
                    worker = QueryProcess.spawn(self._init, self._payload)
                    worker.await_ready()
                except (StartError, OSError) as exc:
                    log.error("could not start a query worker (attempt %d): %s", attempt, exc)
                    time.sleep(min(2**attempt, 30) / 10)
                    continue
                with self._cond:
                    if not self._closed:
                        self._workers.add(worker)
                        self._idle.append(worker)
                        self.restarts += 1
                        self._cond.notify_all()
                        return
                worker.stop()
                return
            log.error("gave up starting a query worker; the pool runs with fewer processes")
        finally:
            with self._cond:
                self._respawners.discard(threading.current_thread())
