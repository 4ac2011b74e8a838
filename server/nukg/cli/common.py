"""What every ``nukg`` command shares: the group, the exit codes, ``--root``, loading and validating."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..core import settings as config_module
from ..kg import graph as kg_module
from ..kg.validation import validate as shacl_validate

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


def _load(root):
    """Load the graph or exit 2 with the reason."""
    root = _root(root)
    with _could_not_run(kg_module.KGError):
        return kg_module.load(root)


def _validation_report(graph):
    """The SHACL report, or exit 2 when validation itself cannot run (pyshacl failing is not the data's fault)."""
    with _could_not_run(Exception, "SHACL validation could not run: "):
        return shacl_validate(graph)


def _require_valid(graph, refusal: str, report_to_stderr: bool = False) -> None:
    """Go on only with data that conforms; else print the report and ``refusal`` and exit 1."""
    report = _validation_report(graph)
    if not report.conforms:
        click.echo(report.render(), err=report_to_stderr)
        click.echo(f"error: {refusal}", err=True)
        sys.exit(EXIT_INVALID)


@click.group()
def main():
    """NATO-Ukraine Relations Knowledge Graph tools."""
