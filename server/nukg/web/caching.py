"""HTTP caching for every blueprint: ETags, 304 Not Modified, Cache-Control and Vary.

The data cannot change while the server runs, so every answer may be reused for
``NUKG_CACHE_MAX_AGE`` seconds.  ``If-None-Match`` is compared weakly, as RFC 9110
requires for that header (a strong and a weak tag with the same value match); when
it is absent, ``If-Modified-Since`` decides for the responses given a modification
time (the release files, their listing and VoID).
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import current_app, request
from werkzeug.http import parse_etags


def etag_of(*parts) -> str:
    """A short, stable entity tag for the values that decide a response's bytes."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]


def cache_control(app=None) -> str:
    """How long any cache may keep an answer of ``app`` (this request's app when None)."""
    return f"public, max-age={(app or current_app).config['NUKG_CACHE_MAX_AGE']}"


def matches_etag(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header's value names ``etag``, compared weakly (``*`` names any)."""
    return bool(if_none_match) and parse_etags(if_none_match).contains_weak(etag)


def is_not_modified(etag: str, last_modified: datetime | None = None) -> bool:
    """Whether the client's copy is current: ``If-None-Match`` (weak comparison) when sent, else
    ``If-Modified-Since`` against ``last_modified``."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag)
    since = request.if_modified_since
    return last_modified is not None and since is not None and last_modified <= since


def cacheable(response, etag: str | None = None, *, weak: bool = True, last_modified: datetime | None = None,
              vary: bool = False):
    """``response`` with its ETag, Last-Modified, Cache-Control and, when negotiated, ``Vary: Accept``."""
    if etag is not None:
        response.set_etag(etag, weak=weak)
    if last_modified is not None:
        response.last_modified = last_modified
    response.headers["Cache-Control"] = cache_control()
    if vary:
        response.vary.add("Accept")
    return response


def not_modified(etag: str, **options):
    """The 304 for a current copy, with the headers the full answer would carry."""
    return cacheable(current_app.response_class(status=304), etag, **options)


def cached_or(etag: str, make, **options):
    """304 when the client's copy is current, else ``make()`` (a response) with the caching headers."""
    if is_not_modified(etag, options.get("last_modified")):
        return not_modified(etag, **options)
    return cacheable(make(), etag, **options)
