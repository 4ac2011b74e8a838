"""Starting and stopping the real server (`nukg serve`) for end-to-end tests."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

FIXTURE_PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "project"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nukg_command() -> list[str]:
    script = Path(sys.executable).parent / "nukg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "nukg.cli"]


def clean_env() -> dict[str, str]:
    """The environment without NUKG_* settings, so that only the command line configures the server."""
    return {k: v for k, v in os.environ.items() if not k.startswith("NUKG_")}


class Server:
    """A `nukg serve` process on 127.0.0.1 and a free port, its output in ``log_path``."""

    def __init__(self, root: Path, log_path: Path, *options: str, env: dict[str, str] | None = None):
        """Address and port go on the command line, or, when ``env`` is given, into the environment with it."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.url + "/sparql"
        self.log_path = log_path
        self._log = open(log_path, "wb")
        command = [*nukg_command(), "serve", "--root", str(root)]
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
            cwd=PROJECT_ROOT,
            start_new_session=True,  # its own process group, so that a hung server can be killed whole
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, seconds: float = 60.0) -> dict | None:
        """The health document once the server answers; None if the process ended first."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return None
            try:
                with urllib.request.urlopen(self.url + "/-/health", timeout=2) as response:
                    return json.loads(response.read())
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"the server did not answer within {seconds} s:\n{self.log}")

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
        return {pid for pid in tree if b"nukg.store.worker" in _cmdline(pid)}

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


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and b"nukg.store.worker" in _cmdline(pid)
