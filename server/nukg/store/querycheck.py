"""Inspect a SPARQL request before anything runs it: the query form, updates refused, SERVICE refused.

pyoxigraph would run ``SERVICE`` (an outbound request) and cannot parse without running, so the text is scanned
by the terminals of SPARQL 1.1 as Oxigraph reads them (measured in tests/unit/test_querycheck_grammar.py).  SERVICE,
in any ASCII case and glued to anything (``1SERVICE``, ``?o.SERVICE``), is refused in a run of name characters,
not in variables, language tags, blank node labels and local parts: those end where ``PN_LOCAL`` does (one group
of inner dots) and hold ``%hh`` and ``\\`` escapes (``\\#`` starts no comment); they are trusted only if every
declared prefix is an ordinary namespace and they hold no ``\\#``, ``\\%`` or character IRIs forbid, for a prefix
and local part that make no valid IRI are read again as the bare prefix and text (``bad:SERVICE:``).  ``<`` after
an operand inside ``(`` may be the operator (``FILTER(1<2)SERVICE#>``) or an IRI: both readings are checked, and
where they part (a ``#``, a quote, unbalanced brackets) any later SERVICE is refused.  Engine IRIs hold no blank
nor ``<>"{}|^```; ``\\uXXXX`` escapes are checked expanded too.  Without the word only the form is read, in µs.
"""

from __future__ import annotations

import bisect
import re

from ..core.errors import QuerySyntaxError, ServiceRefused, UpdateRefused
from ..core.formats import GRAPH, RESULTS
from .terminals import ESCAPED, IRI, PLX, PN_CHARS, PN_CHARS_U, STRING, TOKENS, VARNAME, iri_end, position, where
from .terminals import Token, tokens  # noqa: F401 - the workbench and the tests read them from here

QUERY_FORMS = {"SELECT": RESULTS, "ASK": RESULTS, "CONSTRUCT": GRAPH, "DESCRIBE": GRAPH}
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})

_EVENT = re.compile(rf"\\[{ESCAPED}]|[<'\"#(){{}}\[\]]")  # where plain text ends (an escape is skipped)
_FORK_MATTERS = re.compile(r"[#'()\[\]]")  # what, in an IRI read as tokens, can part the readings
_PN_LOCAL = re.compile(rf"(?:[{PN_CHARS_U}:0-9]|{PLX})(?:[{PN_CHARS}:]|{PLX})*(?:\.+(?:[{PN_CHARS}:]|{PLX})+)?")
_BLANK_NODE_LABEL = re.compile(rf"[{PN_CHARS_U}0-9][{PN_CHARS}]*(?:\.+[{PN_CHARS}]+)*")
_UNTRUSTED_LOCAL = re.compile(r"\\[#%]|[\ufff0-\uffff]")  # can make prefix + local part no valid IRI
_ORDINARY_NAMESPACE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?://[^/?#]*[/?#]|(?!//))")  # takes any local part
_SKIP = r"(?:[ \t\r\n]+(?![ \t\r\n])|\#[^\r\n]*(?![^\r\n]))"  # blanks and comments, split one way only
_PREFIX_DECLARATION = re.compile(  # looked for without context (in strings too: only more cautious)
    rf"""prefix{_SKIP}*[^ \t\r\n:<>#'"(){{}}\[\]]*:{_SKIP}*<(?P<iri>[^<>"{{}}|^`\x00-\x20]*)>""", re.I | re.A)
_SERVICE = re.compile("service", re.I | re.A)
_VARIABLE_NAME = re.compile(VARNAME)
_VALUES_RUN = re.compile(r"values\Z", re.I | re.A)  # the keyword, as a run that stands alone
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_EXPRESSION, _TERMS, _GROUP, _BRACKET, _DATA = "(", "t", "{", "[", "d"  # kinds of open brackets

_ISSUED = object()  # only check_query() holds it: a CheckedQuery cannot be made any other way


