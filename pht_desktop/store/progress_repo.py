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

from pht_desktop.domain.morning import BaselineChange as BaselineValue
from pht_desktop.domain.morning import BaselineMode, MorningEntry
from pht_desktop.domain.morning import TestChange as TestValue
from pht_desktop.domain.profile import StageEvent
from pht_desktop.domain.progress import BoutItem, LoadItem, ProgressSource, SittingDayItem
from pht_desktop.domain.verdicts import local_date
from pht_desktop.store import settings_repo
from pht_desktop.store.models import (
    BaselineChange,
    BreakPrompt,
    ExerciseSession,
    MorningPain,
    Run,
    SessionSet,
    SittingBout,
    StageChange,
    Stand,
    TestChange,
)

BASELINE_MODE_KEY = "baseline_mode"
MANUAL_SOURCE = "manual"
WEEK_BEFORE_DAYS = 14
"""Mornings read before a bounded range: a verdict compares its week with the one before
(R3.9, ``week_rose``), which starts at most 13 days before the range's first load day."""


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


def morning_entries(
    session: Session, start: date | None = None, end: date | None = None
) -> list[MorningEntry]:
    query = select(MorningPain.entry_date, MorningPain.pain, MorningPain.test_kind).where(
        *_date_bounds(MorningPain.entry_date, start, end)
    )
    rows = session.execute(query.order_by(MorningPain.entry_date))
    return [MorningEntry(day, pain, test) for day, pain, test in rows]


def baseline_changes(session: Session) -> list[BaselineValue]:
    """All of them: a verdict needs the baseline in force, however old (R3.1)."""
    query = select(BaselineChange.effective_date, BaselineChange.pain).order_by(
        BaselineChange.effective_date, BaselineChange.id
    )
    return [BaselineValue(day, pain) for day, pain in session.execute(query)]


def test_changes(session: Session) -> list[TestValue]:
    query = select(TestChange.effective_date, TestChange.test_kind).order_by(
        TestChange.effective_date, TestChange.id
    )
    return [TestValue(day, test) for day, test in session.execute(query)]


def stage_changes(session: Session) -> list[StageEvent]:
    query = select(StageChange.effective_date, StageChange.stage, StageChange.note).order_by(
        StageChange.effective_date, StageChange.id
    )
    return [StageEvent(day, stage, note) for day, stage, note in session.execute(query)]


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
        select(Run.local_date, func.sum(Run.duration_s), func.max(Run.pain_during))
        .where(Run.deleted_at.is_(None), *_date_bounds(Run.local_date, start, end))
        .group_by(Run.local_date)
    )
    items += [
        LoadItem(day=day, run_seconds=int(seconds), max_pain_during=pain)
        for day, seconds, pain in session.execute(runs)
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


def baseline_mode(session: Session) -> BaselineMode:
    stored = settings_repo.load_setting(session, BASELINE_MODE_KEY)
    return BaselineMode(stored) if stored in tuple(BaselineMode) else BaselineMode.FIXED


def progress_source(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    offset: timedelta | None = None,
) -> ProgressSource:
    """Everything the charts need, in one read transaction.

    ``offset``: the local zone's fixed UTC offset, when it has one; sitting, prompts and
    stands are then summed per day in SQL (ten years stay fast). Without it every record
    is read and the domain buckets them in the zone it is given. With bounds, mornings
    reach one day past ``end`` so the last load day's verdict finds its next morning, and
    two weeks before ``start`` so its week can be compared with the week before: the
    verdicts of ``start``..``end`` then equal those of the whole history.
    """
    morning_start = None if start is None else start - timedelta(days=WEEK_BEFORE_DAYS)
    morning_end = None if end is None else end + timedelta(days=1)
    common = ProgressSource(
        mornings=morning_entries(session, morning_start, morning_end),
        baselines=baseline_changes(session),
        tests=test_changes(session),
        stages=stage_changes(session),
        loads=load_items(session, start, end),
        mode=baseline_mode(session),
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
