"""The two sides of a diff: a release file, a project folder or a git revision, read as triples.

- A release file is any RDF dump (``.nq``, ``.trig``, ``.ttl``, ``.nt``, ``.jsonld``, ``.rdf``,
  each possibly ``.gz``): its statements, all graphs together.
- A project folder (holding ``ontology/``, ``data/`` and ``shapes/``) is loaded the way the
  server loads it, inferences included, so it compares with the dumps it would publish.
- Anything else is a git revision of the repository: its ``ontology/``, ``data/``, ``shapes/``
  and ``pyproject.toml`` are extracted with ``git archive`` into a temporary folder and loaded.

Each side's blank nodes get RDFC-1.0 canonical labels (:mod:`nukg.release.canonical`).
"""

from __future__ import annotations

import gzip
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..kg import graph as kg_graph
from .canonical import canonical_quads, union_triples
from .version import VersionError, dataset_version

# the parsers of the release files, by suffix
PARSERS = {
    "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML,
}
GIT_PARTS = (*kg_graph.PARTS, "pyproject.toml")


class SideError(Exception):
    """One side of a diff could not be read; says which and why."""

    def __init__(self, side: str, spec: str, reason: str):
        self.side, self.spec, self.reason = side, spec, reason
        super().__init__(f"cannot read {side} ({spec}): {reason}")


@dataclass(frozen=True)
class Side:
    spec: str  # what the user named
    kind: str  # "file", "folder" or "git revision"
    version: str | None  # the dataset version (semver+hash) when known
    triples: frozenset  # pyoxigraph triples, blank nodes with canonical labels

    @property
    def title(self) -> str:
        return f"{self.spec} ({self.kind}{', ' + self.version if self.version else ''})"


def read_side(spec: str, side: str = "OLD", repo: Path | None = None) -> Side:
    """Read ``spec`` (a file, a folder or a git revision of ``repo``) as one side of a diff."""
    path = Path(spec)
    try:
        if path.is_file():
            return Side(spec, "file", None, frozenset(read_release_file(path)))
        if path.is_dir():
            triples, version = _read_folder(path)
            return Side(spec, "folder", version, triples)
        return _read_revision(spec, side, repo or Path.cwd())
    except SideError as exc:
        exc.side = side
        exc.args = (f"cannot read {side} ({spec}): {exc.reason}",)
        raise
    except (kg_graph.KGError, VersionError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise SideError(side, spec, str(exc)) from None


def read_release_file(path: Path) -> list[ox.Triple]:
    """The statements of a dump, canonical, all graphs together."""
    name = path.name
    compressed = name.endswith(".gz")
    suffix = name[:-3].rsplit(".", 1)[-1] if compressed else path.suffix.lstrip(".")
    fmt = PARSERS.get(suffix)
    if fmt is None:
        raise ValueError(f"not a release file: expected one of {', '.join('.' + s for s in PARSERS)} (or .gz)")
    data = path.read_bytes()
    if compressed:
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise ValueError(f"not gzip data: {exc}") from None
    dataset = ox.Dataset(ox.parse(input=data, format=fmt))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return union_triples(list(dataset))


def _read_folder(root: Path) -> tuple[frozenset, str]:
    kg = kg_graph.load(root)
    return frozenset(union_triples(canonical_quads(kg.named_graphs()))), dataset_version(kg).full


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def _read_revision(spec: str, side: str, repo: Path) -> Side:
    if spec.startswith("-"):
        raise SideError(side, spec, "not a file, a folder or a git revision")
    found = _git(repo, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if found.returncode != 0:
        where = _git(repo, "rev-parse", "--show-toplevel")
        if where.returncode != 0:
            raise SideError(side, spec, f"no such file or folder, and {repo} is not in a git repository")
        raise SideError(side, spec, "no such file, folder or git revision")
    commit = found.stdout.decode().strip()
    listed = _git(repo, "ls-tree", "--name-only", commit, "--", *GIT_PARTS)
    present = [p for p in listed.stdout.decode().split() if p]
    missing = [p for p in kg_graph.PARTS if p not in present]
    if missing:
        raise SideError(side, spec, f"revision {commit[:12]} has no {', '.join(m + '/' for m in missing)}")
    archive = _git(repo, "archive", "--format=tar", commit, "--", *present)
    if archive.returncode != 0:
        raise SideError(side, spec, archive.stderr.decode(errors="replace").strip() or "git archive failed")
    with tempfile.TemporaryDirectory(prefix="nukg-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        triples, version = _read_folder(Path(tmp))
    return Side(spec, f"git revision {commit[:12]}", version, triples)
