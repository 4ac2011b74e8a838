"""The answer writers: bytes from query answers, with pyoxigraph's own writers.

Know nothing of Flask.  Every writer goes through :class:`CappedBuffer`, so an
answer larger than the configured limit is an error, never a truncated
document.  HTML renderings (a results table, a graph as Turtle) are small
pages of their own for people trying queries in a browser.
"""

from __future__ import annotations

import html

import pyoxigraph as ox

from ..core.errors import ResultTooLarge
from ..core.formats import TURTLE, Format
from ..core.namespaces import RDF_LANG_STRING, XSD_STRING, curie
from ..core.writers import CappedBuffer, write_rdf

# Datatypes a results table does not print: plain and language-tagged strings.
_PLAIN = (XSD_STRING, RDF_LANG_STRING)


def answer_bytes(answer, fmt: Format, *, prefixes: dict[str, str], limit: int = 0) -> bytes:
    """Serialise a pyoxigraph answer (solutions, boolean or triples) in ``fmt``."""
    out = CappedBuffer(limit)
    try:
        if isinstance(answer, ox.QueryTriples):
            if fmt.name == "html":
                return _graph_page(answer, prefixes, out)
            write_rdf(answer, fmt, out, prefixes=prefixes)
        elif fmt.name == "html":
            return _results_page(answer, prefixes, out)
        else:
            answer.serialize(out, format=fmt.writer)
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
    write_rdf(triples, TURTLE, body, prefixes=prefixes)
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
        label = html.escape(curie(iri, prefixes))
        if iri.startswith(("http://", "https://")):  # never a javascript: or data: link
            return f'<a href="{html.escape(iri)}">{label}</a>'
        return label
    if isinstance(term, ox.Literal):
        text = html.escape(term.value)
        if term.language:
            return f'{text} <span class="dt">@{html.escape(term.language)}</span>'
        datatype = term.datatype.value
        if datatype in _PLAIN:
            return text
        return f'{text} <span class="dt">^^{html.escape(curie(datatype, prefixes))}</span>'
    return html.escape(str(term))
