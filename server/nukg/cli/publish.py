"""``nukg publish``: load the valid graph into a remote store through the SPARQL 1.1 Graph Store Protocol."""

from __future__ import annotations

import sys
import time

import click

from ..store.endpoint import Endpoint
from ..store.publish import PublishError, publish as put_graphs
from .common import EXIT_ERROR, EXIT_OK, _check, _require_valid, main, root_option


@main.command()
@root_option
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600.0, show_default=True,
              metavar="SECONDS", help="Seconds the store may take to load one graph.")
@click.argument("url")
def publish(root, timeout, url):
    """Load the release into the store whose Graph Store Protocol URL is URL.

    Each named graph (ontology, data, editorial, inferred) replaces the store's graph of that name, and their
    union replaces its default graph; then `nukg serve --store QUERY-URL` answers from it. For
    Oxigraph server, URL is http://HOST:7878/store (queries: http://HOST:7878/query); for Fuseki,
    http://HOST:3030/DATASET/data (queries: http://HOST:3030/DATASET/sparql).
    Refuses to publish data that does not conform to the shapes.
    """
    checked = _check(root)  # a validated build is read back from the build cache
    _require_valid(checked, "not publishing data that does not conform; fix it and publish again.",
                   report_to_stderr=True)
    graph = checked.graph()
    started = time.monotonic()

    def said(loaded) -> None:
        name = f"<{loaded.graph}>" if loaded.graph else "default graph (the union)"
        click.echo(f"{name}: {loaded.triples} triples ({loaded.status})")

    try:
        loaded = put_graphs(graph, url, timeout=timeout, progress=said)
    except PublishError as exc:
        click.echo(f"error: cannot publish: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"Version {graph.version}: {len(loaded)} graphs loaded into {Endpoint(url).shown} "
               f"in {time.monotonic() - started:.1f} s.")
    sys.exit(EXIT_OK)
