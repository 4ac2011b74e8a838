"""Constants shared by the HTTP tests and their fixtures."""

from pathlib import Path

FIXTURE_PROJECT = Path(__file__).resolve().parents[1] / "fixtures" / "project"

# Settings of the pooled app; tests read the limits from here.
POOL_SETTINGS = {
    "NUKG_ROOT": FIXTURE_PROJECT,
    "NUKG_QUERY_WORKERS": 2,
    "NUKG_QUERY_TIMEOUT": 1.5,
    "NUKG_QUEUE_TIMEOUT": 0.5,
    "NUKG_CLIENT_QUERIES": 1,
}

# Counts the rows of a product of ten 10-value VALUES blocks (10^10 rows): it runs
# for ever whatever the data, so only the time limit can stop it.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { " + " ".join(
    f"VALUES ?x{i} {{ 1 2 3 4 5 6 7 8 9 10 }}" for i in range(10)
) + " }"
