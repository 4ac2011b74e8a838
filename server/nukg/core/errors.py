"""Plain exceptions that carry their HTTP status; they know nothing of Flask.

Code anywhere raises, for example, ``QueryTimeout("...")``; the web layer's
error handlers turn it into ``{"ok": false, "status": 503, "error": "..."}``
for machine clients or an ``error.html`` page for browsers, and the command
line prints its message.  They also cross the pipe from the query processes, pickled
whole: class, message, headers, details and the internal note.
"""

from __future__ import annotations


class HTTPError(Exception):
    """An error with an HTTP status, a message for the client and optional details.

    ``details`` are extra JSON members of the error body; ``headers`` are
    sent with the response (``Allow``, ``Retry-After``...).  ``internal`` is
    for the server's log only (an engine's message, an OS error with its
    path): it is never sent to the client and is not one of the details.
    """

    status = 500
    title = "Internal Server Error"

    def __init_subclass__(cls, status: int | None = None, title: str | None = None, **kwargs):
        """``class NotFound(HTTPError, status=404, title="Not Found")``: a status and its reason phrase."""
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status, cls.title = status, title

    def __init__(self, message: str, *, headers: dict | None = None, internal: str | None = None, **details):
        super().__init__(message)
        self.message = message
        self.headers = dict(headers or {})
        self.internal = internal
        self.details = details

    def __str__(self) -> str:
        return self.message


class BadRequest(HTTPError, status=400, title="Bad Request"):
    """The request cannot be read or its values are not what they should be."""


class QuerySyntaxError(BadRequest):
    """The query does not parse; the message gives the parser's reason and position."""


class Forbidden(HTTPError, status=403, title="Forbidden"):
    """The request asks for something this read-only server never does."""


class UpdateRefused(Forbidden):
    """SPARQL Update (or LOAD, CLEAR...) sent to this read-only endpoint."""


class ServiceRefused(Forbidden):
    """A query that would call another endpoint (SERVICE)."""


class NotFound(HTTPError, status=404, title="Not Found"):
    """No such resource, document, file or named query."""


class MethodNotAllowed(HTTPError, status=405, title="Method Not Allowed"):
    """The path answers other methods (the ``Allow`` header lists them)."""


class NotAcceptable(HTTPError, status=406, title="Not Acceptable"):
    """None of the formats the client accepts is offered; ``available`` lists those that are."""


class PayloadTooLarge(HTTPError, status=413, title="Content Too Large"):
    """The query or the request body is longer than the limit."""


class UnsupportedMediaType(HTTPError, status=415, title="Unsupported Media Type"):
    """A request body of a type or charset the protocol does not define."""


class ResultTooLarge(HTTPError, status=422, title="Result Too Large"):
    """The answer is larger than the configured limit; it is refused, never truncated."""


class TooManyRequests(HTTPError, status=429, title="Too Many Requests"):
    """The client has more queries running and waiting than its share."""


class InternalError(HTTPError, status=500, title="Internal Server Error"):
    """Something failed on our side; the log has the details."""


class ServiceUnavailable(HTTPError, status=503, title="Service Unavailable"):
    """The server cannot answer now: busy query processes, or shutting down."""


class QueryTimeout(ServiceUnavailable):
    """The query ran past its time limit and its process was stopped."""


class QueryMemoryExceeded(ServiceUnavailable):
    """The query outgrew the memory limit of its process, which was stopped and replaced."""


def error_body(exc: HTTPError) -> dict:
    return {"ok": False, "status": exc.status, "error": exc.message, **exc.details}
