"""What every HTML page of ours must be: scripts only from this server's own files."""

from __future__ import annotations

from nukg.web.headers import html_policy

STATIC = "/static/"


def check_scripts(doc, text: str) -> None:
    """Every ``<script>`` in the parsed page ``doc`` (of ``text``) is one of our files, loaded by ``src``
    with nothing inline, or a JSON data block, which a browser never runs."""
    scripts = list(doc.iter("script"))
    for script in scripts:
        if script.get("type") == "application/json":
            assert script.get("src") is None and script.get("id"), script.attrib
        else:
            assert script.get("src", "").startswith(STATIC), script.attrib
            assert not (script.text or "").strip(), script.attrib
    assert text.lower().count("<script") == len(scripts)  # none that the parser did not see as a script


def check_policy(headers, host: str = "http://localhost") -> None:
    """The page is served with our policy: only the script files of this server's static folder, no inline
    script, no eval."""
    policy = headers["Content-Security-Policy"]
    assert policy == html_policy(host + STATIC)
    assert f"script-src {host}{STATIC};" in policy and "unsafe-eval" not in policy
