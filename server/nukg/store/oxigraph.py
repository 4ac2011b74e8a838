"""The embedded store: queries run in this process on an in-memory pyoxigraph store.

Used by the command line and the tests, and inside each query process of the pool.
It has no time limit of its own: pyoxigraph does not look at signals while it
evaluates, so only killing the process stops a runaway query (see :mod:`nukg.store.pool`).

Two things it adds to the engine.  ``SELECT *`` answers with its columns in the order the
variables first appear in the query (as Jena and Virtuoso do), where pyoxigraph sorts them by
name: the query runs with its ``*`` spelled out in that order (:meth:`CheckedQuery.projecting`).
And the engine's syntax errors, which list the grammar it expected at a position, are said for
people (:func:`syntax_error`): what is wrong first, then what could have come; the position
travels as details (line, column, offset) for a page to mark.
"""

from __future__ import annotations

import difflib
import re
import time

import pyoxigraph as ox

from ..core.errors import BadRequest, QuerySyntaxError
from ..core.formats import Format
from .answers import answer_bytes
from .base import Answer, Snapshot, Store, dataset_iris
from .querycheck import CheckedQuery
from .terminals import in_text_order, offset_of, position, token_at, tokens, where


class OxigraphStore(Store):
    """Queries run in this process on an in-memory pyoxigraph store (no time limit)."""

    def __init__(self, snapshot: Snapshot, *, max_result_bytes: int = 0):
        self.version = snapshot.version
        self.sizes = dict(snapshot.sizes)
        self._prefixes = dict(snapshot.prefixes)
        self._max_result_bytes = max_result_bytes
        self._store = ox.Store()
        self._empty = ox.Store()  # where a SELECT * says its columns
        # parse() keeps blank node labels, so every copy of the store is identical
        self._store.extend(ox.parse(snapshot.nquads, format=ox.RdfFormat.N_QUADS))

    @classmethod
    def from_kg(cls, kg, **options) -> "OxigraphStore":
        return cls(Snapshot.from_kg(kg), **options)

    def run(self, query: CheckedQuery, fmt: Format, *, default_graphs=None, named_graphs=None, substitutions=None,
            timeout=None, heavy=False, spent=None) -> Answer:
        default_graphs, named_graphs = dataset_iris(default_graphs, named_graphs)
        started = time.monotonic()
        try:
            body = self.execute(query, fmt, default_graphs, named_graphs, substitutions)
        finally:
            if spent is not None:
                spent(time.monotonic() - started)
        return Answer(body, fmt, query.form)

    def execute(self, query: CheckedQuery, fmt: Format, default_graphs=None, named_graphs=None,
                substitutions=None) -> bytes:
        """Run a checked query and serialise its answer: the work a query process does."""
        options = {"prefixes": self._prefixes}
        if default_graphs is not None or named_graphs is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs or ()]
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs or ()]
        if substitutions:
            options["substitutions"] = substitutions
        try:
            text = query.text if query.star is None else self._select_star(query, options)
            answer = self._store.query(text, **options)
            # evaluation is lazy: errors can surface while serialising
            return answer_bytes(answer, fmt, prefixes=self._prefixes, limit=self._max_result_bytes)
        except SyntaxError as exc:  # the parser's reason and position, said for the client
            raise syntax_error(query.text, str(exc), self._prefixes) from None
        except OSError as exc:  # what the engine tried to reach (SERVICE...) is for the log only
            raise BadRequest("The query asks for something outside this endpoint's data, which it never reaches.",
                             internal=f"{type(exc).__name__}: {exc}") from None
        except (RuntimeError, ValueError, TypeError) as exc:
            raise BadRequest("The query could not be evaluated. Check the functions and values it uses.",
                             internal=f"{type(exc).__name__}: {exc}") from None

    def _select_star(self, query: CheckedQuery, options: dict) -> str:
        """The text to run for a ``SELECT *``: its columns spelled out in the order the query names them, where
        the engine's order (by name) differs.  The engine says what ``*`` stands for on an empty store: the
        columns do not depend on the data, and there even an ORDER BY, which pyoxigraph evaluates before it
        returns, costs nothing."""
        names = [variable.value for variable in self._empty.query(query.text, **options).variables]
        ordered = in_text_order(query.text, names)
        return query.text if ordered == names else query.projecting(ordered).text


# --- the engine's syntax errors, for people ----------------------------------------------------

