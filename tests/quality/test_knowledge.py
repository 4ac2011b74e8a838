"""The ontology and the data hold together: declared terms, typed, labelled and sourced
resources, dates at the source's precision, no duplicates, OWL-RL consistency."""

import re
from collections import defaultdict

import owlrl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, VANN, XSD

from nukg.core.namespaces import NUK, NUO, ONTOLOGY_IRI

# Vocabularies whose terms the data and ontology may use as they are.  rdflib's
# DefinedNamespace objects know their terms, so a misspelt term is caught.
REUSED = [RDF, RDFS, OWL, XSD, SKOS, DCTERMS, ORG, PROV, FOAF, SDO, TIME, VANN]
DATE_TYPES = {XSD.date, XSD.gYearMonth, XSD.gYear}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def nuo_terms(kg, kind):
    return {s for s in kg.ontology.subjects(RDF.type, kind) if str(s).startswith(str(NUO))}


def declared(kg, term):
    if str(term).startswith(str(NUO)):
        return (term, RDF.type, None) in kg.ontology
    for ns in REUSED:
        base = str(ns)
        if str(term).startswith(base):
            local = str(term)[len(base):]
            return term in ns or hasattr(ns, local)
    return False


def nuk_resources(kg):
    return {s for s in kg.data.subjects() if isinstance(s, URIRef) and str(s).startswith(str(NUK))}


# --- ontology -------------------------------------------------------------------

def test_ontology_header(kg):
    o = kg.ontology
    for p in (OWL.versionIRI, OWL.versionInfo, DCTERMS.title, DCTERMS.description, DCTERMS.license,
              DCTERMS.creator, DCTERMS.created, DCTERMS.modified,
              VANN.preferredNamespacePrefix, VANN.preferredNamespaceUri):
        assert o.value(ONTOLOGY_IRI, p) is not None, f"ontology header lacks {p}"
    assert str(o.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(NUO)
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(o.value(ONTOLOGY_IRI, OWL.versionInfo)))


@pytest.mark.parametrize("kind", [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDFS.Datatype])
def test_every_term_has_label_definition_and_is_defined_by(kg, kind):
    terms = nuo_terms(kg, kind)
    assert terms, f"no {kind} in the ontology"
    for t in terms:
        assert kg.ontology.value(t, RDFS.label) is not None, f"{t} has no rdfs:label"
        definition = kg.ontology.value(t, SKOS.definition)
        assert definition is not None and len(str(definition)) > 20, f"{t} has no definition"
        assert kg.ontology.value(t, RDFS.isDefinedBy) == ONTOLOGY_IRI, f"{t} lacks rdfs:isDefinedBy"


def test_naming_conventions(kg):
    for c in nuo_terms(kg, OWL.Class):
        assert re.fullmatch(r"[A-Z][A-Za-z]+", str(c)[len(str(NUO)):]), c
    for p in nuo_terms(kg, OWL.ObjectProperty) | nuo_terms(kg, OWL.DatatypeProperty):
        assert re.fullmatch(r"[a-z][A-Za-z]+", str(p)[len(str(NUO)):]), p


def test_datatype_properties_have_a_range(kg):
    for p in nuo_terms(kg, OWL.DatatypeProperty):
        assert kg.ontology.value(p, RDFS.range) is not None, f"{p} has no rdfs:range"


def test_object_properties_have_a_domain_or_range(kg):
    for p in nuo_terms(kg, OWL.ObjectProperty):
        o = kg.ontology
        assert (p, RDFS.domain, None) in o or (p, RDFS.range, None) in o or (p, RDFS.subPropertyOf, None) in o, \
            f"{p} says nothing of what it links"


def test_ontology_reuses_standard_vocabularies(kg):
    parents = set(kg.ontology.objects(None, RDFS.subClassOf)) | set(kg.ontology.objects(None, RDFS.subPropertyOf))
    used = {ns for ns in (ORG, PROV, TIME, SKOS, DCTERMS, SDO) if any(str(x).startswith(str(ns)) for x in parents)}
    assert used == {ORG, PROV, TIME, SKOS, DCTERMS, SDO}


