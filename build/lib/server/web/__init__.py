"""The web layer: thin Flask blueprints over the store."""

from flask import current_app


def get_store():
    """The application's :class:`server.store.Store`."""
    return current_app.extensions["nukg.store"]


def get_kg():
    """The application's :class:`server.kg.KnowledgeGraph` (parsed and inferred once, at start)."""
    return current_app.extensions["nukg.kg"]
