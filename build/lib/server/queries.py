"""Named queries: the ``queries/*.rq`` files, their headers, and running them.

A named query opens with a header that is also its API documentation::

    #+ summary: Events in a given year
    #+ description: What happened in a given year, according to the source?
    #+ tags: [events, timeline]
    #+ params: [{name: year, type: xsd:gYear, default: "2014"}]

A header value may continue on the next ``#+`` lines when they are indented
(``#+   more words``).  Parameters appear in the text as ``?_year``.  They are
bound as RDF terms, never pasted into the text: each value becomes a
pyoxigraph term (which validates and escapes it) and the terms are joined to
the query through a ``VALUES`` block placed first inside the outer ``WHERE``
group, so that ``FILTER``s, ``GROUP BY`` and ``ORDER BY`` all see them.  (A
``VALUES`` clause appended after the query would be joined only after
filtering and grouping, which is not what a parameter means.)  The bound text
is plain SPARQL 1.1, so it runs the same on the embedded store and on a
remote endpoint.

Nothing here knows about HTTP; errors are the project's plain exception
classes (:class:`~server.errors.BadRequest`, :class:`~server.errors.NotFound`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Store
from rdflib import BNode, URIRef
from rdflib import Literal as RDFLibLiteral

from .errors import BadRequest, NotFound
from .kg import PROJECT_ROOT, KnowledgeGraph
from .namespaces import PREFIXES
from .querycheck import tokens

QUERIES_DIR = PROJECT_ROOT / "queries"
XSD = str(PREFIXES["xsd"])

# Parameter types: the lexical forms accepted for each (checked before binding).
_PARAM_TYPES = {
    "xsd:gYear": re.compile(r"-?\d{4,}"),
    "xsd:gYearMonth": re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])"),
    "xsd:date": re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"),
    "xsd:integer": re.compile(r"[+-]?\d+"),
    "xsd:string": re.compile(r".*", re.DOTALL),
    "iri": None,  # an absolute IRI or a prefixed name with one of the project's prefixes
}
_HEADER = re.compile(r"^#\+\s?(.*)$")
_KEY = re.compile(r"^([A-Za-z_][\w-]*):\s*(.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str | None = None

    @property
    def variable(self) -> str:
        return f"?_{self.name}"


@dataclass(frozen=True)
class NamedQuery:
    name: str  # the file name without .rq, kebab-case
    path: Path
    summary: str
    description: str
    tags: tuple[str, ...]
    params: tuple[Param, ...]
    text: str

    def defaults(self) -> dict[str, str]:
        return {p.name: p.default for p in self.params if p.default is not None}


# ---------------------------------------------------------------------------
# Reading the files
# ---------------------------------------------------------------------------


def load_queries(folder: Path | str | None = None) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file directly in ``folder`` (default: ``queries/``), by name, sorted."""
    folder = Path(folder) if folder else QUERIES_DIR
    return {q.name: q for q in (parse_query_file(p) for p in sorted(folder.glob("*.rq")))}


def get_query(name: str, folder: Path | str | None = None) -> NamedQuery:
    queries = load_queries(folder)
    if name not in queries:
        raise NotFound(f"No named query {name!r}")
    return queries[name]


def parse_query_file(path: Path | str) -> NamedQuery:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    header = parse_header(text)
    try:
        tags = header.get("tags", [])
        params = header.get("params", [])
        if not isinstance(tags, list) or not isinstance(params, list):
            raise ValueError("tags and params must be lists")
        return NamedQuery(
            name=path.stem,
            path=path,
            summary=_scalar(header.get("summary", "")),
            description=_scalar(header.get("description", "")),
            tags=tuple(str(t) for t in tags),
            params=tuple(_param(p) for p in params),
            text=text,
        )
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"{path}: bad header: {exc}") from None


def parse_header(text: str) -> dict:
    """The ``#+ key: value`` lines at the top of ``text``; list values are parsed."""
    raw: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        match = _HEADER.match(stripped)
        if not match:
            if stripped.startswith("#"):
                continue  # an ordinary comment among the header lines
            break
        body = match.group(1)
        keyed = _KEY.match(body)
        if keyed and not body.startswith(" "):
            key = keyed.group(1)
            raw[key] = keyed.group(2).strip()
        elif key is not None:
            raw[key] = (raw[key] + " " + body.strip()).strip()
    return {k: (parse_flow(v) if v.startswith(("[", "{")) else v) for k, v in raw.items()}


