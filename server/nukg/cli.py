"""The ``nukg`` command line: validate, stats, build, serve, query.

Exit codes: 0 all is well, 1 the data is invalid, 2 the command could not run.
Only this module calls ``sys.exit``.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click

from .core import settings as config_module
from .core.errors import HTTPError
from .core.formats import RESULTS, TURTLE, by_name
from .kg import graph as kg_module
from .kg.stats import compute_stats, render_stats
from .kg.validation import validate as shacl_validate
from .release.files import build_release, write_dist
from .store.isolation import IsolationError, can_drop_network, drop_network
from .store.oxigraph import OxigraphStore

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


# --- serve and query -----------------------------------------------------------


def _setting_options(command):
    """One option per setting of :mod:`nukg.core.settings` (``--query-timeout`` for NUKG_QUERY_TIMEOUT...)."""
    for setting in reversed([s for s in config_module.SETTINGS if s.option]):
        is_flag = isinstance(setting.default, bool)
        metavar = {int: "N", float: "SECONDS"}.get(type(setting.default), "TEXT")
        command = click.option(
            setting.option_name,
            setting.name,
            default=None,
            is_flag=is_flag,
            flag_value=True if is_flag else None,
            metavar=None if is_flag else metavar,
            help=f"{setting.help} [{setting.name}, default {setting.default!r}]",
        )(command)
    return command


@main.command()
@root_option
@_setting_options
def serve(root, **options):
    """Validate the graph, then serve it (SPARQL endpoint) with the granian WSGI server.

    Refuses to start when the data does not conform to the shapes.
    """
    with _could_not_run(config_module.ConfigError):
        settings = config_module.resolve({**options, "NUKG_ROOT": root})
    root = _root(settings["NUKG_ROOT"])
    settings["NUKG_ROOT"] = root
    host, port = settings["NUKG_HOST"], settings["NUKG_PORT"]
    try:  # granian shares ports (SO_REUSEPORT): without this, a second server would silently split the traffic
        with socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
            pass
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    _require_no_network(settings)
    graph = _load(root)
    _require_valid(graph, "not serving data that does not conform; fix it and start again.", report_to_stderr=True)
    # The web workers build their app from the environment (nukg/web/wsgi.py).
    for name, value in settings.items():
        if value is not None:
            os.environ[name] = str(value)
    shown = f"[{host}]" if ":" in host else host
    triples = len(graph.union)  # the served default graph, each triple once (as nukg stats reports)
    click.echo(
        f"Graph version {graph.version}: {triples} triples, valid. Serving the SPARQL endpoint at "
        f"http://{shown}:{port}/sparql ({settings['NUKG_WEB_WORKERS']} web worker(s) x "
        f"{settings['NUKG_WEB_THREADS']} threads, {settings['NUKG_QUERY_WORKERS']} query processes each, "
        f"{settings['NUKG_QUERY_TIMEOUT']:g} s per query)."
    )
    # Several web workers share their metrics through files (prometheus_client's multi-process mode) in
    # a fresh folder; set before granian forks them and before anything here imports prometheus_client.
    metrics_dir = None
    os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
    if settings["NUKG_WEB_WORKERS"] > 1:
        metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="nukg-metrics-")
        click.echo(f"Metrics of the web workers are gathered in {metrics_dir} (removed at exit).")
    try:
        from granian import Granian
        from granian.constants import Interfaces
        from granian.log import LOGGING_CONFIG

        from .web.requests import server_logging

        Granian(
            "nukg.web.wsgi:app",
            address=host,
            port=port,
            interface=Interfaces.WSGI,
            workers=settings["NUKG_WEB_WORKERS"],
            blocking_threads=settings["NUKG_WEB_THREADS"],
            log_access=False,  # the app writes its own access log, JSON lines (NUKG_ACCESS_LOG)
            log_dictconfig=server_logging(LOGGING_CONFIG, settings["NUKG_ACCESS_LOG"]),
            websockets=False,
            # On shutdown, in-flight queries may finish; a worker still busy after that is killed.
            workers_kill_timeout=int(settings["NUKG_QUERY_TIMEOUT"]) + 5,
        ).serve()
    except Exception as exc:
        click.echo(f"error: the HTTP server stopped: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    finally:
        if metrics_dir is not None:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    sys.exit(EXIT_OK)


def _require_no_network(settings) -> None:
    """Serve only where queries run without network, unless the settings accept the weaker guarantee."""
    if settings["NUKG_QUERY_WORKERS"] == 0:
        reason = "NUKG_QUERY_WORKERS is 0, so queries would run in the web process, which has network"
    else:
        reason = can_drop_network()
    if reason is None:
        return
    if not settings["NUKG_ALLOW_QUERY_NETWORK"]:
        click.echo(f"error: query processes cannot be cut off from the network here: {reason}. Not serving: "
                   "a query that slipped past the SERVICE check could reach other hosts. To serve anyway, "
                   "set NUKG_ALLOW_QUERY_NETWORK=1 (--allow-query-network).", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"warning: queries can reach the network ({reason}); only the query check stops SERVICE.",
               err=True)


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


if __name__ == "__main__":  # pragma: no cover
    main()
