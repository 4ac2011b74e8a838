"""``GET /search?q=...``: things and ontology terms by label, acronym or description.

``GET /search/suggest?q=...`` gives the first few names for a search box as typed, in the
OpenSearch suggestions shape (``[query, [labels], [descriptions], [URLs]]``), which the header's
search box reads and browsers can use too: ``/opensearch.xml`` describes both.

A page for browsers and JSON for everyone else (``?format=json`` or ``html``
overrides); ``class`` (an IRI or a prefixed name such as ``nuo:TrustFund``) keeps
the resources of that class, subclasses' instances included.  An empty query is
the search form, or a 400 for JSON.  See :mod:`nukg.kg.search` for the ranking.
"""

from __future__ import annotations

import json

from flask import Blueprint, current_app, jsonify, render_template, request

from ..core.errors import BadRequest
from ..core.formats import HTML, OPENSEARCH, SUGGESTIONS
from ..kg.queries import expand_iri
from ..kg.search import MAX_LIMIT, MAX_QUERY
from .caching import cacheable
from .context import get_search, page_format
from .links import href_for

bp = Blueprint("search", __name__)

DEFAULT_LIMIT = 20
SUGGESTED = 8  # names a search box is offered


def _integer(name: str, default: int, low: int, high: int) -> int:
    value = request.args.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise BadRequest(f"Parameter {name!r} must be a whole number from {low} to {high}, not {value!r}.")
    return int(value)


def _query() -> str:
    q = request.args.get("q", "")
    if len(q) > MAX_QUERY:
        raise BadRequest(f"Parameter 'q' is longer than {MAX_QUERY} characters.")
    return q


def _class_of() -> str | None:
    """The ``class`` parameter as an IRI; a bad one is a 400 (expand_iri raises BadRequest)."""
    value = request.args.get("class", "").strip()
    return expand_iri(value, "class") if value else None


@bp.get("/search")
def search():
    index = get_search()
    html = page_format(("html", "json")) == "html"
    q = _query()
    cls = _class_of()
    limit = _integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _integer("offset", 0, 0, 100_000)
    if not q.strip() and not html:
        raise BadRequest("Parameter 'q' is required: the words to search for.")
    results = index.search(q, classes=[cls] if cls else None, limit=limit, offset=offset)
    if html:
        response = current_app.response_class(render_template(
            "search.html", q=q, cls=cls, results=results, limit=limit, offset=offset,
            classes=index.classes(), href_for=href_for,
        ), content_type=HTML.content_type)
    else:
        response = jsonify({
            "query": q,
            "class": cls,
            "total": results.total,
            "limit": limit,
            "offset": offset,
            "results": [
                {"iri": h.iri, "label": h.label, "types": list(h.types), "match": h.match, "score": h.score,
                 "description": h.snippet, "url": href_for(h.iri)}
                for h in results.hits
            ],
        })
    return cacheable(response, vary=not request.args.getlist("format"))


@bp.get("/search/suggest")
def suggest():
    """The best few names for what has been typed so far; an empty ``q`` has no suggestions."""
    q = _query()
    hits = get_search().search(q, limit=_integer("limit", SUGGESTED, 1, MAX_LIMIT)).hits
    body = [q, [h.label for h in hits], [h.snippet for h in hits], [href_for(h.iri) for h in hits]]
    response = current_app.response_class(json.dumps(body, ensure_ascii=False), content_type=SUGGESTIONS)
    return cacheable(response)


@bp.get("/opensearch.xml")
def opensearch():
    """The OpenSearch description: lets a browser add this site's search, with its suggestions."""
    body = render_template("opensearch.xml")
    response = current_app.response_class(body, content_type=OPENSEARCH)
    return cacheable(response)
