"""ETags, 304, If-Modified-Since, Cache-Control and Vary (nukg.web.caching).

First through a tiny Flask app that uses only nukg.web.caching, then through the
real app over the fixture project (documents and release files carry strong ETags,
which a weak If-None-Match must still match: RFC 9110 compares that header weakly).
"""

from datetime import datetime, timedelta, timezone

import pytest
from flask import Flask
from support.paths import FIXTURE_PROJECT
from werkzeug.http import http_date

from nukg.web.caching import cache_control, cacheable, cached_or, etag_of, is_not_modified, not_modified

TAG = etag_of("version-1", "resource", "turtle")
MODIFIED = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)


@pytest.fixture
def tiny():
    """An app whose routes answer through cached_or, counting how often the body is made."""
    app = Flask(__name__)
    app.config["NUKG_CACHE_MAX_AGE"] = 77
    made = {"count": 0}

    def body():
        made["count"] += 1
        return app.response_class("the body", content_type="text/plain")

    @app.get("/weak")
    def weak():
        return cached_or(TAG, body)

    @app.get("/strong")
    def strong():
        return cached_or(TAG, body, weak=False)

    @app.get("/dated")
    def dated():
        return cached_or(TAG, body, weak=False, last_modified=MODIFIED)

    @app.get("/negotiated")
    def negotiated():
        return cached_or(TAG, body, vary=True)

    @app.get("/untagged")
    def untagged():
        return cacheable(body())

    app.made = made
    return app


@pytest.fixture
def client(tiny):
    return tiny.test_client()


# --- etag_of ------------------------------------------------------------------------------


def test_etag_of_is_stable_and_depends_on_every_part():
    assert etag_of("a", 1, None) == etag_of("a", 1, None)
    assert etag_of("a", 1, None) != etag_of("a", 1, "")
    assert etag_of("a", "b") != etag_of("ab")
    assert etag_of(("x",)) != etag_of("x")
    assert len(TAG) == 32 and all(c in "0123456789abcdef" for c in TAG)


# --- the response's headers ---------------------------------------------------------------


def test_weak_etag_and_cache_control(client, tiny):
    response = client.get("/weak")
    assert response.status_code == 200
    assert response.headers["ETag"] == f'W/"{TAG}"'
    assert response.get_etag() == (TAG, True)
    assert response.headers["Cache-Control"] == "public, max-age=77"
    assert "Vary" not in response.headers
    assert tiny.made["count"] == 1


def test_strong_etag(client):
    response = client.get("/strong")
    assert response.headers["ETag"] == f'"{TAG}"'
    assert response.get_etag() == (TAG, False)


def test_cache_control_follows_the_setting(tiny):
    tiny.config["NUKG_CACHE_MAX_AGE"] = 0
    assert tiny.test_client().get("/weak").headers["Cache-Control"] == "public, max-age=0"
    with tiny.test_request_context("/"):
        tiny.config["NUKG_CACHE_MAX_AGE"] = 3600
        assert cache_control() == "public, max-age=3600"


def test_vary_adds_accept(client):
    response = client.get("/negotiated")
    assert "Accept" in response.vary
    assert "Accept" not in client.get("/weak").vary


def test_cacheable_without_a_tag_sets_only_cache_control(client):
    response = client.get("/untagged")
    assert "ETag" not in response.headers
    assert "Last-Modified" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=77"


def test_last_modified_is_sent(client):
    response = client.get("/dated")
    assert response.last_modified == MODIFIED
    assert response.headers["Last-Modified"] == http_date(MODIFIED)


# --- If-None-Match: weak comparison -----------------------------------------------------------


@pytest.mark.parametrize("path", ["/weak", "/strong"])
@pytest.mark.parametrize("sent", [f'"{TAG}"', f'W/"{TAG}"', "*", f'"other", W/"{TAG}"', f'W/"x", "{TAG}"'],
                         ids=["strong", "weak", "star", "weak-in-list", "strong-in-list"])
def test_if_none_match_matches_weakly(client, tiny, path, sent):
    response = client.get(path, headers={"If-None-Match": sent})
    assert response.status_code == 304
    assert response.data == b""
    assert tiny.made["count"] == 0  # the body was never made
    # the 304 carries the headers the full answer would
    assert response.get_etag() == (TAG, path == "/weak")
    assert response.headers["Cache-Control"] == "public, max-age=77"


@pytest.mark.parametrize("path", ["/weak", "/strong"])
@pytest.mark.parametrize("sent", ['"other"', 'W/"other"', f'"{TAG}x"', f'"{TAG[:-1]}"'])
def test_a_different_tag_does_not_match(client, tiny, path, sent):
    response = client.get(path, headers={"If-None-Match": sent})
    assert response.status_code == 200
    assert response.data == b"the body"
    assert tiny.made["count"] == 1


