"""Reconciliation (W3C Entity Reconciliation API 0.2): which thing a name, and maybe a few facts, stand for,
how sure that is, and what the API shows of things, classes and properties.  Nothing here knows Flask.

Ids: a thing's is its slug (``nato-ukraine-commission``); a class's or property's is its local name in the
ontology (``Programme``, ``party``) or, for a reused term, its prefixed name (``skos:altLabel``).  Full IRIs
and prefixed names are accepted wherever an id is.

Candidates are the things the search index (:mod:`nukg.kg.search`) finds.  Name score: 100 for an exact
label, 98 for an exact alternative label or acronym, else 95 x the overlap of the query's words with the
closest name, each word weighted by its rarity among names ("for" or "Ukraine" count little).  A type keeps
the instances of the class or its subclasses (``type_strict: "all"``: of every class given).  With property
constraints the score is 60 % name, 40 % constraints (met 1, no value 0.5, contradicted 0).  ``match`` only
when one candidate is clearly right: its exact label or acronym (or facts alone), 80 or more, nothing
contradicted, 10 points ahead of the next: namesakes and near names never match.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ..core.errors import BadRequest
from ..core.namespaces import NUK, NUO, PREFIX_IRIS, curie
from .names import label_of
from .search import DESCRIPTIONS, EXACT_ALT, EXACT_LABEL, MAX_LIMIT, MAX_QUERY, SearchIndex, normalise, snippet_of

EXACT_ALT_SCORE, NEAR, FLOOR = 98.0, 95, 10.0  # FLOOR: a thing found through its description only
MATCH_SCORE, MARGIN, NAME_SHARE = 80, 10, 0.6
MATCHED, UNKNOWN, CONTRADICTED = 1.0, 0.5, 0.0
STRICTNESS, DEFAULT_LIMIT = ("any", "should", "all"), 10
MAX_TYPES = MAX_CONSTRAINTS = MAX_VALUES = 20
DEFAULT_TYPES = ("State", "InternationalOrganization", "Body", "Group", "Person", "Place", "CooperationInstrument",
                 "Programme", "TrustFund", "CooperationActivity", "Agreement", "Event", "Summit", "Operation")
PROPERTY_TYPES = (RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DATES = (XSD.date, XSD.gYearMonth, XSD.gYear, XSD.dateTime)
_DAY = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?")


def id_of(iri: str) -> str:
    """The API's id of an IRI: a slug, an ontology term's local name, a prefixed name, or the IRI."""
    for namespace in (str(NUK), str(NUO)):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return iri[len(namespace):]
    return curie(iri)


def iri_of(ident: str, namespace: str) -> str:
    """The IRI an id stands for: a full IRI, a prefixed name, or a local name in ``namespace``."""
    prefix, sep, local = ident.partition(":")
    if sep and prefix in PREFIX_IRIS and not local.startswith("//"):
        return PREFIX_IRIS[prefix] + local
    return ident if re.match(r"https?://", ident) else namespace + ident


@dataclass(frozen=True)
class Query:
    text: str
    types: tuple[str, ...] = ()  # class IRIs
    strict: str = "any"
    limit: int = DEFAULT_LIMIT
    properties: tuple[tuple[str, tuple], ...] = ()  # (property IRI, values)


@dataclass(frozen=True)
class Thing:
    iri: str
    label: str
    names: frozenset[str]  # normalised labels and alternative labels
    types: frozenset[str]
    description: str


def _value_ok(v) -> bool:  # a constraint's value: a text, a number, a truth value, or a thing {"id", "name"?}
    thing = isinstance(v, dict) and isinstance(v.get("id"), str) and isinstance(v.get("name", ""), str)
    return thing or isinstance(v, (int, float, bool)) or isinstance(v, str) and len(v) <= MAX_QUERY


class Reconciler:
    """What reconciliation needs of a :class:`nukg.kg.graph.KnowledgeGraph` and its search index, made once."""

    def __init__(self, kg, index: SearchIndex):
        g = self.graph = kg.union
        self._index, self._alias = index, {}
        self.things = {str(s): self._thing(s) for s in sorted({s for s in g.subjects() if isinstance(s, URIRef)
                                                                and s.startswith(NUK) and s != NUK})}
        df = Counter(w for t in self.things.values() for w in {w for n in t.names for w in n.split()})
        self._unknown = math.log(len(self.things) + 1)  # the weight of a word no name holds
        self._weights = {w: math.log((len(self.things) + 1) / (n + 1)) for w, n in df.items()}
        classes = sorted(c for c in g.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and c.startswith(NUO))
        self.classes = {str(c): (label_of(g, c), self._definition(c)) for c in classes}
        self._broader = {c: [str(b) for b in g.objects(URIRef(c), RDFS.subClassOf) if str(b) in self.classes]
                         for c in self.classes}
        self._depth = {c: len(set(g.transitive_objects(URIRef(c), RDFS.subClassOf))) for c in self.classes}
        used = {str(p) for s, p, _ in g if str(s) in self.things}
        declared = {str(p) for t in PROPERTY_TYPES for p in g.subjects(RDF.type, t) if str(p).startswith(NUO)}
        self.properties = {p: (label_of(g, URIRef(p)) if (URIRef(p), RDFS.label, None) in g else id_of(p),
                               self._definition(URIRef(p))) for p in sorted(used | declared)}
        self._stated = Counter((t, str(p)) for s, p in set(kg.data.subject_predicates()) if str(s) in self.things
                               for t in self.things[str(s)].types)

    def _thing(self, node: URIRef) -> Thing:
        names = [str(o) for p in (RDFS.label, SKOS.altLabel) for o in self.graph.objects(node, p)]
        return Thing(str(node), label_of(self.graph, node), frozenset(normalise(n) for n in names),
                     frozenset(str(t) for t in self.graph.objects(node, RDF.type)), self._definition(node))

    def _definition(self, node: URIRef) -> str:
        return next((str(o) for p in DESCRIPTIONS for o in self.graph.objects(node, p) if isinstance(o, Literal)), "")

    def thing_iri(self, ident: str) -> str | None:
        return iri if (iri := iri_of(ident.strip(), str(NUK))) in self.things else None

    def term_iri(self, ident: str, terms: dict) -> str:
        """The IRI of a class (``terms`` is ``self.classes``) or property id; an unknown one is a BadRequest."""
        iri = iri_of(ident.strip(), str(NUO))
        if iri not in terms:
            what = "class" if terms is self.classes else "property"
            raise BadRequest(f"No {what} {ident!r} here: the {what} suggest service lists them.")
        return iri

    def query(self, key: str, raw) -> Query:
        """The reconciliation query ``raw`` (parsed JSON) of a batch, checked; a BadRequest says what is wrong."""
        def check(ok: bool, problem: str):
            if not ok:
                raise BadRequest(f"Query {key!r}: {problem}")
        check(isinstance(raw, dict), "not a JSON object.")
        text, types, strict = raw.get("query", ""), raw.get("type", []), raw.get("type_strict", "any")
        types = [types] if isinstance(types, str) else types
        limit, constraints = raw.get("limit", DEFAULT_LIMIT), raw.get("properties", [])
        check(isinstance(text, str) and len(text) <= MAX_QUERY, f"'query' must be a text of {MAX_QUERY} characters "
              "at most.")
        check(isinstance(types, list) and len(types) <= MAX_TYPES and all(isinstance(t, str) for t in types),
              f"'type' must be a class id or a list of {MAX_TYPES} at most.")
        check(strict in STRICTNESS, f"'type_strict' must be one of {', '.join(STRICTNESS)}.")
        check(isinstance(limit, (int, float)) and not isinstance(limit, bool) and 1 <= limit < math.inf
              and limit == int(limit), "'limit' must be a positive whole number.")
        check(isinstance(constraints, list) and len(constraints) <= MAX_CONSTRAINTS,
              f"'properties' must be a list of {MAX_CONSTRAINTS} {{pid, v}} objects at most.")
        checked = []
        for c in constraints:
            values = c.get("v") if isinstance(c, dict) else None
            values = values if isinstance(values, list) else [values]
            check(isinstance(c, dict) and isinstance(c.get("pid"), str) and 0 < len(values) <= MAX_VALUES
                  and all(_value_ok(v) for v in values), "a property constraint needs a 'pid' and a value 'v' "
                  f"(a text, a number, a truth value, an {{id, name}} object, or a list of {MAX_VALUES} at most).")
            checked.append((self.term_iri(c["pid"], self.properties), tuple(values)))
        check(bool(text.strip() or checked), "it needs a 'query' text or 'properties'.")
        return Query(text.strip(), tuple(self.term_iri(t, self.classes) for t in types), strict,
                     min(int(limit), MAX_LIMIT), tuple(checked))

    def type_item(self, cls: str, broader: bool = True) -> dict:
        wider = [self.type_item(b, broader=False) for b in self._broader[cls]] if broader else []
        return {"id": id_of(cls), "name": self.classes[cls][0], **({"broader": wider} if wider else {})}

    def types_of(self, thing: Thing) -> list[dict]:
        """The thing's classes of the ontology, the most specific first."""
        found = sorted((c for c in thing.types if c in self.classes), key=lambda c: (-self._depth[c], c))
        return [self.type_item(c, broader=False) for c in found]

    def reconcile(self, query: Query) -> list[dict]:
        """The candidates for ``query``, best first, at most ``query.limit``; see the module's docstring."""
        scored, wanted = [], set(query.types)
        given = [(pid, tuple((v, normalise(str(v.get("name", "") if isinstance(v, dict) else v))) for v in values))
                 for pid, values in query.properties]
        for iri, name_score in self._pool(query).items():
            thing = self.things[iri]
            if wanted and not (wanted <= thing.types if query.strict == "all" else wanted & thing.types):
                continue
            credits = [self._credit(iri, pid, values) for pid, values in given]
            if not query.text and MATCHED not in credits:
                continue
            share = (NAME_SHARE if query.text else 0.0) if credits else 1.0
            score = share * name_score + (1 - share) * 100 * sum(credits) / max(len(credits), 1)
            scored.append((round(score, 1), name_score, CONTRADICTED in credits, thing))
        scored.sort(key=lambda s: (-s[0], len(s[3].label), s[3].label.casefold(), s[3].iri))
        results = [{"id": id_of(t.iri), "name": t.label, "type": self.types_of(t), "score": score, "match": False,
                    "features": [{"id": "name", "value": name_score}],
                    **({"description": snippet_of(t.description)} if t.description else {})}
                   for score, name_score, _, t in scored[:query.limit]]
        if results:
            top, runner_up = scored[0], scored[1][0] if len(scored) > 1 else -math.inf
            named = top[1] >= EXACT_ALT_SCORE or not query.text  # an exact name, or facts alone
            results[0]["match"] = named and top[0] >= MATCH_SCORE and not top[2] and top[0] - runner_up >= MARGIN
        return results

    def _pool(self, query: Query) -> dict[str, float]:
        """The things worth scoring, with their name scores (every thing when there is no text)."""
        if not query.text:
            return dict.fromkeys(self.things, 0.0)
        words = set(normalise(query.text).split())
        hits = self._index.search(query.text, classes=query.types or None, limit=MAX_LIMIT).hits
        pool = {h.iri: self._name_score(h.match, self.things[h.iri], words) for h in hits if h.iri in self.things}
        named = None if re.search(r"\s", query.text) else self.thing_iri(query.text)
        if named:
            pool[named] = 100.0  # an id given as the name
        return pool

    def _name_score(self, how: str, thing: Thing, words: set[str]) -> float:
        """100 or 98 for an exact name, else 95 x the rarity-weighted Dice coefficient with the closest name."""
        if how in (EXACT_LABEL, EXACT_ALT):
            return 100.0 if how == EXACT_LABEL else EXACT_ALT_SCORE
        weight = lambda ws: sum(self._weights.get(w, self._unknown) for w in ws)  # noqa: E731
        dice = max((2 * weight(words & set(n.split())) / (weight(words) + weight(set(n.split())) or 1)
                    for n in thing.names), default=0)
        return max(FLOOR, round(NEAR * dice, 1))

    def _credit(self, iri: str, prop: str, values: tuple) -> float:
        """How a thing meets a constraint, given as (value, its text normalised) pairs."""
        objects = list(self.graph.objects(URIRef(iri), URIRef(prop)))
        return MATCHED if any(self._agrees(o, v, t) for o in objects for v, t in values) else CONTRADICTED if objects \
            else UNKNOWN

    def _aliases(self, node) -> frozenset[str]:
        """What a value of the graph goes by (worked out once): an IRI, its id and names, or a literal's words."""
        if node not in self._alias:
            iri, thing = isinstance(node, URIRef), self.things.get(str(node))
            names = thing.names if thing else {normalise(label_of(self.graph, node) if iri else str(node))}
            self._alias[node] = frozenset({*names, *((str(node), id_of(str(node)), curie(str(node))) if iri else ())})
        return self._alias[node]

    def _agrees(self, node, value, text: str) -> bool:
        """Whether a value of the graph and one of a query (``text``: its name or words, normalised) say the same:
        the same thing (by id or name), number, truth value or words, or dates of which one holds the other."""
        if isinstance(value, dict) or isinstance(node, URIRef):
            ident = value["id"] if isinstance(value, dict) else str(value)
            return ident in self._aliases(node) or bool(text) and text in self._aliases(node)
        python = node.toPython()
        if isinstance(value, bool) or isinstance(python, bool):
            return python is value or str(node) == str(value).lower()
        if isinstance(value, (int, float)):  # compared exactly, whatever their sizes
            return isinstance(python, (int, float, Decimal)) and python == value
        if node.datatype in DATES:  # "2016" and "2016-07-08T00:00:00Z" both agree with "2016-07"
            mine, theirs = str(node)[:10], str(value).split("T")[0]
            return min(len(mine), len(theirs)) >= 4 and (mine.startswith(theirs) or theirs.startswith(mine))
        return text in self._aliases(node)

    def suggest_entities(self, prefix: str, cursor: int, limit: int, types=()) -> list[dict]:
        hits = self._index.search(prefix, classes=list(types) or None, limit=MAX_LIMIT).hits
        found = [self.things[h.iri] for h in hits if h.iri in self.things][cursor:cursor + limit]
        return [{"id": id_of(t.iri), "name": t.label, "notable": self.types_of(t)[:2],
                 **({"description": snippet_of(t.description)} if t.description else {})} for t in found]

    def suggest_terms(self, terms: dict, prefix: str, cursor: int, limit: int) -> list[dict]:
        """Classes (``terms`` is ``self.classes``) or properties whose name or id starts with ``prefix``, then
        those with a word that does, then those that hold it; by name."""
        wanted, ranked = normalise(prefix), []
        for iri, (name, _) in terms.items():
            words, ident = normalise(name), normalise(id_of(iri))
            rank = (0 if words.startswith(wanted) or ident.startswith(wanted) else
                    1 if f" {wanted}" in f" {words}" else 2 if wanted in words or wanted in ident else None)
            if rank is not None:
                ranked.append((rank, name.casefold(), iri))
        return [{**(self.type_item(iri) if terms is self.classes else {"id": id_of(iri), "name": terms[iri][0]}),
                 **({"description": snippet_of(terms[iri][1])} if terms[iri][1] else {})}
                for _, _, iri in sorted(ranked)[cursor:cursor + limit]]

    def propose_properties(self, cls: str, limit: int) -> list[dict]:
        """The properties the instances of ``cls`` are stated with, the most used first (not rdfs:label)."""
        counts = sorted((-n, self.properties[p][0].casefold(), p) for (t, p), n in self._stated.items()
                        if t == cls and p != str(RDFS.label) and p in self.properties)
        return [{"id": id_of(p), "name": self.properties[p][0]} for _, _, p in counts[:limit]]

    def preview(self, ident: str) -> dict | None:
        thing = self.things.get(self.thing_iri(ident) or "")
        return thing and {"id": id_of(thing.iri), "iri": thing.iri, "name": thing.label, "text": thing.description,
                          "alternatives": sorted(map(str, self.graph.objects(URIRef(thing.iri), SKOS.altLabel))),
                          "types": [t["name"] for t in self.types_of(thing)]}

    def extend(self, ids: list[str], props: list[str]) -> dict:
        """The values of ``props`` (property ids) for the things ``ids``: the 0.2 data extension response."""
        iris = [self.term_iri(p, self.properties) for p in props]
        ranges = [sorted(str(r) for r in self.graph.objects(URIRef(i), RDFS.range) if str(r) in self.classes)
                  for i in iris]  # a property whose values are things of one of our classes says which
        meta = [{"id": pid, "name": self.properties[iri][0], **({"type": self.type_item(r[0], False)} if r else {})}
                for pid, iri, r in zip(props, iris, ranges)]
        def values(node: str | None, prop: str) -> list[dict]:
            found = map(self._value, self.graph.objects(URIRef(node), URIRef(prop))) if node else ()
            return sorted(found, key=lambda v: sorted(v.items()))
        return {"meta": meta, "rows": {i: {pid: values(self.thing_iri(i), iri) for pid, iri in zip(props, iris)}
                                       for i in ids}}

    def _value(self, node) -> dict:
        """A value as the 0.2 data extension writes it: a thing, a number, a day, or a text (a year or a month
        stays a text: dates keep the source's precision)."""
        if isinstance(node, URIRef):
            thing = self.things.get(str(node))
            return {"id": id_of(thing.iri), "name": thing.label} if thing else {"str": id_of(str(node))}
        python = node.toPython()
        if isinstance(python, int) and not isinstance(python, bool):
            return {"int": python}
        if isinstance(python, (float, Decimal)):
            return {"float": float(python)}
        if node.datatype in (XSD.date, XSD.dateTime) and _DAY.fullmatch(text := str(node)):  # a day, a time
            return {"date": text if "T" in text else f"{text[:10]}T00:00:00{text[10:] or 'Z'}"}
        return {"str": str(node)}
