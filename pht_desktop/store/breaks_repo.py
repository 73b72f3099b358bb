"""Sitting-break records (R1.3): bouts, prompts, deferrals, stands, absences.

Writes are small functions the break service calls inside its one transaction per
tick; reads return plain values. All of them are Core statements on ``tables``: the
first tick at start-up opens or continues a bout, and that must not map the ORM (issue
16). Crash safety: a computer bout row is written when the bout *starts* (``ended_at``
NULL) and its ``seconds`` are refreshed by a heartbeat, so a killed app loses at most a
minute; :func:`recover_open_records` closes what a crash left open. Manual bouts are
soft-deleted (``deleted_at``) so a delete can be undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import NamedTuple

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from pht_desktop.domain.manual_sitting import ManualSitting
from pht_desktop.domain.scheduler import (
    BoutEndReason,
    PromptAnswered,
    StandEnded,
)
from pht_desktop.store.rows import inserted_id, rows_changed
from pht_desktop.store.tables import (
    away_periods,
    break_prompts,
    prompt_deferrals,
    sitting_bouts,
    stands,
)

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

_bout = sitting_bouts.c
_prompt = break_prompts.c
_stand = stands.c
_away = away_periods.c
_BOUT_ROW = (_bout.started_at, _bout.ended_at, _bout.seconds, _bout.source, _bout.end_reason)
"""The columns of a :class:`BoutRow`, in its order."""


def open_bout(session: Session, started_at: datetime) -> int:
    """Write the bout row at its start, so a crash never loses it."""
    return inserted_id(
        session, insert(sitting_bouts).values(started_at=started_at, seconds=0, source=COMPUTER)
    )


def heartbeat_bout(session: Session, bout_id: int, seconds: float) -> None:
    """Keep the open bout's length current (its last known time after a crash)."""
    session.execute(
        update(sitting_bouts)
        .where(_bout.id == bout_id, _bout.ended_at.is_(None))
        .values(seconds=max(0, round(seconds)))
    )


def close_bout(
    session: Session, bout_id: int, ended_at: datetime, seconds: float, reason: BoutEndReason
) -> None:
    session.execute(
        update(sitting_bouts)
        .where(_bout.id == bout_id)
        .values(ended_at=ended_at, seconds=max(0, round(seconds)), end_reason=reason)
    )


def reopen_bout(session: Session, bout_id: int) -> None:
    """A quick restart continues the bout (see the service's restart rule)."""
    session.execute(
        update(sitting_bouts).where(_bout.id == bout_id).values(ended_at=None, end_reason=None)
    )


def last_computer_bout(session: Session) -> OpenBout | None:
    """The newest computer bout if it is still open or ended at a quit."""
    row = session.execute(
        select(_bout.id, _bout.started_at, _bout.ended_at, _bout.seconds, _bout.end_reason)
        .where(_bout.source == COMPUTER, _bout.deleted_at.is_(None))
        .order_by(_bout.started_at.desc(), _bout.id.desc())
        .limit(1)
    ).first()
    if row is None or (row.ended_at is not None and row.end_reason != "quit"):
        return None
    last = row.ended_at or row.started_at + timedelta(seconds=row.seconds)
    return OpenBout(row.id, row.started_at, last, row.end_reason)


def recover_open_records(session: Session) -> int:
    """Close what a crash left open: bouts as 'quit' at their last known time, prompts
    without a response as 'no_answer'. Returns how many bouts were closed."""
    rows = session.execute(
        select(_bout.id, _bout.started_at, _bout.seconds).where(
            _bout.ended_at.is_(None), _bout.source == COMPUTER
        )
    ).all()
    for row in rows:
        session.execute(
            update(sitting_bouts)
            .where(_bout.id == row.id)
            .values(ended_at=row.started_at + timedelta(seconds=row.seconds), end_reason="quit")
        )
    session.execute(
        update(break_prompts).where(_prompt.response.is_(None)).values(response="no_answer")
    )
    return len(rows)


# --- prompts, deferrals, stands, absences -------------------------------------------


def open_prompt(session: Session, fired_at: datetime, bout_seconds: float, snoozes: int) -> int:
    """A prompt is written when it first fires; its response follows (R1.3)."""
    return inserted_id(
        session,
        insert(break_prompts).values(
            fired_at=fired_at, bout_seconds=max(0, round(bout_seconds)), snoozes=snoozes
        ),
    )


def mark_prompt_standing(session: Session, prompt_id: int, at: datetime) -> None:
    """The user chose Stand now: recorded at once, seconds follow when the stand ends."""
    session.execute(
        update(break_prompts)
        .where(_prompt.id == prompt_id)
        .values(response="stood", responded_at=at)
    )


def answer_prompt(session: Session, prompt_id: int | None, answer: PromptAnswered) -> int:
    """Fill in the prompt's outcome; writes a fresh row if it was never opened."""
    outcome = {
        "bout_seconds": max(0, round(answer.bout_seconds)),
        "response": answer.response,
        "responded_at": answer.answered_at,
        "seconds_stood": max(0, round(answer.seconds_stood)),
        "snoozes": answer.snoozes,
        "deferrals": answer.deferrals,
        "skip_reason": answer.skip_reason or "",
    }
    if prompt_id is not None:
        answered = update(break_prompts).where(_prompt.id == prompt_id).values(**outcome)
        if rows_changed(session, answered) == 1:
            return prompt_id
    return inserted_id(session, insert(break_prompts).values(fired_at=answer.fired_at, **outcome))


