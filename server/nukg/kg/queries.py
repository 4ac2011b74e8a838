"""Named queries: the one reader of ``queries/*.rq`` (the tests and the benchmark today; the query
page and the API next).

A named query opens with a header in grlc's decorator syntax, which is also its
API documentation::

    #+ summary: Events in a given year
    #+ description: What happened in a given year, according to the source?
    #+ tags: [events, timeline]
    #+ params: [{name: year, type: xsd:gYear, default: "2014"}]

A parameter may also list the values it takes (``enum: [nuk:active, nuk:completed]``, in
the parameter's own type), which the API offers as a choice.

With the ``#+`` marks taken off, the header is a YAML mapping (read with PyYAML).
Parameters appear in the text as ``?_year``.  They are bound as RDF terms, never
pasted into the text: each value becomes a pyoxigraph term (which checks it) and
the query runs with ``substitutions={Variable("_year"): term}``, so the text the
engine parses is exactly the file's.  pyoxigraph substitutes only variables that a
SELECT projects, so a query with parameters is a SELECT that lists them
(``SELECT ?date ?label ?_year``): its answers also say which value they are for.
The value is bound where the variable is used in the query's own patterns and
filters; a sub-SELECT does not see it, and ``BIND(?_year AS ?y)`` leaves ``?y``
unbound, so use the parameter itself.  (tests/quality/test_query_files.py runs
every file's parameters this way.)

Nothing here knows about HTTP; errors are the project's plain exceptions
(:class:`~nukg.core.errors.BadRequest`, :class:`~nukg.core.errors.NotFound`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import yaml

from ..core.errors import BadRequest, NotFound
from ..core.namespaces import PREFIX_IRIS

# Parameter types: the lexical forms accepted for each (checked before binding); "iri" takes an
# absolute IRI or a prefixed name with one of the project's prefixes.
PARAM_TYPES = {
    "xsd:gYear": re.compile(r"-?\d{4,}", re.ASCII),
    "xsd:gYearMonth": re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])", re.ASCII),
    "xsd:date": re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", re.ASCII),  # and a real day
    "xsd:integer": re.compile(r"[+-]?\d+", re.ASCII),
    "xsd:string": re.compile(r".*", re.DOTALL),
    "iri": None,
}
# What an IRI parameter takes besides a prefixed name: an absolute http(s) or urn IRI written in ASCII
# (other characters percent-encoded), a subset of RFC 3986 that every engine reads.  The same text is
# a JSON Schema pattern in the OpenAPI document, so the API's description is exactly what it accepts.
_PCHARS = r"(?:[A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})"
ABSOLUTE_IRI = (rf"(?:[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/{_PCHARS}*)?"
                rf"|[Uu][Rr][Nn]:[A-Za-z0-9][A-Za-z0-9-]{{0,31}}:{_PCHARS}+)"
                rf"(?:\?(?:{_PCHARS}|\?)*)?(?:#(?:{_PCHARS}|\?)*)?")
LOCAL_NAME = r"[A-Za-z0-9_.-]*"
_HEADER_MARK = "#+"
_NAME = re.compile(r"[A-Za-z]\w*")


class QueryFileError(ValueError):
    """A named query's file cannot be read: its header is not the YAML mapping it should be."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str | None = None
    enum: tuple[str, ...] = ()  # the values it takes, when they are few and known

    @property
    def variable(self) -> str:
        return f"?_{self.name}"

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for ``value``, or :class:`BadRequest` naming the parameter and what it expects."""
        if not isinstance(value, str):
            raise BadRequest(f"Parameter {self.name!r} must be text, got {type(value).__name__}.")
        if self.enum and value not in self.enum:
            raise BadRequest(f"Parameter {self.name!r} must be one of {', '.join(self.enum)}, not {value!r}.")
        if self.type == "iri":
            prefix, sep, local = value.partition(":")
            if not (sep and prefix in PREFIX_IRIS and re.fullmatch(LOCAL_NAME, local)
                    or re.fullmatch(ABSOLUTE_IRI, value)):
                raise BadRequest(f"Parameter {self.name!r}: {value!r} is neither a prefixed name with a known prefix "
                                 f"({', '.join(PREFIX_IRIS)}) nor an absolute http(s) or urn IRI in ASCII "
                                 "(percent-encode other characters).")
            return ox.NamedNode(expand_iri(value, self.name))
        if not PARAM_TYPES[self.type].fullmatch(value) or self.type == "xsd:date" and not _real_day(value):
            raise BadRequest(f"Parameter {self.name!r}: {value!r} is not a valid {self.type}.")
        return ox.Literal(value, datatype=ox.NamedNode(PREFIX_IRIS["xsd"] + self.type.split(":", 1)[1]))


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

    def substitutions(self, values: dict[str, str] | None = None) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
        """Every parameter's term (the given value, else the default), keyed by its variable.

        Unknown names and missing values are refused with :class:`BadRequest`.
        """
        values = dict(values or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(values) - known)
        if unknown:
            raise BadRequest(
                f"Query {self.name!r} has no parameter {', '.join(map(repr, unknown))}"
                + (f"; its parameters are {', '.join(sorted(known))}." if known else "; it takes none.")
            )
        terms = {}
        for param in self.params:
            value = values.get(param.name, param.default)
            if value is None:
                raise BadRequest(f"Query {self.name!r} needs a value for parameter {param.name!r}.")
            terms[ox.Variable("_" + param.name)] = param.term(value)
        return terms


def _real_day(value: str) -> bool:
    """Whether a date names a day that exists (2014-02-30 does not; nor does year 0)."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def load_queries(folder: Path | str) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file directly in ``folder`` (the project's ``queries/``), by name, sorted."""
    return {q.name: q for q in (read_query_file(p) for p in sorted(Path(folder).glob("*.rq")))}


