"""Two `nukg serve` replicas over the fixture project and Debian's nginx in front of them, on loopback
(see deploy_support for how nginx runs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from deploy_support import NGINX, REPLICA_OPTIONS, Nginx
from support.live import Server
from support.paths import FIXTURE_PROJECT


@dataclass
class Cluster:
    replicas: list[Server]
    nginx: Nginx

    @property
    def url(self) -> str:
        return self.nginx.url


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two replicas and nginx, all answering; everything stopped (or killed) on the way out."""
    assert Path(NGINX).exists(), f"no nginx at {NGINX}: run `make system-packages`"
    folder = tmp_path_factory.mktemp("deploy")
    replicas: list[Server] = []
    nginx = None
    try:
        for number in range(2):
            replicas.append(Server(FIXTURE_PROJECT, folder / f"replica-{number}.log", *REPLICA_OPTIONS))
        for replica in replicas:
            assert replica.wait_ready() is not None, f"a replica exited early:\n{replica.log}"
        nginx = Nginx(folder / "nginx", [f"127.0.0.1:{replica.port}" for replica in replicas])
        assert nginx.wait_ready(), f"nginx did not answer:\n{nginx.diagnostics()}"
        yield Cluster(replicas, nginx)
    finally:
        if nginx is not None:
            nginx.stop()
        for replica in replicas:
            replica.stop()
