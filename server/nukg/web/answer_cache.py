"""Answers kept in memory, so that a repeated query costs no query process at all.

The data cannot change while the server runs, so an answer stays right for as long as the process
lives: nothing ever needs to be invalidated.  Each web worker keeps its own cache, keyed by what
the answer depends on: the dataset's version, the query text, the dataset parameters, what decides
the format (the Accept header and ``format=``) and the mount point pages make their links for.  A
key made of the request as sent lets a repeated request skip the check and the negotiation too:
only answers to checked queries are ever kept.  The cache is bounded in bytes (answers and keys):
the least recently used answers leave first, and an answer larger than an eighth of the cache is
never kept.  An answer counts for the memory it takes (its bytes, its key, its headers and the
objects that hold them, as :func:`sys.getsizeof` measures them), not for its length alone: a short
answer to a long query takes several times its length.  Hits and misses are counted in the metrics (``nukg_answer_cache_lookups``).
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass

from . import metrics


@dataclass(frozen=True, slots=True)
class Kept:
    body: bytes
    content_type: str
    etag: str
    headers: tuple[tuple[str, str], ...] = ()  # other headers the answer is made with (paging links, counts)
    size: int = 0  # bytes counted against the cache (see footprint)

    def response(self, response_class):
        """The kept answer as a new response of ``response_class`` (its caching headers still to add)."""
        response = response_class(self.body, content_type=self.content_type)
        response.headers.extend(self.headers)
        return response


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

    def get(self, key: tuple) -> Kept | None:
        """The kept answer for ``key``, now the most recently used; None (a miss) when there is none."""
        if not self.max_bytes:
            return None
        with self._lock:
            kept = self._entries.get(key)
            if kept is not None:
                self._entries.move_to_end(key)
        metrics.count_answer_lookup(hit=kept is not None)
        return kept

    def put(self, key: tuple, body: bytes, content_type: str, etag: str,
            headers: tuple[tuple[str, str], ...] = ()) -> bool:
        """Keep ``body`` under ``key`` (a tuple of strings, tuples of strings and None), making room by
        dropping the least recently used; False when it is too large to keep."""
        if not self.max_bytes:
            return False
        body = bytes(body)
        size = footprint(key, body, content_type, etag, headers)
        if size > self.max_entry:
            return False
        kept = Kept(body, content_type, etag, headers, size)
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old.size
            while self._entries and self.size + size > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self.size -= dropped.size
            self._entries[key] = kept
            self.size += size
        return True


ENTRY = sys.getsizeof(Kept(b"", "", "")) + 100  # the kept answer's object and its place in the ordered map


def footprint(key: tuple, body: bytes, content_type: str, etag: str, headers: tuple) -> int:
    """The bytes an answer takes in the cache: its body, key, content type, ETag and headers and what
    holds them."""
    return ENTRY + sys.getsizeof(body) + _size(key) + sys.getsizeof(content_type) + sys.getsizeof(etag) \
        + _size(headers)


def _size(part) -> int:
    """The bytes of a key or headers: the tuples and the strings in them (None is shared)."""
    if part is None:
        return 0
    if isinstance(part, tuple):
        return sys.getsizeof(part) + sum(map(_size, part))
    return sys.getsizeof(part)