# pyoxigraph says "error at LINE:COLUMN: expected one of A, B, C" (1-based, in characters of the query's text)
_ENGINE_ERROR = re.compile(r"error at (\d+):(\d+): expected (?:one of )?(.*)\Z", re.DOTALL)
# one item of what it expected: a quoted terminal, a class of characters, or a word or a sentence of its own
_EXPECTED = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]|[^,]+)\s*(?:,|\Z)""", re.DOTALL)
_DIGITS = re.compile(r"\['0' ?\.\.= ?'9'\]")
_ONE_CHARACTER = re.compile(r"\['((?:[^'\\]|\\.)+)'\]")
_KEYWORD = re.compile(r"\w+")
_ANYTHING = "[_]"  # the engine also tried rules that take any character: its list is not all that could come
# what the engine says instead of a grammar rule, and how the message says it
_UNKNOWN_PREFIX, _BAD_IRI = "Prefix not found", "IRI parsing failed"
_REASONS = {
    "The SELECT contains a variable that is unbound":
        "the SELECT lists a variable that is not bound; with GROUP BY or an aggregate it may list only the "
        "grouped variables and aggregates (… AS ?name)",
}
MAX_EXPECTED = 8  # a longer list of what could have come says little: it is left out
_NEVER_SUGGESTED = frozenset({"SERVICE"})  # refused here whatever the grammar allows


def syntax_error(text: str, message: str, prefixes: dict[str, str]) -> QuerySyntaxError:
    """The engine's syntax error ``message`` about ``text``, said for people, with its position as details.

    An undeclared prefix names the prefix and lists those declared (the query's own, then ``prefixes``, which
    the endpoint declares for every query); other errors say where, what was found there and what could come.
    A client's syntax error is no news for the log: the engine's own message is left out."""
    match = _ENGINE_ERROR.match(message)
    if match is None:
        return QuerySyntaxError(f"The query does not parse: {message[:300]}")
    line, column = int(match.group(1)), int(match.group(2))
    offset = offset_of(text, line, column)
    place = where(text, offset)
    place["line"], place["column"] = line, column  # as the engine said them
    expected = [item.strip() for item in _EXPECTED.findall(match.group(3)) if item.strip()]
    # an undeclared prefix before that point is the error, even where the engine stumbled a little further on
    if _BAD_IRI not in expected and (error := _unknown_prefix(text, offset, prefixes, place)):
        return error  # (in a bad IRI, "<http://a b>", "http:" is no prefix)
    at = f"Syntax error at {line}:{column}"
    if _BAD_IRI in expected:
        iri = _iri_before(text, offset)
        what = f"{iri} is not a valid IRI" if iri else "an IRI is not valid"
        return QuerySyntaxError(f"{at}: {what}. Write it whole (<https://…>), or relative to a BASE, with no spaces "
                                "nor any of <>\"{}|^` in it.", position=place)
    reasons = [item for item in expected if " " in item and not item.startswith(("[", '"'))]
    if reasons:
        reason = _REASONS.get(reasons[0], reasons[0])
        return QuerySyntaxError(f"{at}: {reason}.", position=place)
    found = token_at(text, offset)
    said = f"{at}: {_quoted(found.text[:40])} is not expected here" if found else f"{at}: the query ends too early"
    readable = [] if _ANYTHING in expected else _readable(expected)  # a partial list would mislead
    if 0 < len(readable) <= MAX_EXPECTED:
        said += "; expected " + (readable[0] if len(readable) == 1 else
                                 f"one of {', '.join(readable[:-1])} or {readable[-1]}")
    return QuerySyntaxError(said + ".", position=place)


def _readable(expected: list[str]) -> list[str]:
    """What the engine expected, as a person reads it: keywords, then punctuation, then kinds of token."""
    keywords, marks, kinds = [], [], []
    for item in expected:
        if item.startswith('"'):
            marks.append(_quoted(re.sub(r"\\(.)", r"\1", item[1:-1])))
        elif item.startswith("["):
            if _DIGITS.fullmatch(item):
                kinds.append("a number")
            elif "'A'" in item:
                kinds.append("a name")
            elif single := _ONE_CHARACTER.fullmatch(item):
                marks.append(_quoted(re.sub(r"\\(.)", r"\1", single.group(1))))
            # any other class ("[_]": any character, name characters...) says nothing to a person
        elif _KEYWORD.fullmatch(item) and item.upper() not in _NEVER_SUGGESTED:
            keywords.append(item)
    return list(dict.fromkeys(keywords + marks + kinds))


def _quoted(text: str) -> str:
    return f"'{text}'" if '"' in text else f'"{text}"'


def _iri_before(text: str, offset: int) -> str | None:
    """The IRI that ends at, or just before, ``offset``: where the engine stops when it cannot read one."""
    start = text.rfind("<", 0, offset + 1)
    end = text.find(">", start) if start >= 0 else -1
    return text[start:end + 1][:200] if 0 <= start < end else None


def _declared(text: str) -> list[str]:
    """The prefixes the query declares (``foo:``), in its prologue, in order."""
    found, toks, i = [], tokens(text), 0
    while i < len(toks) and toks[i].keyword in ("PREFIX", "BASE", "VERSION"):
        if toks[i].keyword == "PREFIX" and i + 1 < len(toks) and toks[i + 1].text.endswith(":"):
            found.append(toks[i + 1].text)
            i += 1
        i += 2
    return found


def _unknown_prefix(text: str, offset: int, prefixes, place) -> QuerySyntaxError | None:
    """The error for a prefixed name whose prefix is declared nowhere, found where the engine stopped (None
    if no such name is there)."""
    declared = list(dict.fromkeys(_declared(text) + sorted(f"{name}:" for name in prefixes)))
    name = next((token for token in tokens(text) if token.start <= offset and token.kind == "run" and ":" in token.text
                 and not token.text.startswith("_:") and token.text[:token.text.index(":") + 1] not in declared), None)
    if name is None:
        return None
    prefix = name.text[:name.text.index(":") + 1]
    said = (f"The prefix {prefix} is not declared (in {name.text.rstrip('.')}, line {position(text, name.start)[0]}). "
            f"Declare it at the start of the query, as in PREFIX {prefix} <https://example.org/ns#>, or use a "
            f"declared prefix: {', '.join(declared)}.")
    close = difflib.get_close_matches(prefix, declared, n=3, cutoff=0.6)
    if close := sorted(close, key=lambda other: sorted(other) != sorted(prefix)):  # a swap of letters first
        said += f" Did you mean {close[0]}?"
    return QuerySyntaxError(said, position=place, prefix=prefix, declared_prefixes=declared)
