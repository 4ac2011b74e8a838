"""The project's namespaces and prefix map: the one place where their IRIs are spelled out.

Things live under ``BASE/id/``, ontology terms under ``BASE/ontology/``,
SHACL shapes under ``BASE/shapes/`` and the store's named graphs under
``BASE/graph/``.  The IRIs never depend on the host that serves them.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, TIME, VANN, VOID, XSD

BASE = "https://w3id.org/nato-ukraine-kg/"

NUK = Namespace(BASE + "id/")
NUO = Namespace(BASE + "ontology/")
NUS = Namespace(BASE + "shapes/")
GRAPH = Namespace(BASE + "graph/")

ONTOLOGY_IRI = URIRef(BASE + "ontology")
DATASET_IRI = URIRef(BASE + "dataset")
SPARQL_ENDPOINT = URIRef(BASE + "sparql")
DOWNLOADS = BASE + "download/"
SHAPES_IRI = URIRef(BASE + "shapes")

# Named graphs of the store; the default graph is their union.
ONTOLOGY_GRAPH = GRAPH.ontology
DATA_GRAPH = GRAPH.data
INFERRED_GRAPH = GRAPH.inferred

SCHEMA = SDO

# W3C vocabularies used by the SPARQL service description.
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA_MEDIA_TYPES = Namespace("https://www.iana.org/assignments/media-types/")

# Prefixes bound on every graph we serialise, in a stable order.
PREFIXES = {
    "nuk": NUK,
    "nuo": NUO,
    "nus": NUS,
    "dcat": DCAT,
    "dcterms": DCTERMS,
    "foaf": FOAF,
    "org": ORG,
    "owl": OWL,
    "prov": PROV,
    "rdf": RDF,
    "rdfs": RDFS,
    "schema": SDO,
    "sh": SH,
    "skos": SKOS,
    "spdx": SPDX,
    "time": TIME,
    "vann": VANN,
    "void": VOID,
    "xsd": XSD,
}


# The same map as plain strings, for pyoxigraph's writers and parsers.
PREFIX_IRIS: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


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


def bind_prefixes(graph):
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prefixes():
    """The PREFIX block that named queries and tests may prepend."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIX_IRIS.items())
