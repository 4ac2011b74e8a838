"""deploy/render.py as an administrator runs it: the shipped deploy/nukg.conf is its output, nginx
accepts what it writes, and bad arguments are refused before anything is written."""

from __future__ import annotations

import subprocess
import sys

import pytest
from support.paths import PROJECT_ROOT

from deploy_support import NGINX, RENDER


def render(*args: str, cwd=PROJECT_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RENDER), *args], capture_output=True, text=True, timeout=30, cwd=cwd)


def test_the_shipped_configuration_is_the_rendered_one():
    result = render()
    assert result.returncode == 0, result.stderr
    assert result.stdout == (PROJECT_ROOT / "deploy" / "nukg.conf").read_text()


def test_the_replicas_listen_and_cache_folder_go_where_they_are_asked(tmp_path):
    result = render("--replica", "10.0.0.5:8000", "--replica", "10.0.0.6:8000", "--replica", "unix:/run/nukg.sock",
                    "--listen", "0.0.0.0:80", "--cache-dir", "/srv/cache/nukg", "--fail-timeout", "3")
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    servers = [line for line in lines if line.startswith("server ") and "fail_timeout" in line]
    assert servers == [f"server {address} max_fails=1 fail_timeout=3s;"
                       for address in ("10.0.0.5:8000", "10.0.0.6:8000", "unix:/run/nukg.sock")]
    assert "listen 0.0.0.0:80;" in lines
    assert any(line.startswith("proxy_cache_path /srv/cache/nukg ") for line in lines)


def test_nginx_accepts_the_standalone_configuration(tmp_path):
    prefix = tmp_path / "nginx"
    result = render("--standalone", str(prefix), "--listen", "127.0.0.1:18080")
    assert result.returncode == 0, result.stderr
    command = result.stdout.split()
    assert command[1:] == ["-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(prefix / "nginx.conf")]
    checked = subprocess.run([NGINX, *command[1:], "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
    text = (prefix / "nginx.conf").read_text()
    assert "daemon off;" in text and f"pid {prefix}/nginx.pid;" in text and "listen 127.0.0.1:18080;" in text


@pytest.mark.parametrize("args, complaint", [
    (("--replica", "127.0.0.1"), "not host:port"),
    (("--replica", "127.0.0.1:80; include /etc/passwd"), "not host:port"),
    (("--listen", "127.0.0.1:99999"), "not host:port"),
    (("--cache-dir", "relative/cache"), "not an absolute path"),
    (("--standalone", "/tmp/with space"), "not an absolute path"),
    (("--fail-timeout", "0"), "at least 1"),
    (("--workers", "two; user root"), "--workers must be"),
])
def test_bad_arguments_are_refused(tmp_path, args, complaint):
    result = render(*args, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert complaint in result.stderr
    assert list(tmp_path.iterdir()) == []
