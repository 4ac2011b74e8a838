"""What the timeline page draws: an SVG axis of years and one mark per event, at the date's precision.

Pure functions, no Flask.  A year-only date is a bar over its whole year, a month
over its month, a day a thin mark on its day: the mark's width shows how much the
source says, and no day is made up.  Marks that would overlap go to the next lane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...kg.timeline import DAY, FIRST_YEAR, KIND_LABELS, KINDS, LAST_YEAR, MONTH, Event
from .values import human_date, safe_href

WIDTH = 960  # of the drawing, in SVG units
MARGIN = 24
AXIS_Y = 40  # the axis line; the year labels are above it, the lanes of marks below
LANE = 12  # the height of one lane
MARK = 9  # the height of a mark
DAY_WIDTH = 2.0  # a day is drawn a little wider than it is, to be seen
GAP = 1.0  # between two marks of a lane

COLOURS = {
    "summit": "#1f77b4", "meeting": "#17becf", "agreement": "#2ca02c", "conflict": "#d62728",
    "programme": "#ff7f0e", "other": "#7f7f7f",
}


@dataclass(frozen=True)
class Mark:
    event: Event
    x: float
    y: float
    width: float
    colour: str
    href: str | None
    when: str  # the date for people, at its precision
    datetime: str  # for <time datetime>


@dataclass(frozen=True)
class Tick:
    year: int
    x: float
    label: bool  # whether the year is written (every one where there is room)


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    first: int
    last: int
    axis_y: int
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    legend: tuple[tuple[str, str, str], ...]  # (kind, label, colour)


def year_width(first: int = FIRST_YEAR, last: int = LAST_YEAR, width: int = WIDTH) -> float:
    return (width - 2 * MARGIN) / (last - first + 1)


def span(event: Event, first: int = FIRST_YEAR, last: int = LAST_YEAR, width: int = WIDTH) -> tuple[float, float]:
    """``(x, width)`` of ``event``'s mark: its whole year, its whole month, or (a little more than) its day."""
    per_year = year_width(first, last, width)
    x = MARGIN + (event.year - first) * per_year
    if event.precision == MONTH:
        return x + (event.month - 1) * per_year / 12, per_year / 12
    if event.precision == DAY:
        day_of_year = (event.month - 1) * 365 / 12 + (event.day - 1)
        return x + day_of_year * per_year / 365, DAY_WIDTH
    return x, per_year


def draw(events: tuple[Event, ...], href: Callable[[str], str | None], first: int = FIRST_YEAR,
         last: int = LAST_YEAR, width: int = WIDTH) -> Drawing:
    """The drawing of ``events`` (in date order); ``href(iri)`` gives each mark's link."""
    lanes: list[float] = []  # where each lane is free from
    marks = []
    for event in events:
        x, w = span(event, first, last, width)
        lane = next((i for i, free in enumerate(lanes) if free <= x), len(lanes))
        if lane == len(lanes):
            lanes.append(0.0)
        lanes[lane] = x + w + GAP
        when, stamp = human_date(event.literal) or (event.date, event.date)
        marks.append(Mark(event, round(x, 2), AXIS_Y + 6 + lane * LANE, round(max(w - GAP, 1.0), 2),
                          COLOURS[event.kind], safe_href(href(event.iri)), when, stamp))
    per_year = year_width(first, last, width)
    every = 1 if per_year >= 30 else 2 if per_year >= 15 else 5
    ticks = tuple(Tick(y, round(MARGIN + (y - first) * per_year, 2), (y - first) % every == 0)
                  for y in range(first, last + 2))
    height = AXIS_Y + 6 + max(len(lanes), 1) * LANE + 8
    legend = tuple((k, KIND_LABELS[k], COLOURS[k]) for k in KINDS)
    return Drawing(width, height, first, last, AXIS_Y, ticks, tuple(marks), legend)


def by_year(marks: tuple[Mark, ...]) -> list[tuple[int, list[Mark]]]:
    """The marks grouped by year, in order, for the list under the drawing."""
    groups: dict[int, list[Mark]] = {}
    for mark in marks:
        groups.setdefault(mark.event.year, []).append(mark)
    return sorted(groups.items())
