"""The vendored YASGUI bundle is the pinned release, carries its licences and loads nothing from CDNs.

What the bundle would fetch from elsewhere at run time (class and property suggestions from
lov.linkeddata.es, an endpoint catalogue, prefix.cc, a CORS proxy) is replaced or left unconfigured by
static/workbench.js; the browser tests watch the requests the page really makes.
"""

import hashlib
import re

import pytest

from support.paths import PROJECT_ROOT

STATIC = PROJECT_ROOT / "server" / "nukg" / "web" / "static"
VENDOR = STATIC / "vendor" / "yasgui"
OURS = {"LICENSE", "README.md", "SHA256SUMS", "THIRD-PARTY-NOTICES"}  # written here, not fetched
CDNS = ("unpkg.com", "jsdelivr.net", "cdnjs.cloudflare.com", "googleapis.com", "gstatic.com")


def sums() -> dict[str, str]:
    """SHA256SUMS as {file name: hex digest} (sha256sum's text format: digest, two spaces, name)."""
    lines = (VENDOR / "SHA256SUMS").read_text(encoding="ascii").splitlines()
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
