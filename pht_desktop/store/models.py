"""Typed ORM models: everything the three jobs record, mapped onto ``tables``.

Importing this module maps the classes (~36 ms with their configuration), so the start
does not: its reads and the first tick's writes use the Core tables, and the first
code that needs objects (a form's save, an edit, the history) imports this module.
Timestamps are UTC (``UtcDateTime``); each load record also keeps the calendar
``local_date`` the user lived it on, so verdicts (R3.2) stay right after a
timezone change. Soft deletion (``deleted_at``) makes undo possible and keeps
history honest.
"""

# No ``from __future__ import annotations`` here: SQLAlchemy would then eval() each of
# the ~135 ``Mapped[...]`` strings when the classes are built, a sixth of this module's
# import at every start-up (issue 16). Real annotations need no eval.

from datetime import date, datetime

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from pht_desktop.store import tables


class Base(DeclarativeBase):
    """Mapped onto ``tables.metadata``: the schema is described once, as Core tables."""

    metadata = tables.metadata


class Setting(Base):
    """Key/value settings and profile; values are JSON text validated by the domain."""

    __table__ = tables.settings

    key: Mapped[str]
    value: Mapped[str]


class StageChange(Base):
    """Rehab stage 1–5 (R2), kept with its effective date (R2.7)."""

    __table__ = tables.stage_changes

    id: Mapped[int]
    effective_date: Mapped[date]
    stage: Mapped[int]
    note: Mapped[str]
    created_at: Mapped[datetime]


class PathologyStageChange(Base):
    """Reactive / dysrepair / degenerative as set by the user or clinician (R4)."""

    __table__ = tables.pathology_stage_changes

    id: Mapped[int]
    effective_date: Mapped[date]
    pathology_stage: Mapped[str]
    created_at: Mapped[datetime]


class BaselineChange(Base):
    """Usual morning pain (R3.1); every change kept with its effective date."""

    __table__ = tables.baseline_changes

    id: Mapped[int]
    effective_date: Mapped[date]
    pain: Mapped[int]
    source: Mapped[str]
    created_at: Mapped[datetime]


class TestChange(Base):
    """The locked morning test (R3.7); a change is an event with a date."""

    __table__ = tables.test_changes

    id: Mapped[int]
    effective_date: Mapped[date]
    test_kind: Mapped[str]
    test_name: Mapped[str]
    created_at: Mapped[datetime]


class MorningPain(Base):
    """One entry per calendar date (R3.4), on the test in force when recorded."""

    __table__ = tables.morning_pain

    id: Mapped[int]
    entry_date: Mapped[date]
    pain: Mapped[int]
    test_kind: Mapped[str]
    test_name: Mapped[str]
    recorded_at: Mapped[datetime]
    note: Mapped[str]


class Exercise(Base):
    """Catalogue entry (built-in, seeded by migration) or the user's own."""

    __table__ = tables.exercises

    id: Mapped[int]
    slug: Mapped[str | None]
    name: Mapped[str]
    stage: Mapped[int]
    how_to: Mapped[str]
    dose_type: Mapped[str]
    default_sets: Mapped[int]
    default_reps: Mapped[int]
    default_hold_s: Mapped[int | None]
    default_rest_s: Mapped[int]
    compressive: Mapped[bool]
    avoid_early: Mapped[bool]
    hsr: Mapped[bool]
    builtin: Mapped[bool]
    archived: Mapped[bool]
    # A user's own exercise's ladder (R2.9): NULL means the default steps.
    ladder_rungs: Mapped[int | None]
    ladder_step: Mapped[int | None]
    ladder_load_step_kg: Mapped[float | None]


