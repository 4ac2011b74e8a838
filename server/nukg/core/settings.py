"""Settings: each has a name, a default and one line of help.

The name is both the Flask config key and the environment variable that
overrides it (``NUKG_QUERY_TIMEOUT=5 nukg serve``).  ``nukg serve`` offers
each one as an option too (``--query-timeout 5``).  Precedence, lowest
first: defaults, the instance file ``instance/nukg.cfg``, ``NUKG_*``
environment variables, then the ``config`` given to ``create_app``.

The project folder (ontology/, data/, shapes/, queries/) is never looked for
next to the installed code: it is ``--root``, else ``NUKG_ROOT``, else the
checkout the current directory is in (see :func:`find_root`).  The instance
file lives in that folder, so it cannot name the folder itself.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit


class ConfigError(ValueError):
    """A setting has a value that cannot be used."""


def _positive_int(text) -> int:
    value = int(text)
    if value < 1:
        raise ValueError("must be at least 1")
    return value


def _count(text) -> int:
    value = int(text)
    if value < 0:
        raise ValueError("must be 0 or more")
    return value


def _reserved(text) -> int:
    value = int(text)
    if value < -1:
        raise ValueError("must be -1 (a quarter) or 0 or more")
    return value


def _count_or_auto(text) -> int:
    value = int(text)
    if value < -1:
        raise ValueError("must be -1 (sized to the CPUs) or 0 or more")
    return value


def _seconds(text) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError("must be more than 0")
    return value


def _port(text) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise ValueError("must be between 0 and 65535")
    return value


def _flag(text) -> bool:
    if isinstance(text, bool):
        return text
    lowered = str(text).strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError("must be true or false")


def _store_url(text) -> str:
    text = str(text or "").strip()
    if text and (urlsplit(text).scheme not in ("http", "https") or not urlsplit(text).hostname):
        raise ValueError("must be the http(s) URL of a SPARQL endpoint, or empty")
    return text


def _path(text):
    return Path(text).expanduser().resolve() if text not in (None, "") else None


def _cache_dir(text):
    """A folder; empty or unset: the default one (None); ``off``: no cache (False)."""
    if text is None or str(text).strip() == "":
        return None
    if text is False or str(text).strip().lower() in ("off", "none", "no", "false", "0"):
        return False
    return Path(text).expanduser().resolve()


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[Any], Any] = str
    option: bool = True  # offered as a `nukg serve` option

    @property
    def option_name(self) -> str:
        return "--" + self.name.removeprefix("NUKG_").lower().replace("_", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting("NUKG_ROOT", None, "Project folder holding ontology/, data/ and shapes/ (default: the checkout "
            "the current directory is in).",
            _path, option=False),
    Setting("NUKG_CACHE_DIR", None, "Folder of the build cache, where a validated, inferred build is kept so that "
            "unchanged inputs are not parsed and validated again (default: $XDG_CACHE_HOME/nukg, else "
            "~/.cache/nukg); off: no cache.", _cache_dir),
    Setting("NUKG_HOST", "127.0.0.1", "Address `nukg serve` listens on."),
    Setting("NUKG_PORT", 8000, "Port `nukg serve` listens on.", _port),
    Setting("NUKG_WEB_WORKERS", 0, "HTTP worker processes, each with its own query processes and answer cache "
            "(0: one per CPU, a container's CPU quota counted).", _count),
    Setting("NUKG_WEB_THREADS", 32, "Threads per HTTP worker; keep well above NUKG_QUERY_WORKERS so that requests "
            "waiting on queries never block the rest.", _positive_int),
    Setting("NUKG_QUERY_WORKERS", -1, "Query processes per HTTP worker, each holding a copy of the store (-1: the "
            "CPUs shared among the HTTP workers, at least 2 each so that one can be kept for light clients, at most "
            "half the threads; 0 runs queries inside the web process with no enforced time limit, for tests).",
            _count_or_auto),
    Setting("NUKG_STORE", "", "URL of a SPARQL 1.1 endpoint that answers the queries (filled by `nukg publish`), "
            "e.g. http://localhost:7878/query; empty: the embedded store, in NUKG_QUERY_WORKERS query processes. "
            "With a URL, NUKG_QUERY_WORKERS is how many queries are sent to it at once.", _store_url),
    Setting("NUKG_QUERY_TIMEOUT", 10.0, "Seconds a query may run; past that its process is killed and replaced "
            "and the client gets 503.", _seconds),
    Setting("NUKG_QUEUE_TIMEOUT", 10.0, "Seconds a request may wait for its client's turn (429 after) and then "
            "for a free query process (503 after).", _seconds),
    Setting("NUKG_CLIENT_QUERIES", 2, "Queries one client may have running at once; its others wait their "
            "turn: up to half the web threads while no other client is served, else as many as it runs, and any "
            "more are refused at once with 429 (0: no per-client limit).", _count),
    Setting("NUKG_CLIENT_BUDGET", 30.0, "Seconds of query time one client may use in NUKG_CLIENT_WINDOW; past "
            "that it gets 429 with Retry-After until older queries leave the window.", _seconds),
    Setting("NUKG_CLIENT_WINDOW", 60.0, "The sliding window, in seconds, over which a client's query time is "
            "counted.", _seconds),
    Setting("NUKG_RESERVED_QUERY_WORKERS", -1, "Query processes kept for light clients (those that used less "
            "than NUKG_RESERVED_TIMEOUT of query time in the window): while the others all run queries, these "
            "run only light clients' queries, stopped after NUKG_RESERVED_TIMEOUT (-1: a quarter, at least "
            "one; never all).", _reserved),
    Setting("NUKG_RESERVED_TIMEOUT", 1.0, "Seconds a query may run on the reserved query processes.", _seconds),
    Setting("NUKG_CLIENT_HEADER", "", "Request header naming the client behind a reverse proxy (its last value is "
            "used, e.g. X-Forwarded-For); empty: the connection's address."),
    Setting("NUKG_MAX_QUERY_BYTES", 65536, "Longest query accepted, in bytes of UTF-8; a request body may be four "
            "times this to allow for URL-encoding (413 beyond).", _positive_int),
    Setting("NUKG_MAX_RESULT_BYTES", 64 * 1024 * 1024, "Largest serialised answer, in bytes; a larger one is an "
            "error (422), never a truncated answer (0: no limit).", _count),
    Setting("NUKG_MAX_BUFFERED_BYTES", 128 * 1024 * 1024, "Bytes of answers an HTTP worker holds at once, all "
            "requests together; an answer waits for room (503 after the queue timeout) (0: no limit).", _count),
    Setting("NUKG_ANSWER_CACHE_BYTES", 4 * 1024 * 1024, "Bytes of answers each web worker keeps in memory, "
            "to answer a repeated query without running it (the data cannot change while the server runs; the "
            "least recently used go first; 0: no cache).", _count),
    Setting("NUKG_QUERY_MEMORY", 200, "Address space of each query process, in MB (the store included); a "
            "query that needs more is stopped with 503 and its process replaced (0: no limit).", _count),
    Setting("NUKG_ALLOW_QUERY_NETWORK", False, "Start even where query processes cannot be cut off from the "
            "network (no network namespaces); then only the query check stands between a query and the "
            "network.", _flag),
    Setting("NUKG_CACHE_MAX_AGE", 300, "Seconds clients and proxies may reuse an answer (Cache-Control max-age).",
            _count),
    Setting("NUKG_CORS_ORIGIN", "*", "Access-Control-Allow-Origin sent with every response."),
    Setting("NUKG_ACCESS_LOG", False, "One JSON line per request on stderr: request id, route, status, "
            "duration, query hash, outcome.", _flag),
)
BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    return {s.name: s.default for s in SETTINGS}


def parse(name: str, value) -> Any:
    """``value`` (text from the environment or an option, or already typed) as the setting wants it."""
    setting = BY_NAME[name]
    if value is None:
        return None
    try:
        return setting.parse(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{name}={value!r}: {exc}") from None


def from_env(environ=None) -> dict[str, Any]:
    """The settings given as ``NUKG_*`` environment variables."""
    environ = os.environ if environ is None else environ
    return {s.name: parse(s.name, environ[s.name]) for s in SETTINGS if s.name in environ}


def resolve(overrides: dict[str, Any] | None = None, environ=None) -> dict[str, Any]:
    """Defaults, then the environment, then ``overrides`` (None values ignored): what `nukg serve` uses."""
    values = defaults()
    values.update(from_env(environ))
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = parse(name, value)
    return values


def cpus(cgroup: Path = Path("/sys/fs/cgroup")) -> int:
    """The CPUs this process may use: those it may run on, or fewer when its control group's CPU quota
    (a container's limit) allows less."""
    try:
        count = len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not every platform can tell
        count = os.cpu_count() or 1
    quota = _cgroup_cpus(cgroup)
    return max(1, min(count, quota)) if quota else count


def _cgroup_cpus(cgroup: Path) -> int | None:
    """The CPU quota of the control group, rounded up to whole CPUs (cgroup v2 ``cpu.max``, else v1's CFS
    quota); None when there is none or it cannot be read."""
    try:
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        try:
            quota = (cgroup / "cpu" / "cpu.cfs_quota_us").read_text().strip()
            period = (cgroup / "cpu" / "cpu.cfs_period_us").read_text().strip()
        except OSError:
            return None
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:  # "max": no quota
        return None
    return -(-quota_us // period_us) if quota_us > 0 and period_us > 0 else None


def web_workers(config) -> int:
    """The HTTP worker processes the settings ask for (0: one per CPU)."""
    return int(config["NUKG_WEB_WORKERS"]) or cpus()


def query_workers(config) -> int:
    """Query processes per HTTP worker (-1: the CPUs shared among the HTTP workers, at least 2 each, and no
    more than half the worker's threads, which must stay well above them)."""
    wanted = int(config["NUKG_QUERY_WORKERS"])
    if wanted >= 0:
        return wanted
    share = -(-cpus() // web_workers(config))
    return max(2, min(share, int(config["NUKG_WEB_THREADS"]) // 2))


# What makes a folder the project's root.
ROOT_FOLDERS = ("ontology", "data", "shapes")


def find_root(root=None, environ=None, start: Path | None = None) -> Path:
    """The project folder: ``root`` when given, else ``NUKG_ROOT``, else the nearest folder
    at or above ``start`` (default: the current directory) holding ontology/, data/ and shapes/.

    Raises :class:`ConfigError` when none is found, saying how to name one.
    """
    if root not in (None, ""):
        return Path(root).expanduser().resolve()
    environ = os.environ if environ is None else environ
    if environ.get("NUKG_ROOT"):
        return parse("NUKG_ROOT", environ["NUKG_ROOT"])
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if all((folder / name).is_dir() for name in ROOT_FOLDERS):
            return folder
    raise ConfigError(
        f"No project folder (one holding {', '.join(f + '/' for f in ROOT_FOLDERS)}) at or above {here}: "
        "run from inside a checkout, or name one with --root or NUKG_ROOT."
    )
