"""Sitting-break records (R1.3): bouts, prompts, deferrals, stands, absences.

Writes are small functions the break service calls inside its one transaction per
tick; reads return plain values. Crash safety: a computer bout row is written when the
bout *starts* (``ended_at`` NULL) and its ``seconds`` are refreshed by a heartbeat, so a
killed app loses at most a minute; :func:`recover_open_records` closes what a crash
left open. Manual bouts are soft-deleted (``deleted_at``) so a delete can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pht_desktop.domain.manual_sitting import ManualSitting
from pht_desktop.domain.scheduler import (
    BoutEndReason,
    PromptAnswered,
    StandEnded,
)
from pht_desktop.store.models import AwayPeriod, BreakPrompt, PromptDeferral, SittingBout, Stand

COMPUTER = "computer"
MANUAL = "manual"
#: R1.3's "long bout" line on the Today pane (the advice is to stand every 30–40 min).
LONG_BOUT_S = 40 * 60


# --- plain values handed to the service ---------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenBout:
    """A computer bout a previous run left open or closed at quit (restart continuity)."""

    id: int
    started_at: datetime
    last_seen: datetime
    end_reason: str | None


@dataclass(frozen=True, slots=True)
class ManualEntry:
    """A hand-entered sitting bout, for the list with its Delete button."""

    id: int
    started_at: datetime
    minutes: int
    kind: str
    seat: str | None


class BoutRow(NamedTuple):
    """One live sitting bout as the day's lists show it."""

    started: datetime
    ended: datetime | None
    seconds: int
    source: str
    end_reason: str | None


class StandRow(NamedTuple):
    """One stand: how long, who started it, whether it ended early, its prompt."""

    started: datetime
    seconds: int
    source: str
    ended_early: bool
    prompt_id: int | None


class AwayRow(NamedTuple):
    """One absence and what the user said about it."""

    started: datetime
    seconds: int
    answer: str
    cause: str


@dataclass(frozen=True, slots=True)
class PromptRow:
    """One break_prompts row as written (tests and the history use it)."""

    id: int
    fired_at: datetime
    bout_seconds: int
    response: str | None
    seconds_stood: int
    snoozes: int
    deferrals: int
    skip_reason: str


@dataclass(frozen=True, slots=True)
class DayFigures:
    """R1.3 daily figures for one local day; sitting includes hand-entered bouts."""

    day: date
    prompts: int = 0
    taken: int = 0
    breaks_by_source: dict[str, int] = field(default_factory=dict)
    longest_bout_s: float = 0.0
    bouts_over_40: int = 0
    computer_sitting_s: float = 0.0
    manual_sitting_s: float = 0.0
    standing_s: float = 0.0

    @property
    def breaks(self) -> int:
        return sum(self.breaks_by_source.values())

    @property
    def sitting_s(self) -> float:
        return self.computer_sitting_s + self.manual_sitting_s

    @property
    def adherence(self) -> float | None:
        """Taken ÷ prompted (R1.3); None on a day without prompts."""
        return None if self.prompts == 0 else self.taken / self.prompts


# --- bouts ------------------------------------------------------------------------------


def open_bout(session: Session, started_at: datetime) -> int:
    """Write the bout row at its start, so a crash never loses it."""
    row = SittingBout(started_at=started_at, seconds=0, source=COMPUTER)
    session.add(row)
    session.flush()
    return row.id


def heartbeat_bout(session: Session, bout_id: int, seconds: float) -> None:
    """Keep the open bout's length current (its last known time after a crash)."""
    session.execute(
        update(SittingBout)
        .where(SittingBout.id == bout_id, SittingBout.ended_at.is_(None))
        .values(seconds=max(0, round(seconds)))
    )


def close_bout(
    session: Session, bout_id: int, ended_at: datetime, seconds: float, reason: BoutEndReason
) -> None:
    row = session.get(SittingBout, bout_id)
    if row is not None:
        row.ended_at = ended_at
        row.seconds = max(0, round(seconds))
        row.end_reason = reason


def reopen_bout(session: Session, bout_id: int) -> None:
    """A quick restart continues the bout (see the service's restart rule)."""
    row = session.get(SittingBout, bout_id)
    if row is not None:
        row.ended_at = None
        row.end_reason = None


