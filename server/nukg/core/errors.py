"""Plain exceptions that carry their HTTP status; they know nothing of Flask.

Code anywhere raises, for example, ``QueryTimeout("...")``; the web layer's
error handlers turn it into ``{"ok": false, "status": 503, "error": "..."}``
for machine clients or an ``error.html`` page for browsers, and the command
line prints its message.  They also cross the pipe from the query processes.
"""

from __future__ import annotations


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
