"""The OpenAPI 3.1 document of the whole server (``/api/openapi.json``).

Made from what the server is: the formats table gives each operation's media types, and each
named query of ``queries/`` becomes an operation of its own with its parameters (types,
choices, defaults) from the file's header.  Every error, whatever its status, has the one
shape of ``components.schemas.Error`` (or an HTML page for browsers), so each operation lists
its answers and a ``default`` error.  Paths hold the server's own paths; ``servers``, which says
where this copy runs, is added to each answer.
"""

from __future__ import annotations

import re

from ..core.formats import (
    ACCEPTED_BODIES,
    CSV_TEXT,
    DOCUMENT,
    FILE,
    GRAPH,
    HTML,
    JSON,
    OPENSEARCH,
    PLAIN_TEXT,
    RESULTS,
    ROWS,
    SUGGESTIONS,
    formats_of,
)
from ..core.namespaces import PREFIX_IRIS
from ..kg.queries import ABSOLUTE_IRI, LOCAL_NAME, PARAM_TYPES, NamedQuery
from .context import get_queries, get_store
from .reconcile import OPENAPI_PATHS as RECONCILIATION_PATHS

VERSION = "3.1.0"
ERROR = {"$ref": "#/components/schemas/Error"}
TEXT = {"type": "string"}
OBJECT = {"type": "object"}
_LEXICAL = {name: pattern.pattern for name, pattern in PARAM_TYPES.items() if pattern is not None}


def document() -> dict:
    """The document for this mount point, without ``servers`` (the web layer adds where it runs)."""
    return {
        "openapi": VERSION,
        "info": {
            "title": "NATO-Ukraine Relations Knowledge Graph",
            "version": get_store().version,
            "summary": "Facts from NATO's page \"Relations with Ukraine\" (15 June 2022) as linked data.",
            "description": "A read-only SPARQL 1.1 endpoint, the graph's documents and downloads, search, a "
                           "timeline, the named queries as a REST API, and an OpenRefine reconciliation service.",
            "license": {"name": "CC BY 4.0 (ontology, data and shapes)",
                        "identifier": "CC-BY-4.0"},
        },
        "tags": [{"name": n, "description": d} for n, d in TAGS],
        "paths": _with_operation_ids({**_fixed_paths(), **RECONCILIATION_PATHS, **_query_paths(get_queries())}),
        "components": {"schemas": SCHEMAS},
    }


TAGS = (
    ("sparql", "The SPARQL 1.1 Protocol endpoint (read-only)."),
    ("documents", "Every IRI of the graph, and the documents about it."),
    ("downloads", "The release files and the dataset's description."),
    ("search", "Finding things by name."),
    ("queries", "The project's named queries (competency questions), answered as rows."),
    ("reconciliation", "The W3C Entity Reconciliation API (0.2), as OpenRefine speaks it."),
    ("operations", "Health, readiness and metrics."),
)

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["ok", "status", "error"],
        "properties": {
            "ok": {"const": False},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "error": {"type": "string", "description": "What went wrong, and what to do about it."},
            "request_id": {"type": "string", "description": "Quote it when you report the error."},
        },
    },
    "SparqlResults": {
        "type": "object",
        "description": "SPARQL 1.1 Query Results JSON Format.",
        "required": ["head"],
        "properties": {
            "head": {"type": "object", "properties": {"vars": {"type": "array", "items": TEXT}}},
            "results": {"type": "object", "properties": {"bindings": {"type": "array", "items": OBJECT}}},
            "boolean": {"type": "boolean"},
        },
    },
    "Rows": {
        "type": "array",
        "description": "One object a row: each variable's value (an IRI, text, number or boolean); a column of "
                       "IRIs has two more, {column}_label and {column}_url (the thing's page here).",
        "items": {"type": "object",
                  "additionalProperties": {"type": ["string", "number", "boolean", "null"]}},
    },
}


def _answer(content: dict, description: str = "The answer.") -> dict:
    return {"description": description, "content": content}


def _responses(ok: dict, *, not_modified: bool = True, redirect: str | None = None) -> dict:
    responses = {"200": ok}
    if not_modified:
        responses["304"] = {"description": "Not modified: the copy named in If-None-Match is current."}
    if redirect:
        responses["303"] = {"description": redirect}
    responses["default"] = _answer({JSON.media_type: {"schema": ERROR}, HTML.media_type: {"schema": TEXT}},
                                   "An error: JSON for machines, a page for browsers.")
    return responses


def _content(formats, json_schema=OBJECT) -> dict:
    return {f.media_type: {"schema": json_schema if f.media_type.endswith("json") else TEXT} for f in formats}


