"""The ``nukg`` command line: validate, stats (and, as they come, build, serve, query).

Exit codes: 0 all is well, 1 the data is invalid, 2 the command could not run.
Only this module calls ``sys.exit``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import kg as kg_module
from .stats import compute_stats, render_stats
from .validation import validate as shacl_validate

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2

root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder holding ontology/, data/ and shapes/ (default: this checkout).",
)


def _load(root):
    """Load the graph or exit 2 with the reason."""
    try:
        return kg_module.load(root)
    except kg_module.KGError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)


@click.group()
def main():
    """NATO-Ukraine Relations Knowledge Graph tools."""


@main.command()
@root_option
def validate(root):
    """Parse every Turtle file and check the data against the SHACL shapes."""
    graph = _load(root)
    try:
        report = shacl_validate(graph)
    except Exception as exc:  # pyshacl failing to run is not the data's fault
        click.echo(f"error: SHACL validation could not run: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(report.render())
    if not report.conforms:
        sys.exit(EXIT_INVALID)
    click.echo(f"{len(graph.data)} data triples, {len(graph.ontology)} ontology triples, version {graph.version}.")
    sys.exit(EXIT_OK)


@main.command()
@root_option
def stats(root):
    """Print triples, resources per class and facts per source section."""
    graph = _load(root)
    click.echo(render_stats(compute_stats(graph)))
    sys.exit(EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    main()
