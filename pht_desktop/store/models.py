"""Typed ORM models: everything the three jobs record.

Timestamps are UTC (``UtcDateTime``); each load record also keeps the calendar
``local_date`` the user lived it on, so verdicts (R3.2) stay right after a
timezone change. Soft deletion (``deleted_at``) makes undo possible and keeps
history honest.
"""

# No ``from __future__ import annotations`` here: SQLAlchemy would then eval() each of
# the ~135 ``Mapped[...]`` strings when the classes are built, a sixth of this module's
# import at every start-up (issue 16). Real annotations need no eval.

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from pht_desktop.store.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Setting(Base):
    """Key/value settings and profile; values are JSON text validated by the domain."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StageChange(Base):
    """Rehab stage 1–5 (R2), kept with its effective date (R2.7)."""

    __tablename__ = "stage_changes"
    __table_args__ = (CheckConstraint("stage BETWEEN 1 AND 5", name="ck_stage_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_date: Mapped[date] = mapped_column(Date, index=True)
    stage: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class PathologyStageChange(Base):
    """Reactive / dysrepair / degenerative as set by the user or clinician (R4)."""

    __tablename__ = "pathology_stage_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_date: Mapped[date] = mapped_column(Date, index=True)
    pathology_stage: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BaselineChange(Base):
    """Usual morning pain (R3.1); every change kept with its effective date."""

    __tablename__ = "baseline_changes"
    __table_args__ = (CheckConstraint("pain BETWEEN 0 AND 10", name="ck_baseline_pain"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_date: Mapped[date] = mapped_column(Date, index=True)
    pain: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class TestChange(Base):
    """The locked morning test (R3.7); a change is an event with a date."""

    __tablename__ = "test_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_date: Mapped[date] = mapped_column(Date, index=True)
    test_kind: Mapped[str] = mapped_column(String(32))
    test_name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MorningPain(Base):
    """One entry per calendar date (R3.4), on the test in force when recorded."""

    __tablename__ = "morning_pain"
    __table_args__ = (CheckConstraint("pain BETWEEN 0 AND 10", name="ck_morning_pain"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entry_date: Mapped[date] = mapped_column(Date, unique=True)
    pain: Mapped[int] = mapped_column(Integer)
    test_kind: Mapped[str] = mapped_column(String(32))
    test_name: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")


class Exercise(Base):
    """Catalogue entry (built-in, seeded by migration) or the user's own."""

    __tablename__ = "exercises"
    __table_args__ = (CheckConstraint("stage BETWEEN 1 AND 5", name="ck_exercise_stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    stage: Mapped[int] = mapped_column(Integer, index=True)
    how_to: Mapped[str] = mapped_column(Text, default="")
    dose_type: Mapped[str] = mapped_column(String(8))
    default_sets: Mapped[int] = mapped_column(Integer, default=3)
    default_reps: Mapped[int] = mapped_column(Integer, default=1)
    default_hold_s: Mapped[int | None] = mapped_column(Integer)
    default_rest_s: Mapped[int] = mapped_column(Integer, default=120)
    compressive: Mapped[bool] = mapped_column(Boolean, default=False)
    avoid_early: Mapped[bool] = mapped_column(Boolean, default=False)
    hsr: Mapped[bool] = mapped_column(Boolean, default=False)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # A user's own exercise's ladder (R2.9): NULL means the default steps.
    ladder_rungs: Mapped[int | None] = mapped_column(Integer)
    ladder_step: Mapped[int | None] = mapped_column(Integer)
    ladder_load_step_kg: Mapped[float | None] = mapped_column(Float)


class ExerciseSession(Base):
    """One logged exercise session (a load event for R3.2)."""

    __tablename__ = "exercise_sessions"
    __table_args__ = (
        CheckConstraint("pain_during IS NULL OR pain_during BETWEEN 0 AND 10", name="ck_sess_pain"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id"), index=True)
    performed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    local_date: Mapped[date] = mapped_column(Date, index=True)
    load_kind: Mapped[str] = mapped_column(String(16), default="bodyweight")
    band_colour: Mapped[str | None] = mapped_column(String(32))
    load_kg: Mapped[float | None] = mapped_column(Float)
    effort_kind: Mapped[str] = mapped_column(String(8), default="rpe")
    effort_value: Mapped[int | None] = mapped_column(Integer)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16), default="form")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    sets: Mapped[list["SessionSet"]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="SessionSet.position",
    )
    exercise: Mapped[Exercise] = relationship()


class SessionSet(Base):
    """A set: reps (or holds) and, for timed holds, seconds per hold."""

    __tablename__ = "session_sets"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("exercise_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    hold_seconds: Mapped[int | None] = mapped_column(Integer)
    rest_seconds: Mapped[int | None] = mapped_column(Integer)

    session: Mapped[ExerciseSession] = relationship(back_populates="sets")


class Run(Base):
    """A run as a load session (R2.4, stage 5)."""

    __tablename__ = "runs"
    __table_args__ = (
        CheckConstraint("pain_during IS NULL OR pain_during BETWEEN 0 AND 10", name="ck_run_pain"),
        CheckConstraint("duration_s > 0", name="ck_run_duration"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    performed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    local_date: Mapped[date] = mapped_column(Date, index=True)
    duration_s: Mapped[int] = mapped_column(Integer)
    distance_km: Mapped[float | None] = mapped_column(Float)
    style: Mapped[str] = mapped_column(String(16), default="run_walk")
    hills: Mapped[bool] = mapped_column(Boolean, default=False)
    speed: Mapped[bool] = mapped_column(Boolean, default=False)
    pain_during: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Imported from a watch's file (issue 14); "manual" for a run typed in.
    source: Mapped[str] = mapped_column(String(8), default="manual", server_default="manual")
    source_name: Mapped[str | None] = mapped_column(String(255))
    source_sha256: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    elapsed_s: Mapped[int | None] = mapped_column(Integer)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    best_km_s: Mapped[float | None] = mapped_column(Float)
    fastest_pace_s_km: Mapped[float | None] = mapped_column(Float)
    steepest_grade: Mapped[float | None] = mapped_column(Float)
    flag_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    # What the file measured, kept when the user edits the minutes or distance (0008).
    file_moving_s: Mapped[int | None] = mapped_column(Integer)
    file_distance_km: Mapped[float | None] = mapped_column(Float)


class SittingBout(Base):
    """A stretch of sitting: measured at the computer or added by hand (R1.3)."""

    __tablename__ = "sitting_bouts"
    __table_args__ = (CheckConstraint("seconds >= 0", name="ck_bout_seconds"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    seconds: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(16), default="computer")
    end_reason: Mapped[str | None] = mapped_column(String(24))
    manual_kind: Mapped[str | None] = mapped_column(String(16))
    seat: Mapped[str | None] = mapped_column(String(8))
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class BreakPrompt(Base):
    """Every prompt: when it fired, the bout then, the response (R1.3)."""

    __tablename__ = "break_prompts"

    id: Mapped[int] = mapped_column(primary_key=True)
    fired_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    bout_seconds: Mapped[int] = mapped_column(Integer)
    response: Mapped[str | None] = mapped_column(String(16))
    responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    seconds_stood: Mapped[int] = mapped_column(Integer, default=0)
    snoozes: Mapped[int] = mapped_column(Integer, default=0)
    deferrals: Mapped[int] = mapped_column(Integer, default=0)
    skip_reason: Mapped[str] = mapped_column(Text, default="")


class PromptDeferral(Base):
    """A prompt held back for do-not-disturb or a full-screen window (never silent)."""

    __tablename__ = "prompt_deferrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int | None] = mapped_column(
        ForeignKey("break_prompts.id", ondelete="SET NULL"), index=True
    )
    deferred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(String(16))


class Stand(Base):
    """A standing break: prompted, self-started, or confirmed after idle."""

    __tablename__ = "stands"
    __table_args__ = (CheckConstraint("seconds >= 0", name="ck_stand_seconds"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    seconds: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    ended_early: Mapped[bool] = mapped_column(Boolean, default=False)
    prompt_id: Mapped[int | None] = mapped_column(
        ForeignKey("break_prompts.id", ondelete="SET NULL")
    )


class AwayPeriod(Base):
    """Idle time the user was asked about ("Were you up?"); 'unknown' if unanswered."""

    __tablename__ = "away_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    seconds: Mapped[int] = mapped_column(Integer)
    answer: Mapped[str] = mapped_column(String(16))
    cause: Mapped[str] = mapped_column(String(16), default="idle")


class MeasureEntry(Base):
    """An outcome measure taken on a date (issue 15): sitting tolerance, bridge, VISA-H.

    ``value`` is minutes (sitting) or the VISA-H total; a bridge keeps reps per side, its
    tempo and the painful side. One live entry per kind and date; a soft-deleted one may
    share it, so undo can bring it back.
    """

    __tablename__ = "measures"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('sitting_tolerance', 'bridge', 'visa_h')", name="ck_measure_kind"
        ),
        CheckConstraint("value IS NULL OR value BETWEEN 0 AND 100", name="ck_measure_value"),
        Index(
            "ux_measures_live_kind_day",
            "kind",
            "taken_on",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    taken_on: Mapped[date] = mapped_column(Date, index=True)
    value: Mapped[float | None] = mapped_column(Float)
    reached_cap: Mapped[bool] = mapped_column(Boolean, default=False)
    left_reps: Mapped[int | None] = mapped_column(Integer)
    right_reps: Mapped[int | None] = mapped_column(Integer)
    painful_side: Mapped[str | None] = mapped_column(String(8))
    tempo_s: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
