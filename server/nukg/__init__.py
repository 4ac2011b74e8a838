"""NATO-Ukraine Relations Knowledge Graph: build, validate and serve the graph."""

__version__ = "0.2.0"  # the [project] version of pyproject.toml (tests/quality/test_version_agrees.py)
