"""Exercise catalogue, session and run logging, history (R2, R2.1–R2.8, R3.2).

Every write validates in the domain first (a :class:`ValidationError` means nothing was
written), runs in one transaction, then emits ``changed``. Warnings (R2.1 compressive
before stage 4, R2.6 HSR spacing, R2.4 hills/speed before stage 5) never block a write:
they come back with the result for the UI to show.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from sqlalchemy.orm import Session

from pht_desktop.domain import validation
from pht_desktop.domain.catalogue import DOSE_TYPES, HOW_TO_MAX_LENGTH, NAME_MAX_LENGTH
from pht_desktop.domain.dose_ladder import CustomLadder, LadderSteps, checked_custom_ladder
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import (
    MAX_SETS,
    RUNNING_READINESS_CHECKLIST,
    RUNNING_STAGE,
    RunDraft,
    SessionDraft,
    compressive_warning,
    dose_label,
    hsr_spacing_note,
    run_stage_warning,
)
from pht_desktop.domain.profile import stage_on
from pht_desktop.domain.run_figures import detail_lines, kept_km, kept_seconds
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import catalogue_repo, exercises_repo, profile_repo
from pht_desktop.store.catalogue_repo import ExerciseInfo, NewExercise
from pht_desktop.store.exercises_repo import LoggedRun, LoggedSession

__all__ = [
    "ExerciseInfo",
    "ExerciseService",
    "HistoryFilter",
    "HistoryRow",
    "LoggedRun",
    "LoggedSession",
    "Readiness",
]

RUN_LABEL = "Run"


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the history shows: one exercise (or runs only), one stage, a date range."""

    exercise_id: int | None = None
    runs_only: bool = False
    stage: int | None = None
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One line of the history table: a session or a run, already in words."""

    kind: str  # "session" or "run"
    id: int
    performed_at: datetime
    local_date: date
    """The day it was lived on (stored; kept over a later zone change, R3.2)."""
    local_time: datetime
    """``performed_at`` shown in the clock's zone (its rules at that instant)."""
    exercise: str
    stage: int
    dose: str
    load: str
    effort: str
    pain_during: int | None
    note: str
    detail: str = ""
    """Why a run's flags were set and which file it came from (the Load tooltip)."""


@dataclass(frozen=True, slots=True)
class Readiness:
    """R2.8: the running-readiness checklist, shown (as information) before stage 5."""

    show: bool
    stage: int
    items: tuple[str, ...]


