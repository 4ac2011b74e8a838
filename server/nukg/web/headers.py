"""The headers every response carries, whoever makes it (a Flask view or the fast path).

Any origin may read any response, and preflights are answered for the methods we serve; no
content sniffing; and a policy for HTML pages that admits only this server's own scripts.
"""

from __future__ import annotations

from flask import current_app, request

from ..core.formats import HTML

# Pages run only this server's own script files, from its static folder (not any URL of the server: a JSONP
# answer is a script too), and talk only to this server; a query answer shown as HTML is escaped text.
HTML_POLICY = (
    "default-src 'none'; script-src {static}; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
EXPOSED = ("ETag, Content-Type, Content-Length, Content-Location, Content-Disposition, Last-Modified, Link, Location, "
           "Retry-After, Vary, X-Request-Id")


def html_policy(static: str) -> str:
    """The Content-Security-Policy of HTML pages whose scripts are under ``static`` (an absolute URL)."""
    return HTML_POLICY.format(static=static)


def common(config) -> list[tuple[str, str]]:
    """The headers of every response, whatever it holds."""
    return [("Access-Control-Allow-Origin", config["NUKG_CORS_ORIGIN"]), ("X-Content-Type-Options", "nosniff"),
            ("Access-Control-Expose-Headers", EXPOSED)]


def add_common_headers(response):
    """After each Flask request: :func:`common`, the policy of an HTML page (not of a 304, which has no
    body) and, for a preflight, the methods and headers allowed."""
    for name, value in common(current_app.config):
        response.headers[name] = value
    if response.mimetype == HTML.media_type and response.status_code != 304:
        static = request.host_url.rstrip("/") + request.script_root + "/static/"
        response.headers["Content-Security-Policy"] = html_policy(static)
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = request.headers.get(
            "Access-Control-Request-Headers", "Accept, Content-Type, If-None-Match"
        )
        response.headers["Access-Control-Max-Age"] = "86400"
    return response
