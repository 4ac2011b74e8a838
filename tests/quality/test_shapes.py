"""The SHACL shapes: the real data conforms, every shape catches what it is meant to
catch, every class of the ontology is covered, and the report reads well.

Each file ``tests/fixtures/shapes/invalid/<Shape>--<what>.ttl`` is a small piece of
data that breaks ``nus:<Shape>``; it is validated together with
``tests/fixtures/shapes/context.ttl`` (valid resources it may link to) against the
project's ontology and shapes. A fixture must not conform, ``nus:<Shape>`` (or one
of its property shapes) must report it, and no other shape may, unless the fixture
names it on a ``# also: nus:<Shape>`` line.

Validating one fixture costs pySHACL about a quarter of a second, mostly parsing
the SPARQL of the shapes, so all fixtures are validated in one run. To keep them
from seeing each other, each fixture's own resources are renamed into a namespace
of its own (``nuk:<fixture>/<slug>``) and its labels are suffixed with its name;
the context's resources keep their IRIs and fixtures only ever link to them. A
test checks that no result falls on the context, which would mean that fixtures
interfere. The rendering test validates a fixture on its own, as the CLI would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from nukg.kg.graph import KnowledgeGraph, parse_file
from nukg.kg.infer import infer
from nukg.core.namespaces import NUK, NUO, NUS
from nukg.kg.validation import Report, validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"
CONTEXT = FIXTURES / "context.ttl"
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
NAME = re.compile(r"^(?P<shape>[A-Z][A-Za-z]+Shape)--(?P<what>[a-z0-9]+(-[a-z0-9]+)*)$")
ALSO = re.compile(r"^#\s*also:\s*nus:(\S+)\s*$", re.MULTILINE)

# Constraint parameters that make a node shape check something by itself (and so
# need a message of its own).
NODE_CONSTRAINTS = {SH["class"], SH.datatype, SH.nodeKind, SH["or"], SH["and"], SH["not"], SH.xone, SH.node,
                    SH["in"], SH.hasValue, SH.pattern, SH.minInclusive, SH.maxInclusive, SH.languageIn,
                    SH.closed, SH.equals, SH.disjoint}


# --- helpers ----------------------------------------------------------------------------

def expected_shape(path: Path) -> URIRef:
    return NUS[NAME.match(path.stem).group("shape")]


def allowed_shapes(path: Path) -> set[URIRef]:
    return {expected_shape(path)} | {NUS[name] for name in ALSO.findall(path.read_text())}


def shape_iri(short_name: str) -> URIRef:
    assert short_name.startswith("nus:"), f"result from a shape outside nus: {short_name}"
    return NUS[short_name[len("nus:"):]]


def parents(shapes: Graph, shape: URIRef) -> set[URIRef]:
    """The node shapes that use ``shape`` as one of their property shapes."""
    return set(shapes.subjects(SH.property, shape))


def reported_by(shapes: Graph, report: Report) -> set[URIRef]:
    """Every shape that reported a result, with the node shapes its property shapes belong to."""
    found = set()
    for v in report.violations:
        shape = shape_iri(v.shape)
        found |= {shape} | parents(shapes, shape)
    return found


def validate_data(kg: KnowledgeGraph, data: Graph, subject_files: dict | None = None) -> Report:
    """Validate ``data`` against the project's ontology and shapes, as ``nukg validate`` does."""
    fixture_kg = KnowledgeGraph(
        root=kg.root,
        files={},
        ontology=kg.ontology,
        data=data,
        shapes=kg.shapes,
        inferred=infer(kg.ontology, data),
        version="fixture",
        subject_files=subject_files or {},
    )
    return validate(fixture_kg)


def isolate(graph: Graph, namespace: str, keep: set, suffix: str) -> Graph:
    """Rename the resources of ``graph`` that are not in ``keep`` into ``namespace``; suffix its labels."""
    def rename(node):
        if isinstance(node, URIRef) and str(node).startswith(str(NUK)) and node not in keep:
            return URIRef(namespace + str(node)[len(str(NUK)):])
        return node

    out = Graph()
    for s, p, o in graph:
        if p == RDFS.label and isinstance(o, Literal):
            o = Literal(f"{o} [{suffix}]", lang=o.language, datatype=o.datatype)
        out.add((rename(s), p, rename(o)))
    return out


