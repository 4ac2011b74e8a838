"""CHANGELOG.md's data sections are exactly what ``nukg diff OLD NEW --format markdown`` prints for
the revisions their markers name (the revisions are commits of this repository's history)."""

from __future__ import annotations

import subprocess
import sys

from support.live import clean_env
from support.paths import PROJECT_ROOT

from nukg.release.changelog import sections

CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"


def test_the_data_sections_are_what_nukg_diff_prints():
    found = sections(CHANGELOG.read_text(encoding="utf-8"))
    assert found, "CHANGELOG.md has no <!-- nukg diff OLD NEW --format markdown --> section"
    for section in found:
        result = subprocess.run([sys.executable, "-m", "nukg.cli", "diff", section.old, section.new,
                                 "--format", "markdown"], capture_output=True, text=True, timeout=300,
                                env=clean_env(), cwd=PROJECT_ROOT)
        assert result.returncode == 0, result.stderr
        assert section.body == result.stdout, (
            f"the section {section.old} -> {section.new} is stale: run "
            f"`nukg diff {section.old} {section.new} --changelog CHANGELOG.md`")
