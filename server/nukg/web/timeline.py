"""``GET /timeline``: every dated thing from 1991 to 2022, drawn on a time axis and listed by year.

A page for browsers (a server-drawn SVG, no script) and JSON for everyone else;
``?format=html``, ``json`` or ``csv`` overrides.  Dates keep the source's
precision (see :mod:`nukg.kg.timeline`); the events are found once per app.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, current_app, jsonify, render_template, request

from ..core.errors import BadRequest
from ..core.formats import RESULTS, by_name
from ..kg.timeline import FIRST_YEAR, LAST_YEAR, events
from .caching import cached_or, etag_of
from .context import get_kg, wants_html
from .links import href_for
from .views.timeline import by_year, draw

bp = Blueprint("timeline", __name__)

FORMATS = ("html", "json", "csv")
CSV_COLUMNS = ("date", "precision", "kind", "label", "iri")


def get_events():
    """The events of the app's graph, found on first use."""
    found = current_app.extensions.get("nukg.timeline")
    if found is None:
        found = current_app.extensions["nukg.timeline"] = events(get_kg().union)
    return found


def _format() -> str:
    formats = request.args.getlist("format")
    if formats:
        if formats[-1] not in FORMATS:
            raise BadRequest(f"Parameter 'format' must be one of {', '.join(FORMATS)}, not {formats[-1]!r}.")
        return formats[-1]
    return "html" if wants_html() else "json"


def _html(found):
    drawing = draw(found, href_for)
    return current_app.response_class(render_template(
        "timeline.html", drawing=drawing, years=by_year(drawing.marks),
    ), mimetype="text/html")


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
    fmt = _format()
    negotiated = not request.args.getlist("format")
    etag = etag_of("timeline", get_kg().version, fmt, request.script_root)
    make = {"html": _html, "json": _json, "csv": _csv}[fmt]
    return cached_or(etag, lambda: make(get_events()), vary=negotiated)
