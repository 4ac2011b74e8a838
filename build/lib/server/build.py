"""Release files: the whole graph in every dump format, the ontology, the shapes, checksums,
and the VoID/DCAT description of them all.

Serialisation is deterministic, so two builds of the same input give byte-identical files
and the server sends exactly what ``nukg build`` writes into ``dist/``:

- blank nodes get the labels of the W3C RDF Dataset Canonicalization (RDFC-1.0, computed
  by pyoxigraph) over the three named graphs together, so a blank node shared by two
  graphs keeps one label in every file;
- statements are written in sorted order (N-Triples and N-Quads lines in code point
  order, as RDFC-1.0's canonical N-Quads), prefixes are always the same;
- gzip carries no file name and no timestamp.

Turtle and JSON-LD are written by rdflib (nested blank nodes and lists, a JSON-LD context
of the project's prefixes); N-Triples, N-Quads, TriG and RDF/XML by pyoxigraph.  Nothing
here knows Flask.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from . import metadata
from .formats import GRAPH, Format, by_name
from .kg import KnowledgeGraph
from .namespaces import PREFIXES, bind_prefixes
from .serialize import triples_bytes

NAME = "nato-ukraine-kg"

# (suffix, rdflib serializer, media type, what it holds, keeps named graphs)
DUMP_FORMATS = (
    ("ttl", "turtle", "text/turtle", "Turtle", False),
    ("nt", "nt", "application/n-triples", "N-Triples", False),
    ("jsonld", "json-ld", "application/ld+json", "JSON-LD", False),
    ("rdf", "xml", "application/rdf+xml", "RDF/XML", False),
    ("trig", "trig", "application/trig", "TriG (named graphs)", True),
    ("nq", "nquads", "application/n-quads", "N-Quads (named graphs)", True),
)
OX_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
GZIP_MEDIA_TYPE = "application/gzip"
CHECKSUMS = "SHA256SUMS"
CHECKSUMS_MEDIA_TYPE = "text/plain"
TEXT_MEDIA_TYPES = ("text/turtle", CHECKSUMS_MEDIA_TYPE)  # sent with charset=utf-8
VOID_FILE = "void.ttl"  # written by `nukg build`; the server sends the same bytes at /.well-known/void
ALIAS = "latest"  # version-less names: latest.ttl, latest-ontology.ttl...

_OX_WRITERS = {"nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG,
               "nquads": ox.RdfFormat.N_QUADS}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class ReleaseFile:
    name: str  # file name, carrying the version
    media_type: str  # of the content, or application/gzip for the compressed twin
    data: bytes
    title: str
    encoding_of: str | None = None  # for a .gz file, the media type of what it holds
    alias: str | None = None  # the stable, version-less name that redirects here

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def content_type(self) -> str:
        """The Content-Type header: text types say their charset."""
        return f"{self.media_type}; charset=utf-8" if self.media_type in TEXT_MEDIA_TYPES else self.media_type


# --- terms and canonical blank nodes ---------------------------------------------


def to_ox(term, bnodes: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term; ``bnodes`` keeps one pyoxigraph node per rdflib one."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        if term not in bnodes:
            bnodes[term] = ox.BlankNode()
        return bnodes[term]
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term) -> URIRef | BNode | Literal:
    """A pyoxigraph term as an rdflib term, keeping blank node labels."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def canonical_quads(named: dict) -> list[ox.Quad]:
    """The quads of ``named`` (graph name, or None for the default graph -> rdflib graph),
    blank nodes labelled by RDFC-1.0 over all graphs together, in N-Quads code point order."""
    dataset = ox.Dataset()
    bnodes: dict = {}
    for name, graph in named.items():
        graph_name = ox.DefaultGraph() if name is None else ox.NamedNode(str(name))
        for s, p, o in graph:
            dataset.add(ox.Quad(to_ox(s, bnodes), to_ox(p, bnodes), to_ox(o, bnodes), graph_name))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(dataset, key=str)


