"""Session fixtures for the knowledge tests: the graph is built once and only read."""

import pytest

from nukg.kg.graph import load
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
