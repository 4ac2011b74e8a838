"""The named queries as a REST API: ``GET /api/queries/{name}``, one operation per file of ``queries/``.

- Parameters are the query's own (its header says their types, choices and defaults), given in the
  URL's query string; each is bound as an RDF term (see :mod:`nukg.kg.queries`), never pasted into
  the text.  A bad value is a 400 naming the parameter and what it expects.
- ``limit`` (default 100, at most 10,000) and ``offset`` page through the rows; ``Link`` headers
  point to the first, previous, next and last pages, and ``X-Total-Count`` says how many rows there are.
- The answer's format comes from a suffix (``.json``, ``.csv``, ``.srj``) or else from ``Accept``:
  a plain JSON array of objects (the default), CSV, or SPARQL JSON (the formats table's ``ROWS``).  In the plain forms, a column
  whose values are IRIs has two more: ``{column}_label`` (the thing's label) and ``{column}_url``
  (its page on this server; other IRIs have none).
- The same limits, caching headers (ETag, 304) and errors as ``/sparql``.

``GET /api/queries`` lists the operations; ``/api/`` is the documentation page for browsers (the
OpenAPI document of the whole server, ``/api/openapi.json``, in Swagger UI).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, render_template, request, url_for

from ..core.errors import BadRequest, NotFound
from .. import __version__
from ..core.formats import HTML, JSON, RESULTS, ROWS, by_name, negotiate, split_suffix
from ..core.namespaces import XSD_STRING
from ..kg.names import labels_by_iri
from ..store.querycheck import check_query
from . import openapi
from .caching import cacheable, etag_of, is_not_modified, not_modified
from .context import get_answers, get_documents, get_kg, get_queries, get_store, wants_html
from .links import href_for
from .answering import may_vary
from .sparql import run_query

bp = Blueprint("api", __name__)

DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET = 100, 10_000, 1_000_000
PAGING = ("limit", "offset")
_NUMBERS = {"integer", "decimal", "double", "float", "long", "int", "short", "byte", "nonNegativeInteger",
            "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"}


@bp.get("/api/")
def index():
    """The documentation page for browsers; the list of operations for everyone else."""
    if wants_html():
        return docs()
    return operations()


@bp.get("/api/docs")
def docs():
    page = render_template("api_docs.html", spec=url_for("api.openapi_document"))
    return cacheable(current_app.response_class(page, content_type=HTML.content_type), vary=True)


@bp.get("/api/openapi.json")
def openapi_document():
    """The document; made once per mount point, with this request's address as its server (the Host header
    varies, so it is added to each answer, never kept)."""
    made = get_documents().cached(("openapi", request.script_root), openapi.document)
    server = request.host_url.rstrip("/") + request.script_root
    body = json.dumps({**made, "servers": [{"url": server}]}, ensure_ascii=False, indent=1)
    response = current_app.response_class(body, content_type=JSON.media_type)
    return cacheable(response, etag_of(get_store().version, queries_version(), __version__, server))


def queries_version() -> str:
    """What the named queries' answers and descriptions depend on besides the data: their files' text."""
    return get_documents().cached("queries-version", lambda: hashlib.sha256(
        "\0".join(q.text for q in get_queries().values()).encode("utf-8")).hexdigest()[:12])


@bp.get("/api/queries")
def operations():
    return cacheable(jsonify({  # /api/ answers this or a page, by Accept
        "openapi": url_for("api.openapi_document", _external=True),
        "queries": [{
            "name": q.name, "summary": q.summary, "description": q.description, "tags": list(q.tags),
            "parameters": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description,
                            **({"enum": list(p.enum)} if p.enum else {})} for p in q.params],
            "url": url_for("api.run", name=q.name, _external=True),
        } for q in get_queries().values()],
    }), vary=True)


@bp.get("/api/queries/<name>")
def run(name: str):
    base, suffixed = split_suffix(name, ROWS)
    query = get_queries().get(base)
    if query is None:
        raise NotFound(f"No named query {base!r}. The list is at {url_for('api.operations')}.")
    fmt = suffixed or negotiate(request.headers.get("Accept"), None, ROWS)  # a suffix beats Accept
    values = _values({p.name for p in query.params})
    limit = _whole("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    offset = _whole("offset", 0, 0, MAX_OFFSET)
    substitutions = query.substitutions(values)
    store = get_store()
    etag = etag_of(store.version, "api", query.text, sorted(values.items()), limit, offset, fmt.name, __version__)
    if is_not_modified(etag):
        return not_modified(etag, vary=not suffixed)
    # the rows' URLs and the paging links follow the host, the mount point and the path as asked (a suffix or not)
    cache, key = get_answers(), ("api", etag, request.host_url, request.script_root, request.path)
    kept = cache.get(key)
    if kept is not None:
        return cacheable(kept.response(current_app.response_class), etag, vary=not suffixed)
    response = _rows(name, query, values, substitutions, limit, offset, fmt)
    if not may_vary(query.text):
        cache.put(key, response.get_data(), response.content_type, etag,
                  tuple((h, response.headers[h]) for h in ("X-Total-Count", "Link")))
    return cacheable(response, etag, vary=not suffixed)


def _rows(name, query, values, substitutions, limit, offset, fmt):
    """The response with one page of a named query's answer, in ``fmt``."""
    answer = run_query(check_query(query.text), by_name(RESULTS, "json"), substitutions=substitutions)
    try:
        results = json.loads(answer.body)
    finally:
        answer.release()
    head = results["head"]["vars"]
    rows = results["results"]["bindings"]
    page = rows[offset:offset + limit]
    if fmt.name == "srj":
        body = json.dumps({"head": {"vars": head}, "results": {"bindings": page}}, ensure_ascii=False)
    else:
        columns = _columns(head, rows)
        labels = get_documents().cached("labels", lambda: labels_by_iri(get_kg().union))
        flat = [_flat(row, head, labels) for row in page]
        body = _csv(columns, flat) if fmt.name == "csv" else json.dumps(
            [{c: r.get(c) for c in columns} for r in flat], ensure_ascii=False)
    response = current_app.response_class(body, content_type=fmt.content_type)
    response.headers["X-Total-Count"] = str(len(rows))
    response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"'
                                         for rel, url in _links(name, values, limit, offset, len(rows)))
    return response


