"""Operations: the health check at ``/-/health``."""

from __future__ import annotations

from flask import Blueprint, current_app

from .context import get_store

bp = Blueprint("ops", __name__)


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
        "query_timeout": current_app.config["NUKG_QUERY_TIMEOUT"] if pool else None,
    }
    response = current_app.json.response(body)
    response.headers["Cache-Control"] = "no-store"
    return response
