"""A report table as plain values: columns, cells (with the mark a verdict is drawn with)
and sections, made by one builder, :func:`table`, that any renderer can lay out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pht_desktop.domain.verdicts import Outcome

#: How a cell is marked: a verdict's shape and colour (colour always with a shape).
Mark = Literal["tolerated", "exceeded", "unknown", "ceiling", "rise"]
VERDICT_MARK: dict[Outcome, Mark] = {
    Outcome.TOLERATED: "tolerated",
    Outcome.EXCEEDED: "exceeded",
    Outcome.UNKNOWN: "unknown",
}


Align = Literal["left", "right"]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    """Its share of the line (the widths of a table add up to about 7 inches)."""
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    mark: Mark | None = None
    bold: bool = False


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Row]
    note: str = ""
    empty: str = "Nothing recorded."


def cell(text: object = "", mark: Mark | None = None, bold: bool = False) -> Cell:
    """A value as a cell; nothing to show reads "–" so an empty cell is never mistaken
    for a missing column."""
    return Cell("–" if text is None or text == "" else str(text), mark, bold)


Value = Cell | object
"""What a section's row holds: a plain value (shown as text) or a marked :class:`Cell`."""


def table(
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Value]],
    note: str,
    empty: str,
) -> Section:
    """The one section builder: every table of the report is made here, its plain
    values turned into cells (an empty value shows as "–"; a Cell passes through)."""
    cells = [tuple(v if isinstance(v, Cell) else cell(v) for v in row) for row in rows]
    return Section(title, tuple(columns), cells, note, empty)
