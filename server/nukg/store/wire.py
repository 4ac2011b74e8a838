"""How the pool and a query process talk: a job in one write, its answer in one write.

A job (a tuple: the checked query, its form, the format...) is pickled behind its length, the framing
of :class:`multiprocessing.connection.Connection` (which starts a process).  The process reads it in
one ``read`` when it is under 64 KiB and has all arrived (the rest in as many more as it takes): the
pool sends a process one job at a time and waits for its reply before the next, so a read never
takes part of another job (one that did would be refused).

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
JOB_LENGTH = struct.Struct("!i")  # a job's length, as Connection frames a message
JOB_READ = 65536  # bytes asked for by the first read of a job


def send_job(fd: int, job: tuple) -> None:
    """Write ``job`` (pickled, behind its length) to ``fd``, whole."""
    data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
    _write_all(fd, [JOB_LENGTH.pack(len(data)), data])


def read_job(fd: int) -> tuple:
    """The next job from ``fd``; EOFError when the pool closed the socket."""
    data = os.read(fd, JOB_READ)
    if not data:
        raise EOFError("the pool closed the socket")
    if len(data) < JOB_LENGTH.size:
        data += _exactly(fd, JOB_LENGTH.size - len(data))
    (size,) = JOB_LENGTH.unpack_from(data)
    missing = JOB_LENGTH.size + size - len(data)
    if missing > 0:
        data += _exactly(fd, missing)
    elif missing < 0:
        raise EOFError("more than one job arrived at once: the pool sends one at a time")
    return pickle.loads(memoryview(data)[JOB_LENGTH.size:])


def send_reply(fd: int, ok: bool, payload: bytes) -> None:
    """Write the header and ``payload`` (an answer, or a pickled error) to ``fd``, whole."""
    _write_all(fd, [HEADER.pack(ok, len(payload)), payload])


def _write_all(fd: int, parts: list) -> None:
    """Write ``parts`` to ``fd`` one after the other, whole, in as few calls as the socket allows."""
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
            raise EOFError("the socket closed mid-message")
        if not missing:
            return b"".join(parts)
        parts.append(os.read(fd, missing))
        missing -= len(parts[-1])
