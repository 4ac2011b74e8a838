"""The reconciliation service for OpenRefine and other clients of the W3C Entity Reconciliation API 0.2.

- ``GET|POST /reconcile``: without parameters, the service manifest; ``queries=`` (a JSON object of query
  ids -> queries, in the URL or a form body) answers a batch; ``extend=`` (``{ids, properties}``) gives
  the values of properties (data extension).
- ``GET /reconcile/suggest/entity|type|property?prefix=&cursor=``: names for a field as it is typed.
- ``GET /reconcile/preview?id=``: a small HTML page about a thing, which a client shows in a frame (so
  this page alone may be framed by other sites; it holds no script, form or cookie).
- ``GET /reconcile/propose_properties?type=&limit=``: the properties worth fetching for a class.
- ``callback=`` on any JSON answer wraps it as JSONP (``application/javascript``); the name must be a
  dotted JavaScript identifier, else 400.  CORS, which every response has, is the better way.

Ids, matching and scoring: :mod:`nukg.kg.reconcile`.  Errors are the app's usual error bodies.
"""

from __future__ import annotations

import json
import re

from flask import Blueprint, current_app, render_template, request, url_for

from .. import __version__
from ..core.errors import BadRequest, NotFound, PayloadTooLarge
from ..core.formats import HTML, JAVASCRIPT
from ..core.namespaces import NUK, NUO
from ..kg.reconcile import DEFAULT_LIMIT, DEFAULT_TYPES, MAX_LIMIT, MAX_QUERY, Reconciler
from .caching import cacheable
from .context import get_documents, get_kg, get_search

bp = Blueprint("reconcile", __name__, url_prefix="/reconcile")

NAME = "NATO-Ukraine Relations Knowledge Graph"
MAX_BATCH = 50  # queries in one batch (OpenRefine sends 10); the manifest says so as batchSize; more is a 413
MAX_IDS, MAX_PROPERTIES = 100, 20  # things and properties in one data extension request
MAX_JSON = 64 * 1024  # characters of a 'queries' or 'extend' parameter
CALLBACK = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]{0,63}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,63}){0,3}")
PREVIEW_SIZE = {"width": 420, "height": 180}
# The preview is made to be framed by any client (OpenRefine runs on its own host); it runs no script.
PREVIEW_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
                  "frame-ancestors *")


def get_reconciler() -> Reconciler:
    """The app's reconciler, made on first use from its graph and search index."""
    return get_documents().cached("reconciler", lambda: Reconciler(get_kg(), get_search()))


@bp.before_request
def check_callback():
    """A JSONP callback must be a plain (dotted) JavaScript name: nothing else reaches a script."""
    callback = request.args.get("callback")
    if callback is not None and not CALLBACK.fullmatch(callback):
        raise BadRequest("Parameter 'callback' must be a JavaScript name (letters, digits, _ and $, up to four "
                         "dotted parts of 64 characters).")


def answer(body: dict):
    """``body`` as JSON, or as JSONP with ``callback=``; answers to GET may be cached like every answer."""
    callback = request.args.get("callback")
    if callback:
        script = f"/**/{callback}({json.dumps(body, ensure_ascii=True)});"
        response = current_app.response_class(script, content_type=f"{JAVASCRIPT}; charset=utf-8")
    else:
        response = current_app.json.response(body)
    return cacheable(response) if request.method in ("GET", "HEAD") else response


def json_parameter(name: str):
    """The JSON value of the parameter ``name`` (from the URL or a form body), once and not too long."""
    values = request.values.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"Parameter {name!r} is given {len(values)} times; give it once.")
    if len(values[0]) > MAX_JSON:
        raise PayloadTooLarge(f"Parameter {name!r} is longer than {MAX_JSON} characters.")
    try:
        return json.loads(values[0])
    except ValueError as exc:
        raise BadRequest(f"Parameter {name!r} is not JSON: {exc}.") from None


def integer(name: str, default: int, low: int, high: int) -> int:
    value = request.args.get(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()) or not low <= int(value) <= high:
        raise BadRequest(f"Parameter {name!r} must be a whole number from {low} to {high}, not {value!r}.")
    return int(value)


