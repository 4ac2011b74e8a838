"""What the query editor on ``/sparql`` offers: the named queries as examples, and permalinks.

Each file in ``queries/`` is an example with its title and description.  A query with
parameters runs with their defaults: the editor's copy binds them in a ``VALUES`` block at
the top of the outermost group, where the reader can see and change them (the API binds them
as terms instead, never in the text).  A permalink is ``/sparql?edit=1&query=...``: it
reopens the editor on that query without running it.
"""

from __future__ import annotations

import json
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
    that group see the values, as they see terms bound by substitution.  A parameter without
    a default stays a variable, for the reader to bind.
    """
    params = [p for p in query.params if p.default is not None]
    if not params:
        return query.text
    at = _where_group(query.text)
    declared = {iri: prefix for prefix, iri in _PREFIX_DECLARATION.findall(query.text)}
    names = " ".join(p.variable for p in params)
    terms = " ".join(_sparql(p.term(p.default), declared) for p in params)
    block = f"\n  # parameters: change these values to ask about something else\n  VALUES ({names}) {{ ({terms}) }}"
    return query.text[:at] + block + query.text[at:]


def _where_group(text: str) -> int:
    """The offset just after the ``{`` that opens the query's own WHERE group (a SELECT's: its first group
    outside brackets, ``WHERE`` or not; a sub-SELECT's is inside it)."""
    parens = braces = 0
    for token in tokens(text):
        if token.text in ("(", ")"):
            parens += 1 if token.text == "(" else -1
        elif token.text == "{":
            if parens == 0 and braces == 0:
                return token.start + 1
            braces += 1
        elif token.text == "}":
            braces -= 1
    raise ValueError("the query has no WHERE group")


def _sparql(term, declared: dict[str, str]) -> str:
    """``term`` as SPARQL text, with the query's own prefixes where they fit."""
    if isinstance(term, ox.NamedNode):
        return _iri(term.value, declared)
    value = json.dumps(term.value, ensure_ascii=False)[1:-1]  # JSON's string escapes are SPARQL's too
    return f'"{value}"^^{_iri(term.datatype.value, declared)}'


def _iri(iri: str, declared: dict[str, str]) -> str:
    for namespace, prefix in sorted(declared.items(), key=lambda d: -len(d[0])):
        local = iri[len(namespace):]
        if namespace and iri.startswith(namespace) and re.fullmatch(r"[A-Za-z_][\w-]*", local):
            return f"{prefix}:{local}"
    return f"<{iri}>"