class CheckedQuery:
    """A query that passed :func:`check_query`: the only thing a store runs.

    Made by :func:`check_query` alone: constructing one directly raises TypeError and its
    text cannot be changed afterwards, so a store never runs text that skipped the check.
    Other ways: :meth:`projecting`, and :func:`handed_over` in a query process.
    """

    __slots__ = ("_text", "_form", "_star")

    def __init__(self, text: str, form: str, issuer: object = None, *, star: int | None = None):
        if issuer is not _ISSUED:
            raise TypeError("a CheckedQuery comes only from check_query()")
        self._text, self._form, self._star = text, form, star

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

    @property
    def star(self) -> int | None:
        """Where the ``*`` of the query's own ``SELECT *`` is in the text (a subquery's does not count); else None."""
        return self._star

    def projecting(self, names: list[str]) -> "CheckedQuery":
        """The same query with the ``*`` of its ``SELECT *`` replaced by these variables, in this order.

        The answers are the same, only their columns are ordered.  ``names`` are the variables the engine
        found for the ``*`` (Variable values, so nothing but a name can come in)."""
        if self._star is None:
            raise ValueError("only a SELECT * query has a projection to spell out")
        if not all(_VARIABLE_NAME.fullmatch(name) for name in names):
            raise ValueError(f"not variable names: {names!r}")
        columns = " ".join("?" + name for name in names)
        text = f"{self._text[:self._star]} {columns} {self._text[self._star + 1:]}"
        return CheckedQuery(text, self._form, _ISSUED)

    def __repr__(self) -> str:
        return f"CheckedQuery({self._form}, {self._text[:60]!r})"


def check_query(text: str) -> CheckedQuery:
    """The checked query with its form, or an error saying why it will not run: :class:`UpdateRefused` for
    updates, :class:`ServiceRefused` for SERVICE, :class:`QuerySyntaxError` when the text is not a query."""
    if not text or text.isspace():
        raise QuerySyntaxError("The query is empty.")
    for variant in [text] + ([_UNICODE_ESCAPE.sub(_unescape, text)] if "\\" in text else []):
        lowered = variant.lower()  # quicker to search than with a case-insensitive pattern
        if "service" in lowered:
            _Scan(variant, lowered if len(lowered) == len(variant) else None).run()
    return handed_over(text)


def handed_over(text: str, form: str | None = None, star: int | None = None) -> CheckedQuery:
    """In a query process, the text the web process checked, with the form and ``SELECT *`` it found (else read
    again); the check is not repeated.  What reaches the engine this way still has no network (test_isolation)."""
    if form is None:
        form, start = _form(text)
        star = _star(text, start) if form == "SELECT" else None
    if form not in QUERY_FORMS or (star is not None and (form != "SELECT" or text[star:star + 1] != "*")):
        raise ValueError(f"not a query form and its SELECT *: {form!r}, {star!r}")
    return CheckedQuery(text, form, _ISSUED, star=star)


def _words(word: str, text: str, lowered: str | None) -> list[int]:
    """Where ``word`` starts in ``text`` in any ASCII case, as the engine compares (lowered: same offsets)."""
    found = re.finditer(word, lowered) if lowered is not None else re.finditer(word, text, re.I | re.A)
    return [match.start() for match in found if text[match.start():match.end()].isascii()]


