"""The release: the whole graph in every dump format, the ontology, the shapes, the SHACL and
EARL reports, checksums, and the VoID/DCAT description of them all; ``dist/`` on disk.

Two builds of the same input give byte-identical files (:mod:`nukg.release.canonical`,
:mod:`nukg.release.dumps`), and the server sends exactly what ``nukg build`` writes
into ``dist/``.  Nothing here knows Flask.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

from ..core.formats import CHECKSUMS, GRAPH, GZIP, TURTLE, Format, by_suffix
from ..core.namespaces import PREFIX_IRIS
from ..core.writers import rdf_bytes
from ..kg.graph import KnowledgeGraph
from ..kg.validation import Report, conforming_report, validate
from . import void
from .canonical import canonical_quads, canonical_triples, union_triples
from .dumps import gzipped, quads_dump, triples_dump
from .history import RELEASES, Changes, changes_since_previous, earl_report, shacl_report, snapshot_name
from .version import NAME, DatasetVersion, VersionError, dataset_version

# The whole graph comes in these formats of the table, by suffix, in this order.
DUMP_SUFFIXES = ("ttl", "nt", "jsonld", "rdf", "trig", "nq")
DUMP_FORMATS: tuple[Format, ...] = tuple(by_suffix(GRAPH, suffix) for suffix in DUMP_SUFFIXES)
VOID_FILE = "void.ttl"  # written by `nukg build`; the server sends the same bytes at /.well-known/void
ALIAS = "latest"  # version-less names: latest.ttl, latest-ontology.ttl...


@dataclass(frozen=True)
class ReleaseFile:
    name: str  # file name, carrying the version
    format: Format  # of the content: an RDF format, or gzip for the compressed twin
    data: bytes
    title: str
    encoding_of: Format | None = None  # for a .gz file, the format of what it holds
    alias: str | None = None  # the stable, version-less name that redirects here
    kind: str = "dump"  # "dump" (the graph or part of it), "report" (about it) or "checksums"

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def media_type(self) -> str:
        return self.format.media_type

    @property
    def content_type(self) -> str:
        """The Content-Type header: text types say their charset."""
        return self.format.content_type


def release_files(kg: KnowledgeGraph, validation: Report | None = None, quads=None) -> list[ReleaseFile]:
    """Every release file, in a fixed order, the checksum file last.  ``validation`` (the SHACL
    report of ``kg``) and ``quads`` (its canonical quads) are computed when not given."""
    quads = canonical_quads(kg.named_graphs()) if quads is None else quads
    whole = union_triples(quads)  # the served default graph, with the blank node labels of the quads
    stem = f"{NAME}-{kg.version}"
    files: list[ReleaseFile] = []
    for fmt in DUMP_FORMATS:
        data = quads_dump(quads, fmt) if fmt.quads else triples_dump(whole, fmt)
        title = fmt.label + (" (named graphs)" if fmt.quads else "")
        files.append(ReleaseFile(f"{stem}.{fmt.suffix}", fmt, data, f"Whole graph, {title}",
                                 alias=f"{ALIAS}.{fmt.suffix}"))
        files.append(ReleaseFile(f"{stem}.{fmt.suffix}.{GZIP.suffix}", GZIP, gzipped(data),
                                 f"Whole graph, {title}, gzip-compressed", encoding_of=fmt,
                                 alias=f"{ALIAS}.{fmt.suffix}.{GZIP.suffix}"))
    for part, graph, title in (("ontology", kg.ontology, "Ontology alone, Turtle"),
                               ("shapes", kg.shapes, "SHACL shapes alone, Turtle")):
        data = triples_dump(canonical_triples(graph), TURTLE)
        files.append(ReleaseFile(f"{NAME}-{part}-{kg.version}.{TURTLE.suffix}", TURTLE, data, title,
                                 alias=f"{ALIAS}-{part}.{TURTLE.suffix}"))
    files += report_files(kg, validation)
    sums = "".join(f"{f.sha256}  {f.name}\n" for f in files).encode("ascii")
    files.append(ReleaseFile("SHA256SUMS", CHECKSUMS, sums, "SHA-256 checksums of the release files",
                             kind="checksums"))
    return files


def report_files(kg: KnowledgeGraph, validation: Report | None = None) -> list[ReleaseFile]:
    """The SHACL validation report of this graph and, when the project keeps one, the EARL report
    of the SPARQL-protocol tests (``releases/earl.ttl``)."""
    results = (validation or validate(kg)).results
    reports = [ReleaseFile(f"{NAME}-shacl-report-{kg.version}.{TURTLE.suffix}", TURTLE, shacl_report(results),
                           "SHACL validation report (pySHACL results graph), Turtle",
                           alias=f"{ALIAS}-shacl-report.{TURTLE.suffix}", kind="report")]
    earl = earl_report(kg.root)
    if earl is not None:
        reports.append(ReleaseFile(f"{NAME}-earl-{kg.version}.{TURTLE.suffix}", TURTLE, earl,
                                   "EARL report: the W3C SPARQL 1.1 Protocol test cases this endpoint passes, Turtle",
                                   alias=f"{ALIAS}-earl.{TURTLE.suffix}", kind="report"))
    return reports


def inputs_modified(kg: KnowledgeGraph) -> datetime:
    """When the release last changed: the newest modification time of the input Turtle files
    (never later than now), to the second.  The server sends it as Last-Modified."""
    newest = max(path.stat().st_mtime for paths in kg.files.values() for path in paths)
    return datetime.fromtimestamp(int(min(newest, time.time())), tz=timezone.utc)


@dataclass(frozen=True)
class Release:
    """The release files of one graph version and their VoID/DCAT description."""

    version: str  # the content hash (the names of the files carry it)
    files: tuple[ReleaseFile, ...]
    description: tuple[ox.Triple, ...]  # VoID + DCAT, sorted
    last_modified: datetime
    dataset: DatasetVersion | None = None  # the semantic version with the hash
    changes: Changes | None = None  # against the previous kept release, if any
    _void: dict = field(default_factory=dict, compare=False, repr=False)  # format name -> bytes

    @cached_property
    def by_name(self) -> dict[str, ReleaseFile]:
        return {f.name: f for f in self.files}

    @cached_property
    def by_alias(self) -> dict[str, ReleaseFile]:
        return {f.alias: f for f in self.files if f.alias}

    def file(self, name: str) -> ReleaseFile | None:
        return self.by_name.get(name)

    def void(self, fmt: Format) -> bytes:
        """The description in ``fmt`` (an RDF format of :mod:`nukg.core.formats`), serialised once per format."""
        if fmt.name not in self._void:
            self._void[fmt.name] = rdf_bytes(self.description, fmt, prefixes=PREFIX_IRIS)
        return self._void[fmt.name]

    @property
    def void_turtle(self) -> bytes:
        return self.void(TURTLE)


def build_release(kg: KnowledgeGraph, validation: Report | None = None) -> Release:
    """The release of ``kg``; ``validation`` is its SHACL report when already made."""
    quads = canonical_quads(kg.named_graphs())
    files = release_files(kg, validation, quads)
    version = dataset_version(kg)
    description = canonical_triples(void.void_graph(kg, files, version))
    changes = changes_since_previous(kg.root, version, union_triples(quads))
    return Release(kg.version, tuple(files), tuple(description), inputs_modified(kg), version, changes)


class LazyRelease:
    """Builds the release of a graph on first use, once, whichever thread asks first."""

    def __init__(self):
        self._lock = threading.Lock()
        self._release: Release | None = None

    def get(self, kg: KnowledgeGraph) -> Release:
        if self._release is None:
            with self._lock:
                if self._release is None:  # a validated build needs no SHACL run for its report
                    self._release = build_release(kg, conforming_report() if kg.validated else None)
        return self._release


def keep_release(kg: KnowledgeGraph, release: Release) -> Path:
    """Keep the release's N-Quads as ``releases/nato-ukraine-kg-<semver>.nq.gz``; a kept version is
    never overwritten with other statements (bump the version instead)."""
    semver = release.dataset.semver if release.dataset else None
    if semver is None:
        raise VersionError(f"{kg.root / 'pyproject.toml'} names no version to keep the release under")
    nquads = next(f for f in release.files if f.encoding_of is not None and f.encoding_of.name == "nquads")
    path = kg.root / RELEASES / snapshot_name(semver)
    if path.is_file() and path.read_bytes() != nquads.data:
        raise VersionError(f"{path} already keeps release {semver} with other statements; "
                           "raise the version in pyproject.toml for a new release")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(nquads.data)
    return path


def write_dist(kg: KnowledgeGraph, out: Path, release: Release | None = None) -> list[Path]:
    """Write the release files and ``void.ttl`` into ``out`` (created if missing), replacing older builds."""
    release = release or build_release(kg)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{NAME}-*"):
        old.unlink()
    written = []
    for name, data in [*((f.name, f.data) for f in release.files), (VOID_FILE, release.void_turtle)]:
        path = out / name
        path.write_bytes(data)
        written.append(path)
    return written
