"""Debian's nginx run by the tests with deploy/'s configuration, on loopback.

nginx runs unprivileged with the configuration ``deploy/render.py --standalone`` writes: every
file (cache, temp files, pid, logs) in the test's temporary folder, in the foreground, listening on
127.0.0.1 and a free port.  The binary is the system's (``make system-packages`` installs it).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from support.live import free_port, ok_body, wait_until
from support.paths import PROJECT_ROOT

NGINX = os.environ.get("NUKG_TEST_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
RENDER = PROJECT_ROOT / "deploy" / "render.py"
# The replicas name clients by the address nginx saw (X-Forwarded-For), as deploy/README.md says to
# run them; every request of the tests comes from 127.0.0.1, so one client may run as many queries
# as the load's threads.
REPLICA_OPTIONS = ("--query-workers", "1", "--query-timeout", "5", "--client-header", "X-Forwarded-For",
                   "--client-queries", "8")


class Nginx:
    """nginx in the foreground with a standalone configuration rendered into ``prefix``."""

    def __init__(self, prefix: Path, replicas: list[str]):
        self.prefix = prefix
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        rendered = subprocess.run(
            [sys.executable, str(RENDER), "--standalone", str(prefix), "--listen", f"127.0.0.1:{self.port}",
             *[arg for replica in replicas for arg in ("--replica", replica)]],
            capture_output=True, text=True, timeout=30,
        )
        assert rendered.returncode == 0, rendered.stderr
        command = rendered.stdout.split()  # the command render.py prints, with the binary the tests use
        self._out = open(prefix / "nginx.out", "wb")
        self.proc = subprocess.Popen([NGINX, *command[1:]], stdout=self._out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def access_log(self) -> list[str]:
        path = self.prefix / "access.log"
        return path.read_text().splitlines() if path.exists() else []

    def diagnostics(self) -> str:
        return "\n".join((self.prefix / name).read_text(errors="replace")[-4000:]
                         for name in ("nginx.out", "error.log") if (self.prefix / name).exists())

    def wait_ready(self, seconds: float = 20.0) -> bool:
        def answered() -> bool:
            return ok_body(self.url + "/-/health") is not None

        return wait_until(lambda: self.proc.poll() is not None or answered(), seconds, interval=0.1) \
            and self.proc.poll() is None

    def stop(self, seconds: float = 10.0) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # fast shutdown of master and workers
            try:
                self.proc.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=seconds)
        self._out.close()
