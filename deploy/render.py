"""Render the nginx configuration of deploy/ for given replicas, listening address and paths.

    python deploy/render.py --replica 127.0.0.1:8001 --replica 127.0.0.1:8002 \\
        --listen 127.0.0.1:8080 --cache-dir /var/cache/nginx/nukg > /etc/nginx/conf.d/nukg.conf

prints the part that goes in nginx's http context (deploy/nukg.conf is it with the defaults).

    python deploy/render.py --standalone /tmp/nukg-nginx --replica ... --listen 127.0.0.1:8080

writes a complete configuration that runs without root, every file under that folder
(/tmp/nukg-nginx/nginx.conf; cache, temp files, pid and logs beside it), and prints the
command that starts it in the foreground.  The tests and the bench run nginx this way.
Only the standard library: this runs wherever nginx does, without the project installed.
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE_TEMPLATE = HERE / "nukg.conf.in"
STANDALONE_TEMPLATE = HERE / "standalone.conf.in"
DEFAULT_REPLICAS = ("127.0.0.1:8001", "127.0.0.1:8002")
DEFAULT_LISTEN = "127.0.0.1:8080"
DEFAULT_CACHE_DIR = "/var/cache/nginx/nukg"
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
ADDRESS = re.compile(r"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$|^unix:/[^\s;{}]+$")
PATH = re.compile(r"^/[^\s;{}'\"]*$")  # an absolute path nginx reads as one word


def fill(template: Path, values: dict[str, str]) -> str:
    """``template`` with each ``@NAME@`` replaced by ``values[NAME]``; every placeholder must be given."""
    text = template.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = re.findall(r"@[A-Z_]+@", text)
    if left:
        raise ValueError(f"{template.name}: no value for {', '.join(sorted(set(left)))}")
    return text


def checked_address(value: str) -> str:
    """``host:port`` (or ``unix:/path``) as nginx reads it; anything else is an argparse error."""
    match = ADDRESS.match(value)
    if not match or (match.group(2) and not 0 < int(match.group(2)) < 65536):
        raise argparse.ArgumentTypeError(f"not host:port or unix:/path: {value!r}")
    return value


def checked_path(value: str) -> str:
    if not PATH.match(value):
        raise argparse.ArgumentTypeError(f"not an absolute path without spaces, quotes, ';' or braces: {value!r}")
    return value


def site(replicas: list[str], listen: str, cache_dir: str, fail_timeout: int = 10) -> str:
    """The http-context configuration: cache, upstream block of ``replicas``, server on ``listen``."""
    servers = "\n".join(f"    server {r} max_fails=1 fail_timeout={fail_timeout}s;" for r in replicas)
    return fill(SITE_TEMPLATE, {"SERVERS": servers, "LISTEN": listen, "CACHE_DIR": cache_dir})


def standalone(prefix: Path, replicas: list[str], listen: str, cache_dir: str | None = None,
               fail_timeout: int = 10, workers: str = "1") -> str:
    """A complete configuration with every file under ``prefix``; creates the folders it names."""
    prefix = prefix.resolve()
    for name in TEMP_DIRS:
        (prefix / "temp" / name).mkdir(parents=True, exist_ok=True)
    cache = cache_dir or str(prefix / "cache")
    Path(cache).mkdir(parents=True, exist_ok=True)
    # A master started as root hands its workers to "nobody", who could not use a private folder:
    # then they keep the user that owns the folder.
    user = f"user {pwd.getpwuid(prefix.stat().st_uid).pw_name};\n" if os.geteuid() == 0 else ""
    indented = "\n".join(("    " + line).rstrip() for line in site(replicas, listen, cache, fail_timeout).splitlines())
    return fill(STANDALONE_TEMPLATE, {"PREFIX": str(prefix), "USER": user, "WORKERS": workers, "SITE": indented})


def nginx_binary() -> str:
    """Debian's nginx: on the PATH, else where the package puts it (/usr/sbin is not on every PATH)."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin") or "nginx"


def start_command(prefix: Path) -> list[str]:
    """The command that runs a standalone configuration in the foreground."""
    prefix = prefix.resolve()
    return [nginx_binary(), "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replica", action="append", type=checked_address, metavar="HOST:PORT",
                        help=f"a `nukg serve` replica; repeat for each (default: {', '.join(DEFAULT_REPLICAS)})")
    parser.add_argument("--listen", type=checked_address, default=DEFAULT_LISTEN, metavar="HOST:PORT",
                        help=f"where nginx listens (default: {DEFAULT_LISTEN})")
    parser.add_argument("--cache-dir", type=checked_path, metavar="PATH",
                        help=f"folder of the cache (default: {DEFAULT_CACHE_DIR}, or PREFIX/cache with --standalone)")
    parser.add_argument("--fail-timeout", type=int, default=10, metavar="SECONDS",
                        help="seconds a replica that failed is left out (default: 10)")
    parser.add_argument("--workers", default="1", metavar="N",
                        help="nginx worker processes of a standalone configuration: a number or auto (default: 1)")
    parser.add_argument("--standalone", type=checked_path, metavar="PREFIX",
                        help="write PREFIX/nginx.conf, a complete configuration that runs without root")
    args = parser.parse_args(argv)
    replicas = args.replica or list(DEFAULT_REPLICAS)
    if args.fail_timeout < 1:
        parser.error("--fail-timeout must be at least 1")
    if not (args.workers == "auto" or args.workers.isdigit() and int(args.workers) > 0):
        parser.error(f"--workers must be a number of at least 1 or auto, not {args.workers!r}")
    if args.standalone is None:
        sys.stdout.write(site(replicas, args.listen, args.cache_dir or DEFAULT_CACHE_DIR, args.fail_timeout))
        return 0
    prefix = Path(args.standalone)
    text = standalone(prefix, replicas, args.listen, args.cache_dir, args.fail_timeout, args.workers)
    (prefix / "nginx.conf").write_text(text)
    print(" ".join(start_command(prefix)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
