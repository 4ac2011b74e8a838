"""HTTP to a remote store: kept-alive connections, a hard deadline per request, answers capped as they are read.

A deadline is kept whatever the other end does: each socket waits at most the time left, and a
watchdog thread shuts the socket down when the deadline passes, so even a store that sends its
answer a byte at a time cannot hold a request past it.  An answer is read in chunks: past
``limit`` bytes the connection is dropped (:class:`TooLarge`), and each chunk first takes its
room from the caller's byte budget.  A kept-alive connection the store has closed in the
meantime is replaced once, before anything of the answer has come (the requests sent are
queries and idempotent PUTs, safe to send again).
"""

from __future__ import annotations

import base64
import heapq
import http.client
import itertools
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import unquote, urlsplit

CHUNK = 256 * 1024
KEEP_IDLE = 8  # connections kept open between requests


class EndpointError(Exception):
    """What went wrong, for the log (``str``) and for the operator: never sent to a client as is."""


class Unreachable(EndpointError):
    """No connection could be made, or it broke before any answer came."""


class Deadline(EndpointError):
    """The deadline passed before the whole answer came."""


class TooLarge(EndpointError):
    """The answer is longer than the limit."""


class Broken(EndpointError):
    """The answer broke off or is not HTTP."""


@dataclass
class Reply:
    status: int
    reason: str
    content_type: str  # the media type alone, lower case, no parameters
    body: bytes
    release: Callable[[], None] = field(default=lambda: None, repr=False)


def _nothing() -> None:
    pass


class Endpoint:
    """One URL of a remote store (``http://user:secret@host:port/path?query``)."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url!r}")
        self.secure = parts.scheme == "https"
        self.host = parts.hostname
        self.port = parts.port or (443 if self.secure else 80)
        self.target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.auth = None
        if parts.username is not None:
            pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}".encode()
            self.auth = "Basic " + base64.b64encode(pair).decode("ascii")
        shown = f"[{self.host}]" if ":" in self.host else self.host
        self.shown = f"{parts.scheme}://{shown}:{self.port}{parts.path or '/'}"  # no credentials, for messages
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def request(self, method: str, *, body: bytes = b"", headers: dict | None = None, params: str = "",
                deadline: float, limit: int = 0, reserve: Callable[[int], Callable[[], None]] | None = None) -> Reply:
        """Send one request and read its whole answer by ``deadline`` (a ``time.monotonic()`` value).

        ``params`` is added to the URL's query string.  ``reserve(n)`` is called before ``n`` more bytes are
        read and returns what gives them back; :attr:`Reply.release` gives back all of them."""
        target = self.target + (("&" if "?" in self.target else "?") + params if params else "")
        headers = {**(headers or {}), **({"Authorization": self.auth} if self.auth else {})}
        for attempt in (0, 1):
            conn, reused = self._connection(deadline)
            response = None
            try:
                with _watch(deadline, conn):
                    response = self._send(conn, method, target, body, headers, reused and attempt == 0, deadline)
                    if response is None:  # a kept-alive connection the store had closed: once more, afresh
                        continue
                    reply = self._read(response, deadline, limit, reserve)
            except BaseException:
                if response is not None:  # an answer that closes its connection holds the socket, not conn
                    response.close()
                conn.close()
                raise
            if response.will_close:
                conn.close()
            else:
                self._keep(conn)
            return reply
        raise Unreachable("the connection closed before any answer, twice")

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    # --- the steps of a request ------------------------------------------------------

    def _connection(self, deadline: float) -> tuple[http.client.HTTPConnection, bool]:
        with self._lock:
            if self._idle:
                conn = self._idle.pop()
                conn.sock.settimeout(_left(deadline))
                return conn, True
        kind = http.client.HTTPSConnection if self.secure else http.client.HTTPConnection
        conn = kind(self.host, self.port, timeout=_left(deadline))
        try:
            conn.connect()
        except (socket.timeout, TimeoutError):
            conn.close()
            raise Deadline(f"connecting to {self.shown} took past the deadline") from None
        except OSError as exc:
            conn.close()
            raise Unreachable(f"cannot connect to {self.shown}: {exc.strerror or exc}") from None
        return conn, False

    def _send(self, conn, method, target, body, headers, retry_on_close: bool, deadline: float):
        """The response's head, or None when a reused connection turns out closed (and may be retried)."""
        try:
            conn.request(method, target, body=body, headers=headers)
            return conn.getresponse()
        except (socket.timeout, TimeoutError):
            raise Deadline(f"{self.shown} sent no answer in time") from None
        except (http.client.HTTPException, OSError) as exc:
            if time.monotonic() >= deadline:  # the watchdog cut the connection
                raise Deadline(f"{self.shown} sent no answer in time") from None
            closed = isinstance(exc, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError))
            if closed and retry_on_close:
                conn.close()
                return None
            raise Broken(f"no HTTP answer from {self.shown}: {type(exc).__name__}: {exc}") from None

    def _read(self, response, deadline: float, limit: int, reserve) -> Reply:
        releases: list[Callable[[], None]] = []

        def release_all() -> None:
            while releases:
                releases.pop()()

        size, chunks = 0, []
        try:
            length = response.length  # None when the store does not say (chunked answers)
            if limit and length is not None and length > limit:
                raise TooLarge(f"{length} bytes announced, more than the limit of {limit}")
            if reserve is not None and length:
                releases.append(reserve(length))
            while True:
                if time.monotonic() > deadline:
                    raise Deadline(f"{self.shown} was still sending at the deadline")
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if limit and size > limit:
                    raise TooLarge(f"more than the limit of {limit} bytes")
                if reserve is not None and length is None:
                    releases.append(reserve(len(chunk)))
                chunks.append(chunk)
            if time.monotonic() >= deadline:  # an answer that ends at the close may have been cut by the watchdog
                raise Deadline(f"{self.shown} was still sending at the deadline")
        except (socket.timeout, TimeoutError):
            release_all()
            raise Deadline(f"{self.shown} was still sending at the deadline") from None
        except (http.client.HTTPException, OSError) as exc:
            release_all()
            if time.monotonic() >= deadline:
                raise Deadline(f"{self.shown} was still sending at the deadline") from None
            raise Broken(f"the answer of {self.shown} broke off: {type(exc).__name__}: {exc}") from None
        except BaseException:
            release_all()
            raise
        media = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
        return Reply(response.status, response.reason, media, b"".join(chunks), release_all if releases else _nothing)

    def _keep(self, conn) -> None:
        with self._lock:
            if len(self._idle) < KEEP_IDLE:
                self._idle.append(conn)
                return
        conn.close()


