"""A real `nukg serve` process for end-to-end tests, and the process helpers around it.

``wait_until`` is the suite's one way to wait for something that happens in another
thread or process: it polls a condition until it holds or the time is up.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from support.paths import PROJECT_ROOT

WORKER_MODULE = b"nukg.store.worker"  # in the command line of a query worker (python -m nukg.store.worker)


def wait_until(condition, seconds: float = 10.0, interval: float = 0.02) -> bool:
    """True as soon as ``condition()`` is true; False if it is still false after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def ok_body(url: str, timeout: float = 2.0) -> bytes | None:
    """The body of ``url``'s answer when it is a 200, else None (not up yet, refused, an error status).

    For waiting until a server is ready: an error answer is closed here, since one left to the garbage
    collector warns of an unclosed socket, which the suite turns into an error somewhere else."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read() if response.status == 200 else None
    except urllib.error.HTTPError as refused:
        refused.close()
        return None
    except OSError:
        return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nukg_command() -> list[str]:
    script = Path(sys.executable).parent / "nukg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "nukg.cli"]


def clean_env() -> dict[str, str]:
    """The environment without NUKG_* settings, so that only the command line configures the server,
    and without what would point Python at other code."""
    dropped = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "PYTHONSAFEPATH")
    return {k: v for k, v in os.environ.items() if not k.startswith("NUKG_") and k not in dropped}


class Server:
    """A `nukg serve` process on 127.0.0.1 and a free port, its output in ``log_path``."""

    def __init__(self, root: Path, log_path: Path, *options: str, env: dict[str, str] | None = None,
                 command: list[str] | None = None, cwd: Path = PROJECT_ROOT):
        """Address and port go on the command line, or, when ``env`` is given, into the environment with it.

        ``command`` is the ``nukg`` to run (default: this environment's), ``cwd`` where it runs.
        """
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.url + "/sparql"
        self.log_path = log_path
        self._log = open(log_path, "wb")
        command = [*(command or nukg_command()), "serve", "--root", str(root)]
        if env is None:
            command += ["--host", "127.0.0.1", "--port", str(self.port)]
            env = clean_env()
        else:
            env = {**clean_env(), **env, "NUKG_HOST": "127.0.0.1", "NUKG_PORT": str(self.port)}
        self.proc = subprocess.Popen(
            [*command, *options],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=cwd,
            start_new_session=True,  # its own process group, so that a hung server can be killed whole
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, seconds: float = 60.0) -> dict | None:
        """The health document once the server answers; None if the process ended first."""
        health: list[dict] = []

        def answered_or_ended() -> bool:
            if self.proc.poll() is not None:
                return True
            body = ok_body(self.url + "/-/health")
            if body is None:
                return False
            health.append(json.loads(body))
            return True

        if not wait_until(answered_or_ended, seconds, interval=0.1):
            raise TimeoutError(f"the server did not answer within {seconds} s:\n{self.log}")
        return health[0] if health else None

    def query_worker_pids(self) -> set[int]:
        """Process ids of the server's query workers (Linux /proc), found through the process tree."""
        children = _children()
        tree, todo = set(), [self.proc.pid]
        while todo:
            pid = todo.pop()
            for child in children.get(pid, ()):
                if child not in tree:
                    tree.add(child)
                    todo.append(child)
        return {pid for pid in tree if WORKER_MODULE in _cmdline(pid)}

    def stop(self, seconds: float = 20.0) -> int:
        """Ask the server to stop (SIGINT, like Ctrl-C); kill its whole process group if it does not.

        Returns its exit code.
        """
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=seconds)
        self._log.close()
        return self.proc.returncode


@contextmanager
def serving(root: Path, log_path: Path, *options: str):
    """A :class:`Server` that has answered, for a fixture to yield; stopped on the way out."""
    server = Server(root, log_path, *options)
    try:
        assert server.wait_ready() is not None, f"nukg serve exited early:\n{server.log}"
        yield server
    finally:
        server.stop()


def alive(pid: int) -> bool:
    """Whether ``pid`` is still a running query worker."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and WORKER_MODULE in _cmdline(pid)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children