def targeted_shapes(shapes: Graph) -> set[URIRef]:
    targets = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
    return {s for t in targets for s in shapes.subjects(t, None) if isinstance(s, URIRef)}


def property_shapes(shapes: Graph) -> set:
    return set(shapes.objects(None, SH.property)) | set(shapes.subjects(RDF.type, SH.PropertyShape))


def nuo_terms(kg, kind) -> set[URIRef]:
    return {t for t in kg.ontology.subjects(RDF.type, kind) if str(t).startswith(str(NUO))}


def superclasses(kg, cls: URIRef) -> set[URIRef]:
    """``cls`` and its named superclasses in the ontology, transitively."""
    seen, stack = set(), [cls]
    while stack:
        c = stack.pop()
        if c in seen or isinstance(c, BNode):
            continue
        seen.add(c)
        stack.extend(kg.ontology.objects(c, RDFS.subClassOf))
    return seen


def superproperties(kg, prop: URIRef) -> set[URIRef]:
    seen, stack = set(), [prop]
    while stack:
        p = stack.pop()
        if p not in seen:
            seen.add(p)
            stack.extend(kg.ontology.objects(p, RDFS.subPropertyOf))
    return seen


def checks(shapes: Graph, node_shape: URIRef, path: URIRef, **expected) -> bool:
    """Whether ``node_shape`` has a property shape on ``path`` with the given parameters."""
    for ps in shapes.objects(node_shape, SH.property):
        if shapes.value(ps, SH.path) == path and all(
                shapes.value(ps, SH[k]) == v for k, v in expected.items()):
            return True
    return False


# --- session data --------------------------------------------------------------------

@pytest.fixture(scope="module")
def shapes(kg) -> Graph:
    return kg.shapes


@pytest.fixture(scope="module")
def data_report(kg) -> Report:
    return validate(kg)


@pytest.fixture(scope="module")
def context() -> Graph:
    return parse_file(CONTEXT)


@pytest.fixture(scope="module")
def fixture_reports(kg, context) -> dict[str, Report]:
    """All invalid fixtures validated in one run; the results split by fixture (and "context")."""
    keep = set(context.subjects())
    data = Graph()
    data += context
    subject_files = {s: CONTEXT for s in keep}
    for path in INVALID:
        namespace = f"{NUK}{path.stem}/"
        isolated = isolate(parse_file(path), namespace, keep, path.stem)
        assert not set(isolated.subjects()) & keep, f"{path.name} states facts about the context's resources"
        data += isolated
        subject_files.update({s: path for s in isolated.subjects()})
    report = validate_data(kg, data, subject_files)
    split: dict[str, list] = {path.stem: [] for path in INVALID}
    split["context"] = []
    for v in report.violations:
        local = v.focus[len("nuk:"):]
        split[local.split("/", 1)[0] if "/" in local else "context"].append(v)
    return {name: Report(conforms=not vs, violations=tuple(vs)) for name, vs in split.items()}


# --- the real data -----------------------------------------------------------------------

def test_the_data_conforms(data_report):
    assert data_report.conforms, data_report.render()


# --- fixtures ----------------------------------------------------------------------------

def test_the_context_conforms_on_its_own(kg, context):
    report = validate_data(kg, context)
    assert report.conforms, report.render()


def test_fixtures_do_not_interfere(fixture_reports):
    report = fixture_reports["context"]
    assert report.conforms, "results on the context's resources:\n" + report.render()


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_fixture_is_caught_by_its_shape(path, shapes, fixture_reports):
    assert NAME.match(path.stem), f"{path.name}: name it <Shape>--<what-is-wrong>.ttl"
    expected = expected_shape(path)
    assert (expected, RDF.type, SH.NodeShape) in shapes, f"{path.name}: no node shape {expected}"
    report = fixture_reports[path.stem]
    assert not report.conforms, f"{path.name} conforms, but should break {expected}"
    assert expected in reported_by(shapes, report), \
        f"{path.name} is not reported by {expected}:\n{report.render()}"
    allowed = allowed_shapes(path)
    stray = [v for v in report.violations
             if not ({shape_iri(v.shape)} | parents(shapes, shape_iri(v.shape))) & allowed]
    assert not stray, f"{path.name} also breaks other shapes (fix the fixture or add '# also: nus:...'):\n" \
        + Report(conforms=False, violations=tuple(stray)).render()