class _Scan:
    """One pass up to the last SERVICE: the engine's reading, and the other one where "<" has two."""

    def __init__(self, text: str, lowered: str | None):
        self.text, self.hits, self.values_at = text, _words("service", text, lowered), _words("values", text, lowered)
        self.strict = any(  # a declared prefix is no ordinary namespace: no local part is trusted
            (declared := _PREFIX_DECLARATION.match(text, at)) and not _ORDINARY_NAMESPACE.match(
                _UNICODE_ESCAPE.sub(_unescape, declared.group("iri"))) for at in _words("prefix", text, lowered))
        self.frames, self.values = None, False  # open brackets (kind, outer); VALUES seen, its "{" to come
        self.prev, self.tail = "other", 0  # the last token: "operand", "other", or "tail": plain text ending there

    def run(self) -> None:
        text, hits, values, plain, pos = self.text, self.hits, self.values_at, 0, 0
        while (next_hit := bisect.bisect_left(hits, plain)) < len(hits):  # until the last SERVICE is behind
            event = _EVENT.search(text, pos)
            at, c = (event.start(), text[event.start()]) if event else (len(text), "")
            if c == "\\":  # an escape: part of a name, inside plain text
                pos = event.end()
                continue
            if at > plain:  # plain text: names, keywords, variables, punctuation and blanks
                if hits[next_hit] < at:
                    self.runs(plain, at)
                if bisect.bisect_left(values, at) > bisect.bisect_left(values, plain):  # the keyword, alone?
                    self.values |= any(_VALUES_RUN.match(m.group()) for m in TOKENS.finditer(text, plain, at))
                last = plain + len(text[plain:at].rstrip(" \t\r\n"))
                self.prev, self.tail = ("tail", last) if last > plain else (self.prev, self.tail)
            if not c:
                return
            if c == "<" and text[at + 1:at + 2] in (" ", "\n", "\t", "\r"):  # no IRI holds one: the operator
                self.prev, pos = "other", at + 1
            elif c == "<":
                pos = self.less_than(at)
            elif c in "([{":
                top = self.frames and self.frames[0]
                kind = {"(": _TERMS if top == _DATA else _EXPRESSION, "[": _BRACKET}.get(c) or (
                    _DATA if self.values else _GROUP)
                self.frames, self.values, self.prev = (kind, self.frames), self.values and c != "{", "other"
                pos = at + 1
            elif c in ")]}":
                self.frames = self.frames and self.frames[1]
                pos = at + 3 if c == ")" and text.startswith(">>", at + 1) else at + 1  # ")>>": a triple term
                self.prev = "operand"
            else:  # a comment or a string (or a quote that closes nothing)
                match = TOKENS.match(text, at)
                pos, self.prev = match.end(), {"string": "operand", "other": "other"}.get(match.lastgroup, self.prev)
            plain = pos

    def after_operand(self) -> bool:
        """Whether the last token may end an operand, so that a "<" after it may be the operator."""
        if self.prev != "tail":
            return self.prev == "operand"
        text, end = self.text, self.tail
        if text[end - 1] in "(,=!<>&|+*/^;[{" and text[end - 2:end - 1] != "\\":  # not in an escape
            return text[end - 2:end] == ">>"  # that closes a triple term
        return not (text[max(end - 8, 0):end].upper() == "DISTINCT" and text[max(end - 9, 0):end - 8] in " \t\r\n(")

    def less_than(self, pos: int) -> int:
        """Read "<" as an IRI, "<<", "<<(" or the operator; where it may be both, check both."""
        text, end = self.text, iri_end(self.text, pos)
        operand = self.frames is not None and self.frames[0] == _EXPRESSION and self.after_operand()
        self.prev = "other"
        if end < 0 and not text.startswith("<", pos + 1):
            return pos + 2 if text.startswith("=", pos + 1) else pos + 1  # "<" or "<=", whatever came before
        if operand and end > 0:
            self.fork(pos, pos + 1, end - 1)
        elif operand and (end := iri_end(text, pos + 1)) > 0:
            self.fork(pos, pos + 2, end - 1)  # "<" then an IRI, or "<<" then tokens
        elif end < 0:  # "<<", or "<<(" with a triple term (after an operand, that bracket may hold anything)
            bracket = text.startswith("(", pos + 2)
            self.frames = (_EXPRESSION if operand else _TERMS, self.frames) if bracket else self.frames
            return pos + 2 + bracket
        self.prev = "operand"
        return end

    def fork(self, less: int, start: int, end: int) -> None:
        """Read the inside of an IRI as tokens: refuse SERVICE in it, or after it if the two readings part."""
        text, hits, depth, apart, pos = self.text, self.hits, 0, False, start
        if bisect.bisect_left(hits, start) == bisect.bisect_left(hits, end) and not _FORK_MATTERS.search(
                text, start, end):  # no SERVICE in it, and nothing that could part the readings
            return
        while pos < end:
            match = TOKENS.match(text, pos)
            if match.lastgroup == "comment" or (match.lastgroup == "string" and match.end() > end):
                apart = True  # the rest is not read that way
                break
            if match.lastgroup == "run":
                self.runs(match.start(), match.end())
            elif match.lastgroup == "other" and match.group() in "()[]":
                depth += 1 if match.group() in "([" else -1
                apart = apart or depth < 0
            pos = match.end()
        if (apart or depth) and hits[-1] > end:
            raise _refusal(text, hits[bisect.bisect_right(hits, end)], "The '<' at %d:%d reads both as the less-than "
                           "operator and as the start of an IRI, and the two readings see different text after it; "
                           "write '< ' with a space for the operator." % position(text, less))

    def runs(self, start: int, end: int) -> None:
        """Refuse if a run of plain text between ``start`` and ``end`` can hold the keyword SERVICE."""
        for match in TOKENS.finditer(self.text, start, end):
            at = bisect.bisect_left(self.hits, match.start())
            if match.lastgroup == "run" and at < len(self.hits) and self.hits[at] < match.end():
                offset = _service_in_run(self.text, match.start(), match.end(), self.strict)
                if offset >= 0:
                    raise _refusal(self.text, offset, "Query them yourself and combine the answers on your side. The "
                                   "word is refused wherever the parser could read it as the keyword, a prefix that "
                                   "starts with it included.")


