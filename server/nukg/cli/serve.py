"""``nukg serve``: validate the graph (or find it validated in the build cache), then serve it with granian."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile

import click

from ..core import malloc
from ..core import settings as config_module
from ..store.endpoint import Endpoint
from ..store.isolation import can_drop_network
from .common import EXIT_ERROR, EXIT_OK, _check, _could_not_run, _how_checked, _require_valid, _root, main, root_option


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
    # sized to the CPUs here, once: every web worker then reads the same numbers
    settings["NUKG_WEB_WORKERS"] = config_module.web_workers(settings)
    settings["NUKG_QUERY_WORKERS"] = config_module.query_workers(settings)
    host, port = settings["NUKG_HOST"], settings["NUKG_PORT"]
    try:  # granian shares ports (SO_REUSEPORT): without this, a second server would silently split the traffic
        with socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET):
            pass
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_ERROR)
    _require_no_network(settings)
    checked = _check(root, settings["NUKG_CACHE_DIR"])
    _require_valid(checked, "not serving data that does not conform; fix it and start again.", report_to_stderr=True)
    # The web workers build their app from the environment (nukg/web/wsgi.py).
    for name, value in settings.items():
        if value is not None:
            os.environ[name] = str(value)
    shown = f"[{host}]" if ":" in host else host
    triples = checked.counts["union"]  # the served default graph, each triple once (as nukg stats reports)
    click.echo(f"Graph version {checked.version}: {triples} triples, valid ({_how_checked(checked)}).")
    graph = checked.graph()  # what was validated, and nothing else, is what the web workers serve
    del checked
    engine = (f"{settings['NUKG_QUERY_WORKERS']} query processes each" if not settings["NUKG_STORE"] else
              f"up to {max(settings['NUKG_QUERY_WORKERS'], 1)} queries each at once to the store at "
              f"{Endpoint(settings['NUKG_STORE']).shown}")
    click.echo(
        f"Serving the SPARQL endpoint at "
        f"http://{shown}:{port}/sparql ({settings['NUKG_WEB_WORKERS']} web worker(s) x "
        f"{settings['NUKG_WEB_THREADS']} threads, {engine}, {settings['NUKG_QUERY_TIMEOUT']:g} s per query)."
    )
    # Several web workers share their metrics through files (prometheus_client's multi-process mode) in
    # a fresh folder; set before granian forks them and before anything here imports prometheus_client.
    metrics_dir = None
    os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
    if settings["NUKG_WEB_WORKERS"] > 1:
        metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="nukg-metrics-")
        click.echo(f"Metrics of the web workers are gathered in {metrics_dir} (removed at exit).")
    lean_malloc()
    # The graph just validated, its descriptions and search index, made once here: the web workers granian
    # forks share them (a file changed since the check is not served before a restart validates it).
    from ..web.preload import preload

    with _could_not_run(Exception, "cannot load the graph for the web workers: "):
        preload(root, graph)
    del graph
    try:
        from granian import Granian
        from granian.constants import Interfaces
        from granian.log import LOGGING_CONFIG

        from ..web.requests import server_logging

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


def lean_malloc() -> None:
    """Make the web workers' memory go back when it is freed (see :mod:`nukg.core.malloc`).

    A web worker's dozens of threads held about 45 MB more in four arenas than in one after a burst
    of first-time queries, and later large answers left 10 MB of holes in the heap (none with the
    threshold fixed).  Set here, before granian's threads and workers start, and in the environment
    for processes started afresh; no speed difference showed (the threads allocate mostly holding the
    GIL).  Query processes set theirs (nukg.store.process)."""
    os.environ.update(malloc.environment(arenas=1))
    malloc.lean(arenas=1)


def _require_no_network(settings) -> None:
    """Serve only where queries run without network, unless the settings accept the weaker guarantee."""
    if settings["NUKG_STORE"]:  # no query process here: the store runs the queries (checked here first)
        return
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