def test_304_of_a_negotiated_answer_says_vary(client):
    response = client.get("/negotiated", headers={"If-None-Match": f'W/"{TAG}"'})
    assert response.status_code == 304
    assert "Accept" in response.vary


def test_is_not_modified_in_a_request_context(tiny):
    with tiny.test_request_context("/", headers={"If-None-Match": f'W/"{TAG}"'}):
        assert is_not_modified(TAG)
        assert not is_not_modified("another")
    with tiny.test_request_context("/"):
        assert not is_not_modified(TAG)
        assert not is_not_modified(TAG, MODIFIED)


def test_not_modified_builds_a_304_with_the_headers(tiny):
    with tiny.test_request_context("/"):
        response = not_modified(TAG, weak=False, last_modified=MODIFIED, vary=True)
    assert response.status_code == 304
    assert response.get_etag() == (TAG, False)
    assert response.last_modified == MODIFIED
    assert "Accept" in response.vary
    assert response.headers["Cache-Control"] == "public, max-age=77"


# --- If-Modified-Since: only without If-None-Match ------------------------------------------


def test_if_modified_since_at_or_after_the_modification_is_304(client, tiny):
    for since in (MODIFIED, MODIFIED + timedelta(days=1)):
        response = client.get("/dated", headers={"If-Modified-Since": http_date(since)})
        assert response.status_code == 304
    assert tiny.made["count"] == 0


def test_if_modified_since_before_the_modification_is_200(client):
    response = client.get("/dated", headers={"If-Modified-Since": http_date(MODIFIED - timedelta(seconds=1))})
    assert response.status_code == 200
    assert response.data == b"the body"


def test_if_none_match_beats_if_modified_since(client):
    later = http_date(MODIFIED + timedelta(days=1))
    earlier = http_date(MODIFIED - timedelta(days=1))
    # a tag that does not match: 200 even though the date alone would give 304
    response = client.get("/dated", headers={"If-None-Match": '"other"', "If-Modified-Since": later})
    assert response.status_code == 200
    # a tag that matches: 304 even though the date alone would give 200
    response = client.get("/dated", headers={"If-None-Match": f'"{TAG}"', "If-Modified-Since": earlier})
    assert response.status_code == 304


def test_if_modified_since_is_ignored_without_a_modification_time(client):
    response = client.get("/weak", headers={"If-Modified-Since": http_date(MODIFIED + timedelta(days=3650))})
    assert response.status_code == 200


# --- the real app: strong ETags answer weak If-None-Match (RFC 9110) ------------------------


@pytest.fixture(scope="module")
def app():
    from nukg.web.app import create_app

    return create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0})


def test_document_strong_etag_answers_a_weak_if_none_match(app):
    client = app.test_client()
    first = client.get("/doc/nato.ttl")
    assert first.status_code == 200
    tag, weak = first.get_etag()
    assert tag and not weak
    for sent in (f'W/"{tag}"', f'"{tag}"'):
        again = client.get("/doc/nato.ttl", headers={"If-None-Match": sent})
        assert again.status_code == 304, sent
        assert again.data == b""
        assert again.get_etag() == (tag, False)
    assert client.get("/doc/nato.ttl", headers={"If-None-Match": 'W/"other"'}).status_code == 200
    # another format of the same document has another tag
    assert client.get("/doc/nato.nt", headers={"If-None-Match": f'W/"{tag}"'}).status_code == 200


def test_download_strong_etag_answers_a_weak_if_none_match(app):
    client = app.test_client()
    listing = client.get("/download/", headers={"Accept": "application/json"})
    assert listing.status_code == 200
    name = listing.get_json()["files"][0]["name"]
    first = client.get(f"/download/{name}")
    assert first.status_code == 200
    tag, weak = first.get_etag()
    assert tag and not weak
    for sent in (f'W/"{tag}"', f'"{tag}"', "*"):
        again = client.get(f"/download/{name}", headers={"If-None-Match": sent})
        assert again.status_code == 304, sent
        assert again.data == b""
    assert client.get(f"/download/{name}", headers={"If-None-Match": 'W/"other"'}).status_code == 200
    # Last-Modified works when no If-None-Match is sent, and not when one that fails is
    modified = first.headers["Last-Modified"]
    assert client.get(f"/download/{name}", headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(f"/download/{name}",
                      headers={"If-Modified-Since": modified, "If-None-Match": '"other"'}).status_code == 200
