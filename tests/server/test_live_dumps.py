"""Downloads through the real server (`nukg serve`, granian): what a client on the wire receives."""

import gzip
import hashlib
import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest


def fetch(url: str, method: str = "GET", headers: dict | None = None):
    """(status, headers, body) without following redirects and without raising on 3xx/4xx."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.headers, exc.read()


@pytest.fixture(scope="module")
def listing(live_server):
    status, _, body = fetch(live_server.url + "/download/", headers={"Accept": "application/json"})
    assert status == 200
    return json.loads(body)


def test_concurrent_first_requests_get_the_same_files(live_server):
    """The release is built once, on first use, even when the first requests come together."""
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: fetch(live_server.url + "/download/SHA256SUMS"), range(8)))
    assert {status for status, _, _ in answers} == {200}
    assert len({body for _, _, body in answers}) == 1


def test_gz_files_arrive_as_gzip_downloads(live_server, listing):
    for entry in listing["files"]:
        if not entry["name"].endswith(".gz"):
            continue
        status, headers, body = fetch(live_server.url + entry["url"], headers={"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Type"] == "application/gzip"
        assert headers.get("Content-Encoding") is None
        assert int(headers["Content-Length"]) == len(body) == entry["bytes"]
        assert hashlib.sha256(body).hexdigest() == entry["sha256"]
        _, _, twin = fetch(live_server.url + entry["url"].removesuffix(".gz"))
        assert gzip.decompress(body) == twin


def test_head_conditional_and_alias_on_the_wire(live_server, listing):
    entry = listing["files"][0]
    url = live_server.url + entry["url"]
    status, headers, body = fetch(url, method="HEAD")
    assert (status, body) == (200, b"")
    assert int(headers["Content-Length"]) == entry["bytes"]
    assert headers["ETag"] == f'"{entry["sha256"]}"'
    assert headers["Content-Disposition"] == f'attachment; filename="{entry["name"]}"'
    status, _, body = fetch(url, headers={"If-None-Match": headers["ETag"]})
    assert (status, body) == (304, b"")
    status, _, _ = fetch(url, headers={"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    status, headers, _ = fetch(live_server.url + entry["alias"])
    assert status == 307 and headers["Location"].endswith(entry["url"])


def test_the_description_on_the_wire(live_server):
    status, headers, body = fetch(live_server.url + "/.well-known/void")
    assert status == 200
    assert headers["Content-Type"] == "text/turtle; charset=utf-8"
    assert b"void:Dataset" in body or b"rdfs.org/ns/void#Dataset" in body
    status, headers, _ = fetch(live_server.url + "/dataset")
    assert status == 303 and headers["Location"].endswith("/.well-known/void")
