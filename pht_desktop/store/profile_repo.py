"""Rehab stage and pathology stage history (R2.7, R4)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pht_desktop.domain.profile import PathologyStageEvent, StageEvent
from pht_desktop.store.models import PathologyStageChange, StageChange


def stage_history(session: Session) -> list[StageEvent]:
    rows = session.scalars(select(StageChange).order_by(StageChange.effective_date, StageChange.id))
    return [StageEvent(r.effective_date, r.stage, r.note) for r in rows]


def add_stage_change(session: Session, event: StageEvent, created_at: datetime) -> None:
    session.add(
        StageChange(
            effective_date=event.effective_date,
            stage=event.stage,
            note=event.note,
            created_at=created_at,
        )
    )


def pathology_history(session: Session) -> list[PathologyStageEvent]:
    rows = session.scalars(
        select(PathologyStageChange).order_by(
            PathologyStageChange.effective_date, PathologyStageChange.id
        )
    )
    return [PathologyStageEvent(r.effective_date, r.pathology_stage) for r in rows]


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
