"""``nukg query``: run one SPARQL query on the graph, in this process, without network."""

from __future__ import annotations

import sys

import click

from ..core import settings as config_module
from ..core.errors import HTTPError
from ..core.formats import RESULTS, TURTLE, by_name
from ..store.isolation import IsolationError, drop_network
from ..store.oxigraph import OxigraphStore
from .common import EXIT_ERROR, EXIT_OK, _could_not_run, _load, main, root_option

@main.command()
@root_option
@click.option(
    "--format", "-f", "fmt", default=None,
    help="Answer format: json, xml, csv, tsv or html for SELECT/ASK (default tsv); ttl, nt, jsonld, rdf, "
    "nq, trig or html for CONSTRUCT/DESCRIBE (default ttl). A media type works too.",
)
@click.option("--file", "query_file", type=click.File("r", encoding="utf-8"), default=None,
              help="Read the query from this file ('-' for standard input).")
@click.option("--allow-query-network", "allow_network", is_flag=True, default=None,
              help="Run the query even where this process cannot drop its network "
              "[NUKG_ALLOW_QUERY_NETWORK].")
@click.argument("query_text", required=False)
def query(root, fmt, query_file, query_text, allow_network):
    """Run a SPARQL query against the graph and print the answer.

    The query runs in this process on the same store as the endpoint, with
    the same rules (read-only, no SERVICE, no network) but no time limit.
    """
    if (query_text is None) == (query_file is None):
        click.echo("error: give the query as an argument or with --file (not both).", err=True)
        sys.exit(EXIT_ERROR)
    text = query_text if query_text is not None else query_file.read()
    with _could_not_run(config_module.ConfigError):
        allowed = config_module.resolve({"NUKG_ALLOW_QUERY_NETWORK": allow_network})["NUKG_ALLOW_QUERY_NETWORK"]
    try:
        drop_network()  # like a query process, and before anything starts a thread: nothing reaches a host
    except IsolationError as exc:
        if not allowed:
            click.echo(f"error: this process cannot drop its network ({exc}); not running the query. "
                       "Pass --allow-query-network to run it anyway.", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(f"warning: the query runs with network ({exc}); only the query check stops SERVICE.", err=True)
    graph = _load(root)
    store = OxigraphStore.from_kg(graph)
    with _could_not_run(HTTPError):
        answer = store.query(text, accept=CLI_ACCEPT, format=fmt)
    out = click.get_binary_stream("stdout")
    out.write(answer.body)
    out.flush()
    sys.exit(EXIT_OK)


# What `nukg query` prints when no --format is given: readable tables and Turtle.
CLI_ACCEPT = f"{by_name(RESULTS, 'tsv').media_type}, {TURTLE.media_type}"
