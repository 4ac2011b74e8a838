"""Writers of the dump files: byte-identical output for the same statements.

Turtle and JSON-LD are written by rdflib (nested blank nodes and lists, a JSON-LD
context of the project's prefixes); N-Triples, N-Quads, TriG and RDF/XML by
pyoxigraph.  Statements arrive canonical and sorted (:mod:`nukg.release.canonical`);
gzip carries no file name and no timestamp.
"""

from __future__ import annotations

import gzip
import json

import pyoxigraph as ox

from ..core.formats import Format
from ..core.namespaces import PREFIX_IRIS, bind_prefixes
from ..core.terms import rdflib_graph


def lines(statements) -> bytes:
    """N-Triples or N-Quads: one statement per line, in the order given."""
    return "".join(f"{s} .\n" for s in statements).encode("utf-8")


def triples_dump(triples: list[ox.Triple], fmt: Format) -> bytes:
    """The triples (already canonical and sorted) in a triple format of the table."""
    if fmt.name == "ntriples":
        return lines(triples)
    if fmt.name == "rdfxml":
        # pyoxigraph writes RDF/XML in the order it is given, grouping a subject's triples
        return ox.serialize(triples, format=fmt.writer, prefixes=PREFIX_IRIS)
    graph = bind_prefixes(rdflib_graph(triples))
    if fmt.name == "jsonld":
        text = graph.serialize(format="json-ld", context=dict(PREFIX_IRIS), auto_compact=True)
        # rdflib's node and value order follows hash order: put both in a stable order
        document = _stable_json(json.loads(text))
        return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n"
    if fmt.name == "turtle":
        return graph.serialize(format="turtle", encoding="utf-8")
    raise ValueError(f"no dump writer for {fmt.label}")


def quads_dump(quads: list[ox.Quad], fmt: Format) -> bytes:
    """The quads (already canonical and sorted) in a quad format of the table."""
    if fmt.name == "nquads":
        return lines(quads)
    if fmt.name == "trig":
        by_graph = sorted(quads, key=lambda q: (str(q.graph_name), str(q)))
        return ox.serialize(by_graph, format=fmt.writer, prefixes=PREFIX_IRIS)
    raise ValueError(f"no quad dump writer for {fmt.label}")


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
