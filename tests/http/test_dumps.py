"""The release files at /download/: what they hold, the bytes and the headers they come with.

Run over the fixture project and over the real data (which has blank nodes in its
ontology, lists and 700-odd blank nodes in its shapes).
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from dataclasses import dataclass
from email.utils import format_datetime
import pytest
from flask import Flask
from rdflib import BNode
from rdflib.compare import isomorphic
from rdflib.namespace import RDF
from support.rdf import QUAD_READERS, TRIPLE_READERS, read_quads, read_triples, same_graph
from support.settings import BROWSER, real_app

from nukg.release import files as build
from nukg.web.app import create_app
from nukg.kg.graph import KnowledgeGraph
from nukg.core.namespaces import DATA_GRAPH, INFERRED_GRAPH, NUO

DUMP_MEDIA_TYPES = {fmt.suffix: fmt.media_type for fmt in build.DUMP_FORMATS}


@dataclass
class Site:
    app: Flask
    kg: KnowledgeGraph
    listing: dict  # the JSON listing of /download/

    @property
    def client(self):
        return self.app.test_client()

    def name(self, suffix: str) -> str:
        """The name of the whole-graph file with ``suffix`` (``ttl``, ``nq.gz``...)."""
        return f"{build.NAME}-{self.kg.version}.{suffix}"

    def get(self, name: str, **kwargs):
        return self.client.get(f"/download/{name}", **kwargs)


@pytest.fixture(scope="module")
def real():
    return real_app()


@pytest.fixture(scope="module", params=["fixture", "real"])
def site(request, app) -> Site:
    application = app if request.param == "fixture" else request.getfixturevalue("real")
    response = application.test_client().get("/download/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    return Site(application, application.extensions["nukg.kg"], response.json)


@pytest.fixture(scope="module")
def files(site) -> dict[str, bytes]:
    """Every listed file, as served."""
    served = {}
    for entry in site.listing["files"]:
        response = site.client.get(entry["url"])
        assert response.status_code == 200, entry["name"]
        served[entry["name"]] = response.data
    return served


# --- what the files hold ---------------------------------------------------------------


def test_the_listing_names_every_release_file(site):
    names = [entry["name"] for entry in site.listing["files"]]
    expected = [site.name(s) for suffix in DUMP_MEDIA_TYPES for s in (suffix, f"{suffix}.gz")]
    expected += [f"{build.NAME}-ontology-{site.kg.version}.ttl", f"{build.NAME}-shapes-{site.kg.version}.ttl",
                 f"{build.NAME}-shacl-report-{site.kg.version}.ttl"]
    if (site.kg.root / "releases" / "earl.ttl").is_file():  # the committed EARL report, when the project has one
        expected.append(f"{build.NAME}-earl-{site.kg.version}.ttl")
    expected.append("SHA256SUMS")
    assert names == expected
    assert site.listing["version"] == site.kg.version
    assert all(site.kg.version in name for name in names if name != "SHA256SUMS")


def test_the_listing_tells_size_and_checksum_of_the_served_bytes(site, files):
    for entry in site.listing["files"]:
        data = files[entry["name"]]
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["url"] == f"/download/{entry['name']}"
        assert entry["permanent_url"] == f"https://w3id.org/nato-ukraine-kg/download/{entry['name']}"


@pytest.mark.parametrize("suffix", TRIPLE_READERS)
def test_triple_dumps_hold_the_union(site, files, suffix):
    graph = read_triples(files[site.name(suffix)], suffix)
    assert len(graph) == len(site.kg.union)
    assert isomorphic(graph, site.kg.union)


@pytest.mark.parametrize("suffix", QUAD_READERS)
def test_quad_dumps_hold_each_named_graph(site, files, suffix):
    graphs = read_quads(files[site.name(suffix)], suffix)
    assert set(graphs) == set(site.kg.named_graphs())  # and nothing in the default graph
    for name, expected in site.kg.named_graphs().items():
        assert len(graphs[name]) == len(expected), name
        assert isomorphic(graphs[name], expected), name


def test_the_turtle_dump_is_what_the_endpoint_holds(site, files):
    # pyoxigraph's Store keeps a literal's value, not its form ("6"^^xsd:nonNegativeInteger comes back as
    # xsd:integer, 2.0 as "2"), so the data writes counts as xsd:integer and decimals in canonical form.
    response = site.client.get("/sparql", query_string={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
                               headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert isomorphic(read_triples(files[site.name("ttl")], "ttl"), read_triples(response.data, "nt"))


def test_ontology_and_shapes_alone(site, files):
    version = site.kg.version
    ontology = read_triples(files[f"{build.NAME}-ontology-{version}.ttl"], "ttl")
    shapes = read_triples(files[f"{build.NAME}-shapes-{version}.ttl"], "ttl")
    assert isomorphic(ontology, site.kg.ontology)
    assert same_graph(shapes, site.kg.shapes)  # 700-odd blank nodes: too slow for isomorphic()


def test_gz_files_decompress_to_their_twin(site, files):
    twins = [name for name in files if name.endswith(".gz")]
    assert len(twins) == len(DUMP_MEDIA_TYPES)
    for name in twins:
        assert gzip.decompress(files[name]) == files[name.removesuffix(".gz")], name


def test_checksums_match_every_other_file(site, files):
    lines = files["SHA256SUMS"].decode("ascii").splitlines()
    sums = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(sums) == set(files) - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest, name


def test_the_release_is_deterministic(site, files):
    """A second build of the same graph gives the same bytes (across processes: tests/cli/test_build.py)."""
    again = {f.name: f.data for f in build.release_files(site.kg)}
    assert again == files


def test_a_blank_node_shared_by_two_graphs_keeps_one_label(tmp_path, project_root):
    """A blank node typed nuo:Summit in the data is a nuo:Event in the inferred graph: one node, one label."""
    root = tmp_path / "project"
    shutil.copytree(project_root, root)
    (root / "data" / "anonymous.ttl").write_text(
        "@prefix nuo: <https://w3id.org/nato-ukraine-kg/ontology/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '[] a nuo:Summit ; rdfs:label "A summit with no name"@en .\n'
    )
    client = create_app({"NUKG_ROOT": root, "NUKG_QUERY_WORKERS": 0}).test_client()
    listing = client.get("/download/", headers={"Accept": "application/json"}).json
    names = {entry["name"]: entry["url"] for entry in listing["files"]}
    for suffix in QUAD_READERS:
        url = next(url for name, url in names.items() if name.endswith(f".{suffix}"))
        graphs = read_quads(client.get(url).data, suffix)
        asserted = {s for s in graphs[DATA_GRAPH].subjects(RDF.type, NUO.Summit) if isinstance(s, BNode)}
        inferred = {s for s in graphs[INFERRED_GRAPH].subjects(RDF.type, NUO.Event) if isinstance(s, BNode)}
        assert len(asserted) == 1 and asserted == inferred, suffix


# --- headers --------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", DUMP_MEDIA_TYPES)
def test_media_types(site, suffix):
    response = site.get(site.name(suffix))
    assert response.mimetype == DUMP_MEDIA_TYPES[suffix]
    if response.mimetype.startswith("text/"):
        assert response.mimetype_params == {"charset": "utf-8"}
    compressed = site.get(site.name(f"{suffix}.gz"))
    assert compressed.content_type == "application/gzip"
    assert "Content-Encoding" not in compressed.headers  # a .gz download, not a compressed transfer


def test_ontology_shapes_and_checksums_media_types(site):
    version = site.kg.version
    assert site.get(f"{build.NAME}-ontology-{version}.ttl").content_type == "text/turtle; charset=utf-8"
    assert site.get(f"{build.NAME}-shapes-{version}.ttl").content_type == "text/turtle; charset=utf-8"
    assert site.get("SHA256SUMS").content_type == "text/plain; charset=utf-8"


def test_every_file_is_an_attachment_with_its_name(site):
    for entry in site.listing["files"]:
        response = site.client.get(entry["url"])
        assert response.headers["Content-Disposition"] == f'attachment; filename="{entry["name"]}"'


def test_strong_etag_is_the_sha256(site):
    for entry in site.listing["files"]:
        tag, weak = site.client.get(entry["url"]).get_etag()
        assert (tag, weak) == (entry["sha256"], False)


def test_last_modified_is_the_newest_input_file(site):
    newest = max(int(p.stat().st_mtime) for paths in site.kg.files.values() for p in paths)
    response = site.get(site.name("ttl"))
    assert int(response.last_modified.timestamp()) == newest
    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_if_none_match_gets_304(site):
    first = site.get(site.name("nt.gz"))
    etag = first.headers["ETag"]
    for header in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        again = site.get(site.name("nt.gz"), headers={"If-None-Match": header})
        assert again.status_code == 304, header
        assert again.data == b""
        assert again.headers["ETag"] == etag
        assert again.headers["Cache-Control"] == first.headers["Cache-Control"]
    assert site.get(site.name("nt.gz"), headers={"If-None-Match": '"other"'}).status_code == 200


def test_if_modified_since_gets_304(site):
    first = site.get(site.name("ttl"))
    same = site.get(site.name("ttl"), headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert same.status_code == 304
    earlier = format_datetime(first.last_modified.replace(year=first.last_modified.year - 1), usegmt=True)
    assert site.get(site.name("ttl"), headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match decides when both are sent
    both = site.get(site.name("ttl"), headers={"If-None-Match": '"other"',
                                               "If-Modified-Since": first.headers["Last-Modified"]})
    assert both.status_code == 200


def test_head_sends_the_headers_alone(site):
    for entry in site.listing["files"]:
        get = site.client.get(entry["url"])
        head = site.client.head(entry["url"])
        assert head.status_code == 200
        assert head.data == b""
        assert int(head.headers["Content-Length"]) == entry["bytes"]
        for name in ("Content-Type", "Content-Disposition", "ETag", "Last-Modified", "Cache-Control"):
            assert head.headers[name] == get.headers[name], name


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nope.ttl", f"{build.NAME}-000000000000.ttl", "latest.txt", "a/b", "void.ttl"])
def test_unknown_names_are_404_pointing_at_the_listing(client, name):
    response = client.get(f"/download/{name}", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["ok"] is False
    assert "/download/" in response.json["error"]
    page = client.get(f"/download/{name}", headers={"Accept": BROWSER})
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert "/download/" in page.get_data(as_text=True)


def test_stable_aliases_redirect_to_the_current_version(site):
    aliases = {entry["alias"]: entry["url"] for entry in site.listing["files"] if entry["alias"]}
    expected = {f"/download/latest.{s}" for suffix in DUMP_MEDIA_TYPES for s in (suffix, f"{suffix}.gz")}
    expected |= {"/download/latest-ontology.ttl", "/download/latest-shapes.ttl", "/download/latest-shacl-report.ttl"}
    if (site.kg.root / "releases" / "earl.ttl").is_file():
        expected.add("/download/latest-earl.ttl")
    assert set(aliases) == expected
    for alias, url in aliases.items():
        for response in (site.client.get(alias), site.client.head(alias)):
            assert response.status_code == 307, alias
            assert response.headers["Location"] == url
        followed = site.client.get(alias, follow_redirects=True)
        assert followed.status_code == 200 and followed.request.path == url


def test_download_without_slash_redirects(client):
    response = client.get("/download")
    assert response.status_code in (301, 308)
    assert response.headers["Location"].endswith("/download/")


# --- the listing ---------------------------------------------------------------------------


def test_browsers_get_a_table(site):
    response = site.client.get("/download/", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    assert "Accept" in response.headers["Vary"]
    page = response.get_data(as_text=True)
    for entry in site.listing["files"]:
        assert f'href="{entry["url"]}"' in page
        assert entry["sha256"] in page
        assert f"{entry['bytes']:,}" in page
        assert entry["title"] in page
    for media_type in DUMP_MEDIA_TYPES.values():
        assert f"<code>{media_type}</code>" in page
    assert 'href="/.well-known/void"' in page
    assert 'href="/download/latest.ttl"' in page


@pytest.mark.parametrize("accept", [None, "*/*", "application/json", "text/csv"])
def test_programs_get_json(client, accept):
    response = client.get("/download/", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json["files"]
    assert response.json["description"] == "/.well-known/void"


def test_the_listing_is_cacheable(client):
    first = client.get("/download/")
    tag, weak = first.get_etag()
    assert tag and weak
    again = client.get("/download/", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    page = client.get("/download/", headers={"Accept": BROWSER, "If-None-Match": first.headers["ETag"]})
    assert page.status_code == 200  # the page and the JSON are different representations


def test_the_release_is_built_once_per_app(monkeypatch, project_root):
    calls = []
    real_build = build.build_release

    def counting(kg, *rest):
        calls.append(kg)
        return real_build(kg, *rest)

    monkeypatch.setattr(build, "build_release", counting)
    application = create_app({"NUKG_ROOT": project_root, "NUKG_QUERY_WORKERS": 0})
    assert calls == []  # nothing is built before it is asked for
    client = application.test_client()
    listing = client.get("/download/").json
    for entry in listing["files"]:
        client.get(entry["url"])
    client.get("/.well-known/void")
    client.get("/.well-known/void", headers={"Accept": "application/ld+json"})
    assert len(calls) == 1

