"""Query answers as pages for people: the query, a way back into the editor, and the answer.

The engine answers in SPARQL JSON (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE); the
page is made here, where links are known: an IRI of this dataset links to its page on
this server, another http(s) IRI to itself, anything else to nothing.  A page shows the
first ``MAX_ROWS`` rows, and says how many there are and where to get them all.
"""

from __future__ import annotations

import pyoxigraph as ox
from flask import render_template

from ..core.formats import GRAPH, RESULTS, Format, by_name
from ..core.namespaces import RDF_LANG_STRING, XSD_STRING, curie
from ..store.querycheck import CheckedQuery
from .links import href_for
from .views.values import safe_href
from .workbench import permalink

ENGINE_FORMAT = {RESULTS: by_name(RESULTS, "json"), GRAPH: by_name(GRAPH, "ntriples")}
MAX_ROWS = 1000
_PLAIN = (XSD_STRING, RDF_LANG_STRING)  # datatypes a cell does not print


def page(text: str, query: CheckedQuery, body: bytes, fmt: Format, dataset: dict | None = None) -> str:
    """The HTML page for the engine's answer ``body`` (in ``fmt``, one of ``ENGINE_FORMAT``) to ``text``.

    The answer is read row by row, so the page holds its first ``MAX_ROWS`` rows, never the whole answer
    as Python objects; ``dataset`` (``default-graph-uri``, ``named-graph-uri``) goes into its links."""
    boolean, head, rows, total = None, [], [], 0
    if fmt.kind == GRAPH:
        head = ["subject", "predicate", "object"]
        for triple in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
            total += 1
            if total <= MAX_ROWS:
                rows.append([_cell(_json_term(t)) for t in (triple.subject, triple.predicate, triple.object)])
    else:
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if isinstance(answer, ox.QueryBoolean):
            boolean = bool(answer)
        else:
            head = [v.value for v in answer.variables]
            for solution in answer:
                total += 1
                if total <= MAX_ROWS:
                    rows.append([_cell(_json_term(solution[v]) if solution[v] is not None else None) for v in head])
    return render_template(
        "results.html", query=text, form=query.form, edit_url=permalink(text), head=head, rows=rows,
        total=total, boolean=boolean, shown=min(total, MAX_ROWS), downloads=_downloads(fmt.kind),
        dataset=dataset or {},
    )


def _downloads(kind: str) -> list[Format]:
    names = ("csv", "tsv", "json") if kind == RESULTS else ("turtle", "ntriples", "jsonld")
    return [by_name(kind, n) for n in names]


def _json_term(term) -> dict:
    """A pyoxigraph term in the SPARQL JSON shape, so that both answers' cells are made alike."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        found = {"type": "literal", "value": term.value}
        if term.language:
            found["xml:lang"] = term.language
        elif term.datatype.value not in _PLAIN:
            found["datatype"] = term.datatype.value
        return found
    return {"type": "triple", "value": str(term)}  # an RDF-star triple term, shown as N-Triples


def _cell(term: dict | None) -> dict | None:
    """What a table cell shows of a term: its text, where it links, and its note (language, datatype)."""
    if term is None:
        return None
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return {"text": curie(value), "href": safe_href(href_for(value)), "title": value, "note": None}
    if kind == "bnode":
        return {"text": "_:" + value, "href": None, "title": None, "note": None}
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in term:
            return {"text": value, "href": None, "title": None, "note": "@" + term["xml:lang"]}
        datatype = term.get("datatype")
        note = "^^" + curie(datatype) if datatype and datatype not in _PLAIN else None
        return {"text": value, "href": None, "title": None, "note": note}
    return {"text": str(value), "href": None, "title": None, "note": None}