def _param(name: str, description: str, schema: dict, *, required: bool = False, where: str = "query") -> dict:
    return {"name": name, "in": where, "required": required, "description": description, "schema": schema}


def _get(tag: str, summary: str, responses: dict, parameters=(), description: str | None = None) -> dict:
    operation = {"tags": [tag], "summary": summary, "responses": responses}
    if description:
        operation["description"] = description
    if parameters:
        operation["parameters"] = list(parameters)
    return {"get": operation}


def _fixed_paths() -> dict:
    results = {**_content(formats_of(RESULTS), {"$ref": "#/components/schemas/SparqlResults"}),
               **_content(formats_of(GRAPH))}
    sparql_params = [
        _param("query", "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE).", TEXT),
        _param("default-graph-uri", "Graphs to take as the default graph.", {"type": "array", "items": TEXT}),
        _param("named-graph-uri", "Graphs to take as the named graphs.", {"type": "array", "items": TEXT}),
        _param("format", "The answer's format, by name or media type (beats Accept).", TEXT),
    ]
    sparql = _get("sparql", "Run a query, or get the service description", _responses(_answer(results)),
                  sparql_params, "Without a query: the service description (RDF), or the query editor for "
                  "browsers. Updates and SERVICE are refused (403).")
    sparql["post"] = {
        "tags": ["sparql"], "summary": "Run a query sent in the body",
        "requestBody": {"required": True, "content": {
            ACCEPTED_BODIES[0]: {"schema": {"type": "object", "required": ["query"],
                                                             "properties": {"query": TEXT, "format": TEXT}}},
            ACCEPTED_BODIES[1]: {"schema": TEXT}}},
        "responses": _responses(_answer(results), not_modified=False),
    }
    documents = _content(formats_of(DOCUMENT))
    html = {HTML.media_type: {"schema": TEXT}}
    json_or_html = {JSON.media_type: {"schema": OBJECT}, HTML.media_type: {"schema": TEXT}}
    slug = _param("slug", "The local name of a thing (nuk:).", TEXT, required=True, where="path")
    term = _param("name", "The local name of an ontology term (nuo:) or shape (nus:).", TEXT, required=True,
                  where="path")
    see_other = "See Other: the document in the format asked for."

    def redirect(summary: str, parameters=()) -> dict:
        return _get("documents", summary, _responses(_answer(documents), redirect=see_other), parameters)

    return {
        "/sparql": sparql,
        "/": _get("documents", "The home page", _responses(_answer(html))),
        "/id/{slug}": _get("documents", "A thing's IRI: 303 to the document about it",
                           _responses(_answer(documents), redirect="See Other: the document in the format asked "
                                      "for."), [slug]),
        "/doc/{slug}": _get("documents", "The document about a thing (a suffix such as .ttl picks a format)",
                            _responses(_answer(documents)), [slug]),
        "/id/": redirect("The things' namespace: 404, with a pointer to the search"),
        "/doc/": _get("documents", "The documents' folder: 404, with a pointer to the search",
                      _responses(_answer(html))),
        "/ontology": redirect("The ontology's IRI: 303 to its document"),
        "/ontology/": redirect("The ontology's namespace: 303 to the ontology's document"),
        "/ontology/{name}": redirect("An ontology term's IRI: 303 to the document about it", [term]),
        "/shapes": redirect("The shapes graph's IRI: 303 to its document"),
        "/shapes/": redirect("The shapes' namespace: 303 to the shapes' document"),
        "/shapes/{name}": redirect("A shape's IRI: 303 to the document about it", [term]),
        "/download/": _get("downloads", "The release files", _responses(_answer(json_or_html))),
        "/download/{file}": _get("downloads", "A release file (a dump, its gzip, SHA256SUMS)",
                                 _responses(_answer({**_content(formats_of(GRAPH)), **_content(formats_of(FILE))})),
                                 [_param("file", "The file's name, as the list gives it.", TEXT, required=True,
                                         where="path")]),
        "/dataset": _get("downloads", "The dataset's IRI: 303 to its description",
                         _responses(_answer(_content(formats_of(GRAPH))), redirect=see_other)),
        "/.well-known/void": _get("downloads", "The dataset's VoID description",
                                  _responses(_answer(_content(formats_of(GRAPH))))),
        "/search": _get("search", "Things and terms by name, acronym or description",
                        _responses(_answer(json_or_html)), [
                            _param("q", "Words, a name or an acronym.", {"type": "string", "maxLength": 200}),
                            _param("class", "Only instances of this class (IRI or prefixed name).", TEXT),
                            _param("limit", "Hits per page.", {"type": "integer", "minimum": 1, "maximum": 100}),
                            _param("offset", "Hits to skip.", {"type": "integer", "minimum": 0}),
                            _param("format", "html or json (beats Accept).", {"enum": ["html", "json"]})]),
        "/opensearch.xml": _get("search", "The OpenSearch description of the search and its suggestions",
                                _responses(_answer({OPENSEARCH: {"schema": TEXT}}))),
        "/search/suggest": _get("search", "Names for a search box, as typed (OpenSearch suggestions)",
                                _responses(_answer({SUGGESTIONS: {"schema": {
                                    "type": "array", "minItems": 4, "maxItems": 4, "description": "The query, then the labels, "
                                    "descriptions and URLs of the suggestions.",
                                    "items": {"anyOf": [TEXT, {"type": "array", "items": TEXT}]}}}})),
                                [_param("q", "What has been typed.", {"type": "string", "maxLength": 200})]),
        "/timeline": _get("documents", "The dated facts, 1991-2022",
                          _responses(_answer({**json_or_html, CSV_TEXT: {"schema": TEXT}})),
                          [_param("format", "html, json or csv (beats Accept).", {"enum": ["html", "json", "csv"]})]),
        "/api/": _get("queries", "This document as a page for browsers; the list of named queries for others",
                      _responses(_answer(json_or_html))),
        "/api/docs": _get("queries", "This document as a page", _responses(_answer(html))),
        "/api/queries": _get("queries", "The named queries and their parameters",
                             _responses(_answer({JSON.media_type: {"schema": OBJECT}}))),
        "/api/openapi.json": _get("queries", "This document",
                                  _responses(_answer({JSON.media_type: {"schema": OBJECT}}))),
        "/-/health": _get("operations", "Health: the data's version and size",
                          _responses(_answer({JSON.media_type: {"schema": OBJECT}}), not_modified=False)),
        "/-/ready": _get("operations", "Ready: a query runs now",
                         _responses(_answer({JSON.media_type: {"schema": OBJECT}}), not_modified=False)),
        "/-/metrics": _get("operations", "Prometheus metrics",
                           _responses(_answer({PLAIN_TEXT: {"schema": TEXT}}), not_modified=False)),
    }