def parse_flow(text: str):
    """A YAML-like flow value: ``[a, b]``, ``{name: year, default: "2008"}``, nested."""
    value, end = _flow_value(text, 0)
    if text[end:].strip():
        raise ValueError(f"unexpected text after value: {text[end:]!r}")
    return value


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _flow_value(text: str, i: int):
    i = _skip(text, i)
    if i >= len(text):
        raise ValueError("missing value")
    char = text[i]
    if char == "[":
        items, i = [], _skip(text, i + 1)
        if i < len(text) and text[i] == "]":
            return items, i + 1
        while True:
            item, i = _flow_value(text, i)
            items.append(item)
            i = _skip(text, i)
            if i < len(text) and text[i] == ",":
                i += 1
            elif i < len(text) and text[i] == "]":
                return items, i + 1
            else:
                raise ValueError(f"expected ',' or ']' at {i} in {text!r}")
    if char == "{":
        mapping, i = {}, _skip(text, i + 1)
        if i < len(text) and text[i] == "}":
            return mapping, i + 1
        while True:
            i = _skip(text, i)
            match = re.compile(r"([A-Za-z_][\w-]*)\s*:\s").match(text, i)
            if not match:
                raise ValueError(f"expected 'key: ' at {i} in {text!r}")
            value, i = _flow_value(text, match.end())
            mapping[match.group(1)] = value
            i = _skip(text, i)
            if i < len(text) and text[i] == ",":
                i += 1
            elif i < len(text) and text[i] == "}":
                return mapping, i + 1
            else:
                raise ValueError(f"expected ',' or '}}' at {i} in {text!r}")
    if char == '"':
        match = re.compile(r'"(?:[^"\\]|\\.)*"').match(text, i)
        if not match:
            raise ValueError(f"unterminated string at {i} in {text!r}")
        return json.loads(match.group()), match.end()
    match = re.compile(r"[^,\[\]{}]*").match(text, i)
    return match.group().strip(), match.end()


def _scalar(value) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected text, got {value!r}")
    return value


def _param(spec) -> Param:
    if not isinstance(spec, dict) or not {"name", "type"} <= spec.keys():
        raise ValueError(f"a parameter needs a name and a type: {spec!r}")
    name, type_ = spec["name"], spec["type"]
    if not re.fullmatch(r"[A-Za-z]\w*", name):
        raise ValueError(f"bad parameter name {name!r}")
    if type_ not in _PARAM_TYPES:
        raise ValueError(f"parameter {name!r}: unknown type {type_!r} (known: {', '.join(_PARAM_TYPES)})")
    return Param(name=name, type=type_, default=spec.get("default"), description=spec.get("description"))


# ---------------------------------------------------------------------------
# Binding parameters
# ---------------------------------------------------------------------------


def term_for(param: Param, value: str) -> NamedNode | Literal:
    """The RDF term for a parameter value, or :class:`BadRequest` saying what is wrong."""
    if not isinstance(value, str):
        raise BadRequest(f"Parameter {param.name!r} must be text, got {type(value).__name__}.")
    if param.type == "iri":
        return NamedNode(expand_iri(value, param.name))
    if not _PARAM_TYPES[param.type].fullmatch(value):
        raise BadRequest(f"Parameter {param.name!r}: {value!r} is not a valid {param.type}.")
    return Literal(value, datatype=NamedNode(XSD + param.type.split(":", 1)[1]))


