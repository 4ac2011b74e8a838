"""``nukg diff OLD NEW``: what changed between two releases, folders or git revisions."""

from __future__ import annotations

import sys

import click

from ..release.diff import diff as compute_diff
from ..release.diffview import FORMATS, render
from ..release.sides import SideError, read_side
from .common import EXIT_ERROR, EXIT_OK, _root, main, root_option


@main.command()
@root_option
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, markdown for CHANGELOG.md, json for programs.")
def diff(root, old, new, fmt):
    """Print what changed from OLD to NEW: triples added and removed by resource, counts per class and property.

    OLD and NEW are each a release file (any dump nukg build writes: .nq, .trig, .ttl, .nt,
    .jsonld, .rdf, gzipped or not), a project folder, or a git revision of the repository
    (v0.1.0, HEAD~3, a commit), whose ontology/, data/ and shapes/ are read with git archive.
    Folders and revisions are loaded as the server loads them, inferred triples included.
    Exit 0 when the diff was printed (whatever it holds), 2 when a side cannot be read.
    """
    repo = _root(root) if root is not None else None
    sides = []
    for spec, side in ((old, "OLD"), (new, "NEW")):
        try:
            sides.append(read_side(spec, side, repo))
        except SideError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)
    before, after = sides
    click.echo(render(compute_diff(before.title, before.triples, after.title, after.triples), fmt), nl=False)
    sys.exit(EXIT_OK)
