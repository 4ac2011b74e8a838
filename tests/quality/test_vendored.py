"""The vendored YASGUI and Swagger UI bundles are the pinned releases, carry their licences and load nothing from CDNs.

What the YASGUI bundle would fetch from elsewhere at run time (class and property suggestions from
lov.linkeddata.es, an endpoint catalogue, prefix.cc, a CORS proxy) is replaced or left unconfigured by
static/workbench.js, and Swagger UI's online validator badge and address-bar configuration are switched
off by static/api-docs.js; the browser tests watch the requests the pages really make.
"""

import hashlib
import re

import pytest

from support.paths import PROJECT_ROOT

STATIC = PROJECT_ROOT / "server" / "nukg" / "web" / "static"
VENDOR = STATIC / "vendor" / "yasgui"
OURS = {"LICENSE", "README.md", "SHA256SUMS", "THIRD-PARTY-NOTICES"}  # written here, not fetched
CDNS = ("unpkg.com", "jsdelivr.net", "cdnjs.cloudflare.com", "googleapis.com", "gstatic.com")


def sums(folder=VENDOR) -> dict[str, str]:
    """SHA256SUMS as {file name: hex digest} (sha256sum's text format: digest, two spaces, name)."""
    lines = (folder / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    pairs = (re.fullmatch(r"([0-9a-f]{64})  (\S+)", line).groups() for line in lines)
    return {name: digest for digest, name in pairs}


def vendored() -> list[str]:
    return sorted(p.name for p in VENDOR.iterdir() if p.name not in OURS)


def test_every_vendored_file_is_listed_in_sha256sums():
    assert vendored() == sorted(sums()), "vendor/yasgui holds files that SHA256SUMS does not vouch for (or lacks some)"
    assert {"yasgui.min.js", "yasgui.min.css"} <= set(sums())


@pytest.mark.parametrize("name", sorted(sums()))
def test_vendored_file_matches_its_sha256(name):
    digest = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
    assert digest == sums()[name], f"{name} is not the pinned release's file: run `make vendor`"


def test_licence_and_notices_are_there():
    licence = (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License") and "Permission is hereby granted, free of charge" in licence
    notices = (VENDOR / "THIRD-PARTY-NOTICES").read_text(encoding="utf-8")
    for package in ("codemirror", "jquery", "datatables.net", "dompurify"):
        assert f"\n{package} " in notices, f"THIRD-PARTY-NOTICES does not cover {package}"


@pytest.mark.parametrize("name", ["yasgui.min.js", "yasgui.min.css"])
def test_bundle_names_no_cdn(name):
    """No script, style or font is pulled from a CDN: the hosts do not occur at all."""
    text = (VENDOR / name).read_text(encoding="utf-8")
    assert [host for host in CDNS if host in text] == []


def test_styles_load_nothing_remote():
    css = (VENDOR / "yasgui.min.css").read_text(encoding="utf-8")
    assert re.findall(r"""url\(\s*["']?(?!data:)[^)]*""", css) == []
    assert "@import" not in css


def test_workbench_script_names_no_host():
    """workbench.js talks to the page's own server only: it spells out no http(s) address."""
    script = (STATIC / "workbench.js").read_text(encoding="utf-8")
    assert re.findall(r"https?://[^\s\"'`]+", script) == []


# Swagger UI (swagger-ui-dist), the page of the OpenAPI document. Here the licence texts come from the
# tarball too, so SHA256SUMS vouches for them as well; only the README and SHA256SUMS are written here.
SWAGGER_UI = STATIC / "vendor" / "swagger-ui"
SWAGGER_UI_OURS = {"README.md", "SHA256SUMS"}
SWAGGER_UI_LOADED = ["swagger-ui-bundle.js", "swagger-ui.css"]  # what the page loads
SWAGGER_UI_VERSION = re.search(r'^VERSION="([^"]+)"$', (PROJECT_ROOT / "scripts" / "vendor-swagger-ui.sh")
                               .read_text(encoding="utf-8"), re.MULTILINE).group(1)


def test_swagger_ui_files_are_the_ones_sha256sums_lists():
    files = sorted(p.name for p in SWAGGER_UI.iterdir() if p.name not in SWAGGER_UI_OURS)
    assert files == sorted(sums(SWAGGER_UI)), "vendor/swagger-ui and its SHA256SUMS disagree on the files"
    assert set(SWAGGER_UI_LOADED) | {"LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"} <= set(files)
    assert not [name for name in files if name.endswith(".map")], "source maps are not vendored"


@pytest.mark.parametrize("name", sorted(sums(SWAGGER_UI)))
def test_swagger_ui_file_matches_its_sha256(name):
    digest = hashlib.sha256((SWAGGER_UI / name).read_bytes()).hexdigest()
    assert digest == sums(SWAGGER_UI)[name], f"{name} is not the pinned release's file: run `make vendor`"


def test_swagger_ui_is_the_version_the_script_and_readme_name():
    bundle = (SWAGGER_UI / "swagger-ui-bundle.js").read_text(encoding="utf-8")
    assert f'PACKAGE_VERSION:"{SWAGGER_UI_VERSION}"' in bundle
    assert f"**{SWAGGER_UI_VERSION}**" in (SWAGGER_UI / "README.md").read_text(encoding="utf-8")


def test_swagger_ui_licence_and_notices_are_there():
    licence = (SWAGGER_UI / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert "SmartBear" in (SWAGGER_UI / "NOTICE").read_text(encoding="utf-8")
    # The bundle's first line sends readers to the file of its libraries' licence comments.
    bundle = (SWAGGER_UI / "swagger-ui-bundle.js").read_text(encoding="utf-8")
    assert bundle.startswith("/*! For license information please see swagger-ui-bundle.js.LICENSE.txt */")
    notices = (SWAGGER_UI / "swagger-ui-bundle.js.LICENSE.txt").read_text(encoding="utf-8")
    assert "DOMPurify" in notices and "@license React" in notices


@pytest.mark.parametrize("name", SWAGGER_UI_LOADED)
def test_swagger_ui_names_no_cdn(name):
    text = (SWAGGER_UI / name).read_text(encoding="utf-8")
    assert [host for host in CDNS if host in text] == []


def test_swagger_ui_styles_load_nothing_remote():
    css = (SWAGGER_UI / "swagger-ui.css").read_text(encoding="utf-8")
    assert re.findall(r"""url\(\s*(?!["']?data:)[^)]*""", css) == []  # its images are inlined, quoted or not
    assert "@import" not in css and "@font-face" not in css


def test_api_docs_script_names_no_host_and_switches_off_what_would_call_one():
    """api-docs.js spells out no address, and turns off the validator badge (validator.swagger.io by
    default) and configuration from the page's query string (?url=, ?configUrl=)."""
    script = (STATIC / "api-docs.js").read_text(encoding="utf-8")
    assert re.findall(r"https?://[^\s\"'`]+", script) == []
    settings = dict(re.findall(r"^\s*(\w+): ([^,]+),", script, re.MULTILINE))
    assert settings.get("validatorUrl") == "null"
    assert settings.get("queryConfigEnabled") == "false"
    assert settings.get("layout") == '"BaseLayout"'
