"""Rehab stage and pathology stage history (R2.7, R4)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pht_desktop.domain.profile import PathologyStageEvent, StageEvent
from pht_desktop.store.models import PathologyStageChange, StageChange
from pht_desktop.store.read_cache import cached
from pht_desktop.store.rows import delete_newest


def stage_history(session: Session) -> list[StageEvent]:
    """Every stage change by effective date (one read until a stage is recorded)."""
    query = select(StageChange).order_by(StageChange.effective_date, StageChange.id)
    return list(
        cached(
            session,
            "stage_changes",
            ("stage_changes",),
            lambda: tuple(
                StageEvent(r.effective_date, r.stage, r.note) for r in session.scalars(query)
            ),
        )
    )


def add_stage_change(session: Session, event: StageEvent, created_at: datetime) -> None:
    session.add(
        StageChange(
            effective_date=event.effective_date,
            stage=event.stage,
            note=event.note,
            created_at=created_at,
        )
    )


def has_stage_change_on(session: Session, day: date) -> bool:
    """Whether a stage change takes effect on ``day`` (read from the stage history)."""
    return any(event.effective_date == day for event in stage_history(session))


def stage_change_recorded_on(session: Session, day: date) -> int | None:
    """The id of the latest stage change taking effect on ``day`` (None: there is none)."""
    return session.scalar(
        select(StageChange.id)
        .where(StageChange.effective_date == day)
        .order_by(StageChange.id.desc())
        .limit(1)
    )


def delete_stage_change(session: Session, row_id: int) -> None:
    """Remove one stage change (a same-day undo, R2.7)."""
    row = session.get(StageChange, row_id)
    if row is not None:
        session.delete(row)


def pathology_history(session: Session) -> list[PathologyStageEvent]:
    query = select(PathologyStageChange).order_by(
        PathologyStageChange.effective_date, PathologyStageChange.id
    )
    return list(
        cached(
            session,
            "pathology_stage_changes",
            ("pathology_stage_changes",),
            lambda: tuple(
                PathologyStageEvent(r.effective_date, r.pathology_stage)
                for r in session.scalars(query)
            ),
        )
    )


def add_pathology_change(
    session: Session, event: PathologyStageEvent, created_at: datetime
) -> None:
    session.add(
        PathologyStageChange(
            effective_date=event.effective_date,
            pathology_stage=event.pathology_stage,
            created_at=created_at,
        )
    )


def remove_stage_change(session: Session, event: StageEvent) -> bool:
    """Delete the newest row recording ``event`` (an undo); False when there is none."""
    return delete_newest(
        session,
        StageChange,
        StageChange.effective_date == event.effective_date,
        StageChange.stage == event.stage,
    )


def remove_pathology_change(session: Session, event: PathologyStageEvent) -> bool:
    """Delete the newest row recording ``event`` (an undo); False when there is none."""
    return delete_newest(
        session,
        PathologyStageChange,
        PathologyStageChange.effective_date == event.effective_date,
        PathologyStageChange.pathology_stage == event.pathology_stage,
    )
