"""Where the project and the small fixture project are."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_PROJECT = PROJECT_ROOT / "tests" / "fixtures" / "project"
QUERIES = PROJECT_ROOT / "queries"