def _minutes(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" if rest == 0 else f"{minutes} min {rest} s"


def _session_row(logged: LoggedSession, zone: tzinfo) -> HistoryRow:
    if logged.effort_value is None:
        effort = ""
    elif logged.effort_kind.value == "rpe":
        effort = f"effort {logged.effort_value}/10"
    else:
        effort = f"{logged.effort_value} %"
    load = logged.load.label
    dose = dose_label(logged.sets, logged.load).removesuffix(f", {load}")
    return HistoryRow(
        kind="session",
        id=logged.id,
        performed_at=logged.performed_at,
        local_date=logged.local_date,
        local_time=logged.performed_at.astimezone(zone),
        exercise=logged.exercise_name,
        stage=logged.stage,
        dose=dose,
        load=load,
        effort=effort,
        pain_during=logged.pain_during,
        note=logged.note,
    )


def _run_row(run: LoggedRun, zone: tzinfo) -> HistoryRow:
    dose = _minutes(run.duration_s)
    if run.distance_km is not None:
        dose += f", {run.distance_km:g} km"
    if run.elevation_gain_m is not None:
        dose += f", {run.elevation_gain_m:.0f} m up"
    flags = ["run-walk" if run.style.value == "run_walk" else "continuous"]
    # The hilly/fast flags (R2.4): ticked by hand, or found in a watch file (issue 14).
    flags += [name for name, on in (("hilly", run.hills), ("fast", run.speed)) if on]
    if run.source != "manual":
        flags.append(f"{run.source.upper()} file")
    return HistoryRow(
        kind="run",
        id=run.id,
        performed_at=run.performed_at,
        local_date=run.local_date,
        local_time=run.performed_at.astimezone(zone),
        exercise=RUN_LABEL,
        stage=RUNNING_STAGE,
        dose=dose,
        load=", ".join(flags),
        effort="",
        pain_during=run.pain_during,
        note=run.note,
        detail=_run_detail(run),
    )


def _run_detail(run: LoggedRun) -> str:
    """Pace, best km, why the flags were set, the file: the history's Load tooltip."""
    return "\n".join(detail_lines(run.figures, run.flag_note, run.source_name))


class ExerciseService(ServiceBase):
    """Use cases of the Exercises pane; the only caller of ``exercises_repo``."""

    # --- stage ------------------------------------------------------------------------------
    def _stage_on(self, session: Session, day: date) -> int:
        return stage_on(profile_repo.stage_history(session), day)

    def current_stage(self) -> int:
        """The rehab stage in force today (R2.7)."""
        with self._read() as session:
            return self._stage_on(session, self.today())

    def running_readiness(self) -> Readiness:
        """R2.8: the checklist is shown before stage 5 — information, never a lock."""
        stage = self.current_stage()
        return Readiness(stage < RUNNING_STAGE, stage, RUNNING_READINESS_CHECKLIST)

    # --- catalogue --------------------------------------------------------------------------
    def catalogue(self, include_archived: bool = False) -> list[ExerciseInfo]:
        """Exercises with the current stage's first, then the others by stage."""
        with self._read() as session:
            stage = self._stage_on(session, self.today())
            rows = catalogue_repo.list_exercises(session, include_archived)
        return sorted(rows, key=lambda e: e.stage != stage)  # stable: keeps stage order

    def exercise(self, exercise_id: int) -> ExerciseInfo:
        with self._read() as session:
            return self._exercise(session, exercise_id)

    @staticmethod
    def _exercise(session: Session, exercise_id: int) -> ExerciseInfo:
        info = catalogue_repo.get_exercise(session, exercise_id)
        if info is None:
            raise ValidationError("exercise_id", "Please choose an exercise.")
        return info

    def has_history(self, exercise_id: int) -> bool:
        with self._read() as session:
            return catalogue_repo.has_history(session, exercise_id)

    def add_exercise(
        self,
        name: str,
        stage: int,
        dose_type: str,
        *,
        how_to: str = "",
        compressive: bool = False,
        default_sets: int = 3,
        default_reps: int = 10,
        default_hold_s: int | None = None,
        default_rest_s: int = 120,
    ) -> int:
        """A user's own exercise; holds get a 30 s default hold when none is given."""
        kind = validation.choice(dose_type, DOSE_TYPES, "dose_type", "Dose type")
        if kind == "hold" and default_hold_s is None:
            default_hold_s = 30
        new = NewExercise(
            name=self._name(name),
            stage=validation.int_in_range(stage, 1, 5, "stage", "Stage"),
            dose_type=kind,
            how_to=validation.short_text(how_to, "how_to", "How-to", HOW_TO_MAX_LENGTH),
            default_sets=validation.int_in_range(default_sets, 1, MAX_SETS, "sets", "Sets"),
            default_reps=validation.int_in_range(default_reps, 1, 200, "reps", "Reps"),
            default_hold_s=None
            if kind != "hold" or default_hold_s is None
            else validation.int_in_range(default_hold_s, 1, 600, "hold_seconds", "Hold", "s"),
            default_rest_s=validation.int_in_range(default_rest_s, 0, 1800, "rest", "Rest", "s"),
            compressive=bool(compressive),
        )
        with self._write() as session:
            new_id = catalogue_repo.add_exercise(session, new)
        self.changed.emit()
        return new_id

    @staticmethod
    def _name(name: str) -> str:
        return validation.short_text(name, "name", "Name", NAME_MAX_LENGTH, required=True)

    def rename_exercise(self, exercise_id: int, name: str) -> None:
        """Only the user's own exercises are renamed; built-in names stay recognisable."""
        clean = self._name(name)
        with self._write() as session:
            if self._exercise(session, exercise_id).builtin:
                raise ValidationError("name", "Built-in exercises keep their names.")
            catalogue_repo.rename_exercise(session, exercise_id, clean)
        self.changed.emit()

    def ladder(self, exercise_id: int) -> CustomLadder:
        """An exercise's editable ladder as stored: its default dose is the first rung."""
        info = self.exercise(exercise_id)
        return CustomLadder(
            info.dose_type,
            info.default_sets,
            info.default_reps,
            info.default_hold_s,
            info.default_rest_s,
            info.steps,
        )

    def save_ladder(
        self,
        exercise_id: int,
        sets: object,
        first: object,
        rest_s: object,
        steps: LadderSteps,
    ) -> CustomLadder:
        """Store a user's own exercise's ladder (R2.9), all or nothing: ``first`` is the
        first rung's hold seconds (holds) or reps (reps). Built-in ladders are the
        protocol's and are refused, like any bad value, with nothing changed."""
        with self._write() as session:
            info = self._exercise(session, exercise_id)
            if info.builtin:
                raise ValidationError(
                    "ladder",
                    "A built-in exercise climbs the protocol's ladder; only your own "
                    "exercises' ladders can be edited.",
                )
            ladder = checked_custom_ladder(info.dose_type, sets, first, first, rest_s, steps)
            catalogue_repo.set_ladder(session, exercise_id, ladder)
        self.changed.emit()
        return ladder

    def archive_exercise(self, exercise_id: int, archived: bool = True) -> None:
        """Hide an exercise from the catalogue; its history stays (and can be restored)."""
        with self._write() as session:
            self._exercise(session, exercise_id)
            catalogue_repo.set_archived(session, exercise_id, archived)
        self.changed.emit()

    def delete_exercise(self, exercise_id: int) -> None:
        """Delete a user's exercise without history; one with history is only archived."""
        with self._write() as session:
            info = self._exercise(session, exercise_id)
            if info.builtin:
                raise ValidationError("exercise_id", "Built-in exercises can be archived only.")
            if catalogue_repo.has_history(session, exercise_id):
                raise ValidationError(
                    "exercise_id",
                    f"“{info.name}” has logged sessions, so it is archived rather than "
                    "deleted: your history stays whole.",
                )
            catalogue_repo.delete_unused_exercise(session, exercise_id)
        self.changed.emit()

    # --- sessions ---------------------------------------------------------------------------
    def _session_warnings(
        self, session: Session, draft: SessionDraft, exclude_id: int | None
    ) -> list[str]:
        info = self._exercise(session, draft.exercise_id)
        stage = self._stage_on(session, self.local_day(draft.performed_at))
        warnings = [compressive_warning(info.compressive, stage)]
        if info.hsr:
            times = exercises_repo.hsr_session_times(session, exclude_id)
            warnings.append(hsr_spacing_note(times, draft.performed_at))
        return [w for w in warnings if w]

    def session_warnings(self, draft: SessionDraft, exclude_id: int | None = None) -> list[str]:
        """The warnings a save would bring (R2.1, R2.6), for showing before saving."""
        with self._read() as session:
            return self._session_warnings(session, draft, exclude_id)

    def log_session(self, draft: SessionDraft, source: str = "form") -> tuple[int, list[str]]:
        """Store a session; returns its id and the (non-blocking) warnings."""
        clean = draft.validate(self.now())
        with self._write() as session:
            warnings = self._session_warnings(session, clean, None)
            new_id = exercises_repo.add_session(
                session, clean, self.local_day(clean.performed_at), self.now(), source
            )
        self.changed.emit()
        return new_id, warnings

    def update_session(self, session_id: int, draft: SessionDraft) -> list[str]:
        """Replace a session's values; returns the warnings for the new values."""
        clean = draft.validate(self.now())
        with self._write() as session:
            before = self._logged(session, session_id)
            warnings = self._session_warnings(session, clean, session_id)
            day = self.edited_day(before.performed_at, before.local_date, clean.performed_at)
            exercises_repo.update_session(session, session_id, clean, day)
        self.changed.emit()
        return warnings

    @staticmethod
    def _logged(session: Session, session_id: int) -> LoggedSession:
        logged = exercises_repo.get_session(session, session_id)
        if logged is None:
            raise ValidationError("session", "That session no longer exists.")
        return logged

    def session(self, session_id: int) -> LoggedSession:
        with self._read() as session:
            return self._logged(session, session_id)

    def delete_session(self, session_id: int) -> None:
        """Soft delete: :meth:`undo_delete_session` brings it back."""
        self._set_session_deleted(session_id, self.now())

    def undo_delete_session(self, session_id: int) -> None:
        self._set_session_deleted(session_id, None)

    def _set_session_deleted(self, session_id: int, when: datetime | None) -> None:
        with self._write() as session:
            self._logged(session, session_id)
            exercises_repo.set_session_deleted(session, session_id, when)
        self.changed.emit()

    def repeat_last(self, exercise_id: int) -> SessionDraft | None:
        """The previous session's dose, load and effort as a draft timed now (or None)."""
        with self._read() as session:
            last = exercises_repo.last_session(session, exercise_id)
        if last is None:
            return None
        return dataclasses.replace(
            last.as_draft(), performed_at=self.now(), pain_during=None, note=""
        )

    def sessions(
        self, exercise_id: int | None = None, start: date | None = None, end: date | None = None
    ) -> list[LoggedSession]:
        """Live sessions, newest first."""
        with self._read() as session:
            return exercises_repo.list_sessions(session, exercise_id, None, start, end)

    # --- runs -------------------------------------------------------------------------------
    def _run_warnings(self, session: Session, draft: RunDraft) -> list[str]:
        stage = self._stage_on(session, self.local_day(draft.performed_at))
        warning = run_stage_warning(draft.hills, draft.speed, stage)
        return [warning] if warning else []

    def log_run(self, draft: RunDraft) -> tuple[int, list[str]]:
        """Store a run as a load session (R2.4); returns its id and warnings."""
        clean = draft.validate(self.now())
        with self._write() as session:
            warnings = self._run_warnings(session, clean)
            new_id = exercises_repo.add_run(
                session, clean, self.local_day(clean.performed_at), self.now()
            )
        self.changed.emit()
        return new_id, warnings

    def update_run(self, run_id: int, draft: RunDraft) -> list[str]:
        clean = draft.validate(self.now())
        with self._write() as session:
            before = self._run(session, run_id)
            clean = dataclasses.replace(
                clean,
                duration_s=kept_seconds(clean.duration_s, before.file_moving_s, before.duration_s),
                distance_km=kept_km(clean.distance_km, before.file_distance_km, before.distance_km),
            )
            warnings = self._run_warnings(session, clean)
            day = self.edited_day(before.performed_at, before.local_date, clean.performed_at)
            exercises_repo.update_run(session, run_id, clean, day)
        self.changed.emit()
        return warnings

    @staticmethod
    def _run(session: Session, run_id: int) -> LoggedRun:
        run = exercises_repo.get_run(session, run_id)
        if run is None:
            raise ValidationError("run", "That run no longer exists.")
        return run

    def run(self, run_id: int) -> LoggedRun:
        with self._read() as session:
            return self._run(session, run_id)

    def runs(self, start: date | None = None, end: date | None = None) -> list[LoggedRun]:
        with self._read() as session:
            return exercises_repo.list_runs(session, start, end)

    def delete_run(self, run_id: int) -> None:
        self._set_run_deleted(run_id, self.now())

    def undo_delete_run(self, run_id: int) -> None:
        self._set_run_deleted(run_id, None)

    def _set_run_deleted(self, run_id: int, when: datetime | None) -> None:
        with self._write() as session:
            self._run(session, run_id)
            exercises_repo.set_run_deleted(session, run_id, when)
        self.changed.emit()

    # --- history ----------------------------------------------------------------------------
    def history(self, filters: HistoryFilter | None = None) -> list[HistoryRow]:
        """Sessions and runs, newest first, as rows for the history table."""
        f = filters or HistoryFilter()
        rows: list[HistoryRow] = []
        with self._read() as session:
            if not f.runs_only:
                logged = exercises_repo.list_sessions(
                    session, f.exercise_id, f.stage, f.start, f.end
                )
                rows += [_session_row(s, self.zone()) for s in logged]
            if f.exercise_id is None and f.stage in (None, RUNNING_STAGE):
                runs = exercises_repo.list_runs(session, f.start, f.end)
                rows += [_run_row(r, self.zone()) for r in runs]
        rows.sort(key=lambda r: r.performed_at, reverse=True)
        return rows
