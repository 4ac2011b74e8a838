"""SHACL validation of the knowledge graph, with a report a curator can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from ..core.namespaces import curie
from .graph import KnowledgeGraph


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in terms a curator understands."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # the resource, as a prefixed name
    label: str | None  # its rdfs:label, when it has one
    path: str | None  # the property, as a prefixed name
    value: str | None  # the offending value, if any
    message: str
    shape: str  # the shape that caught it
    file: str | None  # the file describing the resource, relative to the project

    def render(self) -> str:
        where = f"  in {self.file}" if self.file else ""
        who = f"{self.focus}" + (f' ("{self.label}")' if self.label else "")
        lines = [f"{self.severity}: {who}{where}"]
        if self.path:
            lines.append(f"  property: {self.path}")
        if self.value is not None:
            lines.append(f"  value:    {self.value}")
        lines.append(f"  problem:  {self.message}")
        lines.append(f"  shape:    {self.shape}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]
    results: Graph | None = field(default=None, compare=False, repr=False)  # pySHACL's results graph, as is

    def render(self) -> str:
        if self.conforms:
            return "The data conforms to the SHACL shapes."
        counts = {}
        for v in self.violations:
            counts[v.severity] = counts.get(v.severity, 0) + 1
        summary = ", ".join(f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in sorted(counts.items()))
        body = "\n\n".join(v.render() for v in self.violations)
        return f"The data does not conform to the SHACL shapes ({summary}):\n\n{body}"


def shown(node) -> str:
    """A node as a curator reads it: a prefixed name when one of our prefixes fits, else N3."""
    if isinstance(node, URIRef):
        name = curie(str(node))
        if name != str(node):
            return name
    return node.n3() if hasattr(node, "n3") else str(node)


def validate(kg: KnowledgeGraph) -> Report:
    """Validate data, editorial inferences and inferred triples against the shapes, with the ontology as context."""
    # imported here: pySHACL (and rdflib's SPARQL engine under it) costs a web worker some 20 MB and
    # a quarter of a second to import, and a web worker that serves a validated build never validates
    from pyshacl import validate as shacl_validate

    data = kg.data + kg.editorial + kg.inferred
    conforms, results, _ = shacl_validate(
        data,
        # pySHACL adds triples to the graphs it is given: hand it copies, the graph stays immutable
        shacl_graph=kg.shapes + Graph(),
        ont_graph=kg.ontology + Graph(),
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    violations = []
    report = results.value(predicate=RDF.type, object=SH.ValidationReport)
    # only the report's own results: nested ones (sh:detail) explain them and are not counted again
    for result in results.objects(report, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        message = results.value(result, SH.resultMessage)
        shape = results.value(result, SH.sourceShape)
        severity = results.value(result, SH.resultSeverity)
        file = kg.file_of(focus)
        label = kg.data.value(focus, RDFS.label) or kg.ontology.value(focus, RDFS.label)
        violations.append(
            Violation(
                severity=str(severity).rsplit("#", 1)[-1],
                focus=shown(focus),
                label=str(label) if label else None,
                path=shown(path) if path is not None else None,
                value=shown(value) if value is not None else None,
                message=str(message) if message else "(the shape gives no message)",
                shape=shown(shape) if shape is not None else "?",
                file=_relative(file, kg.root),
            )
        )
    violations.sort(key=lambda v: (v.file or "", v.focus, v.path or "", v.message))
    return Report(conforms=bool(conforms), violations=tuple(violations), results=results)


def conforming_report() -> Report:
    """The report SHACL gives a graph that conforms (allowing no warnings, it has no results): a validation
    report that says so, and nothing else.  What a validated build read back from the build cache stands for,
    without running SHACL again."""
    results = Graph()
    report = BNode()
    results.add((report, RDF.type, SH.ValidationReport))
    results.add((report, SH.conforms, Literal(True)))
    return Report(conforms=True, violations=(), results=results)


def _relative(path: Path | None, root: Path) -> str | None:
    if path is None:
        return None
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
