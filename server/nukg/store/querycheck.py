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

Keywords need no word boundary in Oxigraph's parser (``SERVICEex:g {...}``
and ``?s ?p 1SERVICE <x> {...}`` both call out), so the check errs on the
side of refusing: SERVICE, in any case, anywhere in a run of name characters
is refused, except inside a variable, a language tag, or the local part of a
prefixed name (which the parser reads to its end).  It also looks at the
text with ``\\uXXXX`` escapes expanded (the spec lets engines expand them
before parsing).  Tokenising takes microseconds and is linear in the length
of the text.  Everything else about syntax is left to the engine, whose
message (with line and column) reaches the client.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.errors import QuerySyntaxError, ServiceRefused, UpdateRefused
from ..core.formats import GRAPH, RESULTS

QUERY_FORMS = {"SELECT": RESULTS, "ASK": RESULTS, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

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
    | (?P<run>[\w.:-]+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, var, lang, run or other (whitespace and comments are dropped)
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        """The run in upper case (keywords are case-insensitive); None for other tokens."""
        return self.text.upper() if self.kind == "run" else None


_ISSUED = object()  # only check_query() holds it: a CheckedQuery cannot be made any other way


class CheckedQuery:
    """A query that passed :func:`check_query`: the only thing a store runs.

    Made by :func:`check_query` alone: constructing one directly raises TypeError and its
    text cannot be changed afterwards, so a store never runs text that skipped the check.
    """

    __slots__ = ("_text", "_form")

    def __init__(self, text: str, form: str, issuer: object = None):
        if issuer is not _ISSUED:
            raise TypeError("a CheckedQuery comes only from check_query()")
        self._text, self._form = text, form

    @property
    def text(self) -> str:
        return self._text

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return self._form

    @property
    def kind(self) -> str:
        """RESULTS for SELECT and ASK, GRAPH for CONSTRUCT and DESCRIBE."""
        return QUERY_FORMS[self._form]

    def __repr__(self) -> str:
        return f"CheckedQuery({self._form}, {self._text[:60]!r})"


def tokens(text: str) -> list[Token]:
    """The significant tokens of ``text``.

    A *run* is a maximal stretch of name characters (letters, digits, ``_``,
    ``.``, ``-``, ``:``) outside IRIs, strings, variables and language tags:
    a keyword, a number, a prefixed name or a blank node label, or several
    of them glued together.
    """
    found = []
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        if kind not in ("ws", "comment"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def check_query(text: str) -> CheckedQuery:
    """The checked query with its form, or an error saying why it will not run.

    Raises :class:`UpdateRefused` for updates, :class:`ServiceRefused` for
    SERVICE and :class:`QuerySyntaxError` when the text is not a query at all.
    """
    if not text.strip():
        raise QuerySyntaxError("The query is empty.")
    variants = [text]
    if _UNICODE_ESCAPE.search(text):
        variants.append(_UNICODE_ESCAPE.sub(_unescape, text))
    form = None
    for variant in variants:
        toks = tokens(variant)
        for tok in toks:
            offset = _service_in_run(tok.text) if tok.kind == "run" else -1
            if offset >= 0:
                line, col = position(variant, tok.start + offset)
                raise ServiceRefused(
                    f"SERVICE (at {line}:{col}) is not allowed: this endpoint never calls other endpoints. "
                    "Query them yourself and combine the answers on your side. The word is refused "
                    "wherever the parser could read it as the keyword, a prefix that starts with it included."
                )
        if form is None:
            form = _form(variant, toks)
    return CheckedQuery(text, form, _ISSUED)


def _service_in_run(run: str) -> int:
    """Where SERVICE could be read as the keyword in ``run``, or -1.

    The part before the first colon (keywords, a number, a prefix) is
    suspect throughout; the part after it is a local name, which the parser
    reads to its end, unless it starts with ``.`` or ``-``, which a local
    name cannot: the parser then starts a new token there.
    """
    upper, start = run.upper(), 0
    while True:
        colon = upper.find(":", start)
        end = len(upper) if colon < 0 else colon
        found = upper.find("SERVICE", start, end)
        if found >= 0:
            return found
        if colon < 0 or colon + 1 >= len(upper) or upper[colon + 1] not in ".-":
            return -1
        start = colon + 1


def _form(text: str, toks: list[Token]) -> str:
    """Skip the prologue (BASE, PREFIX, VERSION) and read the query form.

    Like the parser, accept a keyword glued to what follows (``SELECT*``,
    ``INSERTDATA``).
    """
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
        raise QuerySyntaxError("The query has a prologue (BASE, PREFIX) but no SELECT, ASK, CONSTRUCT or DESCRIBE.")
    tok = toks[i]
    word = tok.keyword or ""
    for form in QUERY_FORMS:
        if word.startswith(form):
            return form
    for keyword in sorted(UPDATE_KEYWORDS):
        if word.startswith(keyword):
            raise UpdateRefused(
                f"{keyword} is SPARQL Update: this endpoint is read-only and accepts queries only "
                "(SELECT, ASK, CONSTRUCT, DESCRIBE). The data changes through its Turtle sources."
            )
    line, col = position(text, tok.start)
    raise QuerySyntaxError(f"error at {line}:{col}: expected SELECT, ASK, CONSTRUCT or DESCRIBE, found {tok.text[:40]!r}")


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
