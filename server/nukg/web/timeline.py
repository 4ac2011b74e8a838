"""``GET /timeline``: every dated thing from 1991 to 2022, drawn on a time axis and listed by year.

A page for browsers (a server-drawn SVG, no script) and JSON for everyone else;
``?format=html``, ``json`` or ``csv`` overrides.  Dates keep the source's
precision (see :mod:`nukg.kg.timeline`); the events are found once per app.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, current_app, jsonify, render_template, request

from ..core.formats import HTML, RESULTS, by_name
from ..kg.timeline import FIRST_YEAR, LAST_YEAR, events
from .caching import cached_or, etag_of
from .context import get_documents, get_kg, page_format
from .links import href_for
from .views.timeline import by_year, draw

bp = Blueprint("timeline", __name__)

FORMATS = ("html", "json", "csv")
CSV_COLUMNS = ("date", "precision", "kind", "label", "iri")


def get_events():
    """The events of the app's graph, found once, on first use (the documents' cache of derived things)."""
    docs = get_documents()
    return docs.cached(("timeline",), lambda: events(docs.kg.union))


def _html(found):
    drawing = draw(found, href_for)
    return current_app.response_class(render_template(
        "timeline.html", drawing=drawing, years=by_year(drawing.marks),
    ), content_type=HTML.content_type)


def _json(found):
    return jsonify({
        "from": FIRST_YEAR,
        "to": LAST_YEAR,
        "events": [
            {"iri": e.iri, "label": e.label, "date": e.date, "precision": e.precision, "kind": e.kind,
             "property": e.property, "propertyLabel": e.property_label, "url": href_for(e.iri)}
            for e in found
        ],
    })


def _csv(found):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in found:
        writer.writerow((e.date, e.precision, e.kind, e.label, e.iri))
    return current_app.response_class(out.getvalue(), content_type=by_name(RESULTS, "csv").content_type)


@bp.get("/timeline")
def timeline():
    fmt = page_format(FORMATS)
    negotiated = not request.args.getlist("format")
    etag = etag_of("timeline", get_kg().version, fmt, request.script_root)
    make = {"html": _html, "json": _json, "csv": _csv}[fmt]
    return cached_or(etag, lambda: make(get_events()), vary=negotiated)
