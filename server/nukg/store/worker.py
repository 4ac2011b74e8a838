"""One query worker process: ``python -m nukg.store.worker FD``.

Started by :class:`nukg.store.pool.QueryPool`.  Over the socket ``FD`` it
receives its settings and the store's N-Quads, loads them, says it is
ready, then answers jobs ``(checked query text, its form, where its SELECT * is,
format kind, format name, default graphs, named graphs, substitutions)`` with the
answer's bytes or the error, in the framing of :mod:`nukg.store.wire`, until the
socket closes.  The web process checked the query before handing it over; the
worker takes it as handed over (:func:`~nukg.store.querycheck.handed_over`, the
check not repeated) for the :class:`CheckedQuery` its store runs.  An error crosses back whole (pickled): its class, message and
details.  It imports neither Flask nor rdflib, and it takes the store's bytes
off the socket before it imports the engine and the query check (a tenth of a
second, mostly compiling the check's patterns): the pool, which hands each new
process its bytes in turn, starts the next one without waiting for that.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection

from ..core import malloc
from .isolation import IsolationError, drop_network, limit_memory, memory_message


def _watch_parent(parent: int) -> None:
    """Leave when the pool's process is gone, even in the middle of a query."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _isolate(allow_network: bool) -> bool:
    """Drop the network (see :mod:`nukg.store.isolation`); True when dropped.  Where the platform
    refuses, go on only if the settings accept the weaker guarantee."""
    try:
        drop_network()
        return True
    except IsolationError:
        if allow_network:
            return False
        raise


# Seconds of work after which the engine's freed scratch memory is handed back (a trim takes ~20 µs).
TRIM_AFTER = 0.005


def main(argv: list[str]) -> int:
    conn = Connection(int(argv[0]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which stops us
    parent = os.getppid()
    try:
        init = conn.recv()
        nquads = conn.recv_bytes()  # at once, so the pool can go on and start the next process
        from ..core.errors import HTTPError, InternalError, QueryMemoryExceeded
        from ..core.formats import by_name
        from .base import Snapshot
        from .oxigraph import OxigraphStore
        from .querycheck import handed_over
        from .wire import read_job, send_error, send_reply

        isolated = _isolate(init["allow_network"])  # before any thread: a user namespace needs a single one
        limit_memory(init["memory_mb"])
        threading.Thread(target=_watch_parent, args=(parent,), name="watch-parent", daemon=True).start()
        snapshot = Snapshot(nquads=nquads, version=init["version"], prefixes=init["prefixes"], sizes=init["sizes"])
        del nquads
        store = OxigraphStore(snapshot, max_result_bytes=init["max_result_bytes"])
        del snapshot
        malloc.trim()  # what parsing the N-Quads took and freed (a few MB)
        conn.send(("ready", os.getpid(), isolated))
    except (EOFError, ConnectionError):
        return 0
    except MemoryError:
        conn.send(("failed", f"the store does not fit in the memory limit of {init['memory_mb']} MB"))
        return 1
    except Exception as exc:
        conn.send(("failed", f"{exc.__class__.__name__}: {exc}"))
        return 1
    while True:
        try:
            job = read_job(conn.fileno())
        except (EOFError, OSError):
            return 0
        spent, started = False, time.monotonic()
        try:
            text, form, star, kind, name, default_graphs, named_graphs, substitutions = job
            body = store.execute(handed_over(text, form, star), by_name(kind, name), default_graphs, named_graphs,
                                 substitutions)
            error = None
        except HTTPError as exc:
            error = exc
        except MemoryError:  # the address space limit: this process may be in a poor state, replace it
            error, spent = QueryMemoryExceeded(memory_message(init["memory_mb"])), True
        except Exception as exc:  # anything else is a bug; report it rather than die
            error = InternalError("The query failed unexpectedly; it has been logged.",
                                  internal=f"query process {os.getpid()}: {exc.__class__.__name__}: {exc}")
        try:
            if error is None:
                send_reply(conn.fileno(), True, body)  # its size first, which the pool reserves before reading
                del body
            else:
                send_error(conn.fileno(), error)
        except (EOFError, OSError):
            return 0
        if spent:
            return 1
        if time.monotonic() - started >= TRIM_AFTER:  # after the answer is sent: off the query's time
            malloc.trim()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
