"""What a release keeps of the past and publishes about itself, from the project's ``releases/`` folder.

- ``releases/nato-ukraine-kg-<semver>.nq.gz``: the canonical N-Quads of each published release,
  committed when the release is made (README, "Releases").  The download page compares the graph
  it serves with the newest of them that differs, with neither git nor anything outside the
  project folder at run time.
- ``releases/earl.ttl``: the EARL report of the SPARQL-protocol tests, written by ``make earl``
  (the tests' own plugin, ``tests/support/earl.py``) and committed; a build publishes it as is,
  and never runs the tests.
- The SHACL validation report is made by each build: pySHACL's results graph, canonical Turtle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..core.formats import TURTLE
from .canonical import canonical_triples
from .diff import Diff, diff
from .dumps import triples_dump
from .sides import read_release_file
from .version import NAME, DatasetVersion, VersionError, semver_key

RELEASES = "releases"  # the folder, in the project folder
EARL_FILE = "earl.ttl"
SNAPSHOT_SUFFIX = ".nq.gz"


class ReleaseHistoryError(ValueError):
    """A file of ``releases/`` cannot be used (the build stops rather than publish it)."""


def snapshot_name(semver: str) -> str:
    return f"{NAME}-{semver}{SNAPSHOT_SUFFIX}"


def snapshots(root: Path) -> list[tuple[str, Path]]:
    """The kept releases of ``root/releases/``, oldest first: (semver, path)."""
    folder = Path(root) / RELEASES
    found = []
    for path in folder.glob(f"{NAME}-*{SNAPSHOT_SUFFIX}") if folder.is_dir() else ():
        semver = path.name[len(NAME) + 1:-len(SNAPSHOT_SUFFIX)]
        try:
            found.append((semver_key(semver), semver, path))
        except VersionError:
            continue  # not a release's name
    return [(semver, path) for _, semver, path in sorted(found)]


@dataclass(frozen=True)
class Changes:
    """The served graph against the release before it."""

    previous: str  # its semantic version
    diff: Diff


def changes_since_previous(root: Path, version: DatasetVersion, triples) -> Changes | None:
    """The diff from the newest kept release (not newer than ``version``) whose statements differ
    from ``triples``, or None when no release is kept.  A kept release equal to the graph is this
    very release: the one before it is compared."""
    current = set(triples)
    for semver, path in reversed(snapshots(root)):
        if version.semver and semver_key(semver) > semver_key(version.semver):
            continue
        try:
            old = read_release_file(path)
        except (OSError, SyntaxError, ValueError) as exc:
            raise ReleaseHistoryError(f"cannot read the kept release {path}: {exc}") from None
        if set(old) == current:
            continue
        return Changes(semver, diff(f"release {semver}", old, f"this version ({version.full})", current))
    return None


def shacl_report(results) -> bytes:
    """pySHACL's results graph (rdflib), as canonical Turtle."""
    return triples_dump(canonical_triples(results), TURTLE)


def earl_report(root: Path) -> bytes | None:
    """The committed EARL report, as is, after checking that it parses; None when there is none."""
    path = Path(root) / RELEASES / EARL_FILE
    if not path.is_file():
        return None
    data = path.read_bytes()
    try:
        list(ox.parse(input=data, format=ox.RdfFormat.TURTLE))
    except SyntaxError as exc:
        raise ReleaseHistoryError(f"{path} is not Turtle: {exc}") from None
    return data
