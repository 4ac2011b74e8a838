"""The Flask application factory."""

from __future__ import annotations

import os

from flask import Flask

from ..core import settings
from ..core.formats import HTML, JSON, TURTLE
from ..kg.build import open_graph
from ..kg.buildcache import cache_at
from ..release.files import LazyRelease
from ..store.base import Store
from ..store.pooled import open_store
from . import api, documents, dumps, metrics, ops, pages, preload, reconcile, requests, search, sparql, timeline
from .answer_cache import AnswerCache
from .errors import register_error_handlers
from .fastpath import FastPath
from .headers import add_common_headers


def create_app(config: dict | None = None, store: Store | None = None) -> Flask:
    """Build the app; with no ``store``, load the graph from the project folder and start the query processes."""
    root = settings.find_root((config or {}).get("NUKG_ROOT"))
    app = Flask(__name__, instance_path=str(root / "instance"))
    load_config(app, {**(config or {}), "NUKG_ROOT": root})
    init_store(app, store)
    for bp in (pages.bp, sparql.bp, search.bp, timeline.bp, api.bp, reconcile.bp, documents.bp, dumps.bp, ops.bp):
        app.register_blueprint(bp)
    register_error_handlers(app)
    app.before_request(requests.begin)
    app.after_request(add_common_headers)
    app.after_request(observe)
    app.jinja_env.globals["FORMAT"] = {"html": HTML, "json": JSON, "turtle": TURTLE}  # for <link type=...>
    app.wsgi_app = FastPath(app, app.wsgi_app)  # GET /sparql without Flask's request machinery
    return app


def load_config(app: Flask, config: dict | None = None) -> None:
    """Fill ``app.config``: defaults, the instance file ``instance/nukg.cfg``, environment, then ``config``."""
    app.config.update(settings.defaults())
    app.config.from_pyfile(os.path.join(app.instance_path, "nukg.cfg"), silent=True)
    app.config.update(settings.from_env())
    if config:
        app.config.update(config)
    for setting in settings.SETTINGS:
        app.config[setting.name] = settings.parse(setting.name, app.config[setting.name])
    # Flask refuses larger bodies itself (413) before anything reads them.
    app.config["MAX_CONTENT_LENGTH"] = 4 * app.config["NUKG_MAX_QUERY_BYTES"] + 4096


def init_store(app: Flask, store: Store | None) -> None:
    loaded = preload.shared(app.config["NUKG_ROOT"])  # what `nukg serve` loaded before forking the workers
    if loaded is None:
        # the validated build `nukg serve` cached, read back (no Turtle parsed); else the Turtle files
        loaded = preload.parts_of(app.config["NUKG_ROOT"],
                                  open_graph(app.config["NUKG_ROOT"], cache_at(app.config["NUKG_CACHE_DIR"])))
    graph = loaded.graph
    app.extensions["nukg.kg"] = graph
    app.extensions["nukg.documents"] = loaded.documents
    app.extensions["nukg.search"] = loaded.search
    app.extensions["nukg.queries"] = loaded.queries
    app.extensions["nukg.release"] = LazyRelease()
    app.extensions["nukg.store"] = store if store is not None else open_store(graph, app.config)
    # answers are kept only from a store whose data cannot change while the server runs (not a remote one)
    app.extensions["nukg.answers"] = AnswerCache(
        app.config["NUKG_ANSWER_CACHE_BYTES"] if getattr(app.extensions["nukg.store"], "fixed", True) else 0)
    metrics.measure(app.extensions["nukg.store"])  # query times, and the query pool's counters


def observe(response):
    """Every response: its request id header, its count in the metrics and its access log line."""
    metrics.count_response(requests.route(), response.status_code)
    return requests.finish(response)