@bp.route("/", methods=["GET", "POST"])
@bp.route("", methods=["GET", "POST"])  # the address url_for gives: the rule nearest the function
def endpoint():
    """The manifest, a batch of reconciliation queries, or a data extension request."""
    queries, extend = request.values.getlist("queries"), request.values.getlist("extend")
    if queries and extend:
        raise BadRequest("Give either 'queries' or 'extend', not both.")
    if queries:
        return answer(reconcile(json_parameter("queries")))
    if extend:
        return answer(data_extension(json_parameter("extend")))
    return answer(manifest())


def manifest() -> dict:
    reconciler, base = get_reconciler(), url_for("reconcile.endpoint", _external=True)
    service = lambda path: {"service_url": base, "service_path": path}  # noqa: E731
    return {
        "versions": ["0.2"], "name": NAME, "identifierSpace": str(NUK), "schemaSpace": str(NUO),
        "documentation": url_for("pages.home", _external=True), "serviceVersion": __version__, "batchSize": MAX_BATCH,
        "view": {"url": request.url_root + "id/{{id}}"},  # the thing's IRI on this host: 303 to its page
        "preview": {"url": base + "/preview?id={{id}}", **PREVIEW_SIZE},
        "defaultTypes": [reconciler.type_item(str(NUO[t])) for t in DEFAULT_TYPES if str(NUO[t]) in reconciler.classes],
        "suggest": {kind: service(f"/suggest/{kind}") for kind in ("entity", "type", "property")},
        "extend": {"propose_properties": service("/propose_properties"), "property_settings": []},
    }


def reconcile(batch) -> dict:
    """A result batch: every query is checked before any is answered."""
    if not isinstance(batch, dict):
        raise BadRequest("Parameter 'queries' must be a JSON object of query ids -> queries.")
    if len(batch) > MAX_BATCH:
        raise PayloadTooLarge(f"{len(batch)} queries in one batch; {MAX_BATCH} at most (the manifest's batchSize).")
    reconciler = get_reconciler()
    queries = {key: reconciler.query(key, raw) for key, raw in batch.items()}
    return {key: {"result": reconciler.reconcile(query)} for key, query in queries.items()}


def data_extension(body) -> dict:
    ids, columns = (body.get("ids"), body.get("properties")) if isinstance(body, dict) else (None, None)
    if not (isinstance(ids, list) and isinstance(columns, list) and all(isinstance(i, str) for i in ids)
            and all(isinstance(c, dict) and isinstance(c.get("id"), str) for c in columns)):
        raise BadRequest('Parameter \'extend\' must be a JSON object {"ids": [ids], "properties": [{"id": id}...]}.')
    if len(ids) > MAX_IDS or len(columns) > MAX_PROPERTIES:
        raise PayloadTooLarge(f"A data extension request may name {MAX_IDS} ids and {MAX_PROPERTIES} properties "
                              "at most.")
    return get_reconciler().extend(ids, [c["id"] for c in columns])


@bp.get("/suggest/entity", defaults={"kind": "entity"})
@bp.get("/suggest/type", defaults={"kind": "type"})
@bp.get("/suggest/property", defaults={"kind": "property"})
def suggest(kind: str):
    """Entities (``type=`` keeps a class's), classes or properties whose names start with ``prefix``."""
    reconciler, prefix = get_reconciler(), request.args.get("prefix", "")
    if len(prefix) > MAX_QUERY:
        raise BadRequest(f"Parameter 'prefix' is longer than {MAX_QUERY} characters.")
    cursor, limit = integer("cursor", 0, 0, 100_000), integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    if kind == "entity":
        types = [reconciler.term_iri(t, reconciler.classes) for t in request.args.getlist("type") if t.strip()]
        found = reconciler.suggest_entities(prefix, cursor, limit, types)
    else:
        found = reconciler.suggest_terms(reconciler.classes if kind == "type" else reconciler.properties, prefix,
                                         cursor, limit)
    return answer({"result": found})


@bp.get("/preview")
def preview():
    """A small page about one thing, for a client's frame."""
    ident = request.args.get("id", "").strip()
    if not ident:
        raise BadRequest("Parameter 'id' is required: the id of a thing, such as nato-ukraine-commission.")
    thing = get_reconciler().preview(ident)
    if thing is None:
        raise NotFound(f"No thing {ident!r}: give the id of a thing, such as nato-ukraine-commission.")
    page = url_for("documents.document", name=thing["id"], _external=True)
    body = render_template("reconcile_preview.html", thing=thing, page=page, **PREVIEW_SIZE)
    return cacheable(current_app.response_class(body, content_type=HTML.content_type))


