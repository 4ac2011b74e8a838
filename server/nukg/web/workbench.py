"""What the query editor on ``/sparql`` offers: the named queries as examples, and permalinks.

Each file in ``queries/`` is an example with its title and description.  A query with
parameters runs with their defaults: the editor's copy binds them in a ``VALUES`` block at
the top of the outermost group, where the reader can see and change them (the API binds them
as terms instead, never in the text).  A permalink is ``/sparql?edit=1&query=...``: it
reopens the editor on that query without running it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from flask import url_for

from ..kg.queries import NamedQuery
from ..store.querycheck import tokens

_PREFIX_DECLARATION = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^<>\s]*)>", re.I)


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    tags: tuple[str, ...]
    text: str  # what the editor opens: the file's query, its parameters bound to their defaults

    @property
    def run_url(self) -> str:
        return url_for("sparql.endpoint", query=self.text)

    @property
    def edit_url(self) -> str:
        return permalink(self.text)


def permalink(text: str) -> str:
    """The editor's address with ``text`` in it."""
    return url_for("sparql.endpoint", edit=1, query=text)


def examples(queries: dict[str, NamedQuery]) -> list[Example]:
    """Every named query as an example, by title."""
    found = [Example(q.name, q.summary or q.name, q.description, q.tags, editor_text(q)) for q in queries.values()]
    return sorted(found, key=lambda e: e.title.casefold())


def editor_text(query: NamedQuery) -> str:
    """The query's text with its parameters bound to their defaults by a VALUES block.

    The block opens the outermost group (after ``WHERE {``), so the patterns and filters of
    that group see the values, as they see terms bound by substitution.
    """
    values = {p.variable: query.substitutions()[ox.Variable("_" + p.name)] for p in query.params}
    if not values:
        return query.text
    at = _where_group(query.text)
    declared = {iri: prefix for prefix, iri in _PREFIX_DECLARATION.findall(query.text)}
    names = " ".join(values)
    terms = " ".join(_sparql(term, declared) for term in values.values())
    block = f"\n  # parameters: change these values to ask about something else\n  VALUES ({names}) {{ ({terms}) }}"
    return query.text[:at] + block + query.text[at:]


def _where_group(text: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE clause."""
    depth, seen_where = 0, False
    for token in tokens(text):
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and token.keyword == "WHERE":
            seen_where = True
        elif depth == 0 and token.text == "{" and (seen_where or not _has_where(text)):
            return token.start + 1
    raise ValueError("the query has no WHERE group")


def _has_where(text: str) -> bool:
    return any(t.keyword == "WHERE" for t in tokens(text))


def _sparql(term, declared: dict[str, str]) -> str:
    """``term`` as SPARQL text, with the query's own prefixes where they fit."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value, declared)
    value = term.value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{value}"^^{_iri(term.datatype.value, declared)}'


def _iri(iri: str, declared: dict[str, str]) -> str:
    for namespace, prefix in sorted(declared.items(), key=lambda d: -len(d[0])):
        local = iri[len(namespace):]
        if namespace and iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w-]*", local):
            return f"{prefix}:{local}"
    return f"<{iri}>"
