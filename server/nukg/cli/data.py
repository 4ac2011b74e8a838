"""``nukg validate``, ``nukg stats`` and ``nukg build``: check, count and release the graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..kg.stats import compute_stats, render_stats
from ..release.files import build_release, keep_release, write_dist
from ..release.history import ReleaseHistoryError
from ..release.version import VersionError
from .common import (EXIT_INVALID, EXIT_OK, _check, _could_not_run, _how_checked, _load, _require_valid, main,
                     root_option)


@main.command()
@root_option
def validate(root):
    """Parse every Turtle file and check the data against the SHACL shapes.

    A build of the same files that was validated before is read back from the build cache
    (NUKG_CACHE_DIR) instead, and says so.
    """
    checked = _check(root)
    if not checked.conforms:
        click.echo(checked.report.render())
        sys.exit(EXIT_INVALID)
    counts = checked.counts
    click.echo("The data conforms to the SHACL shapes.")
    click.echo(f"{counts['data']} data triples, {counts['ontology']} ontology triples, version {checked.version} "
               f"({_how_checked(checked)}).")
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
    checked = _check(root)
    _require_valid(checked, "not building a release from data that does not conform; fix it and build again.")
    graph = checked.graph()
    with _could_not_run((ReleaseHistoryError, VersionError)):
        release = build_release(graph, checked.validation)
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
    click.echo(f"Version {version.full}{tag}: {len(written)} files written into {out} ({_how_checked(checked)}).")
    changes = release.changes
    if changes is None:
        click.echo("No earlier release kept in releases/ differs from this one: nothing to compare with.")
    else:
        d = changes.diff
        click.echo(f"Since release {changes.previous}: {d.added:,} triples added, {d.removed:,} removed, "
                   f"{len(d.resources):,} resources changed (nukg diff for the details).")
    sys.exit(EXIT_OK)
