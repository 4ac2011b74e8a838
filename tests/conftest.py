"""The suite's root: puts tests/ on the import path, so every folder shares the ``support`` package,
and holds the fixtures several folders use."""

import pytest
from support.listener import Listener


@pytest.fixture(scope="module")
def listener():
    """A loopback listener that counts the connections queries make to it."""
    with Listener() as listening:
        yield listening
