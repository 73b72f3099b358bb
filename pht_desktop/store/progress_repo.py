"""Read queries for the Progress pane: few queries, only the columns the charts use.

Load is summed per local day in SQL (sets and seconds held come from ``session_sets``),
so ten years of sessions come back as one row a day. Soft-deleted rows are left out.
Every query takes optional date bounds; timestamps are bounded a day wider so a bout
that started the evening before still reaches the first day.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from pht_desktop.domain.progress import BoutItem, LoadItem, ProgressSource, SittingDayItem
from pht_desktop.domain.verdicts import local_date
from pht_desktop.store import profile_repo, verdicts_repo
from pht_desktop.store.models import (
    BreakPrompt,
    ExerciseSession,
    MorningPain,
    Run,
    SessionSet,
    SittingBout,
    Stand,
)

MANUAL_SOURCE = "manual"


def _date_bounds(
    column: InstrumentedAttribute[date], start: date | None, end: date | None
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column <= end)
    return conditions


def _time_bounds(
    column: InstrumentedAttribute[datetime], start: date | None, end: date | None
) -> list[ColumnElement[bool]]:
    """A day of slack each side: local days and UTC days differ by up to 14 hours."""
    conditions: list[ColumnElement[bool]] = []
    if start is not None:
        conditions.append(column >= datetime.combine(start - timedelta(days=1), time(), UTC))
    if end is not None:
        conditions.append(column < datetime.combine(end + timedelta(days=2), time(), UTC))
    return conditions


def load_items(
    session: Session, start: date | None = None, end: date | None = None
) -> list[LoadItem]:
    """One item per day with sessions (sets, seconds held) and one per day with runs."""
    held = func.coalesce(SessionSet.reps * SessionSet.hold_seconds, 0)
    per_session = (
        select(
            ExerciseSession.local_date.label("day"),
            ExerciseSession.pain_during.label("pain"),
            func.count(SessionSet.id).label("sets"),
            func.coalesce(func.sum(held), 0).label("held"),
        )
        .outerjoin(SessionSet, SessionSet.session_id == ExerciseSession.id)
        .where(
            ExerciseSession.deleted_at.is_(None),
            *_date_bounds(ExerciseSession.local_date, start, end),
        )
        .group_by(ExerciseSession.id)
        .subquery()
    )
    sessions = select(
        per_session.c.day,
        func.sum(per_session.c.held),
        func.sum(per_session.c.sets),
        func.max(per_session.c.pain),
    ).group_by(per_session.c.day)
    items = [
        LoadItem(day=day, seconds_held=int(held_s), sets=int(sets), max_pain_during=pain)
        for day, held_s, sets, pain in session.execute(sessions)
    ]
    runs = (
        select(
            Run.local_date,
            func.sum(Run.duration_s),
            func.max(Run.pain_during),
            func.max(Run.hills),
            func.max(Run.speed),
        )
        .where(Run.deleted_at.is_(None), *_date_bounds(Run.local_date, start, end))
        .group_by(Run.local_date)
    )
    items += [
        LoadItem(
            day=day,
            run_seconds=int(seconds),
            max_pain_during=pain,
            hilly=bool(hilly),
            fast=bool(fast),
        )
        for day, seconds, pain, hilly, fast in session.execute(runs)
    ]
    return items


def sitting_bouts(
    session: Session, start: date | None = None, end: date | None = None
) -> list[BoutItem]:
    """Every bout, one record each (the exact path, for zones whose offset changes)."""
    query = select(SittingBout.started_at, SittingBout.seconds, SittingBout.source).where(
        SittingBout.deleted_at.is_(None), *_time_bounds(SittingBout.started_at, start, end)
    )
    return [
        BoutItem(started, seconds, source == MANUAL_SOURCE)
        for started, seconds, source in session.execute(query)
    ]


def prompt_times(
    session: Session, start: date | None = None, end: date | None = None
) -> list[datetime]:
    query = select(BreakPrompt.fired_at).where(*_time_bounds(BreakPrompt.fired_at, start, end))
    return list(session.scalars(query))


def stand_times(
    session: Session, start: date | None = None, end: date | None = None
) -> list[datetime]:
    query = select(Stand.started_at).where(*_time_bounds(Stand.started_at, start, end))
    return list(session.scalars(query))


# --- the fast path: summed per local day in SQL, for a fixed UTC offset ----------------------
def _modifier(offset: timedelta) -> str:
    """SQLite's date() modifier moving a stored UTC time to local time."""
    return f"{int(offset.total_seconds()):+d} seconds"


