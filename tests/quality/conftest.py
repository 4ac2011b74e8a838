"""Session fixtures for the knowledge tests: the graph is built once and only read."""

import pytest

from nukg.kg.graph import load
from nukg.store.base import Snapshot
from nukg.store.oxigraph import OxigraphStore
from support.paths import PROJECT_ROOT
from nukg.core.namespaces import sparql_prefixes


@pytest.fixture(scope="session")
def kg():
    return load(PROJECT_ROOT)


@pytest.fixture(scope="session")
def union(kg):
    """Ontology, data and inferred triples together, as the store's default graph."""
    return kg.union


@pytest.fixture(scope="session")
def holds(union):
    """Whether a checklist pattern (a group pattern, or a SELECT with HAVING) matches the graph."""

    def ask(pattern: str) -> bool:
        body = pattern.strip()
        if body.upper().startswith("SELECT"):
            body = f"{{ {body} }}"
        return union.query(sparql_prefixes() + f"ASK {{ {body} }}").askAnswer

    return ask


@pytest.fixture(scope="session")
def snapshot(kg):
    """The endpoint's dataset for the real data: the named graphs and their union."""
    return Snapshot.from_kg(kg)


@pytest.fixture(scope="session")
def store(snapshot):
    """The endpoint's own in-memory store for the real data, on which the named queries run."""
    return OxigraphStore(snapshot)
