"""``nukg validate``, ``nukg stats`` and ``nukg build``: check, count and release the graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..kg.stats import compute_stats, render_stats
from ..release.files import build_release, keep_release, write_dist
from ..release.history import ReleaseHistoryError
from ..release.version import VersionError
from .common import EXIT_INVALID, EXIT_OK, _could_not_run, _load, _validation_report, main, root_option

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
@click.option("--keep", is_flag=True,
              help="Also keep this release's N-Quads in releases/ (named by its semantic version), for the "
              "download pages of later releases to compare with. Done once per release, when it is tagged.")
def build(root, out, keep):
    """Write the release files of a valid graph into dist/.

    The whole graph in Turtle, N-Triples, JSON-LD, RDF/XML, TriG and N-Quads (each also
    gzipped), the ontology and the shapes alone, the SHACL validation report, the EARL report of
    the protocol tests (releases/earl.ttl), SHA256SUMS and void.ttl (the VoID/DCAT description):
    the same bytes the server sends at /download/ and /.well-known/void.
    Refuses to build from data that does not conform to the shapes.
    """
    graph = _load(root)
    report = _validation_report(graph)
    if not report.conforms:
        click.echo(report.render())
        click.echo("error: not building a release from data that does not conform; fix it and build again.", err=True)
        sys.exit(EXIT_INVALID)
    with _could_not_run((ReleaseHistoryError, VersionError)):
        release = build_release(graph, report)
    out = out if out is not None else graph.root / "dist"
    with _could_not_run(OSError, f"cannot write the release into {out}: "):
        written = write_dist(graph, out, release)
    if keep:
        with _could_not_run((OSError, VersionError), "cannot keep the release: "):
            written.append(keep_release(graph, release))
    width = max(len(path.name) for path in written)
    for path in written:
        click.echo(f"{path.name:<{width}}  {path.stat().st_size:>10,} bytes")
    version = release.dataset
    tag = f" (git tag {version.tag} once released)" if version.tag else ""
    click.echo(f"Version {version.full}{tag}: {len(written)} files written into {out}.")
    changes = release.changes
    if changes is None:
        click.echo("No earlier release kept in releases/ differs from this one: nothing to compare with.")
    else:
        d = changes.diff
        click.echo(f"Since release {changes.previous}: {d.added:,} triples added, {d.removed:,} removed, "
                   f"{len(d.resources):,} resources changed (nukg diff for the details).")
    sys.exit(EXIT_OK)
