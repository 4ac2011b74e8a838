"""The SPARQL 1.1 Protocol's parameters, read from a URL's query string or a form body (no Flask here).

Both the endpoint's view and the fast path in front of Flask (:mod:`nukg.web.fastpath`) read a
request with these functions, so they refuse the same things with the same words.

Form data is decoded strictly: the text must be UTF-8 and so must its percent-escapes, and a
``%`` that starts no escape stays as it is (as :func:`urllib.parse.parse_qsl` leaves it).  A query
in a URL is percent-encoded nearly whole, and the standard library decodes it one escape at a
time (about 60 µs for a query of 800 characters); here the escapes become ``\\xHH`` and one call
of the C decoder of escape sequences reads them all (a few µs).  Whatever that decoder would read
otherwise (a ``%`` before no two hex digits) goes the standard library's way.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

from ..core.errors import BadRequest, PayloadTooLarge, UpdateRefused

UPDATE_REFUSED = "SPARQL Update is not accepted: this endpoint is read-only."


@dataclass(frozen=True)
class ProtocolRequest:
    """The SPARQL protocol parameters of one request."""

    query: str | None
    default_graphs: tuple[str, ...] | None  # None: not given
    named_graphs: tuple[str, ...] | None
    formats: tuple[str, ...]  # values of ?format=
    edit: bool = False  # edit=1: open the editor on the query (browsers only)


def protocol_request(pairs: list[tuple[str, str]], max_query_bytes: int) -> ProtocolRequest:
    """The protocol's parameters among ``pairs`` (the URL's and the form body's, in order); refuse
    updates, a repeated query and one over ``max_query_bytes``."""
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        values.setdefault(name, []).append(value)
    if "update" in values:
        raise UpdateRefused(UPDATE_REFUSED)
    queries = values.get("query", [])
    if len(queries) > 1:
        raise BadRequest(f"Send exactly one query; this request has {len(queries)} `query` parameters.")
    query = queries[0].removeprefix("\ufeff") if queries else None
    if query is not None and len(query.encode("utf-8")) > max_query_bytes:
        raise PayloadTooLarge(f"The query is longer than the limit of {max_query_bytes} bytes.")
    return ProtocolRequest(
        query=query,
        default_graphs=tuple(values["default-graph-uri"]) if "default-graph-uri" in values else None,
        named_graphs=tuple(values["named-graph-uri"]) if "named-graph-uri" in values else None,
        formats=tuple(values.get("format", ())),
        edit=any(v.strip().lower() not in ("", "0", "false", "no") for v in values.get("edit", ())),
    )


def form_pairs(raw: bytes, what: str) -> list[tuple[str, str]]:
    """The ``(name, value)`` pairs of ``application/x-www-form-urlencoded`` data, in order; blank
    values kept, empty fields skipped.  400 naming ``what`` when it is not UTF-8."""
    utf8(raw, what)  # the text itself first, then its escapes: each error says which
    pairs = []
    for field in raw.split(b"&"):
        if field:
            name, _, value = field.partition(b"=")
            pairs.append((_text(name, what), _text(value, what)))
    return pairs


def utf8(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"{what} is not valid UTF-8 (byte {exc.start}).") from None


def _text(field: bytes, what: str) -> str:
    try:
        return percent_decoded(field).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(f"{what} has percent-escapes that are not UTF-8.") from None


def percent_decoded(field: bytes) -> bytes:
    """One name or value of form data as bytes: ``+`` is a blank and ``%HH`` the byte it names."""
    field = field.replace(b"+", b" ")
    if b"%" not in field:
        return field
    try:  # every backslash doubled, so that the only escapes the decoder sees are the \xHH made here
        return codecs.escape_decode(field.replace(b"\\", b"\\\\").replace(b"%", b"\\x"))[0]
    except ValueError:  # a % before no two hex digits, which stays a %
        return unquote_to_bytes(field)