def test_every_shape_with_a_target_has_a_failing_fixture(shapes):
    covered = {expected_shape(p) for p in INVALID if NAME.match(p.stem)}
    missing = sorted(str(s) for s in targeted_shapes(shapes) - covered)
    assert missing == [], f"shapes without an invalid fixture: {missing}"


def test_a_violation_renders_for_a_curator(kg, context):
    """One fixture on its own, through nukg.kg.validation: focus node, property, value and message."""
    path = FIXTURES / "invalid" / "ContributionShape--two-contributors.ttl"
    data = Graph()
    data += context
    data += parse_file(path)
    files = {s: path for s in parse_file(path).subjects()}
    report = validate_data(kg, data, files)
    assert not report.conforms
    [violation] = report.violations
    assert violation.severity == "Violation"
    assert violation.focus == "nuk:test-joint-contribution"
    assert violation.label == "Test joint contribution"
    assert violation.path == "nuo:contributor"
    assert violation.shape == "nus:ContributionShape-contributor"
    assert violation.file == "tests/fixtures/shapes/invalid/ContributionShape--two-contributors.ttl"
    assert violation.message.startswith("A contribution has exactly one nuo:contributor")
    text = report.render()
    assert text.startswith("The data does not conform to the SHACL shapes (1 violation):")
    for line in ('Violation: nuk:test-joint-contribution ("Test joint contribution")  in tests/fixtures/shapes/',
                 "  property: nuo:contributor",
                 "  problem:  A contribution has exactly one nuo:contributor",
                 "  shape:    nus:ContributionShape-contributor"):
        assert line in text, text


def test_a_sparql_based_violation_names_the_other_resource(fixture_reports):
    [first, second] = fixture_reports["UniqueLabelShape--same-label-twice"].violations
    assert first.path == second.path == "rdfs:label"
    assert "nuk:UniqueLabelShape--same-label-twice/test-harbour-2" in first.message
    assert "nuk:UniqueLabelShape--same-label-twice/test-harbour" in second.message
    assert "{?" not in first.message and "{$" not in first.message


# --- what the shapes cover --------------------------------------------------------------------

def test_every_class_of_the_ontology_is_the_target_of_a_shape(kg, shapes):
    targeted = set(shapes.objects(None, SH.targetClass))
    missing = sorted(str(c) for c in nuo_terms(kg, OWL.Class) - targeted)
    assert missing == [], f"classes without a shape: {missing}"
    for c in nuo_terms(kg, OWL.Class):
        local = str(c)[len(str(NUO)):]
        assert (NUS[f"{local}Shape"], SH.targetClass, c) in shapes, f"nus:{local}Shape should target {c}"


def test_every_class_gets_label_and_source_checks(kg, shapes):
    """Through its own shape or the shape of a superclass (sh:targetClass reaches subclass instances)."""
    for c in nuo_terms(kg, OWL.Class):
        node_shapes = {s for sup in superclasses(kg, c) for s in shapes.subjects(SH.targetClass, sup)}
        assert any(checks(shapes, s, RDFS.label, minCount=Literal(1), uniqueLang=Literal(True))
                   for s in node_shapes), c
        assert any(checks(shapes, s, DCTERMS.source, minCount=Literal(1)) for s in node_shapes), c
        assert any(checks(shapes, s, SKOS.altLabel) for s in node_shapes), c
        assert any(checks(shapes, s, DCTERMS.description, uniqueLang=Literal(True)) for s in node_shapes), c


