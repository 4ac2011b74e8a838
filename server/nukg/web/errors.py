"""Error handlers: every error as JSON for machines or as a page for browsers.

Code raises the plain exceptions of :mod:`nukg.core.errors`; they are rendered here as
``{"ok": false, "status": N, "error": "...", "request_id": "..."}`` or as ``error.html``
(``not_found.html`` for a 404 that carries suggestions), never cached, and with ``Vary: Accept``.
The request id is one of the error's details, so pages can show it too.

Nothing internal reaches the client: an error's ``internal`` text (an engine's message, an
OS error) and the traceback of an unexpected exception go to the log only, in one record
naming the request id, method, route and status.  Each error with a status of 500 or more,
or with an ``internal`` text, is logged; refusals and 429s are counted in the metrics.
"""

from __future__ import annotations

import logging

from flask import current_app, g, render_template, request
from werkzeug.exceptions import HTTPException

from ..core.errors import HTTPError, InternalError, PayloadTooLarge, error_body
from ..core.formats import HTML
from . import metrics
from .context import wants_html
from .requests import note_error, request_id, route
from .workbench import permalink

log = logging.getLogger(__name__)


def render_error(exc: HTTPError):
    """The response for ``exc``, logged when it says something went wrong on our side."""
    internal = getattr(exc, "internal", None)
    if exc.status >= 500 or internal:
        log.log(
            logging.ERROR if exc.status == 500 else logging.WARNING,
            "request %s: %s %s -> %d %s; internal: %s",
            request_id(), request.method, route(), exc.status, _one_line(exc.message), _one_line(internal or "-"),
        )
    return _response(exc)


def _one_line(text: str) -> str:
    """Messages may span lines (a parser's); the log keeps one line per error."""
    return str(text).replace("\r", "\\r").replace("\n", "\\n")


def _response(exc: HTTPError):
    note_error(exc)
    metrics.count_error(exc)
    exc.details = {**exc.details, "request_id": request_id()}
    if wants_html():
        template = "not_found.html" if "suggestions" in exc.details else "error.html"
        query = g.get("nukg_query")  # the SPARQL endpoint's, shown with the error's place and an edit link
        body = render_template(template, error=exc, query=query, marked=_marked(query, exc.details.get("position")),
                               edit_url=permalink(query) if query else None)
        response = current_app.response_class(body, status=exc.status, content_type=HTML.content_type)
    else:
        response = current_app.json.response(error_body(exc))
        response.status_code = exc.status
    for name, value in exc.headers.items():
        response.headers[name] = value
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("Accept")
    return response


def _marked(query: str | None, position) -> tuple[str, str, str] | None:
    """``query`` cut around the character the error points at: before, at (a blank at a line's end), after."""
    if not query or not isinstance(position, dict):
        return None
    offset = position.get("offset")
    if not isinstance(offset, int) or not 0 <= offset <= len(query):
        return None
    at = query[offset:offset + 1]
    if at in ("", "\n", "\r"):
        return query[:offset], " ", query[offset:]
    return query[:offset], at, query[offset + 1:]


def register_error_handlers(app) -> None:
    app.register_error_handler(HTTPError, render_error)
    app.register_error_handler(HTTPException, _werkzeug_error)
    app.register_error_handler(Exception, _unexpected)


def _werkzeug_error(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc  # redirects and the like pass through
    # a body over MAX_CONTENT_LENGTH is refused by Flask itself; it is a size refusal like ours
    error = (PayloadTooLarge if exc.code == 413 else HTTPError)(exc.description or exc.name)
    error.status, error.title = exc.code, exc.name
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            error.headers[name] = value
    return render_error(error)


def _unexpected(exc: Exception):
    rid = request_id()
    log.error("request %s: %s %s -> 500 unexpected %s", rid, request.method, route(), type(exc).__name__,
              exc_info=exc)
    return _response(InternalError(f"An unexpected error occurred; it has been logged (request {rid})."))