def _query_paths(queries: dict[str, NamedQuery]) -> dict:
    schemas = {"json": {"$ref": "#/components/schemas/Rows"}, "srj": {"$ref": "#/components/schemas/SparqlResults"}}
    rows = {f.media_type: {"schema": schemas.get(f.name, TEXT)} for f in formats_of(ROWS)}
    paging = [_param("limit", "Rows per page (default 100).", {"type": "integer", "minimum": 1, "maximum": 10000}),
              _param("offset", "Rows to skip.", {"type": "integer", "minimum": 0, "maximum": 1000000})]
    paths = {}
    for query in queries.values():
        parameters = [_query_param(p) for p in query.params] + paging
        operation = _get("queries", query.summary or query.name, _responses(_answer(rows)), parameters,
                         f"{query.description}\n\nAdd .json, .csv or .srj to the path to choose the format "
                         "without Accept. Link headers page through the rows; X-Total-Count counts them.")
        operation["get"]["operationId"] = "query" + _camel(query.name)
        operation["get"]["tags"] = ["queries", *query.tags]
        paths[f"/api/queries/{query.name}"] = operation
    return paths


def _camel(text: str) -> str:
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", text))


def _with_operation_ids(paths: dict) -> dict:
    """Every operation named (``getSearchSuggest``...), in camel case: deep links in the page need no ``_``."""
    for path, item in paths.items():
        for method, operation in item.items():
            index = "Index" if path.endswith("/") and path != "/" else ""  # /ontology/ beside /ontology
            operation.setdefault("operationId", method + (_camel(path) or "Home") + index)
    return paths


def _query_param(param) -> dict:
    if param.type == "iri":
        prefixes = "|".join(re.escape(p) for p in PREFIX_IRIS)
        schema = {"type": "string", "pattern": rf"^(?:(?:{prefixes}):{LOCAL_NAME}|{ABSOLUTE_IRI})$",
                  "description": "An absolute http(s) or urn IRI in ASCII, or a prefixed name with one of the prefixes "
                  + ", ".join(f"{p}:" for p in PREFIX_IRIS)}
    elif param.type == "xsd:integer":
        schema = {"type": "integer"}
    else:
        schema = {"type": "string", "pattern": f"^(?:{_LEXICAL[param.type]})$"}
        if param.type == "xsd:date":
            schema["format"] = "date"  # a day that exists
    if param.enum:
        schema["enum"] = list(param.enum)
    if param.default is not None:
        schema["default"] = int(param.default) if param.type == "xsd:integer" else param.default
    described = param.description or f"A value of type {param.type}."
    return _param(param.name, described, schema, required=param.default is None)
