"""Operations: liveness at ``/-/health``, readiness at ``/-/ready``, metrics at ``/-/metrics``.

``/-/health`` says the web process is up and gives a few figures; ``/-/ready`` says
that the store answers (it runs ``ASK {}``), so a load balancer can hold traffic
back until it does; ``/-/metrics`` is for Prometheus.  None of them is cached.
"""

from __future__ import annotations

from flask import Blueprint, current_app

from ..core.errors import HTTPError, ServiceUnavailable
from ..core.formats import RESULTS, by_name
from ..store.querycheck import check_query
from . import metrics
from .context import get_store

bp = Blueprint("ops", __name__)

PROBE = "ASK {}"  # the trivial query /-/ready runs


@bp.get("/-/health")
def health():
    """Liveness and a few figures, as JSON; 200 while the store answers."""
    store = get_store()
    pool = getattr(store, "pool", None)
    body = {
        "ok": True,
        "version": store.version,
        "triples": store.sizes.get("", 0),
        "query_processes": len(pool.pids) if pool else 0,
        "query_timeout": getattr(store, "timeout", None),  # None: a store that runs queries without a limit
    }
    return _no_store(current_app.json.response(body))


@bp.get("/-/ready")
def ready():
    """200 ``{"ready": true}`` once the store answers a trivial query, else 503 (an error body)."""
    store = get_store()
    run = getattr(store.run, "__wrapped__", store.run)  # the probe stays out of the query metrics
    try:
        run(check_query(PROBE), by_name(RESULTS, "json")).release()  # its bytes leave the budget
    except HTTPError as exc:
        raise ServiceUnavailable("The store does not answer queries yet.", ready=False,
                                 internal=f"{type(exc).__name__}: {exc.internal or exc.message}") from None
    except Exception as exc:  # an engine or OS error: its text is for the log only
        raise ServiceUnavailable("The store does not answer queries yet.", ready=False,
                                 internal=f"{type(exc).__name__}: {exc}") from None
    return _no_store(current_app.json.response({"ready": True}))


@bp.get("/-/metrics")
def prometheus_metrics():
    """The metrics in the Prometheus text format."""
    body, content_type = metrics.exposition()
    return _no_store(current_app.response_class(body, content_type=content_type))


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response
