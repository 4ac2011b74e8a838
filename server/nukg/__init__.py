"""NATO-Ukraine Relations Knowledge Graph: build, validate and serve the graph."""

__version__ = "0.1.0"
