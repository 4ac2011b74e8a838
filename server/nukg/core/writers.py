"""Bytes from RDF statements, with pyoxigraph's writers (the ``writer`` of each row of the formats table).

Every writer writes into a :class:`CappedBuffer`, so output larger than its limit
is an error, never a truncated document.  Writers that print a subject once per
contiguous group of its statements get the statements sorted by subject first.
"""

from __future__ import annotations

import itertools

import pyoxigraph as ox

from .errors import InternalError, ResultTooLarge
from .formats import Format

# Formats whose writers print a subject once per contiguous group of its statements.
GROUPED = frozenset({"turtle", "trig", "jsonld", "rdfxml"})
GROUP_AT_MOST = 100_000


class CappedBuffer:
    """A write-only byte sink that refuses to grow past ``limit`` bytes (0: no limit)."""

    def __init__(self, limit: int = 0):
        self.limit = limit
        self.size = 0
        self.exceeded = False
        self._chunks: list[bytes] = []

    def write(self, data) -> int:
        self.size += len(data)
        if self.limit and self.size > self.limit:
            self.exceeded = True
            raise ResultTooLarge(self.message())
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self._chunks)

    def message(self) -> str:
        return (
            f"The answer is larger than the limit of {self.limit} bytes, so it was not sent. "
            "Ask for less: add LIMIT, select fewer variables or narrow the patterns."
        )


def grouped(triples, at_most: int = GROUP_AT_MOST):
    """The statements sorted by graph (for quads), subject and predicate, so that Turtle, TriG and
    JSON-LD describe each subject once; past ``at_most`` statements they stream as they come
    (still correct, less tidy), which bounds memory."""
    triples = iter(triples)
    head = list(itertools.islice(triples, at_most))
    if len(head) < at_most:
        head.sort(key=lambda t: (str(getattr(t, "graph_name", "")), not isinstance(t.subject, ox.NamedNode),
                                 str(t.subject), t.predicate.value))
        return head
    return itertools.chain(head, triples)


def write_rdf(statements, fmt: Format, out: CappedBuffer, *, prefixes: dict[str, str]) -> None:
    """Write pyoxigraph triples (or quads, for a quad format) into ``out`` in ``fmt``."""
    if not isinstance(fmt.writer, ox.RdfFormat):
        raise InternalError(f"{fmt.label} is not an RDF serialisation")
    if fmt.name in GROUPED:
        statements = grouped(statements)
    try:
        ox.serialize(statements, out, format=fmt.writer, prefixes=prefixes)
    except Exception:
        if out.exceeded:
            raise ResultTooLarge(out.message()) from None
        raise


def rdf_bytes(statements, fmt: Format, *, prefixes: dict[str, str], limit: int = 0) -> bytes:
    """pyoxigraph triples (or quads) serialised in ``fmt``, an RDF format of the table."""
    out = CappedBuffer(limit)
    write_rdf(statements, fmt, out, prefixes=prefixes)
    return out.getvalue()
