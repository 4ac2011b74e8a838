"""``nukg diff OLD NEW``: what changed between two releases, folders or git revisions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..release.changelog import replace_section
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
@click.option("--changelog", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the Markdown into this file's section for OLD and NEW (between "
              "'<!-- nukg diff OLD NEW --format markdown -->' and '<!-- end nukg diff -->') instead of printing it.")
def diff(root, old, new, fmt, changelog):
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
    changes = compute_diff(before.title, before.triples, after.title, after.triples)
    if changelog is None:
        click.echo(render(changes, fmt), nl=False)
        sys.exit(EXIT_OK)
    try:
        text = replace_section(changelog.read_text(encoding="utf-8"), old, new, render(changes, "markdown"))
        changelog.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as exc:
        click.echo(f"error: cannot update {changelog}: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{changelog}: the data section from {old} to {new} is up to date.")
    sys.exit(EXIT_OK)
