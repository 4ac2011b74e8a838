"""Shared by the tests of the named queries: the query files, the endpoint's store, and ``ask``.

The store is the endpoint's own (:class:`~nukg.store.oxigraph.OxigraphStore`), the session
fixture ``store`` of conftest.py; queries run on it with their parameters bound by
pyoxigraph's ``substitutions``, exactly as the API runs them.
"""

from __future__ import annotations

import dataclasses
import json

import pyoxigraph as ox

from nukg.core.namespaces import DATA_GRAPH
from nukg.kg.queries import NamedQuery, load_queries
from nukg.store.base import Answer, Snapshot
from nukg.store.oxigraph import OxigraphStore
from support.paths import QUERIES

NAMED = load_queries(QUERIES)
CHECKS = load_queries(QUERIES / "checks")
ALL = {**NAMED, **{f"checks/{name}": q for name, q in CHECKS.items()}}

NUK = "https://w3id.org/nato-ukraine-kg/id/"

def store_with(snapshot: Snapshot, turtle: str) -> OxigraphStore:
    """A store for ``snapshot`` plus the triples of ``turtle``, which land, like the data's own, in the
    data graph and in the default graph (the union)."""
    triples = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    extra = [
        ox.Quad(t.subject, t.predicate, t.object, graph)
        for graph in (ox.NamedNode(str(DATA_GRAPH)), ox.DefaultGraph())
        for t in triples
    ]
    return OxigraphStore(
        dataclasses.replace(
            snapshot,
            nquads=snapshot.nquads + ox.serialize(extra, format=ox.RdfFormat.N_QUADS),
            version=snapshot.version + "+extra",
        )
    )


def rows(answer: Answer) -> list[dict[str, str | None]]:
    """SELECT solutions (SPARQL JSON) as dicts of variable -> lexical value (None when unbound)."""
    body = json.loads(answer.body)
    names = body["head"]["vars"]
    return [{n: (row[n]["value"] if n in row else None) for n in names} for row in body["results"]["bindings"]]


def run(store: OxigraphStore, query: NamedQuery, params: dict[str, str] | None = None) -> list[dict]:
    """The rows of ``query`` with ``params`` (else its defaults) bound as terms, the text untouched."""
    return rows(store.query(query.text, format="json", substitutions=query.substitutions(params)))


def ask(store: OxigraphStore, name: str, **params) -> list[dict]:
    """The rows of the named query ``queries/<name>.rq`` (values as plain strings)."""
    return run(store, NAMED[name], params)


def column(rows, key="label"):
    return [row[key] for row in rows]


def labels(rows, key="label"):
    return set(column(rows, key))


def slug(iri):
    assert iri.startswith(NUK), iri
    return iri[len(NUK) :]


def by_slug(rows, key, *values):
    """{slug of rows[key]: tuple of the other named values} for comparison."""
    return {slug(row[key]): tuple(row[v] for v in values) if len(values) != 1 else row[values[0]] for row in rows}
