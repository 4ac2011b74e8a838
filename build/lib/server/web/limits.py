"""Per-client fairness: a client that sends queries in a burst waits for itself.

Each client (its address, or a proxy header) may have a few queries running
at once; further ones wait for one of its own to finish, so a burst of
expensive queries from one place slows that place first and leaves query
processes for everyone else.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from ..errors import TooManyRequests


class ClientLimiter:
    def __init__(self, per_client: int):
        self.per_client = per_client  # 0: no limit
        self._cond = threading.Condition()
        self._running: dict[str, int] = {}

    @contextmanager
    def slot(self, client: str, wait: float):
        """Hold one of ``client``'s slots; wait up to ``wait`` seconds for one, then 429."""
        if not self.per_client:
            yield
            return
        deadline = time.monotonic() + wait
        with self._cond:
            while self._running.get(client, 0) >= self.per_client:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TooManyRequests(
                        f"This client already has {self.per_client} quer{'y' if self.per_client == 1 else 'ies'} "
                        f"running and none finished within "
                        f"{wait:g} s. Wait for your queries to finish before sending more.",
                        headers={"Retry-After": "10"},
                    )
                self._cond.wait(remaining)
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

    def running(self, client: str) -> int:
        with self._cond:
            return self._running.get(client, 0)
