"""The project's namespaces: the one place where their IRIs are spelled out.

Things live under ``BASE/id/``, ontology terms under ``BASE/ontology/``,
SHACL shapes under ``BASE/shapes/`` and the store's named graphs under
``BASE/graph/``.  The IRIs never depend on the host that serves them.
"""

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


def bind_prefixes(graph):
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def sparql_prefixes():
    """The PREFIX block that named queries and tests may prepend."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
