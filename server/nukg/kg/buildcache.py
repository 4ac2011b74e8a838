"""The build cache: a validated, inferred graph kept on disk, so that only changed inputs are checked again.

Parsing, inferring and above all validating (pySHACL: seconds) happen once for a given set of
Turtle files; later starts with the same files and the same code read the build back in a
fraction of that.  An entry's name is the hash of the inputs (the paths and bytes of every file
under ontology/, data/ and shapes/) and of the code that builds them (this package's build modules
and the versions of rdflib, pySHACL and pyoxigraph), so an entry is never stale: a change makes
another name.  Only a graph that conforms to the shapes is written.

An entry is one file: a magic line, the SHA-256 of the rest, a JSON header (key, version, counts,
which file describes each subject), the dataset as N-Quads (the named graphs and their union in
the default graph: what the query processes load as is) and the shapes as N-Triples.  It is
written to a temporary file and renamed into place, and verified whole on every read: a damaged,
partial or foreign file is ignored (and removed), and the graph is built and validated again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode

from .. import __version__
from ..core.terms import ox_triples, to_ox
from .graph import Inputs, KnowledgeGraph

log = logging.getLogger(__name__)

MAGIC = b"nukg-build 1\n"
SUFFIX = ".build"
KEEP = 8  # entries kept in the folder; the least recently used beyond that are removed on a write
# The code that decides what a build holds: a change to any of these makes every entry another's.
SOURCES = ("kg/graph.py", "kg/infer.py", "kg/validation.py", "kg/buildcache.py", "kg/build.py",
           "core/namespaces.py", "core/terms.py")
LIBRARIES = ("rdflib", "pyshacl", "pyoxigraph")


class DamagedEntry(Exception):
    """A cache file that cannot be trusted (partial, corrupt, or not the entry its name says)."""


@lru_cache(maxsize=1)
def code_version() -> str:
    """The hash of what, besides the inputs, shapes a build: the package's build code and libraries."""
    digest = hashlib.sha256(f"nukg {__version__}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for name in SOURCES:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} ?\0".encode())
    return digest.hexdigest()


def default_folder() -> Path:
    """``$XDG_CACHE_HOME/nukg``, else ``~/.cache/nukg``: the user's own cache folder."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "nukg"


def cache_at(setting) -> "BuildCache | None":
    """The cache that NUKG_CACHE_DIR's value names: None -> the default folder, False -> no cache."""
    if setting is False:
        return None
    return BuildCache(default_folder() if setting is None else Path(setting))


@dataclass(frozen=True)
class Entry:
    """A verified cache file: its header and the bytes of the dataset and the shapes."""

    path: Path
    header: dict
    dataset: bytes  # N-Quads: the named graphs, then their union in the default graph
    shapes: bytes  # N-Triples

    @property
    def counts(self) -> dict[str, int]:
        """Triples of each part: ontology, data, shapes, inferred, union."""
        return self.header["counts"]


class BuildCache:
    """A folder of validated builds, one file each, named by :meth:`key`."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)

    def key(self, found: Inputs) -> str:
        return hashlib.sha256(MAGIC + code_version().encode() + b"\0" + found.digest.encode()).hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def read(self, key: str) -> Entry | None:
        """The entry for ``key``; None when there is none; :class:`DamagedEntry` (after removing the
        file) when there is one that cannot be trusted."""
        path = self.path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DamagedEntry(f"cannot read the cached build {path}: {exc.strerror or exc}") from None
        try:
            entry = _parse(path, raw, key)
        except DamagedEntry:
            _remove(path)
            raise
        try:
            os.utime(path)  # recently used: kept longest
        except OSError:
            pass
        return entry

    def write(self, key: str, graph: KnowledgeGraph) -> Path:
        """Keep ``graph`` (which must conform) as the entry for ``key``: written whole, then renamed into
        place, so a reader sees the old file, the new one, or none.  Raises OSError."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        root = graph.root
        subjects = [[_subject_label(node), isinstance(node, BNode), str(path.relative_to(root))]
                    for node, path in graph.subject_files.items()]
        dataset = graph.nquads
        shapes = ox.serialize(ox_triples(graph.shapes), format=ox.RdfFormat.N_TRIPLES)
        header = {
            "key": key,
            "version": graph.version,
            "counts": {"ontology": len(graph.ontology), "data": len(graph.data), "shapes": len(graph.shapes),
                       "inferred": len(graph.inferred), "union": len(graph.union)},
            "dataset": len(dataset),
            "shapes": len(shapes),
            "subjects": subjects,
        }
        body = json.dumps(header, separators=(",", ":")).encode() + b"\n" + dataset + shapes
        data = MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n" + body
        target = self.path(key)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-", suffix=SUFFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            _remove(Path(temporary))
            raise
        self._prune()
        return target

    def _prune(self) -> None:
        """Remove the least recently used entries beyond :data:`KEEP`."""
        try:
            entries = sorted(self.folder.glob(f"*{SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for old in entries[KEEP:]:
            if not old.name.startswith("."):
                _remove(old)


def _parse(path: Path, raw: bytes, key: str) -> Entry:
    """Verify and split a cache file (see the module docstring for its layout)."""
    if not raw.startswith(MAGIC):
        raise DamagedEntry(f"{path} is not a build of this version of nukg")
    checksum, _, body = raw[len(MAGIC):].partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != checksum:
        raise DamagedEntry(f"{path} is damaged (its checksum does not match)")
    line, _, payload = body.partition(b"\n")
    try:
        header = json.loads(line)
        dataset_size, shapes_size = int(header["dataset"]), int(header["shapes"])
        matches = header["key"] == key and dataset_size + shapes_size == len(payload)
    except (ValueError, KeyError, TypeError):
        raise DamagedEntry(f"{path} has an unreadable header") from None
    if not matches:
        raise DamagedEntry(f"{path} is not the build its name says")
    return Entry(path, header, payload[:dataset_size], payload[dataset_size:])


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _subject_label(node) -> str:
    """How a subject reads back: an IRI as itself, a blank node by the label the N-Quads give it."""
    return to_ox(node).value if isinstance(node, BNode) else str(node)
