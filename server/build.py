"""Release files: the whole graph in every dump format, the ontology, the shapes, checksums.

Serialisation is deterministic: blank nodes get canonical labels, triples are added in
sorted order, prefixes are always the same, and gzip carries no timestamp; so two builds
of the same input give byte-identical files, and the server sends exactly what
``nukg build`` writes into ``dist/``.  Nothing here knows Flask.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import to_canonical_graph

from .kg import KnowledgeGraph
from .namespaces import PREFIXES, bind_prefixes

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


@dataclass(frozen=True)
class ReleaseFile:
    name: str  # file name, carrying the version
    media_type: str  # of the content, or application/gzip for the compressed twin
    data: bytes
    title: str
    encoding_of: str | None = None  # for a .gz file, the media type of what it holds

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sorted_triples(graph: Graph):
    """The graph's triples with canonical blank nodes, in a stable order."""
    canonical = to_canonical_graph(graph)
    return sorted(canonical, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3()))


def stable_graph(graph: Graph) -> Graph:
    stable = bind_prefixes(Graph())
    for triple in sorted_triples(graph):
        stable.add(triple)
    return stable


def nquads(named: dict) -> bytes:
    """N-Quads of the named graphs: graphs in IRI order, sorted lines within each."""
    out = []
    for name in sorted(named):
        suffix = f" <{name}> .\n".encode("utf-8")
        for line in serialize(stable_graph(named[name]), "nt").splitlines():
            out.append(line[: -len(b" .")] + suffix)
    return b"".join(out)


def serialize(graph, rdflib_format: str) -> bytes:
    if rdflib_format == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        text = graph.serialize(format="json-ld", context=context, auto_compact=True)
        # rdflib's node and value order follows hash order: put both in a stable order
        document = _stable_json(json.loads(text))
        return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    if rdflib_format == "nt":
        # one statement per line: sort the lines, the serialisers' order is not stable
        lines = sorted(set(graph.serialize(format=rdflib_format, encoding="utf-8").splitlines(keepends=True)))
        return b"".join(line for line in lines if line.strip())
    if rdflib_format == "xml":
        # pyoxigraph writes RDF/XML in the order it is given, grouping a subject's triples
        quads = ox.parse(serialize(graph, "nt"), format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(quads, format=ox.RdfFormat.RDF_XML, prefixes=OX_PREFIXES)
    return graph.serialize(format=rdflib_format, encoding="utf-8")


def _stable_json(value, ordered: bool = False):
    """JSON-LD with every unordered array sorted; ``@list`` arrays keep their order."""
    if isinstance(value, dict):
        return {k: _stable_json(v, ordered=(k == "@list")) for k, v in value.items()}
    if isinstance(value, list):
        items = [_stable_json(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
    return value


def release_files(kg: KnowledgeGraph) -> list[ReleaseFile]:
    """Every release file, in a fixed order, the checksum file last."""
    whole = stable_graph(kg.union)
    quads = nquads(kg.named_graphs())
    stem = f"{NAME}-{kg.version}"
    files: list[ReleaseFile] = []
    for suffix, rdflib_format, media_type, title, keeps_graphs in DUMP_FORMATS:
        if rdflib_format == "nquads":
            data = quads
        elif rdflib_format == "trig":
            data = ox.serialize(ox.parse(quads, format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.TRIG,
                                prefixes=OX_PREFIXES)
        else:
            data = serialize(whole, rdflib_format)
        files.append(ReleaseFile(f"{stem}.{suffix}", media_type, data, f"Whole graph, {title}"))
        files.append(
            ReleaseFile(
                f"{stem}.{suffix}.gz", GZIP_MEDIA_TYPE, gzip.compress(data, 9, mtime=0),
                f"Whole graph, {title}, gzip-compressed", encoding_of=media_type,
            )
        )
    files.append(ReleaseFile(f"{NAME}-ontology-{kg.version}.ttl", "text/turtle",
                             serialize(stable_graph(kg.ontology), "turtle"), "Ontology alone, Turtle"))
    files.append(ReleaseFile(f"{NAME}-shapes-{kg.version}.ttl", "text/turtle",
                             serialize(stable_graph(kg.shapes), "turtle"), "SHACL shapes alone, Turtle"))
    sums = "".join(f"{f.sha256}  {f.name}\n" for f in files).encode("ascii")
    files.append(ReleaseFile(CHECKSUMS, "text/plain", sums, "SHA-256 checksums of the release files"))
    return files


def write_dist(kg: KnowledgeGraph, out: Path) -> list[Path]:
    """Write the release files into ``out`` (created if missing), replacing older builds."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{NAME}-*"):
        old.unlink()
    written = []
    for f in release_files(kg):
        path = out / f.name
        path.write_bytes(f.data)
        written.append(path)
    return written
