"""Bytes from query answers and graphs, with pyoxigraph's own writers.

Knows nothing of Flask.  Every writer goes through :class:`CappedBuffer`, so
an answer larger than the configured limit is an error, never a truncated
document.  HTML renderings (a results table, a graph as Turtle) are small
pages of their own for people trying queries in a browser.
"""

from __future__ import annotations

import html
import itertools

import pyoxigraph as ox

from .errors import InternalError, ResultTooLarge
from .formats import Format

RESULT_WRITERS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_WRITERS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}
# Formats whose writers print a subject once per contiguous group of its statements.
GROUPED = frozenset({"turtle", "trig", "jsonld", "rdfxml", "html"})
GROUP_AT_MOST = 100_000
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class CappedBuffer:
    """A write-only byte sink that refuses to grow past ``limit`` bytes (0: no limit)."""

    def __init__(self, limit: int = 0):
        self.limit = limit
        self.size = 0
        self.exceeded = False
        self._chunks: list[bytes] = []

    def write(self, data) -> int:
        self.size += len(data)
        if self.limit and self.size > self.limit:
            self.exceeded = True
            raise ResultTooLarge(self.message())
        self._chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self._chunks)

    def message(self) -> str:
        return (
            f"The answer is larger than the limit of {self.limit} bytes, so it was not sent. "
            "Ask for less: add LIMIT, select fewer variables or narrow the patterns."
        )


def answer_bytes(answer, fmt: Format, *, prefixes: dict[str, str], limit: int = 0) -> bytes:
    """Serialise a pyoxigraph answer (solutions, boolean or triples) in ``fmt``."""
    out = CappedBuffer(limit)
    try:
        if isinstance(answer, ox.QueryTriples):
            triples = grouped(answer) if fmt.name in GROUPED else answer
            if fmt.name == "html":
                return _graph_page(triples, prefixes, out)
            ox.serialize(triples, out, format=GRAPH_WRITERS[fmt.name], prefixes=prefixes)
        elif fmt.name == "html":
            return _results_page(answer, prefixes, out)
        else:
            answer.serialize(out, format=RESULT_WRITERS[fmt.name])
    except Exception:
        if out.exceeded:
            raise ResultTooLarge(out.message()) from None
        raise
    return out.getvalue()


def grouped(triples, at_most: int = GROUP_AT_MOST):
    """The triples sorted by subject and predicate, so that Turtle and JSON-LD
    describe each subject once; past ``at_most`` triples they stream as they come
    (still correct, less tidy), which bounds memory."""
    head = list(itertools.islice(triples, at_most))
    if len(head) < at_most:
        head.sort(key=lambda t: (not isinstance(t.subject, ox.NamedNode), str(t.subject), t.predicate.value))
        return head
    return itertools.chain(head, triples)


def triples_bytes(triples, fmt: Format, *, prefixes: dict[str, str], limit: int = 0) -> bytes:
    """Serialise an iterable of :class:`pyoxigraph.Triple` (any RDF format, HTML excepted)."""
    if fmt.name not in GRAPH_WRITERS:
        raise InternalError(f"{fmt.label} is not an RDF serialisation")
    out = CappedBuffer(limit)
    if fmt.name in GROUPED:
        triples = grouped(iter(triples))
    try:
        ox.serialize(triples, out, format=GRAPH_WRITERS[fmt.name], prefixes=prefixes)
    except Exception:
        if out.exceeded:
            raise ResultTooLarge(out.message()) from None
        raise
    return out.getvalue()


# --- HTML renderings -------------------------------------------------------

_PAGE_HEAD = (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title><style>"
    "body{{font-family:system-ui,sans-serif;margin:1.5rem}}table{{border-collapse:collapse}}"
    "th,td{{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}}"
    "th{{background:#f3f3f3}}pre{{background:#f6f6f6;padding:1rem;overflow:auto}}"
    ".dt{{color:#777;font-size:.85em}}</style></head><body>\n"
    '<p><a href="/sparql">&larr; Query page</a></p>\n'
)


def _results_page(answer, prefixes, out: CappedBuffer) -> bytes:
    if isinstance(answer, ox.QueryBoolean):
        out.write(_PAGE_HEAD.format(title="ASK answer").encode())
        out.write(f"<h1>Answer: {'yes' if bool(answer) else 'no'}</h1>\n</body></html>\n".encode())
        return out.getvalue()
    variables = [v.value for v in answer.variables]
    out.write(_PAGE_HEAD.format(title="Query results").encode())
    out.write(b"<table>\n<thead><tr>")
    out.write("".join(f"<th>?{html.escape(v)}</th>" for v in variables).encode())
    out.write(b"</tr></thead>\n<tbody>\n")
    rows = 0
    for solution in answer:
        cells = "".join(f"<td>{_term_html(solution[v], prefixes)}</td>" for v in variables)
        out.write(f"<tr>{cells}</tr>\n".encode())
        rows += 1
    out.write(f"</tbody></table>\n<p>{rows} row{'s' if rows != 1 else ''}.</p>\n</body></html>\n".encode())
    return out.getvalue()


def _graph_page(triples, prefixes, out: CappedBuffer) -> bytes:
    body = CappedBuffer(out.limit)
    ox.serialize(triples, body, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    out.write(_PAGE_HEAD.format(title="Query answer (Turtle)").encode())
    out.write(b"<pre>")
    out.write(html.escape(body.getvalue().decode("utf-8")).encode())
    out.write(b"</pre>\n</body></html>\n")
    return out.getvalue()


def _term_html(term, prefixes) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        label = html.escape(_shorten(iri, prefixes))
        if iri.startswith(("http://", "https://")):  # never a javascript: or data: link
            return f'<a href="{html.escape(iri)}">{label}</a>'
        return label
    if isinstance(term, ox.Literal):
        text = html.escape(term.value)
        if term.language:
            return f'{text} <span class="dt">@{html.escape(term.language)}</span>'
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return text
        return f'{text} <span class="dt">^^{html.escape(_shorten(datatype, prefixes))}</span>'
    return html.escape(str(term))


def _shorten(iri: str, prefixes: dict[str, str]) -> str:
    best = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(prefixes.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(prefixes[best]):]}"
    return iri
