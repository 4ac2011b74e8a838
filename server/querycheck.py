"""Inspect a SPARQL request before anything runs it.

pyoxigraph (like rdflib) would execute a ``SERVICE`` clause, which is an
outbound HTTP request, and it offers no way from Python to parse a query
without running it.  So the text is tokenised here, following the SPARQL 1.1
grammar's terminals (IRIs, strings, comments, variables, prefixed names,
language tags, numbers, keywords), which is enough to know for certain:

- the query form (SELECT, ASK, CONSTRUCT, DESCRIBE), which decides the
  response formats on offer;
- that the text is an update (INSERT, DELETE, LOAD, CLEAR...), refused;
- whether the keyword SERVICE occurs anywhere outside IRIs, strings,
  comments and prefixed names, refused.

The check errs on the side of refusing: the text is also inspected with
``\\uXXXX`` escapes expanded (the SPARQL spec allows engines to expand them
before parsing).  Tokenising takes microseconds.  Everything else about
syntax is left to the engine, whose message (with line and column) reaches
the client.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import QuerySyntaxError, ServiceRefused, UpdateRefused
from .formats import GRAPH, RESULTS

QUERY_FORMS = {"SELECT": RESULTS, "ASK": RESULTS, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_PN_CHARS = r"[^\W]"  # letters, digits, underscore (Unicode-aware)
_TOKENS = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\r\n]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''
               | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               | '(?:[^'\\\r\n]|\\.)*'
               | "(?:[^"\\\r\n]|\\.)*")
    | (?P<var>[?$]\w+)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<bnode>_:\w(?:[\w.-]*[\w-])?)
    | (?P<pname>(?:[^\W\d_](?:[\w.-]*[\w-])?)?:(?:(?:[\w:%]|\\.)(?:(?:[\w.:%-]|\\.)*(?:[\w:%-]|\\.))?)?)
    | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<word>[A-Za-z][A-Za-z0-9_]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        return self.text.upper() if self.kind == "word" else None


@dataclass(frozen=True)
class QueryInfo:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE

    @property
    def kind(self) -> str:
        """RESULTS for SELECT and ASK, GRAPH for CONSTRUCT and DESCRIBE."""
        return QUERY_FORMS[self.form]


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text`` (whitespace and comments dropped)."""
    found = []
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def check_query(text: str) -> QueryInfo:
    """The form of a read-only query, or an error saying why it will not run.

    Raises :class:`UpdateRefused` for updates, :class:`ServiceRefused` for
    SERVICE and :class:`QuerySyntaxError` when the text is not a query at all.
    """
    if not text.strip():
        raise QuerySyntaxError("The query is empty.")
    variants = [text]
    if _UNICODE_ESCAPE.search(text):
        variants.append(_UNICODE_ESCAPE.sub(_unescape, text))
    info = None
    for variant in variants:
        toks = tokens(variant)
        for tok in toks:
            if tok.keyword == "SERVICE":
                line, col = position(variant, tok.start)
                raise ServiceRefused(
                    f"SERVICE (at {line}:{col}) is not allowed: this endpoint never calls other endpoints. "
                    "Query them yourself and combine the answers on your side."
                )
        if info is None:
            info = _form(variant, toks)
    return info


def _form(text: str, toks: list[Token]) -> QueryInfo:
    """Skip the prologue (BASE, PREFIX, VERSION) and read the query form."""
    i = 0
    while i < len(toks):
        keyword = toks[i].keyword
        if keyword == "BASE":
            i += 2
        elif keyword == "PREFIX":
            i += 3
        elif keyword == "VERSION":
            i += 2
        else:
            break
    if i >= len(toks):
        raise QuerySyntaxError("The query has a prologue (BASE/PREFIX) but no SELECT, ASK, CONSTRUCT or DESCRIBE.")
    tok = toks[i]
    if tok.keyword in QUERY_FORMS:
        return QueryInfo(tok.keyword)
    if tok.keyword in UPDATE_KEYWORDS:
        raise UpdateRefused(
            f"{tok.keyword} is SPARQL Update: this endpoint is read-only and accepts queries only "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE). The data changes through its Turtle sources."
        )
    line, col = position(text, tok.start)
    raise QuerySyntaxError(
        f"error at {line}:{col}: expected SELECT, ASK, CONSTRUCT or DESCRIBE, found {tok.text[:40]!r}"
    )


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _unescape(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    try:
        return chr(code)
    except ValueError:
        return match.group()
