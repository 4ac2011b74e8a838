"""What every web worker reads and none changes, loaded once by ``nukg serve`` before the workers start.

granian forks its web workers from the process that runs ``nukg serve``, so what that process holds
at the fork, every worker shares (copy on write) instead of building a copy of its own: the graph
``nukg serve`` has just validated (or read back from the build cache), its descriptions and search
index, the named queries, and the modules every worker imports.  They are then frozen out of the
garbage collector's sweeps, which would otherwise touch, and so copy, every page that holds them.
Workers granian starts again later are forked from the same process: new data is served after a
restart, never after a reload.

A worker's app takes them from here when they were loaded for its project folder
(:func:`shared`); an app made any other way (tests, ``create_app`` alone) builds its own.  Nothing
here imports Flask's app or the metrics: prometheus_client must be first imported in the workers,
after ``nukg serve`` has chosen its multi-process folder.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path

from ..kg.descriptions import Descriptions
from ..kg.graph import KnowledgeGraph
from ..kg.queries import load_queries
from ..kg.search import SearchIndex


@dataclass(frozen=True)
class Shared:
    graph: KnowledgeGraph
    documents: Descriptions
    search: SearchIndex
    queries: dict


_loaded: dict[Path, Shared] = {}


def preload(root: Path, graph: KnowledgeGraph) -> Shared:
    """Make the parts every web worker of the project at ``root`` shares from ``graph`` (the one just validated),
    and keep them for :func:`shared`."""
    root = Path(root).resolve()
    if not graph.validated:  # validated by the caller: its release needs no SHACL run for its report
        graph = replace(graph, validated=True)
    loaded = _loaded[root] = parts_of(root, graph)
    import flask  # noqa: F401  (what every worker imports, loaded once: its pages are shared too)
    import jinja2  # noqa: F401

    gc.collect()
    gc.freeze()  # from now on the collector leaves all of it alone, in this process and in the forked ones
    return loaded


def parts_of(root: Path, graph: KnowledgeGraph) -> Shared:
    """The graph with what the web workers make from it: its descriptions, its search index (about a tenth of a
    second) and the project's named queries."""
    return Shared(graph, Descriptions(graph), SearchIndex(graph.union), load_queries(Path(root) / "queries"))


def shared(root) -> Shared | None:
    """What :func:`preload` loaded for the project at ``root``, if it did (in this process or before a fork)."""
    return _loaded.get(Path(root).resolve()) if _loaded else None
