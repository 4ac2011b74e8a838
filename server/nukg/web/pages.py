"""The home page."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from ..core.namespaces import BASE, NUK, NUO
from .context import get_documents, get_store
from .links import href_for
from .views.home import figures

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
    # the figures' links depend on where the app is mounted
    numbers = docs.cached(("figures", request.script_root),
                          lambda: figures(docs.kg, href_for, tuple(map(str, START_HERE))))
    counts = {str(entry["class"].title): entry for entry in numbers["by_class"]}
    start_classes = [counts[str(c)] for c in START_CLASSES if str(c) in counts]
    return render_template("home.html", sizes=store.sizes, version=store.version, figures=numbers,
                           start_classes=start_classes, base=BASE)