@bp.after_app_request
def let_previews_be_framed(response):
    """The app's policy forbids framing its pages; a preview, made for a client's frame, allows it.  This
    runs after the app's own headers: Flask runs after-request hooks in reverse order of registration,
    and this one is registered (with the blueprint) before the app factory adds its own."""
    if request.endpoint == "reconcile.preview" and response.status_code in (200, 304):
        response.headers["Content-Security-Policy"] = PREVIEW_POLICY
    return response


@bp.get("/propose_properties")
def propose_properties():
    """The properties the instances of ``type`` are described with, the most used first."""
    reconciler, type_id = get_reconciler(), request.args.get("type", "").strip()
    if not type_id:
        raise BadRequest("Parameter 'type' is required: a class id, such as Programme.")
    cls, limit = reconciler.term_iri(type_id, reconciler.classes), integer("limit", 0, 1, 1000)
    found = reconciler.propose_properties(cls, limit or len(reconciler.properties))
    return answer({"type": type_id, "properties": found, **({"limit": limit} if limit else {})})


# --- the routes in OpenAPI 3.1 (path items the server's document takes in) ---------------------------------

_TEXT, _NUMBER, _ERROR = {"type": "string"}, {"type": "number"}, {"$ref": "#/components/schemas/Error"}


def _obj(*required: str, **properties) -> dict:
    return {"type": "object", "required": list(required), "properties": properties}


def _array(items: dict, **limits) -> dict:
    return {"type": "array", "items": items, **limits}


def _one(key: str, schema: dict) -> dict:
    return {**_obj(key, **{key: schema}), "additionalProperties": False}


_NAMED = _obj("id", "name", id=_TEXT, name=_TEXT)
_TYPE = _obj("id", "name", id=_TEXT, name=_TEXT, description=_TEXT, broader=_array(_NAMED))
_MANIFEST = _obj("versions", "name", "identifierSpace", "schemaSpace", versions=_array(_TEXT), name=_TEXT,
                 identifierSpace=_TEXT, schemaSpace=_TEXT, batchSize={"type": "integer"}, defaultTypes=_array(_TYPE),
                 **{key: {"type": "object"} for key in ("view", "preview", "suggest", "extend")})
_CANDIDATE = _obj("id", "name", "score", "match", id=_TEXT, name=_TEXT, description=_TEXT, type=_array(_NAMED),
                  score={**_NUMBER, "minimum": 0, "maximum": 100}, match={"type": "boolean"},
                  features=_array(_obj("id", "value", id=_TEXT, value=_NUMBER)))
_RESULTS = {"type": "object", "additionalProperties": _obj("result", result=_array(_CANDIDATE))}
_VALUE = {"oneOf": [{**_NAMED, "additionalProperties": False}, _one("str", _TEXT), _one("int", {"type": "integer"}),
                    _one("float", _NUMBER), _one("date", {"type": "string", "format": "date-time"})]}
_EXTENSION = _obj("meta", "rows", meta=_array(_obj("id", "name", id=_TEXT, name=_TEXT, type=_NAMED)),
                  rows={"type": "object", "additionalProperties": {"type": "object",
                                                                   "additionalProperties": _array(_VALUE)}})
_GIVEN = {"anyOf": [_TEXT, _NUMBER, {"type": "boolean"}, _obj("id", id=_TEXT, name=_TEXT)]}
_QUERY = _obj(query={"type": "string", "maxLength": MAX_QUERY}, type={"anyOf": [_TEXT, _array(_TEXT, maxItems=20)]},
              type_strict={"enum": ["any", "should", "all"]}, limit={"type": "integer", "minimum": 1},
              properties=_array(_obj("pid", "v", pid=_TEXT, v={"anyOf": [_GIVEN, _array(_GIVEN, minItems=1,
                                                                                        maxItems=20)]}), maxItems=20))
