"""A regular (not editable) install serves the graph: wheel, fresh virtual environment, `nukg serve`.

The wheel is built from a copy of the sources (a build writes build/ and *.egg-info next to them).
The fresh environment gets no dependencies from the network: a .pth file puts this environment's
site-packages on its path.  Python reads .pth files only in its own site folders, not in folders a
.pth line adds, so the editable install of nukg here stays invisible there (checked below).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.parse
import urllib.request
from pathlib import Path

from support.live import Server, alive, clean_env, wait_until
from support.paths import PROJECT_ROOT

COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DEPENDENCIES = ("rdflib", "pyshacl", "owlrl", "pyoxigraph", "flask", "click", "granian", "yaml")


def run(*command, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, cwd=cwd, env=clean_env(), timeout=timeout
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"{result.args} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


def copy_sources(target: Path) -> Path:
    """What a build reads: the top-level files (pyproject.toml, README.md...) and server/."""
    target.mkdir()
    for path in PROJECT_ROOT.iterdir():
        if path.is_file():
            shutil.copy2(path, target / path.name)
    shutil.copytree(
        PROJECT_ROOT / "server", target / "server", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    )
    return target


def build_wheel(source: Path, wheels: Path, cwd: Path) -> Path:
    # offline, with this environment's setuptools (the test extra asks for the version pyproject.toml's
    # [build-system] needs, which builds wheels without the separate `wheel` package)
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", wheels, source]
    ok(run(*command, cwd=cwd, timeout=180))
    (wheel,) = wheels.glob("nato_ukraine_kg-*.whl")
    return wheel


def package_files(folder: Path) -> set[str]:
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def get_json(url: str, accept: str = "application/json") -> dict:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return json.loads(response.read())


def test_a_regular_install_serves_the_graph(tmp_path):
    started = time.monotonic()

    def lap(stage: str) -> None:  # shown by pytest -rP
        print(f"{time.monotonic() - started:5.1f} s  {stage}")

    # The wheel.
    wheel = build_wheel(copy_sources(tmp_path / "source"), tmp_path / "wheels", cwd=tmp_path)
    package = tmp_path / "source" / "server" / "nukg"
    lap("wheel built")

    # A fresh environment that sees this one's dependencies but not its nukg.
    fresh = tmp_path / "fresh"
    ok(run(getattr(sys, "_base_executable", sys.executable), "-m", "venv", fresh, cwd=tmp_path))
    python, nukg = fresh / "bin" / "python", fresh / "bin" / "nukg"
    fresh_site = Path(ok(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                             cwd=tmp_path)).stdout.strip())
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (fresh_site / "_nukg_test_dependencies.pth").write_text("".join(f"{path}\n" for path in ours))
    ok(run(python, "-c", f"import {', '.join(DEPENDENCIES)}", cwd=tmp_path))
    hidden = run(python, "-c", "import nukg", cwd=tmp_path)
    assert hidden.returncode != 0 and "No module named 'nukg'" in hidden.stderr, (
        "the fresh environment sees nukg before the install:\n" + hidden.stdout + hidden.stderr
    )
    lap("fresh environment made")

    # The install.  --ignore-installed: this environment's nato-ukraine-kg (editable) is on the
    # fresh one's path too, and pip must neither skip the wheel for it nor try to uninstall it.
    ok(run(python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed", wheel, cwd=tmp_path))
    where = Path(ok(run(python, "-c", "import nukg; print(nukg.__file__)", cwd=tmp_path)).stdout.strip())
    assert where.is_relative_to(fresh_site), where
    installed = where.parent
    assert (installed / "web" / "templates" / "base.html").is_file()
    missing = package_files(package) - package_files(installed)
    assert not missing, f"files of server/nukg missing from the wheel: {sorted(missing)}"
    assert str(python) in nukg.read_text()[:1000], "the nukg script runs another Python"
    lap("wheel installed")

    # The command line, from outside the checkout.
    validated = ok(run(nukg, "validate", "--root", PROJECT_ROOT, cwd=tmp_path))
    assert "conforms" in validated.stdout
    asked = ok(run(nukg, "query", "--root", PROJECT_ROOT, "ASK { ?s ?p ?o }", cwd=tmp_path))
    assert asked.stdout.strip() == "true", asked.stdout
    rootless = run(nukg, "stats", cwd=tmp_path)
    assert rootless.returncode == 2, rootless.stdout + rootless.stderr
    assert "--root" in rootless.stderr, rootless.stderr
    lap("validate, query, stats run")

    # The server, from outside the checkout too.
    server = Server(PROJECT_ROOT, tmp_path / "serve.log", "--web-workers", "1", "--query-workers", "1",
                    command=[str(nukg)], cwd=tmp_path)
    workers: set[int] = set()
    try:
        health = server.wait_ready()
        assert health is not None, f"nukg serve exited early:\n{server.log}"
        lap("server answering")
        assert health["ok"] is True and health["triples"] > 0, health
        answer = get_json(f"{server.endpoint}?{urllib.parse.urlencode({'query': COUNT_QUERY})}",
                          accept="application/sparql-results+json")
        count = int(answer["results"]["bindings"][0]["n"]["value"])
        assert count == health["triples"], (count, health)

        workers = server.query_worker_pids()
        assert len(workers) == health["query_processes"] == 1, (workers, health)
        for pid in workers:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            assert command[0].decode() == str(python), command  # the fresh environment's Python
    finally:
        code = server.stop()
    assert code == 0, server.log
    assert wait_until(lambda: not any(alive(pid) for pid in workers)), "query processes outlived the server"
    lap("server stopped")
    assert time.monotonic() - started < 60, f"took {time.monotonic() - started:.0f} s"