def get_query(name: str, folder: Path | str) -> NamedQuery:
    queries = load_queries(folder)
    if name not in queries:
        raise NotFound(f"No named query {name!r}")
    return queries[name]


def read_query_file(path: Path | str) -> NamedQuery:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        header = read_header(text)
        tags = header.get("tags") or []
        params = header.get("params") or []
        if not isinstance(tags, list) or not isinstance(params, list):
            raise QueryFileError("tags and params must be lists")
        return NamedQuery(
            name=path.stem,
            path=path,
            summary=_text(header, "summary"),
            description=_text(header, "description"),
            tags=tuple(str(t) for t in tags),
            params=tuple(_param(p) for p in params),
            text=text,
        )
    except (QueryFileError, yaml.YAMLError) as exc:
        raise QueryFileError(f"{path}: bad header: {exc}") from None


def read_header(text: str) -> dict:
    """The ``#+`` lines at the top of ``text``, marks removed, read as one YAML mapping.

    Ordinary comments among them are skipped; the header ends at the first line that is
    neither blank nor a comment.
    """
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(_HEADER_MARK):
            body = stripped[len(_HEADER_MARK):]
            lines.append(body[1:] if body.startswith(" ") else body)
        elif stripped and not stripped.startswith("#"):
            break
    header = yaml.safe_load("\n".join(lines)) if lines else {}
    if header is None:
        return {}
    if not isinstance(header, dict):
        raise QueryFileError(f"the header is not a mapping of keys to values: {header!r}")
    return header


def _text(header: dict, key: str) -> str:
    value = header.get(key, "")
    if not isinstance(value, str):
        raise QueryFileError(f"{key} must be text, not {value!r}")
    return value.strip()


def _param(spec) -> Param:
    if not isinstance(spec, dict) or not {"name", "type"} <= spec.keys():
        raise QueryFileError(f"a parameter needs a name and a type: {spec!r}")
    name, type_ = str(spec["name"]), str(spec["type"])
    if not _NAME.fullmatch(name):
        raise QueryFileError(f"bad parameter name {name!r}")
    if type_ not in PARAM_TYPES:
        raise QueryFileError(f"parameter {name!r}: unknown type {type_!r} (known: {', '.join(PARAM_TYPES)})")
    default = spec.get("default")
    enum = spec.get("enum") or []
    if not isinstance(enum, list):
        raise QueryFileError(f"parameter {name!r}: enum must be a list of values")
    enum = tuple(str(v) for v in enum)
    if default is not None and enum and str(default) not in enum:
        raise QueryFileError(f"parameter {name!r}: the default {default!r} is not one of its enum values")
    return Param(name=name, type=type_, default=None if default is None else str(default),
                 description=spec.get("description"), enum=enum)


def expand_iri(value: str, name: str = "iri") -> str:
    """An absolute IRI from ``value``, which may be a prefixed name such as ``nuk:nato``."""
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIX_IRIS and not local.startswith("//"):
        if not re.fullmatch(r"[\w.-]*", local):
            raise BadRequest(f"Parameter {name!r}: {value!r} is not a valid prefixed name.")
        value = PREFIX_IRIS[prefix] + local
    elif not re.match(r"(https?|urn):", value, re.I):
        raise BadRequest(
            f"Parameter {name!r}: {value!r} is neither an http(s) or urn IRI nor a prefixed name "
            f"with a known prefix ({', '.join(PREFIX_IRIS)})."
        )
    try:
        return ox.NamedNode(value).value
    except ValueError:
        raise BadRequest(f"Parameter {name!r}: {value!r} is not a valid IRI.") from None
