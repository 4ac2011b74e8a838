"""What a query process gives up before it loads the store: the network, and unbounded memory.

- **No network.**  The process enters a network namespace of its own, which has no
  interface but a loopback that is down: no query, whatever slips past the check of
  :mod:`nukg.store.querycheck`, can open a connection (SERVICE, or anything else).
  As root this is ``unshare(CLONE_NEWNET)``; otherwise a user namespace comes with it
  (``CLONE_NEWUSER | CLONE_NEWNET``), which most Linux systems allow.
- **Bounded memory.**  ``RLIMIT_AS`` caps the process's address space, so a query that
  grows (a cross product sorted in memory) fails inside its own process, which is then
  replaced, instead of taking the machine down.

Linux only; elsewhere, or where namespaces are forbidden (some containers), the network
cannot be dropped and the caller decides whether to go on (``NUKG_ALLOW_QUERY_NETWORK``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import resource
import socket
import threading

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
MB = 1024 * 1024


class IsolationError(OSError):
    """The platform refused to take the network away from this process."""


def drop_network() -> None:
    """Move this process into a new, empty network namespace; :class:`IsolationError` if refused.

    Call it before starting any thread: the kernel gives a user namespace (what a process
    that is not root needs) only to a single-threaded process.
    """
    if threading.active_count() > 1:
        raise IsolationError("the network must be dropped before the process starts any thread")
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError) as exc:
        raise IsolationError(f"this platform has no unshare(): {exc}") from None
    reasons = []
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        if unshare(flags) == 0:
            _verify_offline()
            return
        reasons.append(os.strerror(ctypes.get_errno()))
    raise IsolationError(f"unshare() refused a network namespace ({'; '.join(reasons)})")


def _verify_offline() -> None:
    """Check what the namespace promises: a connection to the loopback cannot even start."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        try:
            probe.connect(("127.0.0.1", 9))
        except OSError:
            return
    raise IsolationError("a new network namespace still reached 127.0.0.1")


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space at ``megabytes`` (0: leave it unlimited)."""
    if megabytes > 0:
        limit = megabytes * MB
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def address_space() -> int:
    """This process's address space now, in bytes (Linux ``/proc``; 0 where unknown)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def memory_message(megabytes: int) -> str:
    """What a client is told when its query outgrew the memory limit of its process."""
    return (f"The query needed more memory than the limit of {megabytes} MB per query process and was stopped. "
            "Make it cheaper (add LIMIT, avoid ORDER BY over large cross products) and try again.")


def can_drop_network() -> str | None:
    """None when a process here can drop its network, else the reason (tried in a child, so this
    process keeps its own)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: try, report, leave without running any of the parent's cleanup
        os.close(read)
        try:
            drop_network()
            message = b""
        except IsolationError as exc:
            message = str(exc).encode() or b"refused"
        os.write(write, message)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        reason = pipe.read().decode(errors="replace")
    os.waitpid(pid, 0)
    return reason or None
