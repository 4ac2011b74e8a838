"""VoID and DCAT: the dataset's statistics (:mod:`nukg.kg.stats`, the figures every page
and ``nukg stats`` report) and a DCAT distribution per release file.  No Flask.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, VOID, XSD

from ..core.namespaces import (
    BASE, DATASET_IRI, DOWNLOADS, DQV, IANA_MEDIA_TYPES, NUK, NUO, ONTOLOGY_IRI, PREFIXES, SPARQL_ENDPOINT, SPDX,
    bind_prefixes, curie,
)
from ..kg.graph import KnowledgeGraph
from ..kg.stats import compute_stats
from .version import DatasetVersion

if TYPE_CHECKING:
    from .files import ReleaseFile

SOURCE_PAGE = URIRef("https://www.nato.int/cps/en/natohq/topics_37750.htm")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3; rdflib's DCAT namespace predates it
EXAMPLES = ("nato-ukraine-commission", "comprehensive-assistance-package", "charter-on-a-distinctive-partnership",
            "russian-invasion-of-ukraine-2022")


def _part(kind: str, term: URIRef) -> URIRef:
    """A stable IRI for a class or property partition of the dataset."""
    name = curie(str(term))
    if name != str(term):
        return URIRef(f"{DATASET_IRI}#{kind}-{name.replace(':', '-', 1)}")
    return URIRef(f"{DATASET_IRI}#{kind}-{hashlib.sha1(str(term).encode()).hexdigest()[:12]}")


def void_graph(kg: KnowledgeGraph, files: list[ReleaseFile], version: DatasetVersion | None = None) -> Graph:
    """VoID and DCAT description of the dataset served (the union graph) and of the release ``files``:
    the dumps (and the checksums) as DCAT distributions, the reports as DQV quality metadata."""
    g = bind_prefixes(Graph())
    union = kg.union
    stats = compute_stats(kg)
    d = DATASET_IRI
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal("NATO-Ukraine Relations Knowledge Graph", lang="en")))
    g.add((d, DCTERMS.description, Literal(
        "The facts of NATO's page 'Relations with Ukraine' (last updated 15 June 2022) as linked data: "
        "actors, bodies, programmes, trust funds, agreements, events, operations and statuses, "
        "each tied to the section of the page that states it.", lang="en")))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, DCTERMS.source, SOURCE_PAGE))
    g.add((d, DCTERMS.publisher, Literal("NATO-Ukraine Relations Knowledge Graph project", lang="en")))
    version = version or DatasetVersion(None, kg.version)
    # dcat:version: the semantic version (the release's git tag without its "v"); owl:versionInfo
    # adds the content hash as SemVer build metadata.  No dcterms:modified: a checkout's file
    # times say when it was made, not when the facts changed.
    g.add((d, DCAT_VERSION, Literal(version.semver or version.content)))
    g.add((d, OWL.versionInfo, Literal(version.full)))
    g.add((d, DCAT.landingPage, URIRef(BASE)))
    g.add((d, FOAF.homepage, URIRef(BASE)))
    for keyword in ("NATO", "Ukraine", "partnership", "security", "defence reform"):
        g.add((d, DCAT.keyword, Literal(keyword, lang="en")))
    g.add((d, VOID.uriSpace, Literal(str(NUK))))
    g.add((d, VOID.sparqlEndpoint, SPARQL_ENDPOINT))
    g.add((d, VOID.rootResource, NUK["relations-with-ukraine"]))
    for slug in EXAMPLES:
        if (NUK[slug], None, None) in kg.data:
            g.add((d, VOID.exampleResource, NUK[slug]))
    g.add((d, VOID.vocabulary, URIRef(str(NUO))))
    for prefix in ("org", "prov", "skos", "dcterms", "schema", "time", "foaf"):
        g.add((d, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))

    # statistics of the union graph (ontology, data and inferred triples); entities are the
    # resources of the uriSpace, and a class partition counts the instances of its class
    g.add((d, VOID.triples, Literal(stats.served)))
    g.add((d, VOID.entities, Literal(len(stats.resources))))
    g.add((d, VOID.distinctSubjects, Literal(len(set(union.subjects())))))
    g.add((d, VOID.distinctObjects, Literal(len(set(union.objects())))))
    properties = Counter(p for p in union.predicates())
    g.add((d, VOID.classes, Literal(len(stats.per_class))))
    g.add((d, VOID.properties, Literal(len(properties))))
    for cls, n in sorted(stats.per_class):
        part = _part("class", cls)
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(n)))
    for prop, n in sorted(properties.items()):
        part = _part("property", prop)
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(n)))

    # the SPARQL endpoint as a DCAT data service
    service = URIRef(f"{DATASET_IRI}#sparql-service")
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    g.add((service, DCAT.endpointURL, SPARQL_ENDPOINT))
    g.add((service, DCAT.servesDataset, d))
    g.add((d, DCAT.accessService, service))  # not strictly DCAT's domain, but widely read

    # one distribution per release file; the reports are quality metadata of the dataset
    for f in files:
        dist = URIRef(f"{DATASET_IRI}#{'report' if f.kind == 'report' else 'dist'}-{f.name}")
        url = URIRef(DOWNLOADS + f.name)
        if f.kind == "report":
            g.add((d, DQV.hasQualityMetadata, dist))
            g.add((dist, RDF.type, DQV.QualityMetadata))
        else:
            g.add((d, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f.title, lang="en")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.byteSize, Literal(len(f.data), datatype=XSD.nonNegativeInteger)))
        if f.encoding_of:
            g.add((dist, DCAT.mediaType, IANA_MEDIA_TYPES[f.encoding_of.media_type]))
            g.add((dist, DCAT.compressFormat, IANA_MEDIA_TYPES[f.media_type]))
        else:
            g.add((dist, DCAT.mediaType, IANA_MEDIA_TYPES[f.media_type]))
        checksum = URIRef(f"{dist}-sha256")
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(f.sha256, datatype=XSD.hexBinary)))
        if f.format.name == "ntriples":
            # one dump: VoID reads several void:dataDump values as parts that together make the dataset
            g.add((d, VOID.dataDump, url))
    g.add((d, RDFS.seeAlso, ONTOLOGY_IRI))
    return g
