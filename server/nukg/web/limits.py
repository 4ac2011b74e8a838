"""Per-client fairness: a client that sends queries in a burst waits for itself, and a client
that spends much query time is rationed.

Each client (its address, or a proxy header) may have a few queries running
at once; its other requests wait, in turn, for one of its own to finish.  The
limits shape traffic rather than refuse it: a client alone on the server (no
other client running or waiting) may queue up to half the web threads, so a
batch client that opens many connections is answered, a few at a time.  Once
others are served too, a client may add no waiting request past as many as it
runs, and anything beyond that is refused at once (429): one client never holds
more than half the web threads, and takes no more than twice its share once
others need them (requests it queued while alone wait out their turn or the
queue timeout).  A burst of expensive
queries from one place slows that place first and leaves query processes and
threads for everyone else.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from contextlib import contextmanager

from ..core.errors import TooManyRequests

RETRY_AFTER = "10"  # seconds suggested to a refused client


def _queries(n: int) -> str:
    return f"{n} quer{'y' if n == 1 else 'ies'}"


class ClientLimiter:
    def __init__(self, per_client: int, max_waiting: int | None = None, max_alone: int | None = None):
        self.per_client = per_client  # 0: no limit
        self.max_waiting = per_client if max_waiting is None else max_waiting
        # requests a client may have waiting while no other client runs or waits (the thread guard)
        self.max_alone = self.max_waiting if max_alone is None else max(max_alone, self.max_waiting)
        self._cond = threading.Condition()
        self._running: dict[str, int] = {}
        self._waiting: dict[str, int] = {}

    @contextmanager
    def slot(self, client: str, wait: float):
        """Hold one of ``client``'s slots; wait up to ``wait`` seconds for one, then 429.

        When ``client`` already has ``max_waiting`` requests waiting (``max_alone`` while no
        other client runs or waits), refuse at once (429) instead of tying up another thread.
        """
        if not self.per_client:
            yield
            return
        with self._cond:
            if self._running.get(client, 0) >= self.per_client:
                waiting = self._waiting.get(client, 0)
                if waiting >= (self.max_alone if self._alone(client) else self.max_waiting):
                    raise TooManyRequests(
                        f"This client already has {_queries(self.per_client)} running and "
                        f"{_queries(waiting)} waiting, the most allowed. Wait for your queries to "
                        f"finish before sending more.",
                        headers={"Retry-After": RETRY_AFTER},
                    )
                self._waiting[client] = waiting + 1
                try:
                    self._wait_for_turn(client, wait)
                finally:
                    left = self._waiting[client] - 1
                    if left:
                        self._waiting[client] = left
                    else:
                        del self._waiting[client]
            self._running[client] = self._running.get(client, 0) + 1
        try:
            yield
        finally:
            with self._cond:
                left = self._running[client] - 1
                if left:
                    self._running[client] = left
                else:
                    del self._running[client]
                self._cond.notify_all()

    def _alone(self, client: str) -> bool:
        """Whether no other client has a request running or waiting (called holding ``self._cond``)."""
        return all(other == client for other in self._running) and all(other == client for other in self._waiting)

    def _wait_for_turn(self, client: str, wait: float) -> None:
        """Wait (holding ``self._cond``) until ``client`` may run another query; 429 after ``wait`` seconds."""
        deadline = time.monotonic() + wait
        while self._running.get(client, 0) >= self.per_client:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TooManyRequests(
                    f"This client already has {_queries(self.per_client)} running and none finished "
                    f"within {wait:g} s. Wait for your queries to finish before sending more.",
                    headers={"Retry-After": RETRY_AFTER},
                )
            self._cond.wait(remaining)

    def running(self, client: str) -> int:
        with self._cond:
            return self._running.get(client, 0)

    def waiting(self, client: str) -> int:
        with self._cond:
            return self._waiting.get(client, 0)


class QueryTimeBudget:
    """Each client's query time over a sliding window, the way large public endpoints ration it.

    A client may use ``seconds`` of query time (the time its queries ran in a query process,
    not the time they waited for one) in any ``window`` seconds; past that it gets 429 with
    the Retry-After that brings it back under.
    A client that has used ``heavy_after`` seconds or more is *heavy*: its queries never take
    the query processes kept for the others (see :class:`nukg.store.pool.QueryPool`).
    """

    def __init__(self, seconds: float, window: float, heavy_after: float, clock=time.monotonic):
        self.seconds = seconds
        self.window = window
        self.heavy_after = heavy_after
        self._clock = clock
        self._lock = threading.Lock()
        self._spent: dict[str, deque] = {}  # client -> (ended at, seconds), oldest first
        self._totals: dict[str, float] = {}  # client -> the sum of its seconds in _spent (kept, not summed again)
        self._records = 0

    def used(self, client: str) -> float:
        with self._lock:
            return self._used(client, self._clock())

    def admit(self, client: str) -> bool:
        """Whether ``client`` is heavy; 429 when it has spent its budget."""
        with self._lock:
            now = self._clock()
            used = self._used(client, now)
            if used >= self.seconds:
                raise TooManyRequests(
                    f"This client used {used:.1f} s of query time in the last {self.window:g} s, the most "
                    f"allowed ({self.seconds:g} s). Wait before sending more, and make expensive queries cheaper.",
                    headers={"Retry-After": str(self._retry_after(client, now, used))},
                    reason="query-time budget",
                )
            return used >= self.heavy_after

    SWEEP_EVERY = 1000  # records between two sweeps of the clients that have left
    GRAIN = 1.0  # seconds: a client's queries that end in the same second of the clock make one record

    def record(self, client: str, seconds: float) -> None:
        """Count ``seconds`` of query time for ``client``, ending now.

        Queries that end in the same second are added up in one record that ends with the last of
        them: a client keeps at most one record a second of the window, however many queries it
        sends (each leaves the window less than a second late at worst)."""
        with self._lock:
            now = self._clock()
            spent = self._spent.setdefault(client, deque())
            if spent and spent[-1][0] // self.GRAIN == now // self.GRAIN:
                spent[-1] = (now, spent[-1][1] + seconds)
            else:
                spent.append((now, seconds))
            self._totals[client] = self._totals.get(client, 0.0) + seconds
            self._records += 1
            if self._records % self.SWEEP_EVERY == 0:  # clients that never come back leave no state
                for gone in [c for c, spent in self._spent.items() if spent[-1][0] <= now - self.window]:
                    del self._spent[gone], self._totals[gone]

    def _used(self, client: str, now: float) -> float:
        """The client's seconds in the window; each record is added once and taken off once (a client
        with thousands of queries in the window costs no more than one with a few)."""
        spent = self._spent.get(client)
        if spent is None:
            return 0.0
        total = self._totals[client]
        while spent and spent[0][0] <= now - self.window:
            total -= spent.popleft()[1]
        if not spent:
            del self._spent[client], self._totals[client]
            return 0.0
        self._totals[client] = total
        return max(total, 0.0)

    def _retry_after(self, client: str, now: float, used: float) -> int:
        """Whole seconds until enough of the client's time leaves the window to let it in again."""
        for ended, seconds in self._spent.get(client, ()):
            used -= seconds
            if used < self.seconds:
                return max(1, math.ceil(ended + self.window - now))
        return max(1, math.ceil(self.window))
