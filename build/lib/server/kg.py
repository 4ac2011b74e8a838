"""The knowledge layer: find the Turtle files, parse, infer, validate.

Data flows one way: Turtle files -> parsed graphs -> inferred triples ->
SHACL validation -> one immutable :class:`KnowledgeGraph` with a version
(the content hash of its inputs).  Nothing here knows about HTTP.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.plugins.parsers.notation3 import BadSyntax

from .namespaces import DATA_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, bind_prefixes

PROJECT_ROOT = Path(__file__).resolve().parent.parent

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


def find_files(root: Path | str | None = None) -> dict[str, list[Path]]:
    """The Turtle files of each part, sorted so that builds are deterministic."""
    root = Path(root) if root else PROJECT_ROOT
    files = {}
    for part in PARTS:
        folder = root / part
        if not folder.is_dir():
            raise KGError(f"missing folder {folder}")
        files[part] = sorted(folder.rglob("*.ttl"))
        if not files[part]:
            raise KGError(f"no Turtle files in {folder}")
    return files


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
    return graph


def infer(ontology: Graph, data: Graph) -> Graph:
    """Materialise what users query for, and nothing more.

    - ``rdf:type`` of every superclass (``rdfs:subClassOf``, transitively);
    - statements of every super-property (``rdfs:subPropertyOf``, transitively);
    - statements of inverse properties (``owl:inverseOf``, both directions).

    Only triples not already asserted are returned.  No OWL-RL closure: its
    axiomatic triples (``x owl:sameAs x``...) are noise in answers and dumps.
    """
    schema = ontology + data  # data files may also declare local subclasses
    superclasses = _transitive(schema, RDFS.subClassOf)
    superproperties = _transitive(schema, RDFS.subPropertyOf)
    inverses: dict[URIRef, set[URIRef]] = {}
    for p, q in schema.subject_objects(OWL.inverseOf):
        inverses.setdefault(p, set()).add(q)
        inverses.setdefault(q, set()).add(p)

    inferred = Graph()
    frontier = set(data)
    seen = set(data)
    while frontier:
        new = set()
        for s, p, o in frontier:
            if p == RDF.type:
                for c in superclasses.get(o, ()):
                    new.add((s, RDF.type, c))
            else:
                for q in superproperties.get(p, ()):
                    new.add((s, q, o))
                if not isinstance(o, Literal):
                    for q in inverses.get(p, ()):
                        new.add((o, q, s))
        frontier = new - seen
        seen |= frontier
        for triple in frontier:
            inferred.add(triple)
    return inferred


def _transitive(graph: Graph, predicate: URIRef) -> dict[URIRef, set[URIRef]]:
    """For each subject, every node reachable through ``predicate`` (excluding itself)."""
    direct: dict[URIRef, set[URIRef]] = {}
    for s, o in graph.subject_objects(predicate):
        if isinstance(o, BNode):
            continue  # restrictions and unions are not named classes
        direct.setdefault(s, set()).add(o)
    closure = {}
    for start in direct:
        reach, stack = set(), list(direct[start])
        while stack:
            node = stack.pop()
            if node in reach or node == start:
                continue
            reach.add(node)
            stack.extend(direct.get(node, ()))
        closure[start] = reach
    return closure


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
    # which file each subject of the data and ontology is described in
    subject_files: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def dataset(self) -> Dataset:
        """The named graphs (ontology, data, inferred) as one rdflib Dataset."""
        ds = Dataset()
        bind_prefixes(ds)
        for name, graph in self.named_graphs().items():
            target = ds.graph(name)
            for triple in graph:
                target.add(triple)
        return ds

    def named_graphs(self) -> dict[URIRef, Graph]:
        return {ONTOLOGY_GRAPH: self.ontology, DATA_GRAPH: self.data, INFERRED_GRAPH: self.inferred}

    @cached_property
    def union(self) -> Graph:
        """Ontology, data and inferred triples in one graph (the store's default graph)."""
        graph = bind_prefixes(Graph())
        for part in self.named_graphs().values():
            graph += part
        return graph

    def file_of(self, node) -> Path | None:
        """The file where ``node`` is described as a subject, if any."""
        return self.subject_files.get(node)


def load(root: Path | str | None = None) -> KnowledgeGraph:
    """Parse every Turtle file under ``root`` and infer; does not validate."""
    root = Path(root) if root else PROJECT_ROOT
    files = find_files(root)
    parts: dict[str, Graph] = {}
    subject_files: dict = {}
    digest = hashlib.sha256()
    for part, paths in files.items():
        merged = bind_prefixes(Graph())
        for path in paths:
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
            graph = parse_file(path)
            if part != "shapes":
                for s in graph.subjects(unique=True):
                    subject_files.setdefault(s, path)
            merged += graph
        parts[part] = merged
    inferred = bind_prefixes(infer(parts["ontology"], parts["data"]))
    return KnowledgeGraph(
        root=root,
        files=files,
        ontology=parts["ontology"],
        data=parts["data"],
        shapes=parts["shapes"],
        inferred=inferred,
        version=digest.hexdigest()[:12],
        subject_files=subject_files,
    )