class ExerciseSession(Base):
    """One logged exercise session (a load event for R3.2)."""

    __table__ = tables.exercise_sessions

    id: Mapped[int]
    exercise_id: Mapped[int]
    performed_at: Mapped[datetime]
    local_date: Mapped[date]
    load_kind: Mapped[str]
    band_colour: Mapped[str | None]
    load_kg: Mapped[float | None]
    effort_kind: Mapped[str]
    effort_value: Mapped[int | None]
    pain_during: Mapped[int | None]
    note: Mapped[str]
    source: Mapped[str]
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]

    sets: Mapped[list["SessionSet"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="SessionSet.position",
    )
    exercise: Mapped[Exercise] = relationship()


class SessionSet(Base):
    """A set: reps (or holds) and, for timed holds, seconds per hold."""

    __table__ = tables.session_sets

    id: Mapped[int]
    session_id: Mapped[int]
    position: Mapped[int]
    reps: Mapped[int]
    hold_seconds: Mapped[int | None]
    rest_seconds: Mapped[int | None]

    session: Mapped[ExerciseSession] = relationship(back_populates="sets")


class Run(Base):
    """A run as a load session (R2.4, stage 5)."""

    __table__ = tables.runs

    id: Mapped[int]
    performed_at: Mapped[datetime]
    local_date: Mapped[date]
    duration_s: Mapped[int]
    distance_km: Mapped[float | None]
    style: Mapped[str]
    hills: Mapped[bool]
    speed: Mapped[bool]
    pain_during: Mapped[int | None]
    note: Mapped[str]
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    # Imported from a watch's file (issue 14); "manual" for a run typed in.
    source: Mapped[str]
    source_name: Mapped[str | None]
    source_sha256: Mapped[str | None]
    elapsed_s: Mapped[int | None]
    elevation_gain_m: Mapped[float | None]
    best_km_s: Mapped[float | None]
    fastest_pace_s_km: Mapped[float | None]
    steepest_grade: Mapped[float | None]
    flag_note: Mapped[str]
    # What the file measured, kept when the user edits the minutes or distance (0008).
    file_moving_s: Mapped[int | None]
    file_distance_km: Mapped[float | None]


class SittingBout(Base):
    """A stretch of sitting: measured at the computer or added by hand (R1.3)."""

    __table__ = tables.sitting_bouts

    id: Mapped[int]
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    seconds: Mapped[int]
    source: Mapped[str]
    end_reason: Mapped[str | None]
    manual_kind: Mapped[str | None]
    seat: Mapped[str | None]
    deleted_at: Mapped[datetime | None]


class BreakPrompt(Base):
    """Every prompt: when it fired, the bout then, the response (R1.3)."""

    __table__ = tables.break_prompts

    id: Mapped[int]
    fired_at: Mapped[datetime]
    bout_seconds: Mapped[int]
    response: Mapped[str | None]
    responded_at: Mapped[datetime | None]
    seconds_stood: Mapped[int]
    snoozes: Mapped[int]
    deferrals: Mapped[int]
    skip_reason: Mapped[str]


class PromptDeferral(Base):
    """A prompt held back for do-not-disturb or a full-screen window (never silent)."""

    __table__ = tables.prompt_deferrals

    id: Mapped[int]
    prompt_id: Mapped[int | None]
    deferred_at: Mapped[datetime]
    reason: Mapped[str]


class Stand(Base):
    """A standing break: prompted, self-started, or confirmed after idle."""

    __table__ = tables.stands

    id: Mapped[int]
    started_at: Mapped[datetime]
    seconds: Mapped[int]
    source: Mapped[str]
    ended_early: Mapped[bool]
    prompt_id: Mapped[int | None]


class AwayPeriod(Base):
    """Idle time the user was asked about ("Were you up?"); 'unknown' if unanswered."""

    __table__ = tables.away_periods

    id: Mapped[int]
    started_at: Mapped[datetime]
    seconds: Mapped[int]
    answer: Mapped[str]
    cause: Mapped[str]


class MeasureEntry(Base):
    """An outcome measure taken on a date (issue 15): sitting tolerance, bridge, VISA-H.

    ``value`` is minutes (sitting) or the VISA-H total; a bridge keeps reps per side, its
    tempo and the painful side. One live entry per kind and date; a soft-deleted one may
    share it, so undo can bring it back.
    """

    __table__ = tables.measures

    id: Mapped[int]
    kind: Mapped[str]
    taken_on: Mapped[date]
    value: Mapped[float | None]
    reached_cap: Mapped[bool]
    left_reps: Mapped[int | None]
    right_reps: Mapped[int | None]
    painful_side: Mapped[str | None]
    tempo_s: Mapped[int | None]
    note: Mapped[str]
    created_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
