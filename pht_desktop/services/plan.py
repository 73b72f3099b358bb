"""Today's plan for the whole app: ONE instruction, from the one verdict engine (issue 11).

"What next", "Today's plan", the tray, Ctrl+T, the hold-timer and break offers and the
report all ask :meth:`PlanService.today`; it gathers plain values from the store and
calls :func:`pht_desktop.domain.plan.plan_today`. Stage and sitting moves are only
proposed there; they are recorded here once the user confirms (R2.7, R2.10, R1.5), each
with its date and reason, and a stage move can be undone the same day.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from sqlalchemy.orm import Session

from pht_desktop.domain import setting_specs
from pht_desktop.domain.dose_ladder import Performed
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import EffortKind, Load, SetEntry
from pht_desktop.domain.plan import (
    RUN_EXERCISE,
    BreakOffer,
    Done,
    Plan,
    PlanExercise,
    PlanInputs,
    SittingMove,
    StageMove,
    allowed_stage_move,
    break_offer,
    hand_picked_sets,
    plan_today,
    reactive_stage_move,
    with_one_run,
)
from pht_desktop.domain.plan import plan_exercise as domain_plan_exercise
from pht_desktop.domain.profile import StageEvent, stage_on
from pht_desktop.domain.verdicts import judge
from pht_desktop.services.base import ServiceBase
from pht_desktop.services.breaks import BreakService
from pht_desktop.services.morning import MorningService
from pht_desktop.store import (
    catalogue_repo,
    exercises_repo,
    profile_repo,
    settings_repo,
    verdicts_repo,
)


def plan_exercise(info: catalogue_repo.ExerciseInfo) -> PlanExercise:
    """An exercise row as the plan reads it, its own ladder steps included (R2.9)."""
    return domain_plan_exercise(info.id, info, info.steps)


class PlanService(ServiceBase):
    """The plan's inputs, the plan, and the moves the user confirms."""

    def __init__(self, *args: object, morning: MorningService, breaks: BreakService) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.morning = morning
        self.breaks = breaks

    # --- inputs ---------------------------------------------------------------------------
    def _exercises(self, session: Session) -> tuple[PlanExercise, ...]:
        return with_one_run(plan_exercise(r) for r in catalogue_repo.list_exercises(session))

    @staticmethod
    def _done(session: Session) -> list[Done]:
        done: list[Done] = []
        for logged in exercises_repo.list_sessions(session):
            effort = logged.effort_value if logged.effort_kind is EffortKind.PERCENT else None
            performed = Performed.from_sets(logged.sets, effort, logged.load.kg)
            done.append(Done(logged.exercise_id, logged.local_date, performed, logged.load))
        for run in exercises_repo.list_runs(session):
            performed = Performed.from_run(run.duration_s, run.style, run.hills, run.speed)
            done.append(Done(RUN_EXERCISE.id, run.local_date, performed, Load()))
        return done

    def inputs(self) -> PlanInputs:
        """Everything :func:`plan_today` reads, gathered in one read; the verdicts come
        from the one verdict engine (``verdicts_repo.verdict_inputs`` + ``judge``)."""
        today = self.today()
        interval = self.breaks.settings().sitting_interval_min
        with self._read() as session:
            # Labelled: the same read the morning card and the chart judge (issue 16).
            verdict_inputs = verdicts_repo.verdict_inputs(session)
            history = profile_repo.stage_history(session)
            pathology = profile_repo.pathology_history(session)
            in_force = [e for e in history if e.effective_date <= today]
            return PlanInputs(
                today=today,
                verdicts=tuple(judge(verdict_inputs)),
                done=tuple(self._done(session)),
                exercises=self._exercises(session),
                mornings=verdict_inputs.mornings,
                baselines=verdict_inputs.baselines,
                stage=stage_on(history, today),
                stage_since=in_force[-1].effective_date if in_force else None,
                pathology=pathology[-1].pathology_stage if pathology else "unknown",
                progress_after=settings_repo.read(session, setting_specs.PROGRESS_AFTER),
                sitting_interval_min=interval,
                sitting_reviewed_through=settings_repo.read(
                    session, setting_specs.SITTING_REVIEWED
                ),
            )

    def _stage_and_pathology(self) -> tuple[int, str]:
        """Today's rehab stage and the stage of pathology in force (R2.7, R4)."""
        today = self.today()
        with self._read() as session:
            stage = stage_on(profile_repo.stage_history(session), today)
            pathology = profile_repo.pathology_history(session)
        return stage, pathology[-1].pathology_stage if pathology else "unknown"

    def hand_picked_sets(self, info: catalogue_repo.ExerciseInfo) -> tuple[SetEntry, ...]:
        """The log form's dose for an exercise picked by hand: the plan's starting rung
        (none for a stretch to avoid early before stage 4, R2.2)."""
        return hand_picked_sets(plan_exercise(info), *self._stage_and_pathology())

    def reactive_move(self) -> StageMove | None:
        """R4: after the user chose *reactive* above stage 1, the move back to stage 1 to
        propose (Settings and the welcome ask; the user confirms)."""
        return reactive_stage_move(*self._stage_and_pathology())

    # --- the plan -------------------------------------------------------------------------
    def today_plan(self) -> Plan:
        """Today's one instruction; equal inputs give an equal plan, whoever asks."""
        return plan_today(self.inputs())

    def break_offer(self, break_s: int | None = None) -> BreakOffer | None:
        """One set of the standing hold that fits inside the break (None: no offer)."""
        inputs = self.inputs()
        length = break_s if break_s is not None else int(self.breaks.settings().break_s)
        return break_offer(plan_today(inputs), inputs.exercises, length)

    # --- stage moves (R2.7, R2.10) --------------------------------------------------------
    def accept_stage_move(self, move: StageMove, ticked: Collection[str] = ()) -> StageEvent:
        """Record a confirmed stage move from today, with its reason.

        Refused when the stage changed meanwhile (a stale button cannot skip a stage; only
        the reactive return to stage 1 moves more than one stage, R4), and, before stage 5,
        unless every R2.8 checklist item was ticked.
        """
        today = self.today()
        stage, pathology = self._stage_and_pathology()
        if not allowed_stage_move(move, stage, pathology):
            raise ValidationError(
                "stage", f"You are at stage {stage} now; this proposal no longer applies."
            )
        missing = [item for item in move.checklist if item not in ticked]
        if missing:
            raise ValidationError(
                "checklist", "Tick every running-readiness item first (R2.8): " + missing[0]
            )
        event = StageEvent.create(today, move.proposed, today, note=move.reason[:200])
        with self._write() as session:
            profile_repo.add_stage_change(session, event, self.now())
        self.changed.emit()
        self.morning.stage_changed.emit()
        return event

    def can_undo_stage_move(self) -> bool:
        """A stage move recorded today can be taken back today."""
        with self._read() as session:
            return profile_repo.has_stage_change_on(session, self.today())

    def undo_stage_move(self) -> None:
        """Take back today's latest stage move (recorded the same day only)."""
        with self._write() as session:
            row_id = profile_repo.stage_change_recorded_on(session, self.today())
            if row_id is None:
                raise ValidationError("stage", "Only a stage change made today can be undone.")
            profile_repo.delete_stage_change(session, row_id)
        self.changed.emit()
        self.morning.stage_changed.emit()

    # --- sitting (R1.5, R3.10) ------------------------------------------------------------
    def answer_sitting_move(self, move: SittingMove, accepted: bool) -> None:
        """Apply a confirmed sitting interval; either answer closes that week's proposal."""
        if accepted:
            settings = self.breaks.settings()
            changed = dataclasses.replace(settings, sitting_interval_min=move.proposed_min)
            self.breaks.save_settings(changed, self.breaks.ui_options())
        if move.week is not None:
            with self._write() as session:
                settings_repo.write(session, setting_specs.SITTING_REVIEWED, move.week)
        self.changed.emit()
