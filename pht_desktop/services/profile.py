"""Rehab stage (R2.7) and stage of pathology (R4): dated, never overwritten."""

from __future__ import annotations

from datetime import date

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
        event = StageEvent.create(effective_date or self.today(), stage, self.today(), note)
        with self._write() as session:
            profile_repo.add_stage_change(session, event, self.now())
        self.changed.emit()
        return event

    def pathology_history(self) -> list[PathologyStageEvent]:
        with self._read() as session:
            return profile_repo.pathology_history(session)

    def current_pathology_stage(self) -> str:
        history = self.pathology_history()
        return history[-1].pathology_stage if history else "unknown"

    def set_pathology_stage(self, value: str, effective_date: date | None = None) -> None:
        event = PathologyStageEvent.create(effective_date or self.today(), value, self.today())
        with self._write() as session:
            profile_repo.add_pathology_change(session, event, self.now())
        self.changed.emit()
