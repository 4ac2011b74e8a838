"""The data sections of ``CHANGELOG.md``: the Markdown that ``nukg diff OLD NEW --format markdown``
prints, between markers that name the two sides, so the section can be checked and regenerated.

    <!-- nukg diff v0.1.0 v0.2.0 --format markdown -->
    ...what the command prints...
    <!-- end nukg diff -->
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SECTION = re.compile(r"<!-- nukg diff (?P<old>\S+) (?P<new>\S+) --format markdown -->\n(?P<body>.*?)"
                      r"<!-- end nukg diff -->", re.S)


@dataclass(frozen=True)
class Section:
    old: str
    new: str
    body: str


def sections(text: str) -> list[Section]:
    """Every generated data section of a changelog, in order."""
    return [Section(m["old"], m["new"], m["body"]) for m in _SECTION.finditer(text)]


def replace_section(text: str, old: str, new: str, body: str) -> str:
    """``text`` with the section for ``old`` and ``new`` holding ``body``; ValueError when it has none."""
    for match in _SECTION.finditer(text):
        if (match["old"], match["new"]) == (old, new):
            start, end = match.span("body")
            return text[:start] + body + text[end:]
    raise ValueError(f"no section <!-- nukg diff {old} {new} --format markdown --> to replace")
