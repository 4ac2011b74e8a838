"""The SPARQL 1.1 Service Description of the endpoint, as pyoxigraph triples.

It names the endpoint by its permanent IRI, never by a request's host, so it is
the same for every host.  Its default dataset is the published dataset
(``BASE/dataset``), which the VoID + DCAT document describes.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, VOID, XSD

from ..core.formats import GRAPH, RESULTS, formats_of
from ..core.namespaces import BASE, DATASET_IRI, ENTAILMENT, OTHER_IRIS, PREFIX_IRIS, SD, SPARQL_ENDPOINT

# The VoID + DCAT description, under the permanent base like every IRI we publish
# (the server answers it at /.well-known/void).
VOID_DOCUMENT = BASE + ".well-known/void"
# Prefixes of the description's documents.
PREFIXES = {"sd": OTHER_IRIS["sd"], **{p: PREFIX_IRIS[p] for p in ("void", "dcterms", "owl", "xsd", "rdfs")}}


def service_description(sizes: dict[str, int], version: str, endpoint: str = str(SPARQL_ENDPOINT),
                        void_url: str | None = VOID_DOCUMENT) -> list[ox.Triple]:
    """The description of the endpoint serving graphs of ``sizes`` (graph IRI -> triples; "" the default)."""

    def iri(term) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    def count(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=iri(XSD.integer))

    a = iri(RDF.type)
    service = ox.NamedNode(endpoint)
    triples = [
        (service, a, iri(SD.Service)),
        (service, iri(SD.endpoint), service),
        (service, iri(SD.supportedLanguage), iri(SD.SPARQL11Query)),
        (service, iri(SD.feature), iri(SD.UnionDefaultGraph)),
        (service, iri(SD.defaultEntailmentRegime), iri(ENTAILMENT.Simple)),
        (service, iri(DCTERMS.title), ox.Literal("NATO-Ukraine Relations Knowledge Graph", language="en")),
    ]
    for fmt in (*formats_of(RESULTS), *formats_of(GRAPH)):
        if fmt.iri:
            triples.append((service, iri(SD.resultFormat), ox.NamedNode(fmt.iri)))
    dataset = iri(DATASET_IRI)
    default_graph = ox.BlankNode()
    triples += [
        (service, iri(SD.defaultDataset), dataset),
        (dataset, a, iri(SD.Dataset)),
        (dataset, a, iri(VOID.Dataset)),
        (dataset, iri(OWL.versionInfo), ox.Literal(version)),
        (dataset, iri(SD.defaultGraph), default_graph),
        (default_graph, a, iri(SD.Graph)),
        (default_graph, iri(VOID.triples), count(sizes.get("", 0))),
    ]
    if void_url:
        triples.append((dataset, iri(RDFS.seeAlso), ox.NamedNode(void_url)))
    for name, n in sizes.items():
        if not name:
            continue
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            (dataset, iri(SD.namedGraph), named),
            (named, a, iri(SD.NamedGraph)),
            (named, iri(SD.name), ox.NamedNode(name)),
            (named, iri(SD.graph), graph),
            (graph, a, iri(SD.Graph)),
            (graph, iri(VOID.triples), count(n)),
        ]
    return [ox.Triple(*t) for t in triples]
