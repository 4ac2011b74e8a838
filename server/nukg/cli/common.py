"""What every ``nukg`` command shares: the group, the exit codes, ``--root``, loading and validating."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..core import settings as config_module
from ..kg import build as kg_build
from ..kg import graph as kg_module
from ..kg.buildcache import cache_at

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder holding ontology/, data/ and shapes/ (default: NUKG_ROOT, else the checkout the "
    "current directory is in).",
)


@contextmanager
def _could_not_run(errors=Exception, what: str = ""):
    """Exit 2 with ``error: {what}{the reason}`` when the block raises one of ``errors``."""
    try:
        yield
    except errors as exc:
        click.echo(f"error: {what}{exc}", err=True)
        sys.exit(EXIT_ERROR)


def _root(root) -> Path:
    """The project folder, or exit 2 saying how to name one."""
    with _could_not_run(config_module.ConfigError):
        return config_module.find_root(root)


def _cache(setting=None):
    """The build cache NUKG_CACHE_DIR names (``setting`` when already resolved), or None when it is off."""
    if setting is None:
        with _could_not_run(config_module.ConfigError):
            setting = config_module.parse("NUKG_CACHE_DIR", os.environ.get("NUKG_CACHE_DIR"))
    return cache_at(setting)


def _load(root):
    """Load the graph (the cached build when there is one; not validated) or exit 2 with the reason."""
    root = _root(root)
    with _could_not_run(kg_module.KGError):
        return kg_build.open_graph(root, _cache())


def _check(root, cache_setting=None) -> kg_build.Checked:
    """The graph checked: a validated build read back from the cache, else parsed, inferred and validated now
    (exit 2 when that cannot run).  Says on stderr when the cache could not be used."""
    root = _root(root)
    with _could_not_run(kg_module.KGError):
        checked = kg_build.check(root, _cache(cache_setting))
    if checked.problem:
        click.echo(f"warning: build cache: {checked.problem}.", err=True)
    return checked


def _how_checked(checked: kg_build.Checked) -> str:
    """How the verdict was reached, in a few words for the user."""
    if checked.from_cache:
        return f"SHACL not run again: validated build read back from the cache, {checked.cached_at}"
    if checked.cached_at:
        return f"validated with SHACL, build cached in {checked.cached_at}"
    return "validated with SHACL, build not cached"


def _require_valid(checked: kg_build.Checked, refusal: str, report_to_stderr: bool = False) -> None:
    """Go on only with data that conforms; else print the report and ``refusal`` and exit 1."""
    if not checked.conforms:
        click.echo(checked.report.render(), err=report_to_stderr)
        click.echo(f"error: {refusal}", err=True)
        sys.exit(EXIT_INVALID)


@click.group()
def main():
    """NATO-Ukraine Relations Knowledge Graph tools."""
