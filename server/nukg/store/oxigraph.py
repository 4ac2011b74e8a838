"""The embedded store: queries run in this process on an in-memory pyoxigraph store.

Used by the command line and the tests, and inside each query process of the pool.
It has no time limit of its own: pyoxigraph does not look at signals while it
evaluates, so only killing the process stops a runaway query (see :mod:`nukg.store.pool`).
"""

from __future__ import annotations

import time

import pyoxigraph as ox

from ..core.errors import BadRequest, QuerySyntaxError
from ..core.formats import Format
from .answers import answer_bytes
from .base import Answer, Snapshot, Store, dataset_iris
from .querycheck import CheckedQuery


class OxigraphStore(Store):
    """Queries run in this process on an in-memory pyoxigraph store (no time limit)."""

    def __init__(self, snapshot: Snapshot, *, max_result_bytes: int = 0):
        self.version = snapshot.version
        self.sizes = dict(snapshot.sizes)
        self._prefixes = dict(snapshot.prefixes)
        self._max_result_bytes = max_result_bytes
        self._store = ox.Store()
        # parse() keeps blank node labels, so every copy of the store is identical
        self._store.extend(ox.parse(snapshot.nquads, format=ox.RdfFormat.N_QUADS))

    @classmethod
    def from_kg(cls, kg, **options) -> "OxigraphStore":
        return cls(Snapshot.from_kg(kg), **options)

    def run(self, query: CheckedQuery, fmt: Format, *, default_graphs=None, named_graphs=None, substitutions=None,
            timeout=None, heavy=False, spent=None) -> Answer:
        default_graphs, named_graphs = dataset_iris(default_graphs, named_graphs)
        started = time.monotonic()
        try:
            body = self.execute(query.text, fmt, default_graphs, named_graphs, substitutions)
        finally:
            if spent is not None:
                spent(time.monotonic() - started)
        return Answer(body, fmt, query.form)

    def execute(self, text: str, fmt: Format, default_graphs=None, named_graphs=None, substitutions=None) -> bytes:
        """Run a checked query's text and serialise its answer: the work a query process does."""
        options = {"prefixes": self._prefixes}
        if default_graphs is not None or named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs or ()]
        if substitutions:
            options["substitutions"] = substitutions
        try:
            answer = self._store.query(text, **options)
            # evaluation is lazy: errors can surface while serialising
            return answer_bytes(answer, fmt, prefixes=self._prefixes, limit=self._max_result_bytes)
        except SyntaxError as exc:  # the parser's reason, with its line and column, is the client's to read
            raise QuerySyntaxError(f"The query does not parse: {exc}") from None
        except OSError as exc:  # what the engine tried to reach (SERVICE...) is for the log only
            raise BadRequest("The query asks for something outside this endpoint's data, which it never reaches.",
                             internal=f"{type(exc).__name__}: {exc}") from None
        except (RuntimeError, ValueError, TypeError) as exc:
            raise BadRequest("The query could not be evaluated. Check the functions and values it uses.",
                             internal=f"{type(exc).__name__}: {exc}") from None
