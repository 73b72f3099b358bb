"""One local day of sitting as the SITTING card shows it: its figures (R1.3) and its
hand-entered bouts, from one read of the day's bouts, prompts and stands.

The card asks for both on every due tick; each read is kept until its table is written
(``read_cache``), so the once-a-minute heartbeat of the open bout reads the bouts again
but not the day's prompts and stands (issue 16).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pht_desktop.domain.scheduler import split_by_day
from pht_desktop.store.breaks_repo import (
    LONG_BOUT_S,
    MANUAL,
    DayFigures,
    ManualEntry,
    PromptRow,
    day_bounds,
    prompts_between,
)
from pht_desktop.store.read_cache import cached
from pht_desktop.store.tables import sitting_bouts, stands


@dataclass(frozen=True, slots=True)
class DayBout:
    """A live bout that may hold part of the day (it started up to two days before)."""

    id: int
    started_at: datetime
    ended_at: datetime | None
    seconds: int
    source: str
    manual_kind: str | None
    seat: str | None


def day_bouts(session: Session, day: date, tz: tzinfo) -> tuple[DayBout, ...]:
    """Live bouts started before the day ends and not ended before it starts."""
    start, end = day_bounds(day, tz)
    bout = sitting_bouts.c
    query = select(
        bout.id,
        bout.started_at,
        bout.ended_at,
        bout.seconds,
        bout.source,
        bout.manual_kind,
        bout.seat,
    ).where(
        bout.deleted_at.is_(None),
        bout.started_at < end,
        bout.started_at >= start - timedelta(days=2),
        or_(bout.ended_at.is_(None), bout.ended_at > start),
    )

    def load() -> tuple[DayBout, ...]:
        return tuple(DayBout(*row) for row in session.execute(query))

    return cached(session, "day_bouts", ("sitting_bouts",), load, args=(day, tz))


def manual_on(session: Session, day: date, tz: tzinfo) -> list[ManualEntry]:
    """The day's hand-entered bouts, oldest first (those started the day before too)."""
    start, _end = day_bounds(day, tz)
    earliest = start - timedelta(days=1)
    rows = sorted(
        (b for b in day_bouts(session, day, tz) if b.source == MANUAL and b.started_at >= earliest),
        key=lambda b: b.started_at,
    )
    return [
        ManualEntry(b.id, b.started_at, b.seconds // 60, b.manual_kind or "other", b.seat)
        for b in rows
    ]


def _day_prompts(session: Session, start: datetime, end: datetime) -> tuple[PromptRow, ...]:
    def load() -> tuple[PromptRow, ...]:
        return tuple(prompts_between(session, start, end))

    return cached(session, "day_prompts", ("break_prompts",), load, args=(start, end))


def _day_stands(session: Session, start: datetime, end: datetime) -> tuple[tuple[str, int], ...]:
    stand = stands.c
    query = select(stand.source, stand.seconds).where(
        stand.started_at >= start, stand.started_at < end
    )

    def load() -> tuple[tuple[str, int], ...]:
        return tuple((source, seconds) for source, seconds in session.execute(query))

    return cached(session, "day_stands", ("stands",), load, args=(start, end))


def _sitting(bouts: tuple[DayBout, ...], day: date, tz: tzinfo) -> tuple[float, float, float, int]:
    """Computer and manual seconds within the day, the longest bout and those over 40 min."""
    computer = manual = longest = 0.0
    over = 0
    for bout in bouts:
        bout_start = bout.started_at.astimezone(tz)
        # In UTC: wall arithmetic in a DST zone would be an hour off across the change.
        bout_end = (bout.started_at.astimezone(UTC) + timedelta(seconds=bout.seconds)).astimezone(
            tz
        )
        part = sum(s for d, s in split_by_day(bout_start, bout_end) if d == day)
        if part <= 0:
            continue
        if bout.source == MANUAL:
            manual += part
        else:
            computer += part
        # Totals split at midnight; the length of a bout is the whole bout, counted on
        # the day it ended (a bout from 23:20 to 00:40 is one 80-minute bout).
        if bout_end.date() == day or bout.ended_at is None:
            longest = max(longest, float(bout.seconds))
            over += bout.seconds > LONG_BOUT_S
    return computer, manual, longest, over


def day_figures(session: Session, day: date, tz: tzinfo) -> DayFigures:
    """R1.3 figures for local ``day``. A bout across midnight adds to each day's total
    the part it holds (``split_by_day``), but its length (longest, over 40 min) is the
    whole bout, on the day it ended; an open bout counts up to its last heartbeat."""
    start, end = day_bounds(day, tz)
    computer, manual, longest, over = _sitting(day_bouts(session, day, tz), day, tz)
    # A snoozed prompt comes back: a snooze chain is one prompt, answered by how it
    # ended (R1.3 adherence = stood ÷ prompted, not ÷ every reappearance). A prompt
    # counts from the moment it was shown, whatever its answer (issue 17): one still on
    # screen (None) counts, and so does a chain whose snooze has not come back yet.
    shown = sorted(_day_prompts(session, start, end), key=lambda p: p.fired_at)
    prompts = [p for p in shown if p.response != "snoozed"]
    if shown and shown[-1].response == "snoozed":
        prompts.append(shown[-1])
    stands = _day_stands(session, start, end)
    return DayFigures(
        day=day,
        prompts=len(prompts),
        taken=sum(p.response == "stood" for p in prompts),
        breaks_by_source=dict(Counter(source for source, _seconds in stands)),
        longest_bout_s=longest,
        bouts_over_40=over,
        computer_sitting_s=computer,
        manual_sitting_s=manual,
        standing_s=float(sum(seconds for _source, seconds in stands)),
    )
