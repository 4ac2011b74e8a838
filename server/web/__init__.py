"""The web layer: thin Flask blueprints over the store."""

from flask import current_app


def get_store():
    """The application's :class:`server.store.Store`."""
    return current_app.extensions["nukg.store"]