def expand_iri(value: str, name: str = "iri") -> str:
    """An absolute IRI from ``value``, which may be a prefixed name such as ``nuk:nato``."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        if not re.fullmatch(r"[\w.-]*", local):
            raise BadRequest(f"Parameter {name!r}: {value!r} is not a valid prefixed name.")
        value = str(PREFIXES[prefix]) + local
    elif not re.match(r"(https?|urn):", value, re.I):
        raise BadRequest(
            f"Parameter {name!r}: {value!r} is neither an http(s) or urn IRI nor a prefixed name "
            f"with a known prefix ({', '.join(PREFIXES)})."
        )
    try:
        return NamedNode(value).value
    except ValueError:
        raise BadRequest(f"Parameter {name!r}: {value!r} is not a valid IRI.") from None


def bindings(query: NamedQuery, values: dict[str, str] | None = None) -> dict[str, NamedNode | Literal]:
    """Every parameter's term: the given value, else the default; unknown names are refused."""
    values = dict(values or {})
    known = {p.name for p in query.params}
    unknown = sorted(set(values) - known)
    if unknown:
        raise BadRequest(
            f"Query {query.name!r} has no parameter {', '.join(map(repr, unknown))}"
            + (f"; its parameters are {', '.join(sorted(known))}." if known else "; it takes none.")
        )
    terms = {}
    for param in query.params:
        value = values.get(param.name, param.default)
        if value is None:
            raise BadRequest(f"Query {query.name!r} needs a value for parameter {param.name!r}.")
        terms[param.name] = term_for(param, value)
    return terms


def bound_text(query: NamedQuery, values: dict[str, str] | None = None) -> str:
    """The query text with its parameters bound by a VALUES block at the top of its WHERE group."""
    terms = bindings(query, values)
    if not terms:
        return query.text
    names = list(terms)
    block = (
        "VALUES (" + " ".join(f"?_{n}" for n in names) + ") { ("
        + " ".join(str(terms[n]) for n in names)  # N-Triples syntax, escaped by pyoxigraph
        + ") }"
    )
    at = _where_group_start(query.text)
    return query.text[:at] + "\n  " + block + "\n" + query.text[at:]


def _where_group_start(text: str) -> int:
    """Offset just after the ``{`` that opens the query's outer WHERE group.

    That is the brace after the top-level ``WHERE`` keyword or, for SELECT,
    ASK and DESCRIBE (where the keyword is optional), the first brace outside
    any brackets; braces inside the projection (``EXISTS { }``) are skipped.
    """
    form, depth, after_where = None, 0, False
    for tok in tokens(text):
        if tok.text in ("(", "{", "["):
            if tok.text == "{" and depth == 0 and (after_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return tok.start + 1
            depth += 1
        elif tok.text in (")", "}", "]"):
            depth -= 1
        elif depth == 0 and tok.keyword in ("SELECT", "ASK", "DESCRIBE", "CONSTRUCT") and form is None:
            form = tok.keyword
        elif depth == 0 and tok.keyword == "WHERE":
            after_where = True
    raise ValueError("cannot find the WHERE group to bind parameters in")


# ---------------------------------------------------------------------------
# The store and running queries
# ---------------------------------------------------------------------------


def _term(node):
    if isinstance(node, URIRef):
        return NamedNode(str(node))
    if isinstance(node, BNode):
        return BlankNode(str(node))
    if isinstance(node, RDFLibLiteral):
        if node.language:
            return Literal(str(node), language=node.language)
        if node.datatype:
            return Literal(str(node), datatype=NamedNode(str(node.datatype)))
        return Literal(str(node))
    raise TypeError(f"unexpected RDF term {node!r}")


def build_store(graph: KnowledgeGraph) -> Store:
    """An in-memory pyoxigraph store holding the named graphs (ontology, data, inferred)."""
    store = Store()
    for name, part in graph.named_graphs().items():
        context = NamedNode(str(name))
        store.extend(Quad(_term(s), _term(p), _term(o), context) for s, p, o in part)
    return store


def run(store: Store, query: NamedQuery, values: dict[str, str] | None = None):
    """Run a named query with its parameters bound; the default graph is the union of the graphs.

    Returns pyoxigraph's own result (solutions, boolean or triples), ready for its writers.
    """
    return store.query(bound_text(query, values), use_default_graph_as_union=True)


def rows(result) -> list[dict[str, str | None]]:
    """SELECT solutions as dicts of variable name -> the term's lexical value (None when unbound)."""
    names = [v.value for v in result.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in result]
