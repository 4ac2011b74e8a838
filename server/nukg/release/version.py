"""The dataset's version: a semantic version from the project's ``pyproject.toml`` plus the content hash.

The semantic version says what a release means to its users (``0.2.0``: facts added, ``1.0.0``:
terms removed); the content hash (:attr:`nukg.kg.graph.KnowledgeGraph.version`) says exactly
which input files it was built from.  Together they are one SemVer string with build metadata,
``0.2.0+bb2f490693f0``.  A project folder without ``pyproject.toml`` (a test fixture, an old
revision) has the hash alone.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, before it joined the standard library
    import tomli as tomllib

NAME = "nato-ukraine-kg"  # the start of every release file's name
PROJECT_FILE = "pyproject.toml"
# SemVer 2.0 core version with an optional pre-release part; build metadata is ours to add
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$")


class VersionError(ValueError):
    """The project file names no usable version."""


@dataclass(frozen=True)
class DatasetVersion:
    semver: str | None  # "0.1.0", or None when the project names none
    content: str  # the content hash of the input files

    @property
    def full(self) -> str:
        """``0.1.0+bb2f490693f0``, or the hash alone."""
        return f"{self.semver}+{self.content}" if self.semver else self.content

    @property
    def tag(self) -> str | None:
        """The git tag of the release: ``v0.1.0``."""
        return f"v{self.semver}" if self.semver else None


def semver_key(text: str) -> tuple:
    """A sort key: releases before their pre-releases' successors, numbers compared as numbers."""
    match = _SEMVER.match(text)
    if not match:
        raise VersionError(f"{text!r} is not a semantic version (MAJOR.MINOR.PATCH)")
    major, minor, patch, pre = match.groups()
    # a pre-release sorts before its release (1.0.0-rc.1 < 1.0.0)
    pre_key = (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split("."))) if pre else (1, ())
    return int(major), int(minor), int(patch), pre_key


def read_semver(root: Path | str) -> str | None:
    """The ``[project] version`` of ``root/pyproject.toml``; None when there is no such file."""
    path = Path(root) / PROJECT_FILE
    if not path.is_file():
        return None
    try:
        project = tomllib.loads(path.read_text(encoding="utf-8")).get("project", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VersionError(f"cannot read the version in {path}: {exc}") from None
    version = project.get("version")
    if version is None:
        return None
    semver_key(str(version))  # refuses what is not a semantic version
    return str(version)


def dataset_version(kg) -> DatasetVersion:
    """The version of a loaded :class:`nukg.kg.graph.KnowledgeGraph`."""
    return DatasetVersion(read_semver(kg.root), kg.version)
