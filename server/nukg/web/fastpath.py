"""``GET`` and ``HEAD /sparql`` answered in front of Flask: the way most queries come, with the least work.

Flask's request and response objects, its context locals and its hooks cost more than the rest of
the endpoint's own work together, and more than a small query takes to run.  This WSGI layer reads
a ``GET`` or ``HEAD`` of ``/sparql`` from the WSGI environment itself and answers it through the
same function as the view (:func:`nukg.web.answering.answer`: the same answer cache, check,
negotiation, limits, store and caching headers), then adds what Flask's hooks add to every response
(:mod:`nukg.web.headers`, the request id, the metrics' count and the access log line).

It answers only what needs nothing of Flask: a 200 or a 304 whose body is no page.  Everything else
goes on to Flask, with what was learnt on the way, so that nothing runs twice (see ``HANDED_OVER``
in :mod:`nukg.web.sparql`): an error is raised again by the view and rendered as every error is
(JSON or a page, logged, counted); a kept page goes out through Flask, which gives it its policy;
an answer that is to be a page (:class:`~nukg.web.answering.NeedsPage`) is made by the view, from
the checked query and the chosen format, without asking the answer cache again.  Other
methods and paths, a request without a query (the service description, the editor) and ``edit=1``
go to Flask untouched.
"""

from __future__ import annotations

import time

from werkzeug.wsgi import ClosingIterator

from ..core.formats import HTML
from . import metrics, requests
from .answering import Asked, answer
from .context import client_from
from .headers import common
from .protocol import form_pairs, protocol_request
from .sparql import HANDED_OVER, ROUTE

STATUS_LINES = {200: "200 OK", 304: "304 Not Modified"}


class FastPath:
    """WSGI middleware: ``app``'s ``/sparql`` GETs answered here, everything else by ``flask`` (its wsgi_app)."""

    def __init__(self, app, flask):
        self.app = app
        self.flask = flask

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD")
        if environ.get("PATH_INFO") != ROUTE or method not in ("GET", "HEAD"):
            return self.flask(environ, start_response)
        started = environ[requests.STARTED] = time.perf_counter()  # Flask's log too counts from here
        try:
            reply, query = self._reply(environ, method)
        except Exception as exc:  # raised again by the view, where errors are rendered, logged and counted
            environ[HANDED_OVER] = exc
            reply = None
        if reply is None:
            return self.flask(environ, start_response)
        try:
            return self._send(environ, start_response, method, started, reply, query)
        except BaseException:  # never sent: its bytes go back to the budget now
            if reply.release is not None:
                reply.release()
            raise

    def _send(self, environ, start_response, method: str, started: float, reply, query: str):
        """Send ``reply`` with the headers Flask's hooks give every response; count and log it."""
        config = self.app.config  # read at each request, as Flask's hooks read it
        rid = requests.new_request_id(environ.get("HTTP_X_REQUEST_ID"))
        headers = [("Content-Type", reply.content_type)] if reply.status != 304 else []
        if reply.status != 304:
            headers.append(("Content-Length", str(len(reply.body))))
        headers += reply.headers
        headers += common(config)
        headers.append((requests.HEADER, rid))
        metrics.count_response(ROUTE, reply.status)
        if config.get("NUKG_ACCESS_LOG"):
            requests.log_access(started, rid, method, ROUTE, reply.status, requests.query_hash(query), "ok")
        start_response(STATUS_LINES[reply.status], headers)
        body = [reply.body] if method == "GET" and reply.status != 304 else []
        return ClosingIterator(body, reply.release) if reply.release is not None else body

    def _reply(self, environ, method: str):
        """The reply this layer sends and the query, or ``(None, None)`` for Flask to answer."""
        config = self.app.config
        pairs = form_pairs(environ.get("QUERY_STRING", "").encode("latin-1"), "The URL's query string")
        req = protocol_request(pairs, config["NUKG_MAX_QUERY_BYTES"])
        if req.query is None or req.edit:
            return None, None
        header = config["NUKG_CLIENT_HEADER"]
        forwarded = environ.get("HTTP_" + header.upper().replace("-", "_")) if header else None
        script_root = environ.get("SCRIPT_NAME", "").encode("latin-1").decode("utf-8", "replace").rstrip("/")
        asked = Asked(method, environ.get("HTTP_ACCEPT"), environ.get("HTTP_IF_NONE_MATCH"), script_root,
                      client_from(forwarded, environ.get("REMOTE_ADDR")))
        reply = answer(self.app, req, asked)  # a NeedsPage goes to the view like an error, which goes on from it
        if reply.status == 200 and reply.content_type.split(";")[0].strip() == HTML.media_type:
            environ[HANDED_OVER] = reply  # a kept page: Flask's hooks give it its policy
            return None, None
        return reply, req.query
