"""The Flask application factory."""

from __future__ import annotations

from flask import Flask, current_app, request

from . import kg as kg_module
from .config import load_config
from .errors import register_error_handlers
from .store import Store, build_store
from .web import dumps, pages, resources, sparql


def create_app(config: dict | None = None, store: Store | None = None) -> Flask:
    """Build the app; with no ``store``, load the graph from ``NUKG_ROOT`` and start the query processes."""
    app = Flask(__name__)
    load_config(app, config)
    init_store(app, store)
    for bp in (pages.bp, sparql.bp, resources.bp, dumps.bp):
        app.register_blueprint(bp)
    register_error_handlers(app)
    app.after_request(add_common_headers)
    return app


def init_store(app: Flask, store: Store | None) -> None:
    graph = kg_module.load(app.config["NUKG_ROOT"])
    app.extensions["nukg.kg"] = graph
    if store is None:
        store = build_store(graph, app.config)
    app.extensions["nukg.store"] = store


HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def add_common_headers(response):
    """Any origin may read any response; preflights are answered for the methods we serve.

    Also: no content sniffing, and a script-free policy for HTML pages.
    """
    response.headers["Access-Control-Allow-Origin"] = current_app.config["NUKG_CORS_ORIGIN"]
    response.headers["X-Content-Type-Options"] = "nosniff"
    if response.mimetype == "text/html":
        # our pages have no scripts; query answers rendered as HTML must not gain any
        response.headers["Content-Security-Policy"] = HTML_POLICY
    response.headers["Access-Control-Expose-Headers"] = (
        "ETag, Content-Type, Content-Length, Content-Location, Content-Disposition, Last-Modified, Link, Location, "
        "Retry-After, Vary"
    )
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "Accept, Content-Type, If-None-Match"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
