"""Issue 8: on SIGTERM, requests in flight finish, new ones are not accepted, and no query process is left."""

import json
import signal
import threading
import urllib.error
import urllib.parse
import urllib.request

from support.live import Server, alive, wait_until
from support.paths import FIXTURE_PROJECT

# Counts 10^8 rows: about 9 s on this kind of machine, well inside the time limit below.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?x{i} {{ 1 2 3 4 5 6 7 8 9 10 }}" for i in range(8)
) + " }"


def ask(server: Server, query: str, timeout: float = 60):
    url = f"{server.endpoint}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, json.loads(response.read())


def accepts(server: Server) -> bool:
    """Whether the server answers a new request with a success."""
    try:
        return ask(server, "ASK {}", timeout=5)[0] == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def test_sigterm_lets_the_query_in_flight_finish_and_leaves_no_process(tmp_path):
    server = Server(FIXTURE_PROJECT, tmp_path / "serve.log", "--web-workers", "1", "--query-workers", "2", "--query-timeout", "30")
    try:
        assert server.wait_ready() is not None, server.log
        workers = server.query_worker_pids()
        assert len(workers) == 2
        answers = []
        in_flight = threading.Thread(target=lambda: answers.append(ask(server, SLOW)))
        in_flight.start()
        threading.Event().wait(1.0)  # the query is running in a query process now
        server.proc.send_signal(signal.SIGTERM)
        threading.Event().wait(1.0)
        assert in_flight.is_alive(), "the slow query ended before the test could look"
        assert not accepts(server), "a new request was accepted while the server was stopping"

        in_flight.join(timeout=60)
        assert answers, f"the request in flight got no answer:\n{server.log}"
        status, body = answers[0]
        assert status == 200 and body["results"]["bindings"][0]["n"]["value"] == str(10**8)

        assert server.proc.wait(timeout=60) == 0, server.log
        assert not accepts(server)
        assert wait_until(lambda: not any(alive(pid) for pid in workers), 10), "query processes outlived the server"
    finally:
        server.stop()
