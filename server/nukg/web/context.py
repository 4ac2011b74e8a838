"""What a request handler reads from its app and its request: the store, the graph, the documents,
the release, who is asking, and which format it wants."""

from __future__ import annotations

from flask import current_app, g, request

from ..core.errors import BadRequest, NotAcceptable
from ..core.formats import ERROR, Format, negotiate
from .workbench import examples


def get_store():
    """The application's :class:`nukg.store.base.Store`."""
    return current_app.extensions["nukg.store"]


def get_kg():
    """The application's :class:`nukg.kg.graph.KnowledgeGraph` (parsed and inferred once, at start)."""
    return current_app.extensions["nukg.kg"]


def get_documents():
    """The app's cache of descriptions and rendered documents (made once, by the app factory)."""
    return current_app.extensions["nukg.documents"]


def get_search():
    """The app's search index (:class:`nukg.kg.search.SearchIndex`, built once, by the app factory)."""
    return current_app.extensions["nukg.search"]


def get_answers():
    """The web worker's :class:`nukg.web.answer_cache.AnswerCache`."""
    return current_app.extensions["nukg.answers"]


def get_queries():
    """The named queries of the project's ``queries/`` (read once, by the app factory), by name."""
    return current_app.extensions["nukg.queries"]


def get_examples():
    """The named queries as the editor's examples (made on first use)."""
    return get_documents().cached("examples", lambda: examples(get_queries()))


def get_release():
    """The app's release files and their description, built on first use."""
    return current_app.extensions["nukg.release"].get(get_kg())


def requested_format(kind: str) -> Format:
    """The response format of ``kind`` for this request: ``?format=`` beats ``Accept``."""
    return negotiate(request.headers.get("Accept"), request.args.getlist("format"), kind)


def wants_html() -> bool:
    """A page for browsers, JSON for everyone else (what errors and listings choose by).

    ``?format=html`` asks for a page whatever ``Accept`` says (the SPARQL endpoint, which reads
    a form body itself, leaves the body's ``format`` values in ``g.nukg_formats``); another
    ``format`` names an answer's format, which an error cannot take, so ``Accept`` decides.
    """
    asked = g.get("nukg_formats")
    if asked is None:
        asked = request.args.getlist("format")
    if asked:
        try:
            if negotiate(None, asked, ERROR).name == "html":
                return True
        except NotAcceptable:
            pass
    try:
        return negotiate(request.headers.get("Accept"), None, ERROR).name == "html"
    except NotAcceptable:
        return False


def page_format(allowed: tuple[str, ...]) -> str:
    """The format a page is asked for: the last ``?format=`` (one of ``allowed``, else 400) or, without
    one, ``html`` for browsers and ``json`` for everyone else."""
    formats = request.args.getlist("format")
    if formats:
        if formats[-1] not in allowed:
            raise BadRequest(f"Parameter 'format' must be one of {', '.join(allowed)}, not {formats[-1]!r}.")
        return formats[-1]
    return "html" if wants_html() else "json"


def client_id() -> str:
    """Who is asking, for per-client fairness: a proxy header when configured, else the address."""
    header = current_app.config["NUKG_CLIENT_HEADER"]
    return client_from(request.headers.get(header) if header else None, request.remote_addr)


def client_from(header_value: str | None, address: str | None) -> str:
    """The client a request comes from: the last entry of the proxy's header when it has one, else the address."""
    if header_value and header_value.strip():
        return header_value.split(",")[-1].strip()
    return address or "unknown"
