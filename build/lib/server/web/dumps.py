"""Downloads (/download/) and dataset metadata (/.well-known/void, /dataset).

- ``GET /download/``: the release files, as a page for browsers and JSON for the rest.
- ``GET /download/<name>``: one release file (the names carry the graph version), as an
  attachment with its media type (``.gz`` files are ``application/gzip`` downloads, not a
  ``Content-Encoding``), a strong ETag (its SHA-256), Last-Modified and Cache-Control;
  ``If-None-Match`` / ``If-Modified-Since`` get 304, HEAD the headers alone.
- ``GET /download/latest.ttl`` (and ``latest.<suffix>``, ``latest.<suffix>.gz``,
  ``latest-ontology.ttl``, ``latest-shapes.ttl``): ``307`` to the current versioned file.
- ``GET /.well-known/void``: the VoID + DCAT description, Turtle by default, or any RDF
  format by ``Accept`` or ``?format=``; browsers are sent (303) to ``/download/``.
- ``GET /dataset`` (the dataset IRI ``BASE/dataset``): ``303 See Other`` to ``/.well-known/void``.

The release (every file and its description) is built once per app, on first use, by
:class:`server.build.LazyRelease`; requests only read it.

Last-Modified is the newest modification time of the input Turtle files (see
:func:`server.build.inputs_modified`): the instant the data last changed on this host.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from ..build import LazyRelease, Release, ReleaseFile
from ..errors import NotAcceptable, NotFound
from ..formats import ERROR, GRAPH, formats_of, negotiate
from ..namespaces import DATASET_IRI, DOWNLOADS
from . import get_kg

bp = Blueprint("dumps", __name__)


@bp.record_once
def _setup(state) -> None:
    state.app.extensions["nukg.release"] = LazyRelease()


def get_release() -> Release:
    """The app's release files and their description, built on first use."""
    return current_app.extensions["nukg.release"].get(get_kg())


# --- the files ---------------------------------------------------------------------------


@bp.get("/download/")
def index():
    """The release files: a page for people, JSON for programs."""
    release = get_release()
    html = _wants_html()
    etag = _weak_etag(release.version, "download-listing", html)
    if _not_modified(etag, release):
        return _cacheable(current_app.response_class(status=304), etag, release, vary=True)
    files = [_file_entry(f) for f in release.files]
    if html:
        kg = get_kg()
        body = render_template(
            "downloads.html",
            files=files,
            version=release.version,
            dataset=str(DATASET_IRI),
            triples=len(kg.union),
            graphs=len(kg.named_graphs()),
            void_formats=[f for f in formats_of(GRAPH) if f.name != "html"],
        )
        response = current_app.response_class(body, content_type="text/html; charset=utf-8")
    else:
        response = current_app.json.response({
            "version": release.version,
            "dataset": str(DATASET_IRI),
            "description": url_for("dumps.void"),
            "files": files,
        })
    return _cacheable(response, etag, release, vary=True)


@bp.get("/download/<path:name>")
def download(name: str):
    """One release file (or a redirect from its version-less alias)."""
    release = get_release()
    f = release.file(name)
    if f is None:
        target = release.by_alias.get(name)
        if target is not None:
            response = redirect(url_for("dumps.download", name=target.name), code=307)
            response.headers["Cache-Control"] = _cache_control()
            return response
        raise NotFound(
            f"No release file {name!r} (version {release.version}). The files are listed at "
            f"{url_for('dumps.index')}; stable names such as latest.ttl redirect to the current version."
        )
    etag = f.sha256
    if _not_modified(etag, release):
        return _cacheable(current_app.response_class(status=304), etag, release, weak=False)
    response = current_app.response_class(f.data, content_type=f.content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{f.name}"'
    return _cacheable(response, etag, release, weak=False)


def _file_entry(f: ReleaseFile) -> dict:
    """What the listing says of one file (JSON members, also the page's rows)."""
    return {
        "name": f.name,
        "title": f.title,
        "media_type": f.media_type,
        "compressed_media_type": f.encoding_of,
        "bytes": f.size,
        "sha256": f.sha256,
        "url": url_for("dumps.download", name=f.name),
        "permanent_url": DOWNLOADS + f.name,
        "alias": url_for("dumps.download", name=f.alias) if f.alias else None,
    }


# --- the description -----------------------------------------------------------------------


@bp.get("/.well-known/void")
def void():
    """The VoID + DCAT description of the dataset, by content negotiation."""
    fmt = negotiate(request.headers.get("Accept"), request.args.getlist("format"), GRAPH)
    if fmt.name == "html":
        response = redirect(url_for("dumps.index"), code=303)
        response.vary.add("Accept")
        response.headers["Cache-Control"] = _cache_control()
        return response
    release = get_release()
    body = release.void(fmt)
    etag = hashlib.sha256(body).hexdigest()
    if _not_modified(etag, release):
        return _cacheable(current_app.response_class(status=304), etag, release, weak=False, vary=True)
    response = current_app.response_class(body, content_type=fmt.content_type)
    return _cacheable(response, etag, release, weak=False, vary=True)


@bp.get("/dataset")
def dataset():
    """The dataset (a thing, not a document): see its description."""
    response = redirect(url_for("dumps.void"), code=303)
    response.headers["Cache-Control"] = _cache_control()
    return response


# --- helpers -------------------------------------------------------------------------------


def _wants_html() -> bool:
    """A page for browsers, JSON for everyone else (the choice the error pages make)."""
    try:
        return negotiate(request.headers.get("Accept"), None, ERROR).name == "html"
    except NotAcceptable:
        return False


def _not_modified(etag: str, release: Release) -> bool:
    """``If-None-Match`` decides when present (weak comparison); else ``If-Modified-Since``."""
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag)
    since = request.if_modified_since
    return since is not None and release.last_modified <= since


def _cache_control() -> str:
    return f"public, max-age={current_app.config['NUKG_CACHE_MAX_AGE']}"


def _cacheable(response, etag: str, release: Release, *, weak: bool = True, vary: bool = False):
    response.set_etag(etag, weak=weak)
    response.last_modified = release.last_modified
    response.headers["Cache-Control"] = _cache_control()
    if vary:
        response.vary.add("Accept")
    return response


def _weak_etag(*parts) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]
