"""A server whose graph is a validated build read back from the build cache publishes that build's SHACL
report without running SHACL again, and the same bytes SHACL gives."""

from support.paths import FIXTURE_PROJECT

from nukg.kg import validation
from nukg.kg.build import check
from nukg.kg.buildcache import cache_at
from nukg.kg.graph import load
from nukg.release import files
from nukg.release.history import shacl_report
from nukg.web.app import create_app


def test_the_report_of_a_cached_build_is_published_without_running_shacl(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    assert check(FIXTURE_PROJECT, cache_at(str(cache))).cached_at  # validated now, and kept
    expected = shacl_report(validation.validate(load(FIXTURE_PROJECT)).results)

    def refuse(*args, **kwargs):
        raise AssertionError("SHACL ran again for a build the cache vouches for")

    monkeypatch.setattr(validation, "validate", refuse)
    monkeypatch.setattr(files, "validate", refuse)  # where the release takes it from
    app = create_app({"NUKG_ROOT": FIXTURE_PROJECT, "NUKG_QUERY_WORKERS": 0, "NUKG_CACHE_DIR": str(cache)})
    assert app.extensions["nukg.kg"].validated
    client = app.test_client()
    response = client.get("/download/latest-shacl-report.ttl", follow_redirects=True)
    assert response.status_code == 200
    assert response.data == expected