def last_computer_bout(session: Session) -> OpenBout | None:
    """The newest computer bout if it is still open or ended at a quit."""
    row = session.scalars(
        select(SittingBout)
        .where(SittingBout.source == COMPUTER, SittingBout.deleted_at.is_(None))
        .order_by(SittingBout.started_at.desc(), SittingBout.id.desc())
        .limit(1)
    ).first()
    if row is None or (row.ended_at is not None and row.end_reason != "quit"):
        return None
    last = row.ended_at or row.started_at + timedelta(seconds=row.seconds)
    return OpenBout(row.id, row.started_at, last, row.end_reason)


def recover_open_records(session: Session) -> int:
    """Close what a crash left open: bouts as 'quit' at their last known time, prompts
    without a response as 'no_answer'. Returns how many bouts were closed."""
    rows = session.scalars(
        select(SittingBout).where(SittingBout.ended_at.is_(None), SittingBout.source == COMPUTER)
    ).all()
    for row in rows:
        row.ended_at = row.started_at + timedelta(seconds=row.seconds)
        row.end_reason = "quit"
    session.execute(
        update(BreakPrompt).where(BreakPrompt.response.is_(None)).values(response="no_answer")
    )
    return len(rows)


# --- prompts, deferrals, stands, absences -------------------------------------------


def open_prompt(session: Session, fired_at: datetime, bout_seconds: float, snoozes: int) -> int:
    """A prompt is written when it first fires; its response follows (R1.3)."""
    row = BreakPrompt(fired_at=fired_at, bout_seconds=max(0, round(bout_seconds)), snoozes=snoozes)
    session.add(row)
    session.flush()
    return row.id


def mark_prompt_standing(session: Session, prompt_id: int, at: datetime) -> None:
    """The user chose Stand now: recorded at once, seconds follow when the stand ends."""
    row = session.get(BreakPrompt, prompt_id)
    if row is not None:
        row.response = "stood"
        row.responded_at = at


def answer_prompt(session: Session, prompt_id: int | None, answer: PromptAnswered) -> int:
    """Fill in the prompt's outcome; writes a fresh row if it was never opened."""
    row = session.get(BreakPrompt, prompt_id) if prompt_id is not None else None
    if row is None:
        row = BreakPrompt(fired_at=answer.fired_at, bout_seconds=round(answer.bout_seconds))
        session.add(row)
    row.bout_seconds = max(0, round(answer.bout_seconds))
    row.response = answer.response
    row.responded_at = answer.answered_at
    row.seconds_stood = max(0, round(answer.seconds_stood))
    row.snoozes = answer.snoozes
    row.deferrals = answer.deferrals
    row.skip_reason = answer.skip_reason or ""
    session.flush()
    return row.id


def add_deferral(session: Session, prompt_id: int | None, at: datetime, reason: str) -> None:
    """Never pause silently: every held-back prompt leaves a row."""
    session.add(PromptDeferral(prompt_id=prompt_id, deferred_at=at, reason=reason[:16]))
    if prompt_id is not None:
        session.execute(
            update(BreakPrompt)
            .where(BreakPrompt.id == prompt_id)
            .values(deferrals=BreakPrompt.deferrals + 1)
        )


def open_stand(session: Session, started_at: datetime, source: str, prompt_id: int | None) -> int:
    """Write the stand row at its start, so a crash keeps what was stood."""
    row = Stand(started_at=started_at, seconds=0, source=source, prompt_id=prompt_id)
    session.add(row)
    session.flush()
    return row.id


def heartbeat_stand(session: Session, stand_id: int, seconds: float) -> None:
    session.execute(
        update(Stand).where(Stand.id == stand_id).values(seconds=max(0, round(seconds)))
    )


def close_stand(session: Session, stand_id: int, stand: StandEnded) -> None:
    row = session.get(Stand, stand_id)
    if row is not None:
        row.seconds = max(0, round(stand.seconds))
        row.ended_early = stand.ended_early


