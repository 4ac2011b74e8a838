"""Session fixtures for the knowledge tests: the graph is built once and only read."""

import pytest

from server.kg import load


@pytest.fixture(scope="session")
def kg():
    return load()


@pytest.fixture(scope="session")
def union(kg):
    """Ontology, data and inferred triples together, as the store's default graph."""
    return kg.union
