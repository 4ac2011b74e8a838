"""A real `nukg serve` over the project's data, and Debian's chromium driven by playwright.

The browser is the system's (``/usr/bin/chromium``, installed by ``make system-packages``), never a
downloaded build.  Every page a test opens is watched: a console error or an uncaught exception
fails the test that caused it.  Screenshots go to ``artifacts/screenshots/`` (see ``shot``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from support.live import serving
from support.paths import PROJECT_ROOT

CHROMIUM = os.environ.get("NUKG_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
# As the machine's closed network wants: no calls home, no updates, no sync.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The server's base URL (127.0.0.1, a free port), two query processes."""
    with serving(PROJECT_ROOT, tmp_path_factory.mktemp("browser") / "serve.log", "--query-workers", "2") as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"no chromium at {CHROMIUM}: run `make system-packages`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page and what its console and scripts reported."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        self.allowed: set[str] = set()  # URLs whose failure to load a test expects
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"uncaught: {exc}"))

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        if msg.text.startswith("Failed to load resource") and msg.location.get("url") in self.allowed:
            return
        self.problems.append(f"console: {msg.text} ({msg.location.get('url')})")

    def allow_failed(self, url: str) -> None:
        self.allowed.add(url)

    def __getattr__(self, name):
        return getattr(self.page, name)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watched = Watched(context.new_page())
    watched.set_default_timeout(15_000)
    yield watched
    context.close()
    assert not watched.problems, f"{request.node.name}: {watched.problems}"


@pytest.fixture
def shot(request):
    """``shot(target, name)`` saves a screenshot of a page's window (``full=True``: the whole page) or of
    one element (a locator) as a test artefact, and returns its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(target, name: str, full: bool = False) -> Path:
        path = SCREENSHOTS / f"{request.node.name.split('[')[0]}-{name}.png"
        if full:
            target.screenshot(path=str(path), full_page=True)
        else:
            target.screenshot(path=str(path))
        assert path.stat().st_size > 1000
        return path

    return save