def _values(known: set[str]) -> dict[str, str]:
    values = {}
    for name in request.args:
        given = request.args.getlist(name)
        if name in PAGING:
            continue
        if len(given) > 1:
            raise BadRequest(f"Parameter {name!r} is given {len(given)} times; give it once.")
        if name not in known:
            raise BadRequest(f"Unknown parameter {name!r}: this query takes "
                             + (", ".join(sorted(known | set(PAGING)))) + ".")
        values[name] = given[0]
    return values


def _whole(name: str, default: int, low: int, high: int) -> int:
    given = request.args.getlist(name)
    if len(given) > 1:
        raise BadRequest(f"Parameter {name!r} is given {len(given)} times; give it once.")
    if not given:
        return default
    if not given[0].isascii() or not given[0].isdigit() or not low <= int(given[0]) <= high:
        raise BadRequest(f"Parameter {name!r} must be a whole number from {low} to {high}, not {given[0]!r}.")
    return int(given[0])


def _columns(head: list[str], rows: list[dict]) -> list[str]:
    """The plain answer's columns: each variable, and for those holding IRIs their label and page."""
    columns = []
    for var in head:
        columns.append(var)
        if any(row.get(var, {}).get("type") == "uri" for row in rows):
            columns += [f"{var}_label", f"{var}_url"]
    return columns


def _flat(row: dict, head: list[str], labels: dict[str, str]) -> dict:
    flat = {}
    for var in head:
        term = row.get(var)
        if term is None:
            continue
        if term["type"] == "uri":
            iri = term["value"]
            flat[var] = iri
            flat[f"{var}_label"] = labels.get(iri)
            page = href_for(iri)
            flat[f"{var}_url"] = request.host_url.rstrip("/") + page if page and page.startswith("/") else None
        else:
            flat[var] = _value(term)
    return flat


def _value(term: dict):
    """A literal as JSON has it: numbers as numbers, booleans as booleans, anything else as its text."""
    value, datatype = term["value"], term.get("datatype", XSD_STRING)
    local = datatype.rpartition("#")[2]
    try:
        if local == "boolean":
            return value in ("true", "1")
        if local in _NUMBERS:
            return int(value) if local not in ("decimal", "double", "float") else float(value)
    except ValueError:
        pass
    return value


def _csv(columns: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else str(row[c]).lower() if isinstance(row[c], bool)
                         else row[c] for c in columns])
    return out.getvalue()


def _links(name: str, values: dict, limit: int, offset: int, total: int) -> list[tuple[str, str]]:
    def page(at: int) -> str:  # (a parameter may be called "name": the query string is made here)
        return url_for("api.run", name=name, _external=True) + "?" + urlencode({**values, "limit": limit,
                                                                                "offset": at})

    last = max(0, (total - 1) // limit * limit)
    links = [("first", page(0))]
    if offset > 0:
        links.append(("prev", page(min(max(0, offset - limit), last))))
    if offset + limit < total:
        links.append(("next", page(offset + limit)))
    links.append(("last", page(last)))
    return links
