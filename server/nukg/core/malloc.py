"""glibc's allocator, told to give memory back: the one place the server calls it (elsewhere, nothing changes).

Two of glibc's defaults keep memory after a burst of queries: each thread gets an arena of its own,
which keeps what it once held, and the size from which a block is mapped on its own rises after the
first large block, so later large answers leave holes in the heap.  :func:`lean` fixes both for this
process and, through :func:`environment`, for processes started afresh; :func:`trim` hands the heap's
free pages back.
"""

from __future__ import annotations

import ctypes

M_ARENA_MAX, M_MMAP_THRESHOLD = -8, -3  # glibc's mallopt parameters
MMAP_THRESHOLD = 128 * 1024  # bytes: larger blocks are mapped on their own, and unmapped once freed


def environment(arenas: int) -> dict[str, str]:
    """The variables that give a new process ``arenas`` malloc arenas and the fixed mmap threshold."""
    return {"MALLOC_ARENA_MAX": str(arenas), "MALLOC_MMAP_THRESHOLD_": str(MMAP_THRESHOLD)}


def lean(arenas: int) -> None:
    """This process from now on: at most ``arenas`` malloc arenas, and the fixed mmap threshold."""
    _call("mallopt", M_ARENA_MAX, arenas)
    _call("mallopt", M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def trim() -> None:
    """Return the heap's free pages to the system (about 20 µs)."""
    _call("malloc_trim", 0)


def _call(name: str, *args: int) -> None:
    try:
        getattr(ctypes.CDLL(None), name)(*args)
    except (OSError, AttributeError):  # not glibc
        pass
