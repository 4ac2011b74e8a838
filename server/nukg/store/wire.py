"""How a query process sends an answer back: one header and the bytes, in one write.

A reply is a 9-byte header (whether the job succeeded, and the length of what follows) and then
the answer's bytes, or the pickled error.  The worker writes both with one ``writev``; the pool
reads the header, reserves the answer's size in the byte budget, then reads the answer: in one
``read`` whenever it has all arrived, which gives the bytes the response sends, uncopied (a
larger answer arrives in pieces, joined once).
"""

from __future__ import annotations

import os
import pickle
import struct

HEADER = struct.Struct("!?Q")  # succeeded, length of the bytes that follow


def send_reply(fd: int, ok: bool, payload: bytes) -> None:
    """Write the header and ``payload`` (an answer, or a pickled error) to ``fd``, whole."""
    parts = [HEADER.pack(ok, len(payload)), payload]
    while parts:
        written = os.writev(fd, parts)
        while parts and written >= len(parts[0]):
            written -= len(parts[0])
            parts.pop(0)
        if parts and written:
            parts[0] = memoryview(parts[0])[written:]


def send_error(fd: int, error: BaseException) -> None:
    send_reply(fd, False, pickle.dumps(error))


def read_reply(fd: int, reserve) -> tuple[bool, object, object]:
    """Read one reply from ``fd``: ``(True, answer bytes, release)`` or ``(False, error, None)``.

    ``reserve(size)`` is called with the answer's length before its bytes are read, and returns the
    function that gives that room back (see :mod:`nukg.store.budget`).  Raises EOFError when the
    process went away mid-reply.
    """
    ok, size = HEADER.unpack(_exactly(fd, HEADER.size))
    release = reserve(size) if ok else None
    try:
        body = _exactly(fd, size)
    except BaseException:
        if release:
            release()
        raise
    if ok:
        return True, body, release
    return False, pickle.loads(body), None


def _exactly(fd: int, size: int) -> bytes:
    """``size`` bytes from ``fd``: one read when they are all there."""
    if not size:
        return b""
    first = os.read(fd, size)
    if len(first) == size:
        return first
    parts, missing = [first], size - len(first)
    while True:
        if not parts[-1]:
            raise EOFError("the query process closed its socket")
        if not missing:
            return b"".join(parts)
        parts.append(os.read(fd, missing))
        missing -= len(parts[-1])