def test_ontology_and_data_are_consistent_under_owl_rl(kg):
    graph = Graph()
    graph += kg.ontology
    graph += kg.data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    errors = [str(m) for m in graph.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error"))]
    assert errors == []
    assert list(graph.subjects(RDF.type, OWL.Nothing)) == []


# --- terms used in the data --------------------------------------------------------

def test_every_class_and_property_used_is_declared(kg):
    undeclared = set()
    for s, p, o in kg.data:
        if not declared(kg, p):
            undeclared.add(p)
        if p == RDF.type and not declared(kg, o):
            undeclared.add(o)
    assert undeclared == set()


def test_every_property_used_in_the_ontology_is_known(kg):
    unknown = {p for p in kg.ontology.predicates() if not declared(kg, p)}
    assert unknown == set()


# --- resources ------------------------------------------------------------------

def test_every_resource_is_typed_labelled_and_sourced(kg):
    sections = set(kg.data.subjects(RDF.type, NUO.SourceSection))
    documents = set(kg.data.subjects(RDF.type, NUO.SourceDocument))
    assert len(sections) == 9 and len(documents) == 1
    problems = []
    for r in nuk_resources(kg):
        if kg.data.value(r, RDF.type) is None:
            problems.append(f"{r} untyped")
        labels = [l for l in kg.data.objects(r, RDFS.label) if isinstance(l, Literal) and l.language == "en"]
        if len(labels) != 1:
            problems.append(f"{r} has {len(labels)} English labels")
        sources = set(kg.data.objects(r, DCTERMS.source))
        if not sources or not sources <= (sections | documents | {URIRef(str(kg.data.value(next(iter(documents)), SDO.url)))}):
            problems.append(f"{r} is not tied to a source section")
    assert problems == []


def test_source_document_metadata(kg):
    doc = NUK["relations-with-ukraine"]
    assert str(kg.data.value(doc, SDO.url)) == "https://www.nato.int/cps/en/natohq/topics_37750.htm"
    assert kg.data.value(doc, DCTERMS.publisher) == NUK.nato
    assert str(kg.data.value(doc, DCTERMS.modified)) == "2022-06-15T12:58:00"


def test_slugs_are_lowercase_kebab_case(kg):
    bad = [r for r in nuk_resources(kg) if not SLUG.match(str(r)[len(str(NUK)):])]
    assert bad == []


def test_no_dangling_links(kg):
    described = nuk_resources(kg)
    dangling = {o for o in kg.data.objects() if isinstance(o, URIRef) and str(o).startswith(str(NUK))} - described
    assert dangling == set()


def test_no_two_resources_share_a_label(kg):
    by_label = defaultdict(set)
    for r in nuk_resources(kg):
        for label in kg.data.objects(r, RDFS.label):
            by_label[str(label).casefold()].add(r)
    assert {label: rs for label, rs in by_label.items() if len(rs) > 1} == {}


def test_no_two_resources_share_an_acronym(kg):
    by_alt = defaultdict(set)
    for r, alt in kg.data.subject_objects(SKOS.altLabel):
        if str(alt).isupper():
            by_alt[str(alt)].add(r)
    assert {alt: rs for alt, rs in by_alt.items() if len(rs) > 1} == {}


def test_dates_keep_the_source_precision(kg):
    date_props = {p for p in kg.ontology.subjects(RDFS.range, NUO.DateAtSourcePrecision)}
    assert len(date_props) >= 10
    for s, p, o in kg.data:
        if p in date_props:
            assert isinstance(o, Literal) and o.datatype in DATE_TYPES, f"{s} {p} {o!r}"
            assert not o.ill_typed, f"{s} {p} {o!r} is not a valid {o.datatype}"


def test_inference_adds_superclasses_and_inverses(kg):
    # a working group is also a body and an org:OrganizationalUnit
    jwg = NUK["joint-working-group-on-defence-reform"]
    assert (jwg, RDF.type, NUO.Body) in kg.inferred
    assert (jwg, RDF.type, ORG.OrganizationalUnit) in kg.inferred
    # org:subOrganizationOf is materialised the other way round ("The NIDC is part of the NATO Public
    # Diplomacy Division")
    nidc = NUK["nato-information-and-documentation-centre"]
    assert (NUK["public-diplomacy-division"], ORG.hasSubOrganization, nidc) in kg.inferred
    # but nothing is inferred from the editorial graph: the JWGDR under the NUC is the project's reading
    assert (jwg, ORG.subOrganizationOf, NUK["nato-ukraine-commission"]) in kg.editorial
    assert (NUK["nato-ukraine-commission"], ORG.hasSubOrganization, jwg) not in kg.inferred
    # no OWL-RL axiomatic noise
    assert (jwg, OWL.sameAs, jwg) not in kg.inferred
