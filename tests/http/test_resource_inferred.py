"""Resource pages over the real data show each fact once, mark what the build inferred, and let a reader hide
it without a script: a checkbox ``#hide-inferred`` before the facts, and a rule of the page's style that hides
``.inferred`` values, ``.inferred-row`` rows and ``.inferred-note`` notes after it when checked.

Before, an inferred super-property repeated a stated value (``date February 2022`` and again ``date February
2022 (inferred)`` from nuo:date under dcterms:date); such a value is now folded into the stated row, which says
``also as dcterms:date (inferred)``.  The RDF twins keep every triple."""

import html5lib
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from support.settings import BROWSER, real_app

from nukg.core.namespaces import BASE, NUO

HIDDEN = ("inferred", "inferred-row", "inferred-note")  # what the box hides


@pytest.fixture(scope="module")
def real():
    return real_app().test_client()


def page(real, slug: str):
    response = real.get(f"/doc/{slug}", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)


def classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def without_inferred(element):
    """A copy of what a reader sees once the box is checked: every element the rule hides is gone."""
    copy = html5lib.parse("<div></div>", namespaceHTMLElements=False).find(".//div")
    copy.extend(_visible(child) for child in element if not classes(child) & set(HIDDEN))
    return copy


def _visible(element):
    kept = element.makeelement(element.tag, dict(element.items()))
    kept.text, kept.tail = element.text, element.tail
    kept.extend(_visible(child) for child in element if not classes(child) & set(HIDDEN))
    return kept


def facts(doc) -> list[tuple[str, list[str]]]:
    """The Properties table: each row's label and the texts of its values (marks and notes left out)."""
    section = doc.find(".//section[@id='properties']")
    rows = []
    for tr in section.iter("tr"):
        label = "".join(tr.find("th/a").itertext()).strip()
        cell = tr.find("td")
        items = cell.findall("ul/li") or [cell]
        rows.append((label, [text_of(item).strip() for item in items]))
    return rows


def text_of(element) -> str:
    """The element's text, without the "(inferred)" marks in it."""
    parts = [element.text or ""]
    for child in element:
        if "inferred-mark" not in classes(child):
            parts.append(text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def count_values(doc) -> int:
    return sum(len(values) for _, values in facts(doc))


# --- each fact once -------------------------------------------------------------------------------


def test_a_meeting_states_each_fact_once(real):
    doc = page(real, "nuc-extraordinary-meeting-2022-02")
    rows = facts(doc)
    # was: agent, date, date, focus, location, location, subject, was associated with (10 values)
    assert [label for label, _ in rows] == ["agent", "date", "focus", "location"]
    assert count_values(doc) == 5
    assert dict(rows)["date"] == ["February 2022"]
    notes = {"".join(tr.find("th/a").itertext()): "".join(tr.find("th/small").itertext())
             for tr in doc.find(".//section[@id='properties']").iter("tr")}
    assert notes == {"agent": "also as prov:wasAssociatedWith (inferred)",
                     "date": "also as dcterms:date (inferred)",
                     "focus": "also as dcterms:subject (inferred)",
                     "location": "also as schema:location (inferred)"}


def test_a_trust_funds_subjects_are_its_areas_and_focus(real):
    rows = dict(facts(page(real, "c4-trust-fund")))
    assert "subject" not in rows and "was associated with" not in rows  # both restated stated values
    assert len(rows["area"]) == 4 and rows["focus"] == ["command, control, communications and computers"]


def test_no_page_repeats_a_value_under_one_label(real):
    docs = real.application.extensions["nukg.documents"]
    slugs = [iri[len(BASE) + 3:] for iri in sorted(docs.known) if iri.startswith(BASE + "id/")]
    assert len(slugs) > 100
    for slug in slugs:
        doc = page(real, slug)
        if doc.find(".//section[@id='properties']") is None:
            continue
        shown = [(label, value) for label, values in facts(doc) for value in values]
        assert len(shown) == len(set(shown)), (slug, sorted(x for x in shown if shown.count(x) > 1))


def test_the_rdf_twin_keeps_the_inferred_triples(real):
    response = real.get("/doc/nuc-extraordinary-meeting-2022-02.ttl")
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    meeting, date = URIRef(BASE + "id/nuc-extraordinary-meeting-2022-02"), Literal("2022-02", datatype=XSD.gYearMonth)
    assert (meeting, NUO.date, date) in graph and (meeting, DCTERMS.date, date) in graph


# --- hiding what was inferred ---------------------------------------------------------------------


def test_the_box_comes_before_every_fact_it_hides(real):
    doc = page(real, "nato-ukraine-commission")
    article = doc.find(".//article")
    box = article.find("input[@id='hide-inferred']")
    assert box is not None and box.get("type") == "checkbox"
    assert doc.find(f".//label[@for='hide-inferred']").text == "Hide inferred statements"
    children = list(article)
    assert children.index(box) < children.index(article.find("header"))
    style = "".join(s.text or "" for s in doc.iter("style"))
    for name in HIDDEN:
        assert f"#hide-inferred:checked ~ * .{name}" in style.replace("\n    ", " ")


@pytest.mark.parametrize(
    "slug, before, after",
    [
        ("nato-ukraine-commission", 11, 9),  # oversees (2): inverses of stated links (the JWGDR under it is editorial)
        ("nuc-extraordinary-meeting-2022-02", 5, 5),  # nothing inferred left in the table, only notes
        ("nato-representation-to-ukraine", 8, 7),  # has part: the inverse of a stated part of
    ],
)
def test_hiding_leaves_the_stated_values(real, slug, before, after):
    doc = page(real, slug)
    article = doc.find(".//article")
    assert count_values(doc) == before
    seen = without_inferred(article)
    assert count_values(seen) == after
    assert not [el for el in seen.iter() if classes(el) & set(HIDDEN)]
    assert not [mark for mark in seen.iter() if "(inferred)" in (mark.text or "")]
    inferred_values = [el for el in article.iter() if "inferred" in classes(el)]
    types = article.find("header/p[@class='types']")
    assert len(inferred_values) == before - after + sum(1 for el in types.iter() if "inferred" in classes(el))


def test_a_page_with_nothing_inferred_offers_no_box(real):
    doc = page(real, "statuses")
    assert doc.find(".//input[@id='hide-inferred']") is None
    assert not [el for el in doc.iter() if classes(el) & set(HIDDEN)]