def _left(deadline: float) -> float:
    return max(deadline - time.monotonic(), 0.001)


# --- the watchdog that cuts connections at their deadline ------------------------------


class _Watchdog:
    def __init__(self):
        self._heap: list = []
        self._cond = threading.Condition()
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, deadline: float, sock) -> list:
        entry = [deadline, next(self._order), sock]
        with self._cond:
            if self._thread is None or not self._thread.is_alive():  # (none after a fork)
                self._thread = threading.Thread(target=self._run, name="nukg-store-deadlines", daemon=True)
                self._thread.start()
            heapq.heappush(self._heap, entry)
            self._cond.notify()
        return entry

    def cancel(self, entry: list) -> None:
        with self._cond:
            entry[2] = None  # left in the heap, ignored when it comes up

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._heap or self._heap[0][0] > time.monotonic():
                    self._cond.wait(self._heap[0][0] - time.monotonic() if self._heap else None)
                sock = heapq.heappop(self._heap)[2]  # None once cancelled
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)  # whatever waits on it wakes up
                except OSError:
                    pass


_WATCHDOG = _Watchdog()


class _watch:
    """Within the block, the socket of ``conn`` is shut down when ``deadline`` passes (the socket itself: a
    connection hands it over to the response of a request that closes it, and forgets it)."""

    def __init__(self, deadline: float, conn):
        self.deadline, self.sock = deadline, conn.sock

    def __enter__(self):
        self.entry = _WATCHDOG.add(self.deadline, self.sock)

    def __exit__(self, *exc):
        _WATCHDOG.cancel(self.entry)
