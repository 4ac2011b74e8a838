"""A project's graph, checked once: parsed, inferred and validated, or read back from the build cache.

:func:`check` is what the commands that vouch for the data (``nukg validate``, ``build``,
``serve``) call: with a cached build of the same inputs it reads no Turtle and runs no SHACL;
otherwise it builds and validates, and caches a graph that conforms.  :func:`open_graph` is what
the web workers call: the cached build when there is one, else the Turtle parsed (as ``nukg
serve`` validated it before starting them).  :func:`graph_of` turns a cache entry back into a
:class:`~nukg.kg.graph.KnowledgeGraph` whose dataset's N-Quads are the entry's, ready for the
query processes.
"""

from __future__ import annotations

import gc
import logging
from contextlib import contextmanager
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef

from ..core.namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, bind_prefixes
from ..core.terms import to_rdflib
from .buildcache import BuildCache, DamagedEntry, Entry
from .graph import EDITORIAL_GRAPH, Inputs, KGError, KnowledgeGraph, inputs, load

log = logging.getLogger(__name__)

PARTS = {str(ONTOLOGY_GRAPH): "ontology", str(DATA_GRAPH): "data", str(EDITORIAL_GRAPH): "editorial",
         str(INFERRED_GRAPH): "inferred"}


@dataclass(frozen=True)
class Checked:
    """The outcome of :func:`check`: a verdict on the inputs and the way to their graph."""

    inputs: Inputs
    report: object | None  # the SHACL report (nukg.kg.validation.Report); None when a cached build vouched
    entry: Entry | None  # the cached build read back, if any
    built: KnowledgeGraph | None  # the graph built now, if it was
    cached_at: str | None = None  # where the build was kept (just written or read back)
    problem: str | None = None  # why the cache could not be used or written, for the user

    @property
    def from_cache(self) -> bool:
        """True when SHACL did not run: a build of the same inputs and code was validated before."""
        return self.entry is not None

    @property
    def conforms(self) -> bool:
        return self.report is None or self.report.conforms

    @property
    def version(self) -> str:
        return self.inputs.version

    @property
    def counts(self) -> dict[str, int]:
        """Triples of each part: ontology, data, shapes, inferred, union."""
        if self.entry is not None:
            return dict(self.entry.counts)
        g = self.built
        return {"ontology": len(g.ontology), "data": len(g.data), "shapes": len(g.shapes),
                "inferred": len(g.inferred), "union": len(g.union)}

    @property
    def validation(self):
        """The SHACL report: the one made now, or, for a validated build read back, the report of a graph that
        conforms (:func:`nukg.kg.validation.conforming_report`)."""
        from .validation import conforming_report

        return self.report if self.report is not None else conforming_report()

    def graph(self) -> KnowledgeGraph:
        """The graph itself (read back from the cached build when that is where it is)."""
        return self.built if self.built is not None else graph_of(self.entry, self.inputs)


def check(root, cache: BuildCache | None) -> Checked:
    """Read back a validated build of ``root``'s inputs from ``cache``, else parse, infer and validate them,
    caching the graph when it conforms.  Raises :class:`~nukg.kg.graph.KGError` when the graph cannot be
    built or validation cannot run."""
    found = inputs(root)
    problem = None
    if cache is not None:
        key = cache.key(found)
        try:
            entry = cache.read(key)
        except DamagedEntry as exc:
            entry, problem = None, f"{exc}; ignored, the graph is validated again"
            log.warning("%s", problem)
        if entry is not None:
            return Checked(found, None, entry, None, cached_at=str(entry.path))
    graph = load(found.root, found)
    from .validation import validate  # pySHACL is imported only when it runs

    try:
        report = validate(graph)
    except Exception as exc:  # pySHACL failing is not the data's fault
        raise KGError(f"SHACL validation could not run: {exc}") from exc
    cached_at = None
    # cached only when it conforms, and under the name of what was parsed: not if a file changed meanwhile
    if cache is not None and report.conforms and inputs(found.root).digest == found.digest:
        try:
            cached_at = str(cache.write(key, graph))
        except OSError as exc:
            problem = f"cannot keep the build in {cache.folder}: {exc.strerror or exc}"
            log.warning("%s", problem)
    return Checked(found, report, None, graph, cached_at=cached_at, problem=problem)


def open_graph(root, cache: BuildCache | None) -> KnowledgeGraph:
    """The graph of ``root``: the cached build of its inputs when there is one, else parsed and inferred
    (not validated: that is for :func:`check`)."""
    found = inputs(root)
    if cache is not None:
        try:
            entry = cache.read(cache.key(found))
        except DamagedEntry as exc:
            log.warning("%s; ignored, the Turtle files are parsed instead", exc)
            entry = None
        if entry is not None:
            return graph_of(entry, found)
    return load(found.root, found)


def graph_of(entry: Entry, found: Inputs) -> KnowledgeGraph:
    """The :class:`KnowledgeGraph` a cache entry holds, its dataset's N-Quads kept for the query processes."""
    graphs = {name: bind_prefixes(Graph()) for name in ("ontology", "data", "editorial", "shapes", "inferred", "union")}
    targets = {name: graphs[part] for name, part in PARTS.items()}
    terms: dict = {}  # one rdflib object per term, shared by every graph
    with _collector_paused():  # tens of thousands of new objects, none of them garbage
        for quad in ox.parse(entry.dataset, format=ox.RdfFormat.N_QUADS):
            name = quad.graph_name
            _add(graphs["union"] if isinstance(name, ox.DefaultGraph) else targets[name.value], quad, terms)
        for triple in ox.parse(entry.shapes, format=ox.RdfFormat.N_TRIPLES):
            _add(graphs["shapes"], triple, terms)
    subject_files = {(BNode(label) if blank else URIRef(label)): found.root / path
                     for label, blank, path in entry.header["subjects"]}
    graph = KnowledgeGraph(
        root=found.root,
        files=found.files,
        ontology=graphs["ontology"],
        data=graphs["data"],
        shapes=graphs["shapes"],
        inferred=graphs["inferred"],
        editorial=graphs["editorial"],
        version=found.version,
        subject_files=subject_files,
        validated=True,  # only builds that conform are ever cached
    )
    return graph.ready(union=graphs["union"], nquads=entry.dataset)


def _add(graph: Graph, statement, terms: dict) -> None:
    """Add a pyoxigraph triple or quad to ``graph``, converting each term once (``terms`` remembers)."""
    triple = []
    for node in (statement.subject, statement.predicate, statement.object):
        converted = terms.get(node)
        if converted is None:
            converted = terms[node] = to_rdflib(node)
        triple.append(converted)
    graph.store.add(tuple(triple), graph)  # Graph.add without its checks: the terms come from a sound parse


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector (when it runs) for the block."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
