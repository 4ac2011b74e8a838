"""A :class:`nukg.release.diff.Diff` for people and programs: plain text, Markdown (the changelog's
data section) or JSON.  Terms are written as prefixed names where a project prefix fits."""

from __future__ import annotations

import json

import pyoxigraph as ox

from ..core.namespaces import XSD_STRING, curie
from .diff import Count, Diff, ResourceChange

FORMATS = ("text", "markdown", "json")


def term(node, labels: dict | None = None) -> str:
    """A term as read in a diff: ``nuk:nato`` (its label in parentheses when known), a literal in N-Triples form."""
    if isinstance(node, ox.NamedNode):
        label = (labels or {}).get(node)
        return f'{_iri(node.value)} ("{label}")' if label else _iri(node.value)
    if isinstance(node, ox.Literal):
        quoted = str(ox.Literal(node.value))
        if node.language:
            return f"{quoted}@{node.language}"
        return quoted if node.datatype.value == XSD_STRING else f"{quoted}^^{_iri(node.datatype.value)}"
    return str(node)


def _iri(iri: str) -> str:
    name = curie(iri)
    return name if name != iri else f"<{iri}>"


def _signed(n: int) -> str:
    return f"{n:+d}" if n else "0"


def _changed(counts: tuple[Count, ...]) -> list[Count]:
    return [c for c in counts if c.change]


def _summary(d: Diff) -> str:
    return (f"{d.before:,} -> {d.after:,} triples: {d.added:,} added, {d.removed:,} removed, "
            f"{len(d.resources):,} resources changed")


def _title(change: ResourceChange) -> str:
    return term(change.resource) + (f' "{change.label}"' if change.label else "")


def statement(t: ox.Triple, labels: dict, resource) -> str:
    subject = "" if t.subject == resource else term(t.subject) + " "
    return f"{subject}{term(t.predicate)} {term(t.object, labels)}"


def render_text(d: Diff) -> str:
    lines = [f"OLD: {d.old}", f"NEW: {d.new}", _summary(d) + "."]
    if d.empty:
        lines.append("No triples added or removed.")
    for change in d.resources:
        lines += ["", _title(change)]
        lines += [f"  + {statement(t, d.labels, change.resource)}" for t in change.added]
        lines += [f"  - {statement(t, d.labels, change.resource)}" for t in change.removed]
    for heading, counts, unit in (("Classes", d.classes, "instances"), ("Properties", d.properties, "triples")):
        changed = _changed(counts)
        lines += ["", f"{heading} ({unit}: before, after, change; {len(counts) - len(changed)} unchanged)"]
        width = max((len(term(c.term)) for c in changed), default=0)
        lines += [f"  {term(c.term):<{width}}  {c.before:>6,}  {c.after:>6,}  {_signed(c.change):>6}" for c in changed]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe in a Markdown code span."""
    return "`` " + text + " ``" if "`" in text else f"`{text}`"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown(d: Diff) -> str:
    lines = [f"From {_md(d.old)} to {_md(d.new)}: {_summary(d)}.", ""]
    if d.resources:
        lines += ["#### Resources", ""]
    for change in d.resources:
        label = f" {change.label}" if change.label else ""
        lines.append(f"- {_md(term(change.resource))}{_md_cell(label)}")
        lines += [f"  - added: {_md(statement(t, {}, change.resource))}" for t in change.added]
        lines += [f"  - removed: {_md(statement(t, {}, change.resource))}" for t in change.removed]
    if d.resources:
        lines.append("")
    for heading, counts, unit in (("Classes", d.classes, "instances"), ("Properties", d.properties, "triples")):
        changed = _changed(counts)
        lines += [f"#### {heading}", ""]
        if not changed:
            lines += [f"No change in the {unit} of any of the {len(counts)} {heading.lower()}.", ""]
            continue
        lines += [f"| {'class' if heading == 'Classes' else 'property'} | {unit} before | after | change |",
                  "|---|---:|---:|---:|"]
        lines += [f"| {_md(term(c.term))} | {c.before:,} | {c.after:,} | {_signed(c.change)} |" for c in changed]
        lines += ["", f"{len(counts) - len(changed)} {heading.lower()} unchanged.", ""]
    return "\n".join(lines)


def _json_term(node) -> str:
    return node.value if isinstance(node, ox.NamedNode) else str(node)


def _json_triple(t: ox.Triple) -> list[str]:
    return [str(t.subject), str(t.predicate), str(t.object)]


def as_json(d: Diff) -> dict:
    counts = {heading: [{"term": _json_term(c.term), "label": c.label, "before": c.before, "after": c.after,
                         "change": c.change} for c in cs]
              for heading, cs in (("classes", d.classes), ("properties", d.properties))}
    return {
        "old": d.old, "new": d.new, "triples": {"before": d.before, "after": d.after, "added": d.added,
                                                "removed": d.removed},
        "resources": [{"resource": _json_term(r.resource), "label": r.label,
                       "added": [_json_triple(t) for t in r.added],
                       "removed": [_json_triple(t) for t in r.removed]} for r in d.resources],
        **counts,
    }


def render(d: Diff, fmt: str) -> str:
    if fmt == "text":
        return render_text(d)
    if fmt == "markdown":
        return render_markdown(d)
    if fmt == "json":
        return json.dumps(as_json(d), indent=1, ensure_ascii=False) + "\n"
    raise ValueError(f"no diff format {fmt!r}: {', '.join(FORMATS)}")
