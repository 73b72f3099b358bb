"""Rehab stage and pathology stage history (R2.7, R4), in Core statements: Today reads
both at start-up, before the ORM is mapped (issue 16)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from pht_desktop.domain.profile import PathologyStageEvent, StageEvent
from pht_desktop.store.read_cache import cached
from pht_desktop.store.rows import delete_newest
from pht_desktop.store.tables import pathology_stage_changes, stage_changes

_stage = stage_changes.c
_pathology = pathology_stage_changes.c


def stage_history(session: Session) -> list[StageEvent]:
    """Every stage change by effective date (one read until a stage is recorded)."""
    query = select(_stage.effective_date, _stage.stage, _stage.note).order_by(
        _stage.effective_date, _stage.id
    )
    return list(
        cached(
            session,
            "stage_changes",
            ("stage_changes",),
            lambda: tuple(StageEvent(*row) for row in session.execute(query)),
        )
    )


def add_stage_change(session: Session, event: StageEvent, created_at: datetime) -> None:
    session.execute(
        insert(stage_changes).values(
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
        select(_stage.id).where(_stage.effective_date == day).order_by(_stage.id.desc()).limit(1)
    )


def delete_stage_change(session: Session, row_id: int) -> None:
    """Remove one stage change (a same-day undo, R2.7)."""
    session.execute(delete(stage_changes).where(_stage.id == row_id))


def pathology_history(session: Session) -> list[PathologyStageEvent]:
    query = select(_pathology.effective_date, _pathology.pathology_stage).order_by(
        _pathology.effective_date, _pathology.id
    )
    return list(
        cached(
            session,
            "pathology_stage_changes",
            ("pathology_stage_changes",),
            lambda: tuple(PathologyStageEvent(*row) for row in session.execute(query)),
        )
    )


def add_pathology_change(
    session: Session, event: PathologyStageEvent, created_at: datetime
) -> None:
    session.execute(
        insert(pathology_stage_changes).values(
            effective_date=event.effective_date,
            pathology_stage=event.pathology_stage,
            created_at=created_at,
        )
    )


def remove_stage_change(session: Session, event: StageEvent) -> bool:
    """Delete the newest row recording ``event`` (an undo); False when there is none."""
    return delete_newest(
        session,
        stage_changes,
        _stage.effective_date == event.effective_date,
        _stage.stage == event.stage,
    )


def remove_pathology_change(session: Session, event: PathologyStageEvent) -> bool:
    """Delete the newest row recording ``event`` (an undo); False when there is none."""
    return delete_newest(
        session,
        pathology_stage_changes,
        _pathology.effective_date == event.effective_date,
        _pathology.pathology_stage == event.pathology_stage,
    )
