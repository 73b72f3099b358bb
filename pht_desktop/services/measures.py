"""Outcome measures (issue 15): entries, edits, delete, undo, the reminder and summaries.

Every write validates in the domain first (a :class:`ValidationError` means nothing was
written), runs in one transaction, then emits ``changed``. Each write also leaves one
step on an in-memory undo stack, so the Measures table can offer "Undo" for an entry,
an edit, a replacement or a delete. Pain-free running is never stored: it is worked out
from the runs and the verdicts of the one engine, handed in as ``verdicts`` (the morning
service's), so this service never holds a second copy of R3.2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain import setting_specs
from pht_desktop.domain.clock import Clock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.measures import (
    Measure,
    MeasureKind,
    checklist_strength_line,
    due_kinds,
    due_sentence,
    is_strength_item,
    latest_days,
    measures_summary_since,
    pain_free_runs,
    readings,
)
from pht_desktop.domain.measures import Reading as Reading
from pht_desktop.domain.profile import StageEvent
from pht_desktop.domain.verdicts import Verdict
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import measures_repo, profile_repo, settings_repo

VerdictSource = Callable[[], list[Verdict]]


class DuplicateMeasureError(ValidationError):
    """There is already an entry of this kind on this date; ``replace_existing=True`` after the
    user confirmed swaps it (undoable)."""

    def __init__(self, existing: Measure) -> None:
        super().__init__(
            "day",
            f"There is already a {existing.kind.label.lower()} entry on "
            f"{existing.day.isoformat()} ({existing.value_text()}). Replace it?",
        )
        self.existing = existing


Action = Literal["added", "edited", "deleted", "replaced"]


@dataclass(frozen=True, slots=True)
class UndoStep:
    """How to take one write back: which entry, and what it was before."""

    action: Action
    measure_id: int
    before: Measure | None = None
    replaced_id: int | None = None
    words: str = ""


class MeasuresService(ServiceBase):
    """Use cases of the Measures pane; the only caller of the measures repository."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, verdicts: VerdictSource
    ) -> None:
        super().__init__(sessions, clock)
        self._verdicts = verdicts
        self._undo: list[UndoStep] = []

    def refresh(self) -> None:
        """A new day may make a measure due, and runs or mornings move pain-free running:
        re-announce, nothing stored."""
        self.changed.emit()

    # --- reading ------------------------------------------------------------------------------
    def measures(
        self, start: date | None = None, end: date | None = None, kind: MeasureKind | None = None
    ) -> list[Measure]:
        """Live entries oldest first."""
        with self._read() as session:
            return measures_repo.list_measures(session, start, end, kind)

    def get(self, measure_id: int) -> Measure:
        with self._read() as session:
            return self._live(session, measure_id)

    @staticmethod
    def _live(session: Session, measure_id: int) -> Measure:
        found = measures_repo.get_measure(session, measure_id)
        if found is None or found[1]:
            raise ValidationError("measure", "That entry no longer exists.")
        return found[0]

    def latest(self, kind: MeasureKind) -> Measure | None:
        entries = self.measures(kind=kind)
        return entries[-1] if entries else None

    def pain_free_runs(self, verdicts: Sequence[Verdict] | None = None) -> list[tuple[date, int]]:
        """Per tolerated load day with a run, its longest run in seconds (oldest first).

        ``verdicts``: the caller's, when it already has them (the report); else the
        engine's through the morning service."""
        with self._read() as session:
            runs = measures_repo.run_items(session)
        if not runs:
            return []
        return pain_free_runs(runs, self._verdicts() if verdicts is None else verdicts)

    def readings(self) -> list[Reading]:
        """Every measure as one number per day (charts, report), oldest first."""
        return readings(self.measures(), self.pain_free_runs())

    def stage_changes(self) -> list[StageEvent]:
        """Stage changes (R2.7), which the Measures chart marks."""
        with self._read() as session:
            return profile_repo.stage_history(session)

    # --- writing ------------------------------------------------------------------------------
    def record(self, measure: Measure, replace_existing: bool = False) -> Measure:
        """Add an entry; one per kind and date (:class:`DuplicateMeasureError` unless
        ``replace_existing``, which the user confirmed)."""
        measure.not_in_future(self.today())
        with self._write() as session:
            existing = measures_repo.live_on(session, measure.kind, measure.day)
            if existing is not None and not replace_existing:
                raise DuplicateMeasureError(existing)
            if existing is not None:
                assert existing.id is not None
                measures_repo.set_deleted(session, existing.id, self.now())
            new_id = measures_repo.add_measure(session, measure, self.now())
        words = f"{measure.kind.label} on {measure.day.isoformat()}"
        if existing is not None:
            step = UndoStep("replaced", new_id, replaced_id=existing.id, words="Replaced " + words)
        else:
            step = UndoStep("added", new_id, words="Added " + words)
        self._undo.append(step)
        self.changed.emit()
        return replace(measure, id=new_id)

    def edit(self, measure_id: int, measure: Measure) -> Measure:
        """Change an entry's values (or date); refused onto a date already taken."""
        measure.not_in_future(self.today())
        with self._write() as session:
            before = self._live(session, measure_id)
            if before.kind is not measure.kind:
                raise ValidationError("kind", "An entry keeps its kind; add a new one instead.")
            other = measures_repo.live_on(session, measure.kind, measure.day)
            if other is not None and other.id != measure_id:
                raise DuplicateMeasureError(other)
            measures_repo.update_measure(session, measure_id, measure)
        words = f"Edited {measure.kind.label.lower()} on {measure.day.isoformat()}"
        self._undo.append(UndoStep("edited", measure_id, before=before, words=words))
        self.changed.emit()
        return replace(measure, id=measure_id)

    def delete(self, measure_id: int) -> None:
        """Soft delete; :meth:`undo` brings it back."""
        with self._write() as session:
            gone = self._live(session, measure_id)
            measures_repo.set_deleted(session, measure_id, self.now())
        words = f"Deleted {gone.kind.label.lower()} on {gone.day.isoformat()}"
        self._undo.append(UndoStep("deleted", measure_id, words=words))
        self.changed.emit()

    # --- undo ---------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_words(self) -> str:
        """What :meth:`undo` would take back ("Deleted VISA-H on 2026-03-02"), or ""."""
        return self._undo[-1].words if self._undo else ""

    def undo(self) -> str:
        """Take the last write back; returns what was undone. A step that no longer
        applies (its date was taken meanwhile) is refused and stays on the stack."""
        if not self._undo:
            raise ValidationError("undo", "Nothing to undo.")
        step = self._undo[-1]
        try:
            with self._write() as session:
                self._apply_undo(session, step)
        except IntegrityError as exc:
            raise ValidationError(
                "undo", "Cannot undo: another entry of that kind now holds that date."
            ) from exc
        self._undo.pop()
        self.changed.emit()
        return step.words

    def _apply_undo(self, session: Session, step: UndoStep) -> None:
        now = self.now()
        if step.action == "added":
            measures_repo.set_deleted(session, step.measure_id, now)
        elif step.action == "deleted":
            measures_repo.set_deleted(session, step.measure_id, None)
        elif step.action == "edited":
            assert step.before is not None
            measures_repo.update_measure(session, step.measure_id, step.before)
        else:
            assert step.replaced_id is not None
            measures_repo.set_deleted(session, step.measure_id, now)
            measures_repo.set_deleted(session, step.replaced_id, None)

    # --- the reminder -------------------------------------------------------------------------
    def interval_weeks(self) -> int:
        """Remind every N weeks (default 2); a bad stored value falls back to it."""
        with self._read() as session:
            return settings_repo.read(session, setting_specs.MEASURE_INTERVAL_WEEKS)

    def set_interval_weeks(self, value: object) -> int:
        clean = setting_specs.MEASURE_INTERVAL_WEEKS.parse(value)
        with self._write() as session:
            settings_repo.write(session, setting_specs.MEASURE_INTERVAL_WEEKS, clean)
        self.changed.emit()
        return clean

    def due(self) -> list[MeasureKind]:
        return due_kinds(latest_days(self.measures()), self.today(), self.interval_weeks())

    def due_line(self) -> str:
        """The Today line when a measure is due ("" when none is)."""
        latest = latest_days(self.measures())
        due = due_kinds(latest, self.today(), self.interval_weeks())
        return due_sentence(due, latest, self.today())

    # --- where decisions are made -------------------------------------------------------------
    def summary_since(self, since: date | None, stage: int) -> str:
        """The sentence beside the streak in the stage-proposal dialog (issue 15)."""
        return measures_summary_since(self.measures(), since, stage, self.pain_free_runs())

    def stage_summary(self) -> str:
        """The same sentence for the stage in force today, since the day it began."""
        today = self.today()
        stages = [s for s in self.stage_changes() if s.effective_date <= today]
        if not stages:
            return self.summary_since(None, 1)
        return self.summary_since(stages[-1].effective_date, stages[-1].stage)

    def stage_dialog_text(self, checklist: Sequence[str] = ()) -> str:
        """What the stage-proposal dialog shows beside the streak: the measures since the
        stage began and, when the R2.8 checklist asks about strength, the bridge reading."""
        lines = [self.stage_summary()]
        if any(is_strength_item(item) for item in checklist):
            lines.append(self.checklist_strength()[1])
        return "\n".join(line for line in lines if line)

    def checklist_strength(self) -> tuple[bool | None, str]:
        """R2.8 "strength similar left and right", from the latest bridge test."""
        return checklist_strength_line(self.measures(kind=MeasureKind.BRIDGE))
