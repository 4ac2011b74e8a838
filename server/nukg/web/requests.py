"""Each request's id, its route and outcome, and the JSON access log.

- Every request has an id: an incoming ``X-Request-Id`` of 1 to 64 characters
  from ``A-Za-z0-9._-`` is kept (a proxy's id follows the request through),
  anything else is replaced by 16 random hex digits.  Every response carries
  it, and error bodies and the log lines about a request name it.
- With ``NUKG_ACCESS_LOG``, one JSON line per request goes to the logger
  ``nukg.access``: time, request id, method, route (the URL rule, never the
  raw path), status, duration in ms (until the response is ready; sending the
  body is not included), the query hash and the outcome (``ok``, ``refused``,
  ``error`` or ``timeout``).
- The query hash is the first 16 hex digits of the SHA-256 of the query text.
  A query that reached the store is hashed there, whichever way it came (URL,
  form or body); one refused before that is hashed only when it came in the
  URL: the endpoint reads POST bodies once, without keeping them, so the log
  does not read them again.

:func:`server_logging` is the logging set-up that ``nukg serve`` gives granian
for its worker processes: these lines and the ``nukg`` loggers' messages go to
standard error.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
import secrets
import time
from datetime import datetime, timezone

from flask import current_app, g, has_request_context, request

from ..core.errors import QueryTimeout

access_log = logging.getLogger("nukg.access")

HEADER = "X-Request-Id"
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
UNMATCHED = "(unmatched)"  # the route of a request that matched no URL rule (404, 405)


def request_id() -> str:
    """This request's id (taken from ``X-Request-Id`` when sane, else made up), the same on every call."""
    rid = g.get("nukg_request_id")
    if rid is None:
        rid = g.nukg_request_id = new_request_id(request.headers.get(HEADER))
    return rid


def new_request_id(given: str | None) -> str:
    """``given`` (an ``X-Request-Id``) when it is sane, else 16 random hex digits."""
    return given if given and _SANE_ID.fullmatch(given) else secrets.token_hex(8)


def route() -> str:
    """The URL rule the request matched (``/doc/<path:name>``), a bounded label for metrics and logs."""
    rule = request.url_rule
    return rule.rule if rule is not None else UNMATCHED


STARTED = "nukg.started"  # the WSGI environ's key for when a layer in front of Flask began the request


def begin() -> None:
    """Before each request: note when it started (in front of Flask, when it did) and give it its id."""
    g.nukg_started = request.environ.get(STARTED) or time.perf_counter()
    request_id()


def query_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:16]


def note_query(text: str | None) -> None:
    """Remember the hash of the query the store is about to run (a no-op outside a request)."""
    if text is not None and has_request_context():
        g.nukg_query_hash = query_hash(text)


def note_error(exc: BaseException) -> None:
    """Remember the exception the response is about (for the outcome)."""
    g.nukg_error = exc


def outcome(status: int, error: BaseException | None = None) -> str:
    if isinstance(error if error is not None else g.get("nukg_error"), QueryTimeout):
        return "timeout"
    if status >= 500:
        return "error"
    return "refused" if status >= 400 else "ok"


def _query_hash_of_request() -> str | None:
    known = g.get("nukg_query_hash")
    if known is not None or request.endpoint != "sparql.endpoint":
        return known
    given = request.args.get("query")  # the URL only: bodies are not read twice (see above)
    return query_hash(given.removeprefix("\ufeff")) if given else None


def finish(response):
    """After each request: the id header and, when the access log is on, its line."""
    response.headers[HEADER] = request_id()
    if current_app.config.get("NUKG_ACCESS_LOG"):
        log_access(g.get("nukg_started"), request_id(), request.method, route(), response.status_code,
                   _query_hash_of_request(), outcome(response.status_code))
    return response


def log_access(started: float | None, rid: str, method: str, route_: str, status: int, hashed: str | None,
               how: str) -> None:
    """The access log's line about one request (``started``: its ``time.perf_counter()`` at the start)."""
    record = {
        "time": datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
        "request_id": rid,
        "method": method,
        "route": route_,
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 3) if started is not None else None,
        "query_hash": hashed,
        "outcome": how,
    }
    access_log.info(json.dumps(record, separators=(",", ":")))


def server_logging(base: dict, access_log_on: bool) -> dict:
    """A ``logging.config.dictConfig`` for the server processes: ``base`` (the HTTP server's own)
    plus the ``nukg`` loggers (warnings and errors) and, when on, the access log, both to stderr."""
    config = copy.deepcopy(base)
    config.setdefault("formatters", {}).update({
        "nukg": {"format": "[%(asctime)s] %(levelname)s %(name)s: %(message)s"},
        "nukg.access": {"format": "%(message)s"},  # the line is JSON already
    })
    config.setdefault("handlers", {}).update({
        name: {"class": "logging.StreamHandler", "formatter": name, "stream": "ext://sys.stderr"}
        for name in ("nukg", "nukg.access")
    })
    config.setdefault("loggers", {}).update({
        "nukg": {"handlers": ["nukg"], "level": "WARNING", "propagate": False},
        "nukg.access": {"handlers": ["nukg.access"], "level": "INFO" if access_log_on else "WARNING",
                        "propagate": False},
    })
    return config