def _local_day(column: InstrumentedAttribute[datetime], offset: timedelta) -> ColumnElement[str]:
    return func.date(column, _modifier(offset))


def _end_day(offset: timedelta) -> ColumnElement[str]:
    seconds = func.printf("%+d seconds", SittingBout.seconds)
    return func.date(SittingBout.started_at, _modifier(offset), seconds)


def sitting_by_day(
    session: Session, offset: timedelta, start: date | None = None, end: date | None = None
) -> tuple[list[SittingDayItem], list[BoutItem]]:
    """Bouts within one local day summed per day, plus the few crossing midnight as is.

    A bout ending exactly at midnight counts as crossing; the domain splits it exactly.
    """
    day = _local_day(SittingBout.started_at, offset)
    live = [SittingBout.deleted_at.is_(None), *_time_bounds(SittingBout.started_at, start, end)]
    manual = case((SittingBout.source == MANUAL_SOURCE, SittingBout.seconds), else_=0)
    summed = (
        select(
            day,
            func.sum(SittingBout.seconds),
            func.max(SittingBout.seconds),
            func.sum(manual),
        )
        .where(*live, day == _end_day(offset))
        .group_by(day)
    )
    days = [
        SittingDayItem(date.fromisoformat(d), int(total), int(longest), int(manual_s))
        for d, total, longest, manual_s in session.execute(summed)
    ]
    crossing = select(SittingBout.started_at, SittingBout.seconds, SittingBout.source).where(
        *live, day != _end_day(offset)
    )
    bouts = [
        BoutItem(started, seconds, source == MANUAL_SOURCE)
        for started, seconds, source in session.execute(crossing)
    ]
    return days, bouts


def counts_by_day(
    session: Session,
    column: InstrumentedAttribute[datetime],
    offset: timedelta,
    start: date | None = None,
    end: date | None = None,
) -> list[tuple[date, int]]:
    """How many rows per local day, e.g. prompts fired or stands taken (R1.3)."""
    day = _local_day(column, offset)
    query = (
        select(day, func.count())
        .select_from(column.class_)
        .where(*_time_bounds(column, start, end))
        .group_by(day)
    )
    return [(date.fromisoformat(d), int(n)) for d, n in session.execute(query)]


def progress_source(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    offset: timedelta | None = None,
) -> ProgressSource:
    """Everything the charts need, in one read transaction.

    ``offset``: the local zone's UTC offset when it never changes (UTC, a fixed offset);
    sitting, prompts and stands are then summed per day in SQL. Without it every record
    is read and the domain buckets them in the zone it is given. Verdict inputs come from
    the one reader every screen uses (:func:`verdicts_repo.verdict_inputs`, bounded the
    same way), so the verdicts of ``start``..``end`` equal those of the whole history.
    """
    common = ProgressSource(
        verdict_inputs=verdicts_repo.verdict_inputs(session, start, end, labels=False),
        stages=profile_repo.stage_history(session),
        loads=load_items(session, start, end),
    )
    if offset is None:
        return replace(
            common,
            bouts=sitting_bouts(session, start, end),
            prompt_times=prompt_times(session, start, end),
            stand_times=stand_times(session, start, end),
        )
    days, crossing = sitting_by_day(session, offset, start, end)
    return replace(
        common,
        bouts=crossing,
        sitting_days=days,
        prompt_counts=counts_by_day(session, BreakPrompt.fired_at, offset, start, end),
        stand_counts=counts_by_day(session, Stand.started_at, offset, start, end),
    )


def first_day(session: Session, tz: tzinfo) -> date | None:
    """The earliest local day holding anything the charts plot, from indexed minimums.

    The same day as ``build_progress(...).first_day`` (mornings, load, sitting, prompts,
    stands) without reading the history: the "all" range can be set before it is loaded.
    """
    days: list[date] = []
    for column, deleted in (
        (MorningPain.entry_date, None),
        (ExerciseSession.local_date, ExerciseSession.deleted_at),
        (Run.local_date, Run.deleted_at),
    ):
        day_query = select(func.min(column))
        if deleted is not None:
            day_query = day_query.where(deleted.is_(None))
        found = session.scalar(day_query)
        if found is not None:
            days.append(found)
    for moment, gone in (
        (SittingBout.started_at, SittingBout.deleted_at),
        (BreakPrompt.fired_at, None),
        (Stand.started_at, None),
    ):
        time_query = select(func.min(moment))
        if gone is not None:
            time_query = time_query.where(gone.is_(None))
        first = session.scalar(time_query)
        if first is not None:
            days.append(local_date(first, tz))
    return min(days) if days else None
