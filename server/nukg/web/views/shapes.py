"""The shapes' page: every node shape, its targets, property shapes and messages."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ...core.namespaces import SHAPES_IRI
from ...kg.names import label_of, local_name
from .values import MAX_NAME, Href, Renderer, Value, shorten


def shapes_page(kg, href: Href, everything: Graph) -> dict:
    shapes = kg.shapes
    r = Renderer(shapes, everything, href)
    node_shapes = sorted((s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)), key=str)
    entries = []
    for shape in node_shapes:
        properties = []
        for prop in shapes.objects(shape, SH.property):
            path = shapes.value(prop, SH.path)
            properties.append({
                "shape": r.link(prop) if isinstance(prop, URIRef) else None,
                "path": r.value(path) if path is not None else Value(text="(no path)"),
                "messages": [shorten(str(m)) for m in shapes.objects(prop, SH.message)],
            })
        properties.sort(key=lambda p: p["path"].text.lower())
        entries.append({
            "shape": r.link(shape),
            "anchor": local_name(str(shape)),
            "targets": [r.value(t) for t in shapes.objects(shape, SH.targetClass)],
            "messages": [shorten(str(m)) for m in shapes.objects(shape, SH.message)],
            "properties": properties,
        })
    header = SHAPES_IRI
    return {
        "iri": str(header),
        "title": shorten(label_of(shapes, header), MAX_NAME) if (header, RDFS.label, None) in shapes
        else "SHACL shapes",
        "description": r.texts(header, RDFS.comment),
        "shapes": entries,
    }
