"""Find the Turtle files, parse them, infer: one immutable :class:`KnowledgeGraph`.

Data flows one way: Turtle files -> parsed graphs -> inferred triples
(:mod:`nukg.kg.infer`) -> SHACL validation (:mod:`nukg.kg.validation`); the
graph carries a version (the content hash of its inputs, :func:`inputs`).  A
validated build is kept on disk by :mod:`nukg.kg.build`.  Nothing here knows
about HTTP.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from ..core.namespaces import DATA_GRAPH, GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, bind_prefixes
from ..core.terms import ox_quads
from .infer import infer

# The project's own inferences (editorial readings of the source, each with its reasoning): the
# Turtle files under data/editorial/, kept out of the data graph in a named graph of their own.
EDITORIAL_GRAPH = GRAPH.editorial
EDITORIAL_FOLDER = ("data", "editorial")

# Characters an IRI may not hold (RDF 1.1 Turtle's IRIREF), which rdflib accepts through \u escapes.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')

# The parts of the graph, each a folder of Turtle files under the project root.
PARTS = ("ontology", "data", "shapes")


class KGError(Exception):
    """The knowledge graph could not be built (a file is missing or unreadable)."""


class TurtleSyntaxError(KGError):
    """A Turtle file does not parse; carries the file and the 1-based line."""

    def __init__(self, path: Path, line: int | None, message: str):
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: Turtle syntax error: {message}")


def find_files(root: Path | str) -> dict[str, list[Path]]:
    """The Turtle files of each part, sorted so that builds are deterministic."""
    root = Path(root)
    files = {}
    for part in PARTS:
        folder = root / part
        if not folder.is_dir():
            raise KGError(f"missing folder {folder}")
        files[part] = sorted(folder.rglob("*.ttl"))
        if not files[part]:
            raise KGError(f"no Turtle files in {folder}")
    return files


@dataclass(frozen=True)
class Inputs:
    """The Turtle files of a project and the content hash of them all (paths and bytes)."""

    root: Path
    files: dict[str, list[Path]]
    digest: str  # SHA-256, hex

    @property
    def version(self) -> str:
        """The graph's version: the first 12 hex digits of the digest."""
        return self.digest[:12]


def inputs(root: Path | str) -> Inputs:
    """Find the Turtle files under ``root`` and hash them (a few milliseconds: nothing is parsed)."""
    root = Path(root)
    files = find_files(root)
    digest = hashlib.sha256()
    for paths in files.values():
        for path in paths:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            try:
                digest.update(path.read_bytes() + b"\0")
            except OSError as exc:
                raise KGError(f"cannot read {path}: {exc}") from None
    return Inputs(root, files, digest.hexdigest())


def parse_file(path: Path) -> Graph:
    """Parse one Turtle file, turning parser errors into :class:`TurtleSyntaxError`."""
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except BadSyntax as exc:
        line = exc.lines + 1 if isinstance(exc.lines, int) else None
        raise TurtleSyntaxError(path, line, exc._why) from None
    except (ValueError, SyntaxError) as exc:
        raise TurtleSyntaxError(path, None, str(exc)) from None
    except OSError as exc:
        raise KGError(f"cannot read {path}: {exc}") from None
    for term in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
        bad = _NOT_IN_IRI.search(term)
        if bad:  # rdflib lets \u escapes through that no IRI may hold; every other tool refuses them
            raise TurtleSyntaxError(path, None, f"<{term}> is not an IRI: it holds {bad.group()!r}")
    return graph


@dataclass(frozen=True)
class KnowledgeGraph:
    """The parsed, inferred graph; immutable once built."""

    root: Path
    files: dict[str, list[Path]]
    ontology: Graph
    data: Graph
    shapes: Graph
    inferred: Graph
    version: str
    # the project's editorial inferences (data/editorial/), not the source's statements
    editorial: Graph = field(default_factory=Graph, compare=False, repr=False)
    # which file each subject of the data and ontology is described in
    subject_files: dict = field(default_factory=dict, compare=False, repr=False)
    validated: bool = field(default=False, compare=False)  # True: read back from a build that conforms

    def named_graphs(self) -> dict[URIRef, Graph]:
        """The store's named graphs; the editorial one only when there are editorial inferences (a store keeps
        no empty graph)."""
        editorial = {EDITORIAL_GRAPH: self.editorial} if len(self.editorial) else {}
        return {ONTOLOGY_GRAPH: self.ontology, DATA_GRAPH: self.data, **editorial, INFERRED_GRAPH: self.inferred}

    @cached_property
    def union(self) -> Graph:
        """Ontology, data and inferred triples in one graph (the store's default graph)."""
        graph = bind_prefixes(Graph())
        for part in self.named_graphs().values():
            graph += part
        return graph

    @property
    def sizes(self) -> dict[str, int]:
        """Triples in each named graph (by IRI) and in the default graph (``""``, their union)."""
        return {**{str(name): len(graph) for name, graph in self.named_graphs().items()}, "": len(self.union)}

    @cached_property
    def nquads(self) -> bytes:
        """The dataset as N-Quads: the named graphs, then their union in the default graph.

        What the query processes load.  Blank node labels are kept, so one node stays one across graphs.
        Sorted: the engine's answers can follow the order it was given the quads in (``GROUP_CONCAT``),
        and that order should not depend on the process (on Python's hash seed) that built the graph.
        """
        quads = sorted(ox_quads({**self.named_graphs(), None: self.union}), key=str)
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    def ready(self, **values) -> "KnowledgeGraph":
        """The graph with ``union`` and ``nquads`` given rather than computed (a build read back from disk)."""
        unknown = set(values) - {"union", "nquads"}
        if unknown:
            raise TypeError(f"not a computed part of the graph: {', '.join(sorted(unknown))}")
        vars(self).update(values)  # where cached_property keeps what it computed
        return self

    def file_of(self, node) -> Path | None:
        """The file where ``node`` is described as a subject, if any."""
        return self.subject_files.get(node)


def load(root: Path | str, found: Inputs | None = None) -> KnowledgeGraph:
    """Parse every Turtle file under ``root`` (the project folder) and infer; does not validate.

    ``found`` is what :func:`inputs` gave for ``root``, when the caller already has it.
    """
    found = found or inputs(root)
    parts: dict[str, Graph] = {}
    subject_files: dict = {}
    editorial_folder = found.root.joinpath(*EDITORIAL_FOLDER)
    editorial = bind_prefixes(Graph())
    editorial_files: dict = {}
    for part, paths in found.files.items():
        merged = bind_prefixes(Graph())
        for path in paths:
            graph = parse_file(path)
            if path.is_relative_to(editorial_folder):
                editorial += graph
                editorial_files.update((s, path) for s in graph.subjects(unique=True))
                continue
            if part != "shapes":
                for s in graph.subjects(unique=True):
                    subject_files.setdefault(s, path)
            merged += graph
        parts[part] = merged
    for s, path in editorial_files.items():  # a thing of the data is described where its data is
        subject_files.setdefault(s, path)
    inferred = bind_prefixes(infer(parts["ontology"], parts["data"]))
    return KnowledgeGraph(
        root=found.root,
        files=found.files,
        ontology=parts["ontology"],
        data=parts["data"],
        shapes=parts["shapes"],
        inferred=inferred,
        editorial=editorial,
        version=found.version,
        subject_files=subject_files,
    )
