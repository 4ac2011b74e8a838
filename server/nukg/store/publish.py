"""Load a release into a remote store through the SPARQL 1.1 Graph Store Protocol: one PUT per graph.

Each named graph (ontology, data, inferred) replaces the store's graph of the same name, and
their union replaces the store's default graph, so that a query answers there as it does in the
embedded store (whose default graph is the same union).  Blank nodes are those of each graph:
the protocol sends graphs one at a time, so a blank node shared by two graphs becomes one per graph.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlencode

import pyoxigraph as ox

from ..core.formats import GRAPH, by_name
from ..core.terms import ox_triples
from .endpoint import EndpointError, Endpoint

NTRIPLES = by_name(GRAPH, "ntriples")
PUT_TIMEOUT = 600.0  # seconds one graph may take to load


class PublishError(Exception):
    """The store could not be reached, or refused a graph: the message says which and why."""


@dataclass(frozen=True)
class Loaded:
    graph: str  # the graph's IRI, or "" for the default graph
    triples: int
    status: int


def graphs_of(kg) -> list[tuple[str, list[ox.Triple]]]:
    """The graphs to load: each named graph of the release, then the union as the default graph."""
    named = [(str(name), ox_triples(graph)) for name, graph in kg.named_graphs().items()]
    return named + [("", ox_triples(kg.union))]


def publish(kg, url: str, *, timeout: float = PUT_TIMEOUT, progress=None) -> list[Loaded]:
    """PUT every graph of ``kg`` to the Graph Store Protocol endpoint at ``url``; ``progress(loaded)`` is told
    each graph as it is loaded.  Raises :class:`PublishError`."""
    try:
        endpoint = Endpoint(url)
    except ValueError as exc:
        raise PublishError(str(exc)) from None
    loaded = []
    try:
        for name, triples in graphs_of(kg):
            body = ox.serialize(triples, format=NTRIPLES.writer)
            params = urlencode({"graph": name}) if name else "default"
            try:
                reply = endpoint.request("PUT", body=body, params=params,
                                         headers={"Content-Type": NTRIPLES.media_type},
                                         deadline=time.monotonic() + timeout, limit=1024 * 1024)
            except EndpointError as exc:
                raise PublishError(f"{exc}. Is the store running, and is {endpoint.shown} its Graph Store "
                                   "Protocol URL (Oxigraph server: http://HOST:7878/store; Fuseki: "
                                   "http://HOST:3030/DATASET/data)?") from None
            if not 200 <= reply.status < 300:
                said = reply.body[:300].decode("utf-8", "replace").strip()
                what = f"the graph <{name}>" if name else "the default graph"
                raise PublishError(f"{endpoint.shown} refused {what}: {reply.status} {reply.reason}"
                                   + (f": {said}" if said else "")
                                   + (". Is it the Graph Store Protocol URL, and does it accept writes?"
                                      if reply.status in (400, 401, 403, 404, 405) else ""))
            done = Loaded(name, len(triples), reply.status)
            loaded.append(done)
            if progress is not None:
                progress(done)
    finally:
        endpoint.close()
    return loaded