def add_deferral(session: Session, prompt_id: int | None, at: datetime, reason: str) -> None:
    """Never pause silently: every held-back prompt leaves a row."""
    session.execute(
        insert(prompt_deferrals).values(prompt_id=prompt_id, deferred_at=at, reason=reason[:16])
    )
    if prompt_id is not None:
        session.execute(
            update(break_prompts)
            .where(_prompt.id == prompt_id)
            .values(deferrals=_prompt.deferrals + 1)
        )


def open_stand(session: Session, started_at: datetime, source: str, prompt_id: int | None) -> int:
    """Write the stand row at its start, so a crash keeps what was stood."""
    return inserted_id(
        session,
        insert(stands).values(started_at=started_at, seconds=0, source=source, prompt_id=prompt_id),
    )


def heartbeat_stand(session: Session, stand_id: int, seconds: float) -> None:
    session.execute(
        update(stands).where(_stand.id == stand_id).values(seconds=max(0, round(seconds)))
    )


def close_stand(session: Session, stand_id: int, stand: StandEnded) -> None:
    session.execute(
        update(stands)
        .where(_stand.id == stand_id)
        .values(seconds=max(0, round(stand.seconds)), ended_early=stand.ended_early)
    )


def add_stand(session: Session, stand: StandEnded, prompt_id: int | None) -> None:
    session.execute(
        insert(stands).values(
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
    session.execute(
        insert(away_periods).values(
            started_at=started_at, seconds=max(0, round(seconds)), answer=answer, cause=cause
        )
    )


# --- manual sitting ------------------------------------------------------------------------


def add_manual(session: Session, entry: ManualSitting) -> int:
    return inserted_id(
        session,
        insert(sitting_bouts).values(
            started_at=entry.started_at,
            ended_at=entry.ended_at,
            seconds=round(entry.seconds),
            source=MANUAL,
            manual_kind=entry.kind,
            seat=entry.seat,
        ),
    )


def set_manual_deleted(session: Session, bout_id: int, deleted_at: datetime | None) -> bool:
    """Soft delete (or undo it); False when there is no such hand-entered bout."""
    marked = (
        update(sitting_bouts)
        .where(_bout.id == bout_id, _bout.source == MANUAL)
        .values(deleted_at=deleted_at)
    )
    return rows_changed(session, marked) == 1


# --- reads ------------------------------------------------------------------------------------


def prompts_between(session: Session, start: datetime, end: datetime) -> list[PromptRow]:
    rows = session.execute(
        select(
            _prompt.id,
            _prompt.fired_at,
            _prompt.bout_seconds,
            _prompt.response,
            _prompt.seconds_stood,
            _prompt.snoozes,
            _prompt.deferrals,
            _prompt.skip_reason,
        )
        .where(_prompt.fired_at >= start, _prompt.fired_at < end)
        .order_by(_prompt.fired_at, _prompt.id)
    )
    return [PromptRow(*row) for row in rows]


def overlapping_bouts(session: Session, start: datetime, end: datetime) -> list[BoutRow]:
    """Live bouts (computer or manual) sharing any time with [start, end)."""
    rows = session.execute(
        select(*_BOUT_ROW)
        .where(
            _bout.deleted_at.is_(None),
            _bout.started_at < end,
            _bout.started_at >= start - timedelta(days=2),
        )
        .order_by(_bout.started_at, _bout.id)
    )
    return [
        BoutRow(*row)
        for row in rows
        if row.started_at + timedelta(seconds=row.seconds) > start and row.seconds > 0
    ]


def count_deferrals(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(prompt_deferrals)) or 0)


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """Local midnight to local midnight, as aware datetimes."""
    return (
        datetime.combine(day, time(0), tzinfo=tz),
        datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz),
    )


def bouts_between(session: Session, start: datetime, end: datetime) -> list[BoutRow]:
    """Live bouts starting in the range, oldest first."""
    rows = session.execute(
        select(*_BOUT_ROW)
        .where(_bout.deleted_at.is_(None), _bout.started_at >= start, _bout.started_at < end)
        .order_by(_bout.started_at, _bout.id)
    )
    return [BoutRow(*row) for row in rows]


def stands_between(session: Session, start: datetime, end: datetime) -> list[StandRow]:
    """Stands starting in the range, oldest first."""
    rows = session.execute(
        select(
            _stand.started_at, _stand.seconds, _stand.source, _stand.ended_early, _stand.prompt_id
        )
        .where(_stand.started_at >= start, _stand.started_at < end)
        .order_by(_stand.started_at, _stand.id)
    )
    return [StandRow(*row) for row in rows]


def away_between(session: Session, start: datetime, end: datetime) -> list[AwayRow]:
    """Absences starting in the range, oldest first."""
    rows = session.execute(
        select(_away.started_at, _away.seconds, _away.answer, _away.cause)
        .where(_away.started_at >= start, _away.started_at < end)
        .order_by(_away.started_at, _away.id)
    )
    return [AwayRow(*row) for row in rows]
