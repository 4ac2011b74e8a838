"""Stand-ins for remote stores that misbehave, on 127.0.0.1 and a free port: one that never answers, one that
answers a byte at a time, one that says the same thing to every request, and a SPARQL endpoint that answers
in SPARQL JSON and N-Triples only, whatever is asked."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pyoxigraph as ox


class RawServer:
    """Accepts connections and hands each to ``handle(conn)`` in a thread of its own; ``requests`` counts them."""

    def __init__(self, handle):
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.requests = 0
        self._handle, self._closed, self._conns = handle, False, []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self.requests += 1
            self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn) -> None:
        try:
            conn.recv(65536)  # the request (small here)
            self._handle(conn, self)
        except OSError:
            pass

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        self._thread.join(timeout=2)
        for conn in self._conns:
            conn.close()
        self._sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def stalling() -> RawServer:
    """Reads the request and never answers."""
    return RawServer(lambda conn, server: _wait_for(server))


def dripping() -> RawServer:
    """Answers 200 and then one byte of JSON every tenth of a second, for as long as the client reads."""
    def handle(conn, server):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\n\r\n")
        while not server.closed:
            conn.sendall(b" ")
            time.sleep(0.1)
    return RawServer(handle)


def _wait_for(server: RawServer) -> None:
    while not server.closed:
        time.sleep(0.05)


class Canned:
    """Answers every request with ``status``, ``content_type`` and ``body``; ``requests`` counts them."""

    def __init__(self, status: int, content_type: str, body: bytes, headers: dict | None = None):
        canned = self
        self.requests = 0
        self.authorizations: list[str | None] = []  # the Authorization header of each request

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                canned.requests += 1
                canned.authorizations.append(self.headers.get("Authorization"))
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/sparql"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class PlainFormats(Canned):
    """A SPARQL endpoint over ``nquads`` that answers in SPARQL JSON or N-Triples only, whatever is asked."""

    def __init__(self, nquads: bytes):
        store = ox.Store()
        store.extend(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
        plain = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                options = {}
                if "default-graph-uri" in form or "named-graph-uri" in form:
                    options["default_graph"] = [ox.NamedNode(i) for i in form.get("default-graph-uri", [])]
                    options["named_graphs"] = [ox.NamedNode(i) for i in form.get("named-graph-uri", [])]
                try:
                    answer = store.query(form["query"][0], **options)
                except SyntaxError as exc:  # as Oxigraph server says it
                    self._say(400, "text/plain", str(exc).encode())
                    return
                if isinstance(answer, ox.QueryTriples):
                    body, media = ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES), "application/n-triples"
                else:
                    body, media = answer.serialize(format=ox.QueryResultsFormat.JSON), "application/sparql-results+json"
                plain.requests += 1
                self._say(200, media, body)

            def _say(self, status, media, body):
                self.send_response(status)
                self.send_header("Content-Type", media)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.requests = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/sparql"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