def add_stand(session: Session, stand: StandEnded, prompt_id: int | None) -> None:
    session.add(
        Stand(
            started_at=stand.started_at,
            seconds=max(0, round(stand.seconds)),
            source=stand.source,
            ended_early=stand.ended_early,
            prompt_id=prompt_id,
        )
    )


def add_away(
    session: Session, started_at: datetime, seconds: float, answer: str, cause: str = "idle"
) -> None:
    session.add(
        AwayPeriod(
            started_at=started_at, seconds=max(0, round(seconds)), answer=answer, cause=cause
        )
    )


# --- manual sitting ------------------------------------------------------------------------


def add_manual(session: Session, entry: ManualSitting) -> int:
    row = SittingBout(
        started_at=entry.started_at,
        ended_at=entry.ended_at,
        seconds=round(entry.seconds),
        source=MANUAL,
        manual_kind=entry.kind,
        seat=entry.seat,
    )
    session.add(row)
    session.flush()
    return row.id


def set_manual_deleted(session: Session, bout_id: int, deleted_at: datetime | None) -> bool:
    """Soft delete (or undo it); False when there is no such hand-entered bout."""
    row = session.get(SittingBout, bout_id)
    if row is None or row.source != MANUAL:
        return False
    row.deleted_at = deleted_at
    return True


# --- reads ------------------------------------------------------------------------------------


def prompts_between(session: Session, start: datetime, end: datetime) -> list[PromptRow]:
    rows = session.scalars(
        select(BreakPrompt)
        .where(BreakPrompt.fired_at >= start, BreakPrompt.fired_at < end)
        .order_by(BreakPrompt.fired_at, BreakPrompt.id)
    ).all()
    return [
        PromptRow(
            r.id,
            r.fired_at,
            r.bout_seconds,
            r.response,
            r.seconds_stood,
            r.snoozes,
            r.deferrals,
            r.skip_reason,
        )
        for r in rows
    ]


def overlapping_bouts(session: Session, start: datetime, end: datetime) -> list[SittingBout]:
    """Live bouts (computer or manual) sharing any time with [start, end)."""
    rows = session.scalars(
        select(SittingBout).where(
            SittingBout.deleted_at.is_(None),
            SittingBout.started_at < end,
            SittingBout.started_at >= start - timedelta(days=2),
        )
    ).all()
    return [
        row
        for row in rows
        if row.started_at + timedelta(seconds=row.seconds) > start and row.seconds > 0
    ]


def count_deferrals(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(PromptDeferral)) or 0)


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """Local midnight to local midnight, as aware datetimes."""
    return (
        datetime.combine(day, time(0), tzinfo=tz),
        datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz),
    )


def bouts_between(session: Session, start: datetime, end: datetime) -> list[BoutRow]:
    """Live bouts starting in the range, oldest first."""
    rows = session.execute(
        select(
            SittingBout.started_at,
            SittingBout.ended_at,
            SittingBout.seconds,
            SittingBout.source,
            SittingBout.end_reason,
        )
        .where(
            SittingBout.deleted_at.is_(None),
            SittingBout.started_at >= start,
            SittingBout.started_at < end,
        )
        .order_by(SittingBout.started_at, SittingBout.id)
    )
    return [BoutRow(*row) for row in rows]


def stands_between(session: Session, start: datetime, end: datetime) -> list[StandRow]:
    """Stands starting in the range, oldest first."""
    rows = session.execute(
        select(Stand.started_at, Stand.seconds, Stand.source, Stand.ended_early, Stand.prompt_id)
        .where(Stand.started_at >= start, Stand.started_at < end)
        .order_by(Stand.started_at, Stand.id)
    )
    return [StandRow(*row) for row in rows]


def away_between(session: Session, start: datetime, end: datetime) -> list[AwayRow]:
    """Absences starting in the range, oldest first."""
    rows = session.execute(
        select(AwayPeriod.started_at, AwayPeriod.seconds, AwayPeriod.answer, AwayPeriod.cause)
        .where(AwayPeriod.started_at >= start, AwayPeriod.started_at < end)
        .order_by(AwayPeriod.started_at, AwayPeriod.id)
    )
    return [AwayRow(*row) for row in rows]
