"""The one interface of the query engine, and the dataset every implementation serves.

:class:`Store` is all the web layer knows: ``run(checked query, format,
default_graphs=, named_graphs=, substitutions=, timeout=)`` returns an
:class:`Answer` (the bytes and their format) or raises an error that carries
its HTTP status.  ``query(text, accept=, format=)`` checks and negotiates first,
for callers that have only text (the command line, tests).  Implementations:
:class:`~nukg.store.oxigraph.OxigraphStore` (in this process) and
:class:`~nukg.store.pooled.PooledStore` (killable worker processes).  A store
for a remote SPARQL endpoint would be a third; nothing above would change.

The dataset: one named graph each for the ontology, the data and the inferred
triples, and a default graph holding their union.  The union is materialised
(every triple once, :attr:`KnowledgeGraph.union`) rather than pyoxigraph's
``use_default_graph_as_union`` view, which yields a triple once per graph
holding it (so ``COUNT`` would be off) and cannot be combined with a protocol
``default-graph-uri``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Callable

import pyoxigraph as ox

from ..core.errors import BadRequest
from ..core.formats import Format, negotiate
from ..core.namespaces import PREFIX_IRIS
from .querycheck import CheckedQuery, check_query


@dataclass(frozen=True)
class Answer:
    body: bytes
    format: Format
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    # gives the body's bytes back to the store's budget; call it once the answer has been sent
    release: Callable[[], None] = field(default=lambda: None, compare=False, repr=False)

    @property
    def media_type(self) -> str:
        """The Content-Type to send, charset included for text formats."""
        return self.format.content_type


@dataclass(frozen=True)
class Snapshot:
    """Everything a store needs, as plain data that can be sent to another process."""

    nquads: bytes  # the named graphs, then their union in the default graph
    version: str
    prefixes: dict[str, str]
    sizes: dict[str, int] = field(default_factory=dict)  # graph IRI -> triples; "" is the default graph

    @classmethod
    def from_kg(cls, kg) -> "Snapshot":
        """The named graphs of a :class:`nukg.kg.graph.KnowledgeGraph` and its union, as N-Quads (ready
        when the graph was read back from the build cache, :mod:`nukg.kg.build`)."""
        return cls(nquads=kg.nquads, version=kg.version, prefixes=dict(PREFIX_IRIS), sizes=dict(kg.sizes))


class Store(ABC):
    """Runs read-only SPARQL queries and returns serialised answers."""

    version: str  # changes whenever the data does (used in ETags)
    fixed: bool = True  # whether the data stays as it is while the server runs (a web worker may keep answers)
    sizes: dict[str, int]  # graph IRI -> triples; "" is the default graph

    @abstractmethod
    def run(
        self,
        query: CheckedQuery,
        fmt: Format,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        substitutions: dict | None = None,
        timeout: float | None = None,
        heavy: bool = False,
        spent: Callable[[float], None] | None = None,
    ) -> Answer:
        """Run a checked query and serialise its answer in ``fmt`` (a format of the query's kind).

        ``default_graphs``/``named_graphs`` (the protocol's
        ``default-graph-uri``/``named-graph-uri``) replace any FROM/FROM
        NAMED in the query; when only one of them is given the other part
        of the dataset is empty, as in SPARQL.  ``substitutions`` binds
        variables to RDF terms (a named query's parameters).  ``heavy``
        says the client has used much query time lately: it never takes the
        share of the engine kept for others.  ``spent`` is told the seconds the
        query ran (not waited), whether it succeeded or not.  Raises the
        errors of :mod:`nukg.core.errors`.
        """

    def query(self, text: str, *, accept: str | None = None, format=None, **options) -> Answer:
        """Check ``text``, choose the format from ``format`` or ``accept``, and :meth:`run` it."""
        checked = check_query(text)
        return self.run(checked, negotiate(accept, format, checked.kind), **options)

    def close(self) -> None:
        """Release processes and memory; the store cannot be used afterwards."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def dataset_iris(default_graphs, named_graphs) -> tuple[list[str] | None, list[str] | None]:
    """Validate protocol dataset IRIs early, with a message naming the culprit."""
    if default_graphs is None and named_graphs is None:
        return None, None
    checked = []
    for param, iris in (("default-graph-uri", default_graphs), ("named-graph-uri", named_graphs)):
        for iri in iris or ():
            try:
                ox.NamedNode(iri)
            except ValueError as exc:
                raise BadRequest(f"{param} {iri!r} is not an absolute IRI.", internal=str(exc)) from None
        checked.append(list(iris or ()))
    return checked[0], checked[1]
