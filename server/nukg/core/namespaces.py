"""The project's namespaces and prefix map: the one place where their IRIs are spelled out.

Things live under ``BASE/id/``, ontology terms under ``BASE/ontology/``,
SHACL shapes under ``BASE/shapes/`` and the store's named graphs under
``BASE/graph/``.  The IRIs never depend on the host that serves them.

The map and :func:`curie` are plain strings, so the query processes use them
without loading rdflib; the rdflib terms (``NUK``, ``NUO``, ``PREFIXES``...)
are made on first use.
"""

from __future__ import annotations

BASE = "https://w3id.org/nato-ukraine-kg/"
DOWNLOADS = BASE + "download/"

# Prefixes bound on every graph we serialise and predeclared in queries, in a stable order.
PREFIX_IRIS: dict[str, str] = {
    "nuk": BASE + "id/",
    "nuo": BASE + "ontology/",
    "nus": BASE + "shapes/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "spdx": "http://spdx.org/rdf/terms#",
    "time": "http://www.w3.org/2006/time#",
    "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# Other vocabularies: the SPARQL service description, entailment regimes, media types.
OTHER_IRIS: dict[str, str] = {
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "entailment": "http://www.w3.org/ns/entailment/",
    "iana": "https://www.iana.org/assignments/media-types/",
    # the published reports: data quality metadata, test results, the W3C protocol test cases
    "dqv": "http://www.w3.org/ns/dqv#",
    "earl": "http://www.w3.org/ns/earl#",
    "doap": "http://usefulinc.com/ns/doap#",
    "protocol-tests": "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#",
}
XSD_STRING = PREFIX_IRIS["xsd"] + "string"
RDF_LANG_STRING = PREFIX_IRIS["rdf"] + "langString"


def curie(iri: str, prefixes: dict[str, str] | None = None) -> str:
    """``nuo:Summit`` for the IRI of nuo:Summit; the IRI itself when no prefix fits.

    The longest matching namespace wins (``nuo:`` over a shorter namespace that is its
    prefix), and a bare namespace stays an IRI: a prefixed name needs a local part.
    """
    prefixes = PREFIX_IRIS if prefixes is None else prefixes
    best = None
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            if best is None or len(namespace) > len(prefixes[best]):
                best = prefix
    return f"{best}:{iri[len(prefixes[best]):]}" if best else iri


def used_prefixes(iris) -> dict[str, str]:
    """The project's prefixes whose namespace holds one of ``iris``, in the map's order, for tidy documents."""
    used = set()
    for iri in iris:
        used.update(p for p, ns in PREFIX_IRIS.items() if iri.startswith(ns))
    return {p: ns for p, ns in PREFIX_IRIS.items() if p in used}


def sparql_prefixes() -> str:
    """The PREFIX block that named queries and tests may prepend."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_IRIS.items())


def bind_prefixes(graph):
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIX_IRIS.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def _rdflib_terms() -> dict:
    """The rdflib terms of the namespaces above (``NUK["x"]``, ``ONTOLOGY_IRI``...)."""
    from rdflib import Namespace, URIRef

    terms = {"PREFIXES": {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}}
    graph = Namespace(BASE + "graph/")
    terms.update(
        NUK=terms["PREFIXES"]["nuk"],
        NUO=terms["PREFIXES"]["nuo"],
        NUS=terms["PREFIXES"]["nus"],
        SCHEMA=terms["PREFIXES"]["schema"],
        GRAPH=graph,
        # Named graphs of the store; the default graph is their union.
        ONTOLOGY_GRAPH=graph.ontology,
        DATA_GRAPH=graph.data,
        INFERRED_GRAPH=graph.inferred,
        ONTOLOGY_IRI=URIRef(BASE + "ontology"),
        SHAPES_IRI=URIRef(BASE + "shapes"),
        DATASET_IRI=URIRef(BASE + "dataset"),
        SPARQL_ENDPOINT=URIRef(BASE + "sparql"),
        SD=Namespace(OTHER_IRIS["sd"]),
        ENTAILMENT=Namespace(OTHER_IRIS["entailment"]),
        SPDX=terms["PREFIXES"]["spdx"],
        IANA_MEDIA_TYPES=Namespace(OTHER_IRIS["iana"]),
        DQV=Namespace(OTHER_IRIS["dqv"]),
        EARL=Namespace(OTHER_IRIS["earl"]),
        DOAP=Namespace(OTHER_IRIS["doap"]),
        PROTOCOL_TESTS=Namespace(OTHER_IRIS["protocol-tests"]),
    )
    return terms


_RDFLIB_TERMS = frozenset({
    "PREFIXES", "NUK", "NUO", "NUS", "SCHEMA", "GRAPH", "ONTOLOGY_GRAPH", "DATA_GRAPH", "INFERRED_GRAPH",
    "ONTOLOGY_IRI", "SHAPES_IRI", "DATASET_IRI", "SPARQL_ENDPOINT", "SD", "ENTAILMENT", "SPDX", "IANA_MEDIA_TYPES",
    "DQV", "EARL", "DOAP", "PROTOCOL_TESTS",
})


def __getattr__(name: str):
    """The rdflib terms, made (once) when first imported: ``from nukg.core.namespaces import NUK``."""
    if name not in _RDFLIB_TERMS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals().update(_rdflib_terms())
    return globals()[name]