# Larger batches and requests than the limits are refused with 413, which is no schema error: limits are words here.
_BATCH = {"type": "object", "additionalProperties": _QUERY, "description": f"Query ids -> queries ({MAX_BATCH} at "
          "most): a text, and maybe class ids, a limit and property constraints."}
_EXTEND = {**_obj("ids", "properties", ids=_array(_TEXT), properties=_array(_obj("id", id=_TEXT))),
           "description": f"{MAX_IDS} ids and {MAX_PROPERTIES} properties at most."}


def _param(name: str, description: str, schema: dict, required: bool = False, media: str | None = None) -> dict:
    typed = {"content": {media: {"schema": schema}}} if media else {"schema": schema}
    return {"name": name, "in": "query", "required": required, "description": description, **typed}


def _operation(summary: str, schema: dict, parameters: list, media: str = "application/json", cached=True) -> dict:
    content = {media: {"schema": schema}, **({JAVASCRIPT: {"schema": _TEXT}} if media.endswith("json") else {})}
    responses = {"200": {"description": "The answer (JSONP with callback=).", "content": content}}
    if cached:
        responses["304"] = {"description": "Not modified: the copy named in If-None-Match is current."}
    responses["default"] = {"description": "An error: JSON for machines, a page for browsers.",
                            "content": {"application/json": {"schema": _ERROR}, "text/html": {"schema": _TEXT}}}
    return {"tags": ["reconciliation"], "summary": summary, "parameters": parameters, "responses": responses}


_CALLBACK = _param("callback", "Wrap the JSON as JSONP: a call of this function.",
                   {"type": "string", "pattern": f"^{CALLBACK.pattern}$"})
_PAGE = [_param("prefix", "What has been typed.", {"type": "string", "maxLength": MAX_QUERY}),
         _param("cursor", "Suggestions to skip.", {"type": "integer", "minimum": 0, "maximum": 100_000}),
         _param("limit", "Suggestions to give.", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}), _CALLBACK]
_FORM = {"application/x-www-form-urlencoded": {"schema": _obj(
    queries={**_TEXT, "description": "A reconciliation query batch, as JSON."},
    extend={**_TEXT, "description": "A data extension request, as JSON."})}}
OPENAPI_PATHS = {
    "/reconcile": {
        "get": _operation("The manifest; or the candidates for a batch of queries; or property values of things",
                          {"anyOf": [_MANIFEST, _RESULTS, _EXTENSION]}, [
                              _param("queries", "A reconciliation query batch.", _BATCH, media="application/json"),
                              _param("extend", "A data extension request.", _EXTEND, media="application/json"),
                              _CALLBACK]),
        "post": {**_operation("Candidates for a batch of queries, or property values of things, sent as a form",
                              {"anyOf": [_MANIFEST, _RESULTS, _EXTENSION]}, [], cached=False),
                 "requestBody": {"content": _FORM}},
    },
    "/reconcile/suggest/entity": {"get": _operation(
        "Things whose names start with what has been typed",
        _obj("result", result=_array(_obj("id", "name", id=_TEXT, name=_TEXT, description=_TEXT,
                                          notable=_array(_NAMED)))),
        [*_PAGE, _param("type", "Only instances of this class (a class id).", _TEXT)])},
    "/reconcile/suggest/type": {"get": _operation(
        "Classes whose names start with what has been typed", _obj("result", result=_array(_TYPE)), _PAGE)},
    "/reconcile/suggest/property": {"get": _operation(
        "Properties whose names start with what has been typed",
        _obj("result", result=_array(_obj("id", "name", id=_TEXT, name=_TEXT, description=_TEXT))), _PAGE)},
    "/reconcile/preview": {"get": _operation(
        "A small page about a thing, to show in a frame", _TEXT,
        [_param("id", "A thing's id (its slug).", _TEXT, required=True)], media="text/html")},
    "/reconcile/propose_properties": {"get": _operation(
        "The properties worth fetching for the things of a class, the most used first",
        _obj("type", "properties", type=_TEXT, limit={"type": "integer"}, properties=_array(_NAMED)),
        [_param("type", "A class id, such as Programme.", _TEXT, required=True),
         _param("limit", "Properties to give at most.", {"type": "integer", "minimum": 1, "maximum": 1000}),
         _CALLBACK])},
}
