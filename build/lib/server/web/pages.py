"""The home page and the health check."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from .. import docpages
from ..namespaces import BASE, NUK, NUO
from . import get_store
from .resources import get_documents, href_for

bp = Blueprint("pages", __name__)

# Where the home page suggests starting (those present in the data are shown).
START_HERE = (
    NUK["nato-ukraine-commission"],
    NUK["charter-on-a-distinctive-partnership"],
    NUK["comprehensive-assistance-package"],
    NUK["annual-national-programme"],
    NUK["russian-invasion-of-ukraine-2022"],
    NUK["ukraine"],
    NUK["relations-with-ukraine"],
)
START_CLASSES = (NUO.TrustFund, NUO.Summit, NUO.Programme, NUO.Operation, NUO.CooperationArea)


@bp.get("/")
def home():
    store = get_store()
    docs = get_documents()
    figures = docs.cached(("figures",), lambda: docpages.figures(docs.kg, href_for, tuple(map(str, START_HERE))))
    counts = {str(entry["class"].title): entry for entry in figures["by_class"]}
    start_classes = [counts[str(c)] for c in START_CLASSES if str(c) in counts]
    return render_template("home.html", sizes=store.sizes, version=store.version, figures=figures,
                           start_classes=start_classes, base=BASE)


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
