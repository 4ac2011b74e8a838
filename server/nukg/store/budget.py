"""A budget of bytes shared by the threads of one web process: answers wait for room before they are read.

Each answer is bounded on its own (``NUKG_MAX_RESULT_BYTES``, enforced where it is
written); the budget bounds them together (``NUKG_MAX_BUFFERED_BYTES``), so many large
answers at once cannot exhaust the web process's memory.  An answer reserves its size
before its bytes are read from the query process, and gives it back once sent.
"""

from __future__ import annotations

import threading
import time

from ..core.errors import ServiceUnavailable


class ByteBudget:
    def __init__(self, total: int):
        self.total = total  # 0: no budget
        self.used = 0
        self._cond = threading.Condition()

    def reserve(self, size: int, wait: float):
        """Reserve ``size`` bytes, waiting up to ``wait`` seconds for room; returns the function that
        gives them back (call it once).  503 when there is no room in time."""
        if not self.total:
            return _nothing
        size = min(size, self.total)  # an answer larger than the budget waits for all of it
        deadline = time.monotonic() + wait
        with self._cond:
            while self.used + size > self.total:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ServiceUnavailable(
                        "The server is busy sending other large answers. Try again shortly, or ask for less.",
                        headers={"Retry-After": "5"},
                    )
                self._cond.wait(remaining)
            self.used += size
        released = False

        def release() -> None:
            nonlocal released
            with self._cond:
                if not released:
                    released = True
                    self.used -= size
                    self._cond.notify_all()

        return release


def _nothing() -> None:
    pass