def test_every_root_class_requires_an_english_label_and_a_source_section(kg, shapes):
    roots = {c for c in nuo_terms(kg, OWL.Class)
             if not any(str(s).startswith(str(NUO)) for s in superclasses(kg, c) - {c})}
    for c in roots:
        name = f"{str(c)[len(str(NUO)):]}Shape"
        label = NUS[f"{name}-label"]
        assert shapes.value(label, SH.path) == RDFS.label, c
        assert shapes.value(label, SH.uniqueLang) == Literal(True), c
        assert [str(x) for x in Collection(shapes, shapes.value(label, SH.languageIn))] == ["en"], c
        source = NUS[f"{name}-source"]
        assert shapes.value(source, SH.path) == DCTERMS.source, c
        if c == NUO.SourceDocument:  # its source is its web address
            assert shapes.value(source, SH.nodeKind) == SH.IRI
        else:
            expected = NUO.SourceDocument if c == NUO.SourceSection else NUO.SourceSection
            assert shapes.value(source, SH["class"]) == expected, c


def test_every_property_of_the_ontology_is_checked(kg, shapes):
    """Each nuo: property is the path of a property shape, or a sub-property of one that is."""
    paths = {shapes.value(ps, SH.path) for ps in property_shapes(shapes)}
    props = nuo_terms(kg, OWL.ObjectProperty) | nuo_terms(kg, OWL.DatatypeProperty)
    unchecked = sorted(str(p) for p in props if not superproperties(kg, p) & paths)
    assert unchecked == [], f"properties no shape checks: {unchecked}"


def test_date_properties_keep_the_source_precision(kg, shapes):
    dates = {p for p in nuo_terms(kg, OWL.DatatypeProperty) if DCTERMS.date in superproperties(kg, p)}
    assert len(dates) >= 10
    for p in dates:
        shape = NUS[f"DatesShape-{str(p)[len(str(NUO)):]}"]
        assert shapes.value(shape, SH.path) == p, f"{p} is not in nus:DatesShape"
        assert (NUS.DatesShape, SH.targetSubjectsOf, p) in shapes
        assert shapes.value(shape, SH.maxCount) == Literal(1)
        checked = shape
        if shapes.value(shape, SH["or"]) is None:  # checked through its super-property
            supers = superproperties(kg, p) - {p, DCTERMS.date}
            checked = next(NUS[f"DatesShape-{str(q)[len(str(NUO)):]}"] for q in supers)
        members = Collection(shapes, shapes.value(checked, SH["or"]))
        assert {shapes.value(m, SH.datatype) for m in members} == {
            URIRef("http://www.w3.org/2001/XMLSchema#" + t) for t in ("date", "gYearMonth", "gYear")}


# --- how the shapes are written ----------------------------------------------------------

def test_every_constraint_has_a_message(shapes):
    missing = []
    for ps in property_shapes(shapes):
        if shapes.value(ps, SH.message) is None:
            missing.append(str(ps))
    for ns in shapes.subjects(RDF.type, SH.NodeShape):
        if set(shapes.predicates(ns)) & NODE_CONSTRAINTS and shapes.value(ns, SH.message) is None:
            missing.append(str(ns))
        for sparql in shapes.objects(ns, SH.sparql):
            if shapes.value(sparql, SH.message) is None:
                missing.append(f"{ns} sh:sparql")
    assert missing == [], f"constraints without sh:message: {sorted(missing)}"


def test_messages_are_english_and_long_enough_to_act_on(shapes):
    for shape, message in shapes.subject_objects(SH.message):
        assert message.language == "en", shape
        assert len(str(message)) >= 40, f"{shape}: say what is wrong and how to fix it"


def test_shapes_are_named_violations_in_the_shapes_namespace(shapes):
    for ns in shapes.subjects(RDF.type, SH.NodeShape):
        assert isinstance(ns, URIRef) and str(ns).startswith(str(NUS)) and str(ns).endswith("Shape"), ns
        assert shapes.value(ns, SH.severity) == SH.Violation, ns
        for ps in shapes.objects(ns, SH.property):
            assert isinstance(ps, URIRef), f"{ns} has an anonymous property shape"
            path = shapes.value(ps, SH.path)
            assert str(ps) == f"{ns}-{re.split('[/#]', str(path))[-1]}", f"{ps} should be named after {path}"
            assert shapes.value(ps, SH.severity) == SH.Violation, ps


def test_no_shape_is_closed(shapes):
    assert not list(shapes.subjects(SH.closed, None))
