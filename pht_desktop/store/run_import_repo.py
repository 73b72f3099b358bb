"""Runs imported from watch files (issue 14): look-ups for duplicates, inserts, merges.

The runs live in the one ``runs`` table with the hand-typed ones, so an imported run is
a load day like any other (R3.2) and every chart, verdict and export sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pht_desktop.domain.exercise import RunStyle
from pht_desktop.domain.run_figures import average_pace
from pht_desktop.domain.run_flags import ImportedRun
from pht_desktop.store.models import Run

MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class StoredRun:
    """What duplicate and merge checks need to know about a stored run."""

    id: int
    performed_at: datetime
    local_date: date
    duration_s: int
    distance_km: float | None
    source: str
    source_name: str | None
    deleted: bool
    file_moving_s: int | None = None
    """What its file measured (None for a typed run): the same activity from another
    file matches these, whatever the user has since typed over them."""
    file_distance_km: float | None = None

    @property
    def measured(self) -> tuple[int, float | None]:
        """(seconds, km) another file of the same activity would show."""
        if self.file_moving_s is None:
            return self.duration_s, self.distance_km
        return self.file_moving_s, self.file_distance_km


def _stored(row: Run) -> StoredRun:
    return StoredRun(
        row.id,
        row.performed_at,
        row.local_date,
        row.duration_s,
        row.distance_km,
        row.source,
        row.source_name,
        row.deleted_at is not None,
        row.file_moving_s,
        row.file_distance_km,
    )


def stored(session: Session, run_id: int) -> StoredRun | None:
    row = session.get(Run, run_id)
    return None if row is None else _stored(row)


def known_hashes(session: Session) -> set[str]:
    """SHA-256 of every file ever imported, deleted runs included."""
    query = select(Run.source_sha256).where(Run.source_sha256.is_not(None))
    return {sha for sha in session.scalars(query) if sha is not None}


def by_hash(session: Session, sha256: str) -> StoredRun | None:
    row = session.scalars(select(Run).where(Run.source_sha256 == sha256)).first()
    return None if row is None else _stored(row)


def live_runs_between(session: Session, start: datetime, end: datetime) -> list[StoredRun]:
    """Live runs starting in [start, end], oldest first."""
    query = (
        select(Run)
        .where(Run.deleted_at.is_(None), Run.performed_at >= start, Run.performed_at <= end)
        .order_by(Run.performed_at, Run.id)
    )
    return [_stored(row) for row in session.scalars(query)]


def live_runs_on(session: Session, day: date) -> list[StoredRun]:
    """Live runs the user lived on ``day`` (local date), oldest first."""
    query = (
        select(Run)
        .where(Run.deleted_at.is_(None), Run.local_date == day)
        .order_by(Run.performed_at, Run.id)
    )
    return [_stored(row) for row in session.scalars(query)]


def recent_paces(session: Session, before: datetime, limit: int) -> list[float]:
    """Average pace (s/km) of the latest live *continuous* runs with a distance before
    ``before``: a run-walk's overall pace includes its walks, and learning the easy pace
    from it would make every first continuous run "fast" (R2.8 → R2.4)."""
    query = (
        select(Run.duration_s, Run.distance_km)
        .where(
            Run.deleted_at.is_(None),
            Run.style == RunStyle.CONTINUOUS.value,
            Run.performed_at < before,
            Run.distance_km.is_not(None),
            Run.distance_km > 0,
        )
        .order_by(Run.performed_at.desc())
        .limit(limit)
    )
    paces = (average_pace(duration, km) for duration, km in session.execute(query))
    return [pace for pace in paces if pace is not None]


def _fill_measured(row: Run, run: ImportedRun, local_day: date) -> None:
    record = run.record
    row.performed_at = record.start
    row.local_date = local_day
    row.duration_s = record.moving_s
    row.distance_km = None if record.distance_km is None else round(record.distance_km, 3)
    row.file_moving_s, row.file_distance_km = row.duration_s, row.distance_km
    row.source = record.fmt
    row.source_name = run.file_name[:255]
    row.source_sha256 = run.sha256
    row.elapsed_s = record.elapsed_s
    row.elevation_gain_m = record.elevation_gain_m
    row.best_km_s = record.best_km_s
    row.fastest_pace_s_km = record.fastest_segment_pace_s_km
    row.steepest_grade = record.steepest_grade
    row.flag_note = run.flags.note


def add_imported(session: Session, run: ImportedRun, local_day: date, created_at: datetime) -> int:
    row = Run(
        created_at=created_at,
        deleted_at=None,
        style=(RunStyle.RUN_WALK if run.record.run_walk else RunStyle.CONTINUOUS).value,
        hills=run.flags.hilly,
        speed=run.flags.fast,
        pain_during=None,
        note="",
    )
    _fill_measured(row, run, local_day)
    session.add(row)
    session.flush()
    return row.id


def merge_into(session: Session, run_id: int, run: ImportedRun, local_day: date) -> None:
    """The file's measurements replace a hand-typed run's; its pain, note and style stay,
    and a hills/speed tick the user made stays ticked."""
    row = session.get_one(Run, run_id)
    hills, speed = row.hills, row.speed
    _fill_measured(row, run, local_day)
    row.hills = hills or run.flags.hilly
    row.speed = speed or run.flags.fast


def restore(session: Session, run_id: int) -> None:
    session.get_one(Run, run_id).deleted_at = None
