"""What changed between two versions of the graph: triples added and removed, grouped by
resource, and the counts per class and per property before and after.

Both sides come with RDFC-1.0 canonical blank node labels (:mod:`nukg.release.sides`).  Those
labels are numbered over the whole dataset, so one blank node more anywhere renumbers the
others; to compare, each blank node is named instead by what it says and who points at it
(:func:`stable_blank_nodes`), and a blank node's statements are shown under the resource that
leads to it.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from ..core.namespaces import PREFIX_IRIS

RDF_TYPE = ox.NamedNode(PREFIX_IRIS["rdf"] + "type")
LABELS = (ox.NamedNode(PREFIX_IRIS["rdfs"] + "label"), ox.NamedNode(PREFIX_IRIS["skos"] + "prefLabel"))


@dataclass(frozen=True)
class ResourceChange:
    """The statements about one resource (and the blank nodes it leads to) that were added or removed."""

    resource: ox.NamedNode | ox.BlankNode
    label: str | None
    added: tuple[ox.Triple, ...]
    removed: tuple[ox.Triple, ...]


@dataclass(frozen=True)
class Count:
    """Instances of a class, or triples of a property, before and after."""

    term: ox.NamedNode | ox.BlankNode
    label: str | None
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Diff:
    old: str  # titles of the two sides
    new: str
    before: int  # triples on each side
    after: int
    resources: tuple[ResourceChange, ...]
    classes: tuple[Count, ...]  # every class on either side, sorted by IRI
    properties: tuple[Count, ...]
    labels: dict  # term -> label, for showing objects

    @property
    def added(self) -> int:
        return sum(len(r.added) for r in self.resources)

    @property
    def removed(self) -> int:
        return sum(len(r.removed) for r in self.resources)

    @property
    def empty(self) -> bool:
        return not self.resources


def stable_blank_nodes(triples) -> set[ox.Triple]:
    """``triples`` with each blank node named by a hash of its own statements (nested blank nodes by
    their names) and of the named resources that point at it; two nodes alike in both keep their
    canonical labels apart."""
    triples = set(triples)
    outgoing, incoming = defaultdict(list), defaultdict(list)
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            outgoing[t.subject].append(t)
        if isinstance(t.object, ox.BlankNode):
            incoming[t.object].append(t)
    nodes = set(outgoing) | set(incoming)
    if not nodes:
        return triples
    names: dict = {}

    def signature(node, seen: frozenset) -> str:
        if node in names:
            return names[node]
        if node in seen:  # a cycle: fall back on the canonical label
            return f"cycle {node.value}"
        parts = sorted(
            [f"> {t.predicate} {signature(t.object, seen | {node}) if isinstance(t.object, ox.BlankNode) else t.object}"
             for t in outgoing[node]]
            + [f"< {t.subject} {t.predicate}" for t in incoming[node] if not isinstance(t.subject, ox.BlankNode)])
        text = "\n".join(parts)
        if not seen:
            names[node] = text
        return text

    texts = {node: signature(node, frozenset()) for node in sorted(nodes, key=lambda n: n.value)}
    alike = Counter(texts.values())
    rename = {}
    for node, text in texts.items():
        if alike[text] > 1:
            text += f"\n{node.value}"
        rename[node] = ox.BlankNode("b" + hashlib.sha256(text.encode()).hexdigest()[:16])

    def term(t):
        return rename.get(t, t) if isinstance(t, ox.BlankNode) else t

    return {ox.Triple(term(t.subject), t.predicate, term(t.object)) for t in triples}


def labels_of(*sides) -> dict:
    """One label per resource: an English or plain ``rdfs:label`` / ``skos:prefLabel``, the later side first."""
    found: dict = {}
    for triples in sides:
        candidates = defaultdict(list)
        for t in triples:
            if t.predicate in LABELS and isinstance(t.object, ox.Literal) and t.object.language in (None, "en"):
                candidates[t.subject].append((LABELS.index(t.predicate), t.object.value))
        for node, values in candidates.items():
            found.setdefault(node, min(values)[1])
    return found


def owners(triples) -> dict:
    """Each blank node's owner: the first (by IRI) named resource from which a path leads to it."""
    pointers = defaultdict(set)
    for t in triples:
        if isinstance(t.object, ox.BlankNode):
            pointers[t.object].add(t.subject)
    found: dict = {}

    def owner(node, seen: frozenset):
        if node in found:
            return found[node]
        named = [s for s in pointers[node] if isinstance(s, ox.NamedNode)]
        via = [owner(s, seen | {node}) for s in pointers[node] if isinstance(s, ox.BlankNode) and s not in seen]
        candidates = sorted((n for n in [*named, *via] if isinstance(n, ox.NamedNode)), key=lambda n: n.value)
        result = candidates[0] if candidates else node
        if not seen:
            found[node] = result
        return result

    for node in pointers:
        owner(node, frozenset())
    return found


def _counts(old, new, key_of, labels) -> tuple[Count, ...]:
    before, after = key_of(old), key_of(new)
    return tuple(Count(term, labels.get(term), before.get(term, 0), after.get(term, 0))
                 for term in sorted(set(before) | set(after), key=lambda n: n.value))


def _instances(triples) -> Counter:
    return Counter(t.object for t in triples if t.predicate == RDF_TYPE)


def _uses(triples) -> Counter:
    return Counter(t.predicate for t in triples)


def diff(old_title: str, old_triples, new_title: str, new_triples) -> Diff:
    """The changes from ``old_triples`` to ``new_triples`` (pyoxigraph triples, canonical labels)."""
    old, new = stable_blank_nodes(old_triples), stable_blank_nodes(new_triples)
    added, removed = new - old, old - new
    labels = labels_of(new, old)
    owner_new, owner_old = owners(new), owners(old)
    groups: dict = defaultdict(lambda: ([], []))
    for triples, index, owner in ((added, 0, owner_new), (removed, 1, owner_old)):
        for t in triples:
            groups[owner.get(t.subject, t.subject)][index].append(t)
    resources = tuple(
        ResourceChange(node, labels.get(node), tuple(sorted(a, key=str)), tuple(sorted(r, key=str)))
        for node, (a, r) in sorted(groups.items(), key=lambda item: (isinstance(item[0], ox.BlankNode), item[0].value)))
    return Diff(old_title, new_title, len(old), len(new), resources,
                _counts(old, new, _instances, labels), _counts(old, new, _uses, labels), labels)
