"""A real Oxigraph server (the `oxigraph` executable of PyPI's `oxigraph`) on 127.0.0.1 and a free port,
and `nukg publish` run as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support.live import clean_env, free_port, nukg_command, ok_body, wait_until


def oxigraph_executable() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server is missing: install the test extras (pip install -e '.[test]')"
    return found

STORE_TIMEOUT = 5  # seconds the server itself lets a query run: a runaway one left by a test stops there


class OxigraphServer:
    """``oxigraph serve`` with its data in ``location``; ``query_url`` and ``store_url`` are its endpoints."""

    def __init__(self, location: Path, log_path: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.query_url, self.store_url = self.url + "/query", self.url + "/store"
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [oxigraph_executable(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}",
             "--timeout-s", str(STORE_TIMEOUT)],
            stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if not wait_until(self._answers, 30, interval=0.05):
            self.stop()
            raise RuntimeError(f"oxigraph serve did not answer:\n{log_path.read_text(errors='replace')}")

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            raise RuntimeError(f"oxigraph serve ended with {self.proc.returncode}")
        return ok_body(self.query_url + "?query=ASK%7B%7D") is not None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def nukg(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    """A `nukg` command, as a user runs it."""
    return subprocess.run([*nukg_command(), *args], capture_output=True, text=True, timeout=timeout,
                          env=clean_env(), stdin=subprocess.DEVNULL)


def published(server: OxigraphServer, root: Path) -> subprocess.CompletedProcess:
    """`nukg publish` of the project at ``root`` into ``server``; fails the test when it does not exit 0."""
    result = nukg("publish", "--root", str(root), server.store_url)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def remote_app(root: Path, url: str, **settings):
    """The app over the project at ``root``, its queries answered by the SPARQL endpoint at ``url``."""
    from nukg.web.app import create_app

    return create_app({"NUKG_ROOT": root, "NUKG_STORE": url, **settings})
