"""What the measures say beside the streak in the stage-proposal dialog: the readings
since the stage began, and the R2.8 "strength similar left and right" line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Final

from pht_desktop.domain.measures.kinds import MeasureKind
from pht_desktop.domain.measures.measure import Measure, minutes_text
from pht_desktop.domain.measures.symmetry import SIMILAR_PERCENT


@dataclass(frozen=True, slots=True)
class Reading:
    """One number of one measure on one day (what charts and summaries compare)."""

    kind: MeasureKind
    day: date
    value: float


def readings(
    measures: Iterable[Measure], running: Iterable[tuple[date, int]] = ()
) -> list[Reading]:
    """Each measure as one comparable number, oldest first: sitting minutes, bridge
    symmetry % (skipped when undefined), VISA-H points, pain-free running minutes."""
    out: list[Reading] = []
    for m in measures:
        if m.kind is MeasureKind.BRIDGE:
            sym = m.symmetry
            if sym is not None:
                out.append(Reading(m.kind, m.day, sym.percent))
        elif m.value is not None:
            out.append(Reading(m.kind, m.day, m.value))
    out += [Reading(MeasureKind.RUNNING, day, seconds / 60) for day, seconds in running]
    return sorted(out, key=lambda r: (r.day, list(MeasureKind).index(r.kind)))


_SUMMARY_WORDS: Final = {
    MeasureKind.SITTING: ("Sitting tolerance", " min"),
    MeasureKind.BRIDGE: ("bridge symmetry", " %"),
    MeasureKind.RUNNING: ("pain-free running", " min"),
    MeasureKind.VISA_H: ("VISA-H", "/100"),
}


def _number(kind: MeasureKind, value: float) -> str:
    return f"{value:.0f}" if kind is MeasureKind.BRIDGE else minutes_text(value)


def measures_summary_since(
    measures: Iterable[Measure],
    since: date | None,
    stage: int,
    running: Iterable[tuple[date, int]] = (),
) -> str:
    """One sentence for the stage-proposal dialog, beside the streak (issue 15).

    "Sitting tolerance 12 → 25 min since stage 2; bridge symmetry 78 % → 92 %." For each
    measure: the reading in force when the stage began (the last one on or before
    ``since``, else the first after it) → the latest. One reading only: just it. No
    readings at all: an empty string (the dialog then shows nothing). ``since`` None
    means the stage has no recorded start: the first reading ever is the reference.
    """
    by_kind: dict[MeasureKind, list[Reading]] = {}
    for r in readings(measures, running):
        by_kind.setdefault(r.kind, []).append(r)
    parts: list[str] = []
    for kind in (MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.RUNNING, MeasureKind.VISA_H):
        series = by_kind.get(kind)
        if not series:
            continue
        before = [r for r in series if since is not None and r.day <= since]
        first = before[-1] if before else series[0]
        last = series[-1]
        name, unit = _SUMMARY_WORDS[kind]
        if not parts:
            name = name[0].upper() + name[1:]
        now = f"{_number(kind, last.value)}{unit}"
        if first is last:
            parts.append(f"{name} {now}")
        else:
            # A percentage keeps its sign on both sides ("78 % → 92 %"), minutes once.
            was = _number(kind, first.value) + (unit if kind is MeasureKind.BRIDGE else "")
            parts.append(f"{name} {was} → {now}")
        if len(parts) == 1:
            parts[0] += f" since stage {stage}"
    return "; ".join(parts) + "." if parts else ""


def is_strength_item(item: str) -> bool:
    """The R2.8 checklist's "strength similar left and right" item, whatever its words."""
    return "strength" in item.lower()


def checklist_strength_line(measures: Iterable[Measure]) -> tuple[bool | None, str]:
    """R2.8 "strength similar left and right", read from the latest bridge test.

    (None, why) when there is no bridge test with both sides, so the user is asked to
    take one instead of guessing; otherwise (similar, the symmetry sentence).
    """
    bridges = [m for m in measures if m.kind is MeasureKind.BRIDGE and m.symmetry is not None]
    if not bridges:
        return None, "No single-leg bridge test yet: take one in Measures to answer this."
    latest = max(bridges, key=lambda m: m.day)
    sym = latest.symmetry
    assert sym is not None
    verdict = "similar" if sym.similar else f"not yet similar (under {SIMILAR_PERCENT:.0f} %)"
    return sym.similar, f"{sym.sentence()} On {latest.day.isoformat()}: {verdict}."
