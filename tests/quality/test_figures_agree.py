"""The home page, the VoID description and `nukg stats` report the same figures for the real project.

Served triples, resources and resources per class are defined once (nukg.kg.stats); this checks
that the three places that print them agree, by reading what each one prints.
"""

import re
import subprocess
import sys

import html5lib
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, VOID
from support.paths import PROJECT_ROOT

from nukg.core.namespaces import DATASET_IRI, NUO, PREFIX_IRIS
from nukg.web.app import create_app

SIZE_TEXT = re.compile(r"(\d+)\s+resources,\s+described\s+by\s+(\d+)\s+triples")
COUNT_TEXT = re.compile(r"^\s*\((\d+)\)\s*$")


def text_of(element) -> str:
    return "".join(element.itertext())


def expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    assert prefix in PREFIX_IRIS, f"unknown prefix in {name!r}"
    return PREFIX_IRIS[prefix] + local


@pytest.fixture(scope="module")
def app():
    return create_app({"NUKG_ROOT": PROJECT_ROOT, "NUKG_QUERY_WORKERS": 0})


@pytest.fixture(scope="module")
def home(app):
    """What the home page says: resources, triples and {class IRI: count} of its class list."""
    response = app.test_client().get("/")
    assert response.status_code == 200
    document = html5lib.parse(response.get_data(as_text=True), namespaceHTMLElements=False)
    sizes = [SIZE_TEXT.search(" ".join(text_of(li).split())) for li in document.iter("li")]
    sizes = [m for m in sizes if m]
    assert len(sizes) == 1, "the page should state its size once"
    resources, triples = (int(g) for g in sizes[0].groups())

    body = document.find("body")
    elements = list(body.iter())
    heading = next(e for e in elements if e.tag == "h3" and text_of(e).strip() == "Resources by class")
    listing = next(e for e in elements[elements.index(heading) + 1:] if e.tag == "ul")
    per_class = {}
    for li in listing.findall("li"):
        (link,) = li.findall("a")
        match = COUNT_TEXT.match(link.tail or "")
        assert match, f"no count after {text_of(link)!r}"
        iri = link.get("title")
        assert iri not in per_class, f"{iri} listed twice"
        per_class[iri] = int(match.group(1))
    assert per_class, "the page lists no classes"
    return {"resources": resources, "triples": triples, "per_class": per_class}


@pytest.fixture(scope="module")
def void(app):
    """What /.well-known/void says about the dataset."""
    response = app.test_client().get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    g = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    d = URIRef(str(DATASET_IRI))
    (triples,) = list(g.objects(d, VOID.triples))
    (entities,) = list(g.objects(d, VOID.entities))
    per_class = {}
    for part in g.objects(d, VOID.classPartition):
        (cls,) = list(g.objects(part, VOID["class"]))
        (n,) = list(g.objects(part, VOID.entities))
        assert str(cls) not in per_class, f"two partitions for {cls}"
        per_class[str(cls)] = int(n.toPython())
    assert per_class, "VoID has no class partitions"
    return {"resources": int(entities.toPython()), "triples": int(triples.toPython()), "per_class": per_class}


@pytest.fixture(scope="module")
def cli_stats():
    """What `nukg stats --root PROJECT_ROOT` prints."""
    run = subprocess.run(
        [sys.executable, "-m", "nukg", "stats", "--root", str(PROJECT_ROOT)],
        capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    (served,) = [line for line in lines if line.strip().startswith("served")]
    (resources,) = [line for line in lines if line.startswith("Resources:")]
    start = next(i for i, line in enumerate(lines) if line.startswith("Instances per class"))
    per_class = {}
    for line in lines[start + 1:]:
        if not line.strip():
            break
        n, name = line.split()
        iri = expand(name) if not name.startswith(("http://", "https://")) else name
        assert iri not in per_class, f"{name} printed twice"
        per_class[iri] = int(n)
    assert per_class, "nukg stats printed no classes"
    return {"resources": int(resources.split(":")[1]), "triples": int(served.split()[-1]), "per_class": per_class}


def test_served_triples_agree(app, home, void, cli_stats):
    kg = app.extensions["nukg.kg"]
    assert home["triples"] == void["triples"] == cli_stats["triples"] == len(kg.union)


def test_resources_agree(home, void, cli_stats):
    assert home["resources"] == void["resources"] == cli_stats["resources"]
    assert home["resources"] > 0


def test_void_and_cli_agree_on_every_class(void, cli_stats):
    assert void["per_class"] == cli_stats["per_class"]


def test_home_page_agrees_on_the_ontology_classes(home, cli_stats, void):
    nuo = str(NUO)
    assert all(iri.startswith(nuo) for iri in home["per_class"])
    cli_nuo = {iri: n for iri, n in cli_stats["per_class"].items() if iri.startswith(nuo)}
    assert home["per_class"] == cli_nuo
    assert home["per_class"] == {iri: n for iri, n in void["per_class"].items() if iri.startswith(nuo)}


def test_the_ontology_classes_count_resources(cli_stats):
    """Every class that types something has its count; the ontology's classes have only resources."""
    assert str(OWL.Class) in cli_stats["per_class"]
    ontology_classes = [n for iri, n in cli_stats["per_class"].items() if iri.startswith(str(NUO))]
    assert ontology_classes and max(ontology_classes) <= cli_stats["resources"]


def test_home_page_lists_classes_most_first(app):
    # the order the page prints, read again, follows the counts
    response = app.test_client().get("/")
    text = response.get_data(as_text=True)
    section = text[text.index("Resources by class"):]
    section = section[:section.index("</ul>")]
    counts = [int(n) for n in re.findall(r"</a> \((\d+)\)</li>", section)]
    assert counts and counts == sorted(counts, reverse=True)
