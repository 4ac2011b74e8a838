"""Answers kept in memory, so that a repeated query costs no query process at all.

The data cannot change while the server runs, so an answer stays right for as long as the process
lives: nothing ever needs to be invalidated.  Each web worker keeps its own cache, keyed like the
answer's ETag (the dataset's version, the query text, the dataset parameters and the format, and
for pages the mount point their links are made for), bounded in bytes: the least recently used
answers leave first, and an answer larger than an eighth of the cache is never kept.  Hits and
misses are counted in the metrics (``nukg_answer_cache_lookups``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from . import metrics


@dataclass(frozen=True)
class Kept:
    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()  # other headers the answer is made with (paging links, counts)


class AnswerCache:
    """A bounded, least-recently-used map from keys to answers (thread-safe)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max(0, int(max_bytes))
        self.max_entry = self.max_bytes // 8
        self.size = 0
        self._entries: OrderedDict[str, Kept] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: str) -> Kept | None:
        """The kept answer for ``key``, now the most recently used; None (a miss) when there is none."""
        if not self.max_bytes:
            return None
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                self._entries.move_to_end(key)
        metrics.count_answer_lookup(hit=kept is not None)
        return kept

    def put(self, key: str, body: bytes, content_type: str, headers: tuple[tuple[str, str], ...] = ()) -> bool:
        """Keep ``body`` under ``key`` (making room by dropping the least recently used); False when it is
        too large to keep."""
        if not self.max_bytes or len(body) > self.max_entry:
            return False
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= len(old.body)
            while self._entries and self.size + len(body) > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= len(dropped.body)
            self._entries[key] = Kept(bytes(body), content_type, headers)
            self.size += len(body)
        return True
