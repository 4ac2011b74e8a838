"""The query engine behind one small interface.

:class:`Store` is all the web layer knows: ``query(text, accept=, format=,
default_graphs=, named_graphs=, timeout=)`` returns an :class:`Answer` (the
bytes and their media type) or raises an error that carries its HTTP
status.  Two implementations:

- :class:`OxigraphStore` runs queries in the calling process on an
  in-memory pyoxigraph store (CLI, tests, and inside each query worker);
- :class:`PooledStore` hands them to a pool of long-lived worker processes,
  each holding its own copy of the store, and enforces the time limit by
  killing a worker that runs past it (see :mod:`server.querypool`).

A store for a remote SPARQL endpoint would be a third implementation; nothing
above this module would change.

The dataset: one named graph each for the ontology, the data and the
inferred triples, and a default graph holding their union.  The union is
materialised (every triple once) rather than pyoxigraph's
``use_default_graph_as_union`` view, which yields a triple once per graph
holding it (so ``COUNT`` would be off) and cannot be combined with a
protocol ``default-graph-uri``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import BadRequest, QuerySyntaxError
from .formats import Format, by_name, negotiate
from .querycheck import check_query
from .serialize import answer_bytes


@dataclass(frozen=True)
class Answer:
    body: bytes
    format: Format
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE

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
        """Turn a :class:`server.kg.KnowledgeGraph` into N-Quads, once."""
        from .namespaces import PREFIXES

        quads, union, sizes = [], {}, {}
        for name, graph in kg.named_graphs().items():
            lines = _ntriples_lines(graph)
            suffix = f" <{name}> .\n".encode()
            quads.extend(line + suffix for line in lines)
            union.update(dict.fromkeys(lines))
            sizes[str(name)] = len(lines)
        quads.extend(line + b" .\n" for line in union)
        sizes[""] = len(union)
        return cls(
            nquads=b"".join(quads),
            version=kg.version,
            prefixes={prefix: str(ns) for prefix, ns in PREFIXES.items()},
            sizes=sizes,
        )


def _ntriples_lines(graph) -> list[bytes]:
    """The distinct triples of an rdflib graph as N-Triples lines without the final `` .``."""
    text = graph.serialize(format="nt", encoding="utf-8")
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            if not line.endswith(b"."):
                raise ValueError(f"unexpected N-Triples line {line[:80]!r}")
            lines.append(line[:-1].rstrip())
    return list(dict.fromkeys(lines))


class Store(ABC):
    """Runs read-only SPARQL queries and returns serialised answers."""

    version: str  # changes whenever the data does (used in ETags)
    sizes: dict[str, int]  # graph IRI -> triples; "" is the default graph

    @abstractmethod
    def query(
        self,
        text: str,
        *,
        accept: str | None = None,
        format: str | list[str] | None = None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        timeout: float | None = None,
    ) -> Answer:
        """Run ``text`` and serialise its answer in the negotiated format.

        ``default_graphs``/``named_graphs`` (the protocol's
        ``default-graph-uri``/``named-graph-uri``) replace any FROM/FROM
        NAMED in the query; when only one of them is given the other part
        of the dataset is empty, as in SPARQL.  Raises the errors of
        :mod:`server.errors`.
        """

    def close(self) -> None:
        """Release processes and memory; the store cannot be used afterwards."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def prepare(text: str, accept, format) -> tuple[str, Format]:
    """Check the query (refusing updates and SERVICE) and choose the answer's format."""
    info = check_query(text)
    return info.form, negotiate(accept, format, info.kind)


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
                raise BadRequest(f"{param} {iri!r} is not an absolute IRI: {exc}") from None
        checked.append(list(iris or ()))
    return checked[0], checked[1]


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

    def query(self, text, *, accept=None, format=None, default_graphs=None, named_graphs=None, timeout=None):
        form, fmt = prepare(text, accept, format)
        default_graphs, named_graphs = dataset_iris(default_graphs, named_graphs)
        body = self.execute(text, fmt.name, default_graphs, named_graphs)
        return Answer(body, fmt, form)

    def execute(self, text: str, format_name: str, default_graphs=None, named_graphs=None) -> bytes:
        """Run a query and serialise its answer: the work a query worker does.

        Checks the text again (refusing SERVICE and updates whoever calls),
        so that nothing reaches the engine unchecked.
        """
        info = check_query(text)
        fmt = by_name(info.kind, format_name)
        options = {"prefixes": self._prefixes}
        if default_graphs is not None or named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs or ()]
        try:
            answer = self._store.query(text, **options)
            # evaluation is lazy: errors can surface while serialising
            return answer_bytes(answer, fmt, prefixes=self._prefixes, limit=self._max_result_bytes)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"The query does not parse: {exc}") from None
        except (OSError, RuntimeError, ValueError, TypeError) as exc:
            raise BadRequest(f"The query could not be evaluated: {exc}") from None


class PooledStore(Store):
    """Queries run in worker processes, each with its own copy of the store.

    A query past its time limit gets its worker killed and replaced, and
    raises :class:`server.errors.QueryTimeout`; other queries carry on in
    the other workers.
    """

    def __init__(
        self,
        snapshot: Snapshot,
        *,
        workers: int,
        timeout: float,
        queue_timeout: float,
        max_result_bytes: int = 0,
    ):
        from .querypool import QueryPool

        self.version = snapshot.version
        self.sizes = dict(snapshot.sizes)
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        init = {"version": snapshot.version, "prefixes": snapshot.prefixes, "sizes": snapshot.sizes,
                "max_result_bytes": max_result_bytes}
        self.pool = QueryPool(snapshot.nquads, workers, init=init)
        self.pool.start()

    def query(self, text, *, accept=None, format=None, default_graphs=None, named_graphs=None, timeout=None):
        form, fmt = prepare(text, accept, format)
        default_graphs, named_graphs = dataset_iris(default_graphs, named_graphs)
        job = (text, fmt.name, default_graphs, named_graphs)
        body = self.pool.run(job, timeout=timeout or self.timeout, wait=self.queue_timeout)
        return Answer(body, fmt, form)

    def close(self) -> None:
        self.pool.close()


def build_store(kg, config) -> Store:
    """The store the settings ask for: a worker pool, or in-process when NUKG_QUERY_WORKERS is 0."""
    snapshot = Snapshot.from_kg(kg)
    workers = int(config["NUKG_QUERY_WORKERS"])
    if workers <= 0:
        return OxigraphStore(snapshot, max_result_bytes=int(config["NUKG_MAX_RESULT_BYTES"]))
    return PooledStore(
        snapshot,
        workers=workers,
        timeout=float(config["NUKG_QUERY_TIMEOUT"]),
        queue_timeout=float(config["NUKG_QUEUE_TIMEOUT"]),
        max_result_bytes=int(config["NUKG_MAX_RESULT_BYTES"]),
    )
