"""What several test folders set up or send: the pooled app's limits, the runaway query,
a browser's Accept header, and the app over the project's real data."""

from nukg.web.app import create_app
from support.paths import FIXTURE_PROJECT, PROJECT_ROOT

# Settings of the pooled app over the fixture project; tests read the limits from here.
POOL_SETTINGS = {
    "NUKG_ROOT": FIXTURE_PROJECT,
    "NUKG_QUERY_WORKERS": 2,
    "NUKG_QUERY_TIMEOUT": 1.5,
    "NUKG_QUEUE_TIMEOUT": 0.5,
    "NUKG_CLIENT_QUERIES": 1,
    "NUKG_ANSWER_CACHE_BYTES": 0,  # every request runs its query: these tests are about running them
}

# Counts the rows of a product of ten 10-value VALUES blocks (10^10 rows): it runs
# for ever whatever the data, so only the time limit can stop it.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?x{i} {{ 1 2 3 4 5 6 7 8 9 10 }}" for i in range(10)
) + " }"

# The Accept header of a web browser.
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def real_app():
    """The app over the project's real data (queries in-process)."""
    return create_app({"NUKG_ROOT": PROJECT_ROOT, "NUKG_QUERY_WORKERS": 0})