def canonical_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """The distinct triples of ``quads`` (their union), in N-Triples code point order."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(triples, key=str)


def rdflib_graph(triples: list[ox.Triple]) -> Graph:
    graph = bind_prefixes(Graph())
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


# --- writers -----------------------------------------------------------------


def lines(statements) -> bytes:
    """N-Triples or N-Quads: one statement per line, in the order given."""
    return "".join(f"{s} .\n" for s in statements).encode("utf-8")


def serialize(triples: list[ox.Triple], rdflib_format: str) -> bytes:
    """The triples (already canonical and sorted) in one of the triple formats of DUMP_FORMATS."""
    if rdflib_format == "nt":
        return lines(triples)
    if rdflib_format == "xml":
        # pyoxigraph writes RDF/XML in the order it is given, grouping a subject's triples
        return ox.serialize(triples, format=_OX_WRITERS["xml"], prefixes=OX_PREFIXES)
    graph = rdflib_graph(triples)
    if rdflib_format == "json-ld":
        text = graph.serialize(format="json-ld", context=dict(OX_PREFIXES), auto_compact=True)
        # rdflib's node and value order follows hash order: put both in a stable order
        document = _stable_json(json.loads(text))
        return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    if rdflib_format == "turtle":
        return graph.serialize(format="turtle", encoding="utf-8")
    raise ValueError(f"no writer for {rdflib_format!r}")


def serialize_quads(quads: list[ox.Quad], rdflib_format: str) -> bytes:
    if rdflib_format == "nquads":
        return lines(quads)
    if rdflib_format == "trig":
        by_graph = sorted(quads, key=lambda q: (str(q.graph_name), str(q)))
        return ox.serialize(by_graph, format=_OX_WRITERS["trig"], prefixes=OX_PREFIXES)
    raise ValueError(f"no quad writer for {rdflib_format!r}")


def _stable_json(value, ordered: bool = False):
    """JSON-LD with every unordered array sorted; ``@list`` arrays keep their order."""
    if isinstance(value, dict):
        return {k: _stable_json(v, ordered=(k == "@list")) for k, v in value.items()}
    if isinstance(value, list):
        items = [_stable_json(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def gzipped(data: bytes) -> bytes:
    """gzip with no file name and mtime 0, so the bytes depend on ``data`` alone."""
    return gzip.compress(data, compresslevel=9, mtime=0)


# --- the release -------------------------------------------------------------------


def release_files(kg: KnowledgeGraph) -> list[ReleaseFile]:
    """Every release file, in a fixed order, the checksum file last."""
    quads = canonical_quads(kg.named_graphs())
    whole = canonical_triples(quads)
    stem = f"{NAME}-{kg.version}"
    files: list[ReleaseFile] = []
    for suffix, rdflib_format, media_type, title, keeps_graphs in DUMP_FORMATS:
        data = serialize_quads(quads, rdflib_format) if keeps_graphs else serialize(whole, rdflib_format)
        files.append(ReleaseFile(f"{stem}.{suffix}", media_type, data, f"Whole graph, {title}",
                                 alias=f"{ALIAS}.{suffix}"))
        files.append(ReleaseFile(f"{stem}.{suffix}.gz", GZIP_MEDIA_TYPE, gzipped(data),
                                 f"Whole graph, {title}, gzip-compressed", encoding_of=media_type,
                                 alias=f"{ALIAS}.{suffix}.gz"))
    for part, graph, title in (("ontology", kg.ontology, "Ontology alone, Turtle"),
                               ("shapes", kg.shapes, "SHACL shapes alone, Turtle")):
        data = serialize(canonical_triples(canonical_quads({None: graph})), "turtle")
        files.append(ReleaseFile(f"{NAME}-{part}-{kg.version}.ttl", "text/turtle", data, title,
                                 alias=f"{ALIAS}-{part}.ttl"))
    sums = "".join(f"{f.sha256}  {f.name}\n" for f in files).encode("ascii")
    files.append(ReleaseFile(CHECKSUMS, CHECKSUMS_MEDIA_TYPE, sums, "SHA-256 checksums of the release files"))
    return files


def inputs_modified(kg: KnowledgeGraph) -> datetime:
    """When the release last changed: the newest modification time of the input Turtle files
    (never later than now), to the second.  The server sends it as Last-Modified."""
    newest = max(path.stat().st_mtime for paths in kg.files.values() for path in paths)
    return datetime.fromtimestamp(int(min(newest, time.time())), tz=timezone.utc)


@dataclass(frozen=True)
class Release:
    """The release files of one graph version and their VoID/DCAT description."""

    version: str
    files: tuple[ReleaseFile, ...]
    description: tuple[ox.Triple, ...]  # VoID + DCAT, sorted
    last_modified: datetime
    _void: dict = field(default_factory=dict, compare=False, repr=False)  # format name -> bytes

    @cached_property
    def by_name(self) -> dict[str, ReleaseFile]:
        return {f.name: f for f in self.files}

    @cached_property
    def by_alias(self) -> dict[str, ReleaseFile]:
        return {f.alias: f for f in self.files if f.alias}

    def file(self, name: str) -> ReleaseFile | None:
        return self.by_name.get(name)

    def void(self, fmt: Format) -> bytes:
        """The description in ``fmt`` (an RDF format of :mod:`server.formats`), serialised once per format."""
        if fmt.name not in self._void:
            self._void[fmt.name] = triples_bytes(self.description, fmt, prefixes=OX_PREFIXES)
        return self._void[fmt.name]

    @property
    def void_turtle(self) -> bytes:
        return self.void(by_name(GRAPH, "turtle"))


def build_release(kg: KnowledgeGraph) -> Release:
    files = release_files(kg)
    description = canonical_triples(canonical_quads({None: metadata.describe(kg, files)}))
    return Release(kg.version, tuple(files), tuple(description), inputs_modified(kg))


class LazyRelease:
    """Builds the release of a graph on first use, once, whichever thread asks first."""

    def __init__(self):
        self._lock = threading.Lock()
        self._release: Release | None = None

    def get(self, kg: KnowledgeGraph) -> Release:
        if self._release is None:
            with self._lock:
                if self._release is None:
                    self._release = build_release(kg)
        return self._release


def write_dist(kg: KnowledgeGraph, out: Path, release: Release | None = None) -> list[Path]:
    """Write the release files and ``void.ttl`` into ``out`` (created if missing), replacing older builds."""
    release = release or build_release(kg)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{NAME}-*"):
        old.unlink()
    written = []
    for name, data in [*((f.name, f.data) for f in release.files), (VOID_FILE, release.void_turtle)]:
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written
