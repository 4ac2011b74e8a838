"""``nukg validate``, ``nukg stats`` and ``nukg build``: check, count and release the graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..kg.stats import compute_stats, render_stats
from ..release.files import build_release, write_dist
from .common import EXIT_INVALID, EXIT_OK, _could_not_run, _load, _require_valid, _validation_report, main, root_option

@main.command()
@root_option
def validate(root):
    """Parse every Turtle file and check the data against the SHACL shapes."""
    graph = _load(root)
    report = _validation_report(graph)
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


@main.command()
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the release files (default: dist/ in the project folder). Older builds in it are replaced.",
)
def build(root, out):
    """Write the release files of a valid graph into dist/.

    The whole graph in Turtle, N-Triples, JSON-LD, RDF/XML, TriG and N-Quads (each also
    gzipped), the ontology and the shapes alone, SHA256SUMS and void.ttl (the VoID/DCAT
    description): the same bytes the server sends at /download/ and /.well-known/void.
    Refuses to build from data that does not conform to the shapes.
    """
    graph = _load(root)
    release = build_release(graph)
    _require_valid(graph, "not building a release from data that does not conform; fix it and build again.")
    out = out if out is not None else graph.root / "dist"
    with _could_not_run(OSError, f"cannot write the release into {out}: "):
        written = write_dist(graph, out, release)
    width = max(len(path.name) for path in written)
    for path in written:
        click.echo(f"{path.name:<{width}}  {path.stat().st_size:>10,} bytes")
    click.echo(f"Version {release.version}: {len(written)} files written into {out}.")
    sys.exit(EXIT_OK)
