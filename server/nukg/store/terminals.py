"""The terminals of SPARQL as Oxigraph reads them, and positions in a query as it counts them.

What the query check (:mod:`nukg.store.querycheck`) scans with, and what the store uses to say
where a syntax error is: a *run* is glued name characters (keywords, prefixed names, numbers),
``<`` starts an IRI wherever the engine could read one.  Positions are 1-based lines and columns
of characters (not bytes), lines ending at ``\\n``, as pyoxigraph reports them; details carry
them with a 0-based character offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PN_CHARS_U = ("_A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d"
              "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd")  # as Oxigraph has them
PN_CHARS = PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f\u2040"
ESCAPED = r"_~.\-!$&'()*+,;=/?#@%"  # what may follow "\" in a local name
PLX = rf"%[0-9A-Fa-f]{{2}}|\\[{ESCAPED}]"
STRING = (r"""'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''|\"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*\"\"\"""",
          r"""'[^'\\\r\n]*(?:\\.[^'\\\r\n]*)*'|"[^"\\\r\n]*(?:\\.[^"\\\r\n]*)*\"""")  # long, then short
VARNAME = rf"[{PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f\u2040]+"
TOKENS = re.compile(rf"""(?P<ws>[ \t\r\n]+) | (?P<comment>\#[^\r\n]*) | (?P<string>{STRING[0]}|{STRING[1]})
    | (?P<var>[?$]{VARNAME})
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?) | (?P<run>(?:[\w.:{PN_CHARS}]|{PLX})+) | (?P<other>.)""",
                    re.VERBOSE | re.DOTALL)
IRI = r'<[^<>"{}|^`\\\0- ]*(?:(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})[^<>"{}|^`\\\0- ]*)*>'  # engine's, and more
_IRIREF = re.compile(IRI)


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, var, lang, run or other (whitespace and comments are dropped)
    text: str
    start: int

    @property
    def keyword(self) -> str | None:
        """The run in upper case (keywords are case-insensitive); None for other tokens."""
        return self.text.upper() if self.kind == "run" else None


def tokens(text: str) -> list[Token]:
    """The significant tokens, ``<`` read as an IRI where one can follow; a *run* is glued name characters."""
    found, pos = [], 0
    while pos < len(text):
        end = iri_end(text, pos) if text[pos] == "<" else -1
        match = None if end > 0 else TOKENS.match(text, pos)
        if match is None or match.lastgroup not in ("ws", "comment"):
            found.append(Token(*(("iri", text[pos:end]) if match is None else (match.lastgroup, match.group())), pos))
        pos = end if match is None else match.end()
    return found


def in_text_order(text: str, names: list[str]) -> list[str]:
    """``names`` (of variables, without ``?``) in the order they first appear in ``text`` as ``?x`` or ``$x``
    (not in comments, strings or IRIs); those that never appear keep their order, after the others."""
    first: dict[str, int] = {}
    for token in tokens(text):
        if token.kind == "var":
            first.setdefault(token.text[1:], len(first))
    return sorted(names, key=lambda name: first.get(name, len(first)))


def iri_end(text: str, pos: int) -> int:
    """The end of an IRI the engine could take at ``pos`` (after its ``>``), or -1."""
    match = _IRIREF.match(text, pos)
    return match.end() if match else -1


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text`` (characters; lines end at ``\\n``), as the engine counts."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def offset_of(text: str, line: int, column: int) -> int:
    """The 0-based character offset of a 1-based line and column in ``text`` (the inverse of :func:`position`),
    kept within the text."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return len(text)
    return min(start + max(column - 1, 0), len(text))


def where(text: str, offset: int) -> dict[str, int]:
    """An error's position as its details carry it: 1-based line and column, 0-based character offset."""
    line, column = position(text, offset)
    return {"line": line, "column": column, "offset": offset}


def token_at(text: str, offset: int) -> Token | None:
    """The first significant token at or after ``offset`` (an IRI read as one token), or None at the end."""
    pos = offset
    while pos < len(text):
        end = iri_end(text, pos) if text[pos] == "<" else -1
        if end > 0:
            return Token("iri", text[pos:end], pos)
        match = TOKENS.match(text, pos)
        if match.lastgroup not in ("ws", "comment"):
            return Token(match.lastgroup, match.group(), pos)
        pos = match.end()
    return None