def _service_in_run(text: str, start: int, end: int, strict: bool) -> int:
    """Where SERVICE could be the keyword in a run, or -1: before a colon, or after a local part (see above)."""
    untrusted = -1 if strict else max((m.start() for m in _UNTRUSTED_LOCAL.finditer(text, start, end)), default=-1)
    pos = start
    while pos < end:
        colon = text.find(":", pos, end)
        found = _SERVICE.search(text, pos, end if colon < 0 else colon)
        if found or colon < 0:
            return found.start() if found else -1
        if colon - pos == 1 and text[pos] == "_":  # a blank node label
            name = _BLANK_NODE_LABEL.match(text, colon + 1, end)
        else:  # a local part, unless it may be read again after the bare prefix
            name = not (strict or untrusted > colon or text[colon - 1] == "_") and _PN_LOCAL.match(text, colon + 1, end)
        pos = name.end() if name else colon + 1
    return -1


_PROLOGUE = re.compile(rf"""{_SKIP}*(?:(?:BASE{_SKIP}*{IRI} | VERSION{_SKIP}*(?:{STRING[1]})
    | PREFIX{_SKIP}*[^ \t\r\n:<>#'"(){{}}\[\]]*:{_SKIP}*{IRI}){_SKIP}*)*""", re.VERBOSE | re.I)


def _form(text: str) -> tuple[str, int]:
    """Skip the prologue (BASE, PREFIX, VERSION) and read the query form, glued to what follows or not;
    the form and where its keyword starts."""
    start = _PROLOGUE.match(text).end()
    if start == len(text):
        raise QuerySyntaxError("The query has a prologue (BASE, PREFIX) but no SELECT, ASK, CONSTRUCT or DESCRIBE.",
                               position=where(text, start))
    first = TOKENS.match(text, start)
    word = first.group().upper() if first.lastgroup == "run" else ""
    if form := next((form for form in QUERY_FORMS if word.startswith(form)), None):
        return form, start
    if update := next((keyword for keyword in sorted(UPDATE_KEYWORDS) if word.startswith(keyword)), None):
        raise UpdateRefused(f"{update} is SPARQL Update: this endpoint is read-only and accepts queries only "
                            "(SELECT, ASK, CONSTRUCT, DESCRIBE). The data changes through its Turtle sources.")
    raise QuerySyntaxError("error at %d:%d: expected SELECT, ASK, CONSTRUCT or DESCRIBE, found %r"
                           % (*position(text, start), first.group()[:40]), position=where(text, start))


_PROJECTION_WORDS = frozenset({"SELECT", "SELECTDISTINCT", "SELECTREDUCED"})  # keywords glue as the engine reads them


def _star(text: str, start: int) -> int | None:
    """Where the ``*`` of ``SELECT [DISTINCT | REDUCED] *`` is, the query's keyword at ``start``; else None."""
    words, pos = "", start
    while match := TOKENS.match(text, pos):
        pos = match.end()
        if match.lastgroup in ("ws", "comment"):
            continue
        if match.lastgroup != "run":
            return match.start() if match.group() == "*" else None
        words += match.group().upper()
        if words not in _PROJECTION_WORDS:
            return None
    return None


def _refusal(text: str, offset: int, why: str) -> ServiceRefused:
    line, col = position(text, offset)
    return ServiceRefused(f"SERVICE (at {line}:{col}) is not allowed: this endpoint never calls other endpoints. {why}",
                          position=where(text, offset))


def _unescape(match: re.Match) -> str:
    code = int(match.group(1) or match.group(2), 16)
    return chr(code) if code <= 0x10FFFF else match.group()
