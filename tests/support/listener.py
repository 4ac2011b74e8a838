"""A TCP listener on the loopback that counts the connections it gets: the proof that a query
did, or did not, reach the network."""

from __future__ import annotations

import socket
import threading

from support.live import wait_until


class Listener:
    """Accepts connections on 127.0.0.1 and a free port until closed; ``connections`` counts them."""

    def __init__(self):
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def reached(self, seconds: float = 0.5) -> bool:
        """Whether a connection came, waiting up to ``seconds`` for a late one."""
        return wait_until(lambda: self.connections > 0, seconds)

    def close(self) -> None:
        self._closed = True
        self._thread.join(timeout=2)
        self._sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def fill(template: str, listener: Listener) -> str:
    """A query template with ``<URL>`` (the listener's endpoint) and ``HOST`` (its host and port) filled in."""
    return template.replace("<URL>", f"<{listener.url}>").replace("HOST", f"127.0.0.1:{listener.port}")


def run_in_engine(text: str) -> None:
    """Run the query as the store would, unchecked (its prefixes, answers read to the last), whatever it raises."""
    import pyoxigraph

    from nukg.core.namespaces import PREFIX_IRIS

    try:
        answer = pyoxigraph.Store().query(text, prefixes=PREFIX_IRIS)
        if isinstance(answer, pyoxigraph.QueryBoolean):
            bool(answer)
        else:
            for _ in answer:
                pass
    except Exception:  # noqa: BLE001 - a syntax error, a refused or reset connection: the count is what matters
        pass
