"""Downloads (/download/) and dataset metadata (/.well-known/void, /dataset).

- ``GET /download/``: the release files (dumps, the SHACL and EARL reports, checksums), the
  dataset's version and what changed since the previous release kept in ``releases/``
  (:mod:`nukg.release.history`), as a page for browsers and JSON for the rest.
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
:class:`nukg.release.files.LazyRelease`; requests only read it.

Last-Modified is the newest modification time of the input Turtle files (see
:func:`nukg.release.files.inputs_modified`): the instant the data last changed on this host.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from flask import Blueprint, current_app, redirect, render_template, url_for

from ..core.errors import NotFound
from ..core.formats import GRAPH, HTML, formats_of
from ..core.namespaces import DATASET_IRI, DOWNLOADS
from ..release.diffview import as_json, statement, term
from ..release.files import Release, ReleaseFile
from .caching import cache_control, cached_or, etag_of
from .context import get_documents, get_kg, get_release, requested_format, wants_html
from .links import href_for

bp = Blueprint("dumps", __name__)


# --- the files ---------------------------------------------------------------------------


@bp.get("/download/")
def index():
    """The release files: a page for people, JSON for programs."""
    release = get_release()
    html = wants_html()

    def listing():
        files = [_file_entry(f) for f in release.files]
        version = release.dataset
        if html:
            kg = get_kg()
            body = render_template(
                "downloads.html",
                files=[f for f in files if f["kind"] != "report"],
                reports=[f for f in files if f["kind"] == "report"],
                version=release.version,
                semver=version.semver if version else None,
                full_version=version.full if version else release.version,
                tag=version.tag if version else None,
                changes=_changes_view(release),
                dataset=str(DATASET_IRI),
                triples=len(kg.union),
                graphs=len(kg.named_graphs()),
                void_formats=[f for f in formats_of(GRAPH) if f.writer is not None],
            )
            return current_app.response_class(body, content_type=HTML.content_type)
        changes = release.changes
        return current_app.json.response({
            "version": release.version,
            "semantic_version": version.semver if version else None,
            "full_version": version.full if version else release.version,
            "dataset": str(DATASET_IRI),
            "description": url_for("dumps.void"),
            "files": files,
            "changes": {"previous": changes.previous, **as_json(changes.diff)} if changes else None,
        })

    # the page also tells the semantic version and the previous release, which the hash does not cover
    previous = release.changes.previous if release.changes else None
    full = release.dataset.full if release.dataset else release.version
    etag = etag_of(release.version, full, previous, "download-listing", html)
    return cached_or(etag, listing, last_modified=release.last_modified, vary=True)


@bp.get("/download/<path:name>")
def download(name: str):
    """One release file (or a redirect from its version-less alias)."""
    release = get_release()
    f = release.file(name)
    if f is None:
        target = release.by_alias.get(name)
        if target is not None:
            response = redirect(url_for("dumps.download", name=target.name), code=307)
            response.headers["Cache-Control"] = cache_control()
            return response
        raise NotFound(
            f"No release file {name!r} (version {release.version}). The files are listed at "
            f"{url_for('dumps.index')}; stable names such as latest.ttl redirect to the current version."
        )
    def attachment():
        response = current_app.response_class(f.data, content_type=f.content_type)
        response.headers["Content-Disposition"] = f'attachment; filename="{f.name}"'
        return response

    return cached_or(f.sha256, attachment, weak=False, last_modified=release.last_modified)


def _file_entry(f: ReleaseFile) -> dict:
    """What the listing says of one file (JSON members, also the page's rows)."""
    return {
        "name": f.name,
        "title": f.title,
        "media_type": f.media_type,
        "compressed_media_type": f.encoding_of.media_type if f.encoding_of else None,
        "bytes": f.size,
        "sha256": f.sha256,
        "url": url_for("dumps.download", name=f.name),
        "permanent_url": DOWNLOADS + f.name,
        "alias": url_for("dumps.download", name=f.alias) if f.alias else None,
        "kind": f.kind,
    }


def _changes_view(release: Release) -> dict | None:
    """What the page shows of the changes since the previous release: every changed resource with
    its statements, and the classes and properties whose counts changed."""
    if release.changes is None:
        return None
    d, docs = release.changes.diff, get_documents()
    resources = []
    for change in d.resources:
        iri = change.resource.value if isinstance(change.resource, ox.NamedNode) else None
        resources.append({
            "name": term(change.resource), "label": change.label,
            "href": href_for(iri) if iri and docs.exists(iri) else None,  # removed resources have no page
            "added": [statement(t, d.labels, change.resource) for t in change.added],
            "removed": [statement(t, d.labels, change.resource) for t in change.removed],
        })
    counts = {kind: [{"name": term(c.term), "label": c.label, "before": c.before, "after": c.after,
                      "change": c.change} for c in cs if c.change]
              for kind, cs in (("classes", d.classes), ("properties", d.properties))}
    return {"previous": release.changes.previous, "before": d.before, "after": d.after, "added": d.added,
            "removed": d.removed, "resources": resources, **counts}


# --- the description -----------------------------------------------------------------------


@bp.get("/.well-known/void")
def void():
    """The VoID + DCAT description of the dataset, by content negotiation."""
    fmt = requested_format(GRAPH)
    if fmt.name == "html":
        response = redirect(url_for("dumps.index"), code=303)
        response.vary.add("Accept")
        response.headers["Cache-Control"] = cache_control()
        return response
    release = get_release()
    body = release.void(fmt)
    return cached_or(hashlib.sha256(body).hexdigest(),
                     lambda: current_app.response_class(body, content_type=fmt.content_type),
                     weak=False, last_modified=release.last_modified, vary=True)


@bp.get("/dataset")
def dataset():
    """The dataset (a thing, not a document): see its description."""
    response = redirect(url_for("dumps.void"), code=303)
    response.headers["Cache-Control"] = cache_control()
    return response
