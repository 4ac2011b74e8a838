"""The dated things of the graph, for a timeline: what, when (at the source's precision), which date, what kind.

A thing is dated by any property that is a sub-property of ``dcterms:date``, however
many steps removed (``nuo:inaugurationDate`` -> ``nuo:establishmentDate`` ->
``dcterms:date``).  As ``queries/timeline.rq`` does, the most specific property is
kept: a date repeated by a broader property (inferred super-properties are in the
union) is dropped, and so is a plain ``nuo:date`` repeating a more telling date.
Each remaining (thing, property, date) is one :class:`Event`.

Dates keep their precision: an ``xsd:gYear`` stays a year and an ``xsd:gYearMonth``
a month; no day is ever made up.  Nothing here knows about HTTP or drawing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from ..core.namespaces import NUK, NUO
from .names import label_of

FIRST_YEAR, LAST_YEAR = 1991, 2022
YEAR, MONTH, DAY = "year", "month", "day"

# Kinds for colouring, most telling first: a thing of several kinds takes the first that fits.
KINDS = ("summit", "meeting", "agreement", "conflict", "programme", "other")
KIND_CLASSES = (
    ("conflict", (NUO.Conflict, NUO.MilitaryAction, NUO.Invasion, NUO.Annexation)),
    ("summit", (NUO.Summit,)),
    ("meeting", (NUO.Meeting,)),
    ("agreement", (NUO.Agreement, NUO.Charter, NUO.Declaration)),
    ("programme", (NUO.CooperationInstrument, NUO.Programme)),
)
KIND_LABELS = {
    "summit": "summit", "meeting": "meeting", "agreement": "agreement, charter or declaration",
    "conflict": "war, annexation, invasion or military action", "programme": "programme or instrument",
    "other": "other",
}

_PATTERNS = {
    XSD.gYear: (YEAR, re.compile(r"(\d{4})(?:Z|[+-]\d\d:\d\d)?")),
    XSD.gYearMonth: (MONTH, re.compile(r"(\d{4})-(\d\d)(?:Z|[+-]\d\d:\d\d)?")),
    XSD.date: (DAY, re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:Z|[+-]\d\d:\d\d)?")),
}


@dataclass(frozen=True)
class Event:
    iri: str
    label: str
    literal: Literal  # the date as the source gives it
    date: str  # "2014", "2005-10" or "2022-02-24": the value at its precision
    precision: str  # YEAR, MONTH or DAY
    year: int
    month: int | None
    day: int | None
    kind: str
    property: str
    property_label: str


def parse_date(literal) -> tuple[str, str, int, int | None, int | None] | None:
    """``(date, precision, year, month, day)`` of a year, year-month or date literal; None for anything else."""
    if not isinstance(literal, Literal) or literal.datatype not in _PATTERNS:
        return None
    precision, pattern = _PATTERNS[literal.datatype]
    match = pattern.fullmatch(str(literal))
    if match is None:
        return None
    parts = [int(g) for g in match.groups()]
    year, month, day = parts[0], (parts[1] if len(parts) > 1 else None), (parts[2] if len(parts) > 2 else None)
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return "-".join(match.groups()), precision, year, month, day


def date_properties(graph: Graph) -> dict[URIRef, set[URIRef]]:
    """Each property below ``dcterms:date`` (transitively), with the properties below it in turn."""
    below = {}
    for prop in graph.transitive_subjects(RDFS.subPropertyOf, DCTERMS.date):
        if isinstance(prop, URIRef) and prop != DCTERMS.date:
            below[prop] = {p for p in graph.transitive_subjects(RDFS.subPropertyOf, prop) if p != prop}
    return below


def kind_of(graph: Graph, thing: URIRef) -> str:
    types = set(graph.objects(thing, RDF.type))
    for kind, classes in KIND_CLASSES:
        if types.intersection(classes):
            return kind
    return "other"


def events(graph: Graph, first: int = FIRST_YEAR, last: int = LAST_YEAR) -> tuple[Event, ...]:
    """The dated things of ``graph`` (the union: data and inferred triples) from ``first`` to ``last``,
    in order of date then label."""
    properties = date_properties(graph)
    found = []
    for prop, narrower in properties.items():
        prop_label = graph.value(prop, RDFS.label)
        if prop_label is None:
            continue  # as in timeline.rq, a date property without a label is not shown
        for thing, literal in graph.subject_objects(prop):
            if not isinstance(thing, URIRef) or not str(thing).startswith(str(NUK)):
                continue
            if graph.value(thing, RDFS.label) is None:
                continue
            if any((thing, p, literal) in graph for p in narrower):
                continue  # a more specific property gives the same date
            if prop == NUO.date and any((thing, p, literal) in graph for p in properties if p != NUO.date):
                continue  # a plain date repeating a more telling one
            parsed = parse_date(literal)
            if parsed is None or not first <= parsed[2] <= last:
                continue
            date, precision, year, month, day = parsed
            found.append(Event(
                iri=str(thing), label=label_of(graph, thing), literal=literal, date=date, precision=precision,
                year=year, month=month, day=day, kind=kind_of(graph, thing), property=str(prop),
                property_label=str(prop_label),
            ))
    return tuple(sorted(found, key=lambda e: (e.date, e.label, e.property_label, e.iri)))
