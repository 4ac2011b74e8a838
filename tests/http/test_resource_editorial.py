"""Resource pages show the project's editorial inferences apart from the source's facts, with their reasoning
and the section they are read from, over HTTP on the real data.

The NATO-Ukraine Commission's extraordinary meeting on the Kerch Strait incident is dated only by the incident
("in view of Russia's unjustified use of military force against Ukrainian ships near the Kerch Strait in
November 2018"): its month is the project's inference, which its page must not give as a fact of the source.
"""

import html5lib
import pytest
from support.settings import BROWSER, real_app


@pytest.fixture(scope="module")
def real():
    return real_app().test_client()


def page(real, slug: str):
    response = real.get(f"/doc/{slug}", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_an_inferred_date_is_shown_as_the_projects_with_its_reasoning(real):
    doc = page(real, "nuc-extraordinary-meeting-2018-11")
    section = doc.find(".//section[@id='editorial']")
    assert section is not None
    shown = text(section)
    assert "not the source's statements" in shown
    assert "November 2018" in shown and "Reasoning:" in shown and "dates the Kerch Strait incident" in shown
    assert "Read from: Response to the Russia-Ukraine conflict" in shown
    # the date is not among the page's properties, where the source's facts are
    properties = doc.find(".//section[@id='properties']")
    assert "November 2018" not in text(properties)
    assert "NATO-Ukraine Commission" in text(properties)


def test_a_status_read_from_the_present_tense_is_shown_apart(real):
    doc = page(real, "c4-trust-fund")
    assert "active" in text(doc.find(".//section[@id='editorial']"))
    assert "present tense" in text(doc.find(".//section[@id='editorial']"))
    assert "status" not in text(doc.find(".//section[@id='properties']")).lower().split()


def test_a_page_without_inferences_has_no_such_section(real):
    doc = page(real, "nato-liaison-office")
    assert doc.find(".//section[@id='editorial']") is None


def test_the_inference_has_a_page_of_its_own_with_the_statement(real):
    doc = page(real, "inference-nuc-meeting-2018-date")
    shown = text(doc.find(".//section[@id='properties']"))
    assert "reasoning" in shown and "was derived from" in shown.lower()
    assert "Extraordinary meeting of the NATO-Ukraine Commission on the Kerch Strait incident" in shown
