"""Seed load for the morning tests: sessions and runs written straight through the ORM.

The exercise log belongs to another service; these tests only need rows as it stores
them (UTC ``performed_at`` plus the lived ``local_date``), so they insert them directly.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.services.registry import Services
from pht_desktop.store.models import Exercise, ExerciseSession, Run, SessionSet

PRONE_HOLD = "prone-hip-extension-hold"


def d(day: int, month: int = 3) -> date:
    """A date in 2026 (the fake clock starts on Monday 2026-03-02)."""
    return date(2026, month, day)


def _sessions(services: Services) -> sessionmaker[Session]:
    return sessionmaker(services.engine, expire_on_commit=False)


def add_session(
    services: Services,
    day: date | None = None,
    *,
    slug: str = PRONE_HOLD,
    sets: int = 5,
    reps: int = 1,
    hold_s: int | None = 40,
    pain_during: int | None = None,
    load_kg: float | None = None,
    performed_at: datetime | None = None,
    deleted: bool = False,
) -> int:
    """One exercise session; ``local_date`` comes from ``performed_at`` by the service's own
    rule (the clock's zone at that instant) unless only ``day`` is given."""
    when = performed_at or datetime.combine(day or d(2), time(18, 0), UTC)
    lived = services.exercises.local_day(when) if performed_at is not None else (day or d(2))
    with _sessions(services).begin() as session:
        exercise = session.scalars(select(Exercise).where(Exercise.slug == slug)).one()
        row = ExerciseSession(
            exercise_id=exercise.id,
            performed_at=when,
            local_date=lived,
            load_kind="kg" if load_kg is not None else "bodyweight",
            load_kg=load_kg,
            effort_kind="rpe",
            pain_during=pain_during,
            note="",
            source="form",
            created_at=when,
            deleted_at=when if deleted else None,
        )
        row.sets = [
            SessionSet(position=i, reps=reps, hold_seconds=hold_s, rest_seconds=120)
            for i in range(sets)
        ]
        session.add(row)
        session.flush()
        return row.id


def add_run(
    services: Services,
    day: date,
    *,
    minutes: int = 20,
    km: float | None = None,
    pain_during: int | None = None,
    hills: bool = False,
) -> int:
    when = datetime.combine(day, time(7, 0), UTC)
    with _sessions(services).begin() as session:
        row = Run(
            performed_at=when,
            local_date=day,
            duration_s=minutes * 60,
            distance_km=km,
            style="run_walk",
            hills=hills,
            speed=False,
            pain_during=pain_during,
            note="",
            created_at=when,
            deleted_at=None,
        )
        session.add(row)
        session.flush()
        return row.id


def seed_story(services: Services, tolerated_days: int, *, first: date | None = None) -> date:
    """Baseline 3/10 and ``tolerated_days`` load days, each followed by a 2/10 morning.

    Returns the last load day. The fake clock's today must be after it.
    """
    start = first or d(2) - timedelta(days=tolerated_days)
    morning = services.morning
    morning.set_baseline(3, start - timedelta(days=1))
    morning.record_morning(start, 3)
    for offset in range(tolerated_days):
        day = start + timedelta(days=offset)
        add_session(services, day)
        morning.record_morning(day + timedelta(days=1), 2, replace=True)
    return start + timedelta(days=tolerated_days - 1)
