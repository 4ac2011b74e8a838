"""Issue 8: the bytes of answers one web process holds are bounded together, and always given back."""

import dataclasses
import gc
import threading
import time
import urllib.parse

import pytest
from support.paths import FIXTURE_PROJECT

from nukg.core.errors import ServiceUnavailable
from nukg.kg.graph import load
from nukg.store.budget import ByteBudget
from nukg.store.oxigraph import OxigraphStore
from nukg.web.app import create_app


def test_an_answer_waits_for_room_then_gets_503():
    budget = ByteBudget(100)
    first = budget.reserve(80, wait=1)
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable, match="busy sending other large answers") as refused:
        budget.reserve(30, wait=0.3)
    assert time.monotonic() - started >= 0.3
    assert refused.value.headers["Retry-After"]
    threading.Timer(0.2, first).start()  # the first answer is sent a little later
    second = budget.reserve(30, wait=2)
    assert budget.used == 30
    second()
    second()  # giving back twice gives back once
    assert budget.used == 0


def test_an_answer_larger_than_the_budget_waits_for_all_of_it():
    budget = ByteBudget(100)
    release = budget.reserve(500, wait=1)
    assert budget.used == 100
    release()
    assert budget.used == 0


def test_no_budget_means_no_limit():
    budget = ByteBudget(0)
    budget.reserve(10**12, wait=0)()
    assert budget.used == 0


class Releasing(OxigraphStore):
    """The in-process store, with answers that say when their bytes are given back."""

    released = 0

    def run(self, *args, **kwargs):
        answer = super().run(*args, **kwargs)

        def release():
            Releasing.released += 1

        return dataclasses.replace(answer, release=release)


# GET: the fast path in front of Flask; POST: Flask's view, the only one with after-request hooks
@pytest.mark.parametrize(("method", "fails_after"), [("GET", None), ("POST", None), ("POST", "hook"),
                                                     ("GET", "keeping"), ("POST", "keeping")])
def test_the_bytes_are_given_back_even_when_the_answer_is_never_sent(method, fails_after):
    store = Releasing.from_kg(load(FIXTURE_PROJECT))
    app = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0}, store=store)
    if fails_after == "hook":
        @app.after_request
        def broken(response):  # something after the endpoint fails: the answer is dropped for a 500
            raise RuntimeError("after the answer")
    elif fails_after == "keeping":
        def broken_put(*args, **kwargs):  # the answer cache fails to keep the answer: a 500 instead
            raise RuntimeError("could not keep the answer")

        app.extensions["nukg.answers"].put = broken_put

    Releasing.released = 0
    form = {"query": "ASK { ?s ?p ?o }"}
    client = app.test_client()
    response = (client.get("/sparql?" + urllib.parse.urlencode(form)) if method == "GET"
                else client.post("/sparql", data=form))
    assert response.status_code == (500 if fails_after else 200)
    response.close()
    gc.collect()
    assert Releasing.released >= 1


def test_the_bytes_are_given_back_when_the_fast_path_fails_to_send(monkeypatch):
    store = Releasing.from_kg(load(FIXTURE_PROJECT))
    app = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0, "NUKG_ANSWER_CACHE_BYTES": 0}, store=store)

    def broken(route, status):  # the metrics fail after the answer was read, before it is sent
        raise RuntimeError("metrics unavailable")

    monkeypatch.setattr("nukg.web.metrics.count_response", broken)
    Releasing.released = 0
    with pytest.raises(RuntimeError, match="metrics unavailable"):
        app.test_client().get("/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    assert Releasing.released == 1
