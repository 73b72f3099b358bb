"""Rehab stage (R2.7) and stage of pathology (R4): dated, never overwritten."""

from __future__ import annotations

from datetime import date

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.profile import PathologyStageEvent, StageEvent, stage_on
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import profile_repo


class ProfileService(ServiceBase):
    def stage_history(self) -> list[StageEvent]:
        with self._read() as session:
            return profile_repo.stage_history(session)

    def current_stage(self) -> int:
        return stage_on(self.stage_history(), self.today())

    def set_stage(
        self, stage: int, effective_date: date | None = None, note: str = ""
    ) -> StageEvent:
        """Record a stage change; the same stage again is refused, so history never repeats."""
        event = StageEvent.create(effective_date or self.today(), stage, self.today(), note)
        history = self.stage_history()
        if history and stage_on(history, event.effective_date) == event.stage:
            raise ValidationError(
                "stage", f"You are already at stage {event.stage} on that date: nothing to change."
            )
        with self._write() as session:
            profile_repo.add_stage_change(session, event, self.now())
        self.changed.emit()
        return event

    def undo_stage(self, event: StageEvent) -> None:
        """Take back a stage change just made (Settings' Undo), as if never recorded."""
        with self._write() as session:
            profile_repo.remove_stage_change(session, event)
        self.changed.emit()

    def pathology_history(self) -> list[PathologyStageEvent]:
        with self._read() as session:
            return profile_repo.pathology_history(session)

    def current_pathology_stage(self) -> str:
        history = self.pathology_history()
        return history[-1].pathology_stage if history else "unknown"

    def set_pathology_stage(
        self, value: str, effective_date: date | None = None
    ) -> PathologyStageEvent | None:
        """Record a new stage of pathology; the current one again records nothing (None)."""
        if value == self.current_pathology_stage() and self.pathology_history():
            return None
        event = PathologyStageEvent.create(effective_date or self.today(), value, self.today())
        with self._write() as session:
            profile_repo.add_pathology_change(session, event, self.now())
        self.changed.emit()
        return event

    def undo_pathology_stage(self, event: PathologyStageEvent) -> None:
        """Take back a stage-of-pathology change just made (Settings' Undo)."""
        with self._write() as session:
            profile_repo.remove_pathology_change(session, event)
        self.changed.emit()
