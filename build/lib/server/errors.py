"""Errors that carry their HTTP status, and the handlers that render them.

Code anywhere raises, for example, ``QueryTimeout("...")``; the handler turns
it into ``{"ok": false, "status": 503, "error": "..."}`` for machine clients or
an ``error.html`` page for browsers.  The exception classes are plain Python
(they also cross the pipe from query worker processes), so Flask is imported
only inside :func:`register_error_handlers`, keeping those workers quick to
start.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


class HTTPError(Exception):
    """An error with an HTTP status, a message for the client and optional details.

    ``details`` are extra JSON members of the error body; ``headers`` are
    sent with the response (``Allow``, ``Retry-After``...).
    """

    status = 500
    title = "Internal Server Error"

    def __init__(self, message: str, *, headers: dict | None = None, **details):
        super().__init__(message)
        self.message = message
        self.headers = dict(headers or {})
        self.details = details

    def __str__(self) -> str:
        return self.message


class BadRequest(HTTPError):
    status, title = 400, "Bad Request"


class QuerySyntaxError(BadRequest):
    """The query does not parse; the message gives the parser's reason and position."""


class Forbidden(HTTPError):
    status, title = 403, "Forbidden"


class UpdateRefused(Forbidden):
    """SPARQL Update (or LOAD, CLEAR...) sent to this read-only endpoint."""


class ServiceRefused(Forbidden):
    """A query that would call another endpoint (SERVICE)."""


class NotFound(HTTPError):
    status, title = 404, "Not Found"


class MethodNotAllowed(HTTPError):
    status, title = 405, "Method Not Allowed"


class NotAcceptable(HTTPError):
    status, title = 406, "Not Acceptable"


class PayloadTooLarge(HTTPError):
    status, title = 413, "Content Too Large"


class UnsupportedMediaType(HTTPError):
    status, title = 415, "Unsupported Media Type"


class ResultTooLarge(HTTPError):
    """The answer is larger than the configured limit; it is refused, never truncated."""

    status, title = 422, "Result Too Large"


class TooManyRequests(HTTPError):
    status, title = 429, "Too Many Requests"


class InternalError(HTTPError):
    status, title = 500, "Internal Server Error"


class ServiceUnavailable(HTTPError):
    status, title = 503, "Service Unavailable"


class QueryTimeout(ServiceUnavailable):
    """The query ran past its time limit and its process was stopped."""


def error_body(exc: HTTPError) -> dict:
    return {"ok": False, "status": exc.status, "error": exc.message, **exc.details}


def register_error_handlers(app) -> None:
    """Render every error as JSON for machines or as a page for browsers."""
    from flask import render_template, request
    from werkzeug.exceptions import HTTPException

    from .formats import ERROR, negotiate

    def wants_html() -> bool:
        try:
            return negotiate(request.headers.get("Accept"), None, ERROR).name == "html"
        except NotAcceptable:
            return False

    def render(exc: HTTPError):
        if wants_html():
            body = render_template("error.html", error=exc)
            response = app.response_class(body, status=exc.status, content_type="text/html; charset=utf-8")
        else:
            response = app.json.response(error_body(exc))
            response.status_code = exc.status
        for name, value in exc.headers.items():
            response.headers[name] = value
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(HTTPError)
    def handle_http_error(exc: HTTPError):
        return render(exc)

    @app.errorhandler(HTTPException)
    def handle_werkzeug(exc: HTTPException):
        if exc.code is None or exc.code < 400:
            return exc  # redirects and the like pass through
        error = HTTPError(exc.description or exc.name)
        error.status, error.title = exc.code, exc.name
        for name, value in exc.get_headers():
            if name.lower() != "content-type":
                error.headers[name] = value
        return render(error)

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return render(InternalError("An unexpected error occurred; it has been logged."))
