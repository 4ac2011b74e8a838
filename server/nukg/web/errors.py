"""Error handlers: every error as JSON for machines or as a page for browsers.

Code raises the plain exceptions of :mod:`nukg.core.errors`; they are rendered here as
``{"ok": false, "status": N, "error": "..."}`` or as ``error.html`` (``not_found.html``
for a 404 that carries suggestions), never cached, and with ``Vary: Accept``.
"""

from __future__ import annotations

import logging

from flask import current_app, render_template, request
from werkzeug.exceptions import HTTPException

from ..core.errors import HTTPError, InternalError, error_body
from ..core.formats import HTML
from .context import wants_html

log = logging.getLogger(__name__)


def render_error(exc: HTTPError):
    if wants_html():
        template = "not_found.html" if "suggestions" in exc.details else "error.html"
        body = render_template(template, error=exc)
        response = current_app.response_class(body, status=exc.status, content_type=HTML.content_type)
    else:
        response = current_app.json.response(error_body(exc))
        response.status_code = exc.status
    for name, value in exc.headers.items():
        response.headers[name] = value
    response.headers["Cache-Control"] = "no-store"
    response.vary.add("Accept")
    return response


def register_error_handlers(app) -> None:
    app.register_error_handler(HTTPError, render_error)
    app.register_error_handler(HTTPException, _werkzeug_error)
    app.register_error_handler(Exception, _unexpected)


def _werkzeug_error(exc: HTTPException):
    if exc.code is None or exc.code < 400:
        return exc  # redirects and the like pass through
    error = HTTPError(exc.description or exc.name)
    error.status, error.title = exc.code, exc.name
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            error.headers[name] = value
    return render_error(error)


def _unexpected(exc: Exception):
    log.exception("unexpected error on %s %s", request.method, request.path)
    return render_error(InternalError("An unexpected error occurred; it has been logged."))
