"""The schema as Core tables: what start-up reads and writes, with no ORM mapping.

The ORM classes in ``models`` are mapped onto these same tables by the first code that
needs them. Mapping the 16 classes and configuring their mappers took ~36 ms of every
start, and building ORM objects for Today's reads ~20 ms more (issue 16), while the
start needs rows, not objects. ``metadata`` is the schema's one description: the
migrations' drift test, the head schema and the check of an unfinished first start
all compare against it.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from pht_desktop.store.types import UtcDateTime

metadata = MetaData()


# Key/value settings and profile; values are JSON text validated by the domain.
settings = Table(
    "settings",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Rehab stage 1–5 (R2), kept with its effective date (R2.7).
stage_changes = Table(
    "stage_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("effective_date", Date, nullable=False, index=True),
    Column("stage", Integer, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime, nullable=False),
    CheckConstraint("stage BETWEEN 1 AND 5", name="ck_stage_range"),
)

# Reactive / dysrepair / degenerative as set by the user or clinician (R4).
pathology_stage_changes = Table(
    "pathology_stage_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("effective_date", Date, nullable=False, index=True),
    Column("pathology_stage", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

# Usual morning pain (R3.1); every change kept with its effective date.
baseline_changes = Table(
    "baseline_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("effective_date", Date, nullable=False, index=True),
    Column("pain", Integer, nullable=False),
    Column("source", String(16), nullable=False, default="manual"),
    Column("created_at", UtcDateTime, nullable=False),
    CheckConstraint("pain BETWEEN 0 AND 10", name="ck_baseline_pain"),
)

# The locked morning test (R3.7); a change is an event with a date.
test_changes = Table(
    "test_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("effective_date", Date, nullable=False, index=True),
    Column("test_kind", String(32), nullable=False),
    Column("test_name", String(120), nullable=False, default=""),
    Column("created_at", UtcDateTime, nullable=False),
)

# One entry per calendar date (R3.4), on the test in force when recorded.
morning_pain = Table(
    "morning_pain",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_date", Date, nullable=False, unique=True),
    Column("pain", Integer, nullable=False),
    Column("test_kind", String(32), nullable=False),
    Column("test_name", String(120), nullable=False, default=""),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("note", Text, nullable=False, default=""),
    CheckConstraint("pain BETWEEN 0 AND 10", name="ck_morning_pain"),
)

# Catalogue entry (built-in, seeded by migration) or the user's own.
exercises = Table(
    "exercises",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(64), nullable=True, unique=True),
    Column("name", String(120), nullable=False),
    Column("stage", Integer, nullable=False, index=True),
    Column("how_to", Text, nullable=False, default=""),
    Column("dose_type", String(8), nullable=False),
    Column("default_sets", Integer, nullable=False, default=3),
    Column("default_reps", Integer, nullable=False, default=1),
    Column("default_hold_s", Integer, nullable=True),
    Column("default_rest_s", Integer, nullable=False, default=120),
    Column("compressive", Boolean, nullable=False, default=False),
    Column("avoid_early", Boolean, nullable=False, default=False),
    Column("hsr", Boolean, nullable=False, default=False),
    Column("builtin", Boolean, nullable=False, default=False),
    Column("archived", Boolean, nullable=False, default=False),
    Column("ladder_rungs", Integer, nullable=True),
    Column("ladder_step", Integer, nullable=True),
    Column("ladder_load_step_kg", Float, nullable=True),
    CheckConstraint("stage BETWEEN 1 AND 5", name="ck_exercise_stage"),
)

# One logged exercise session (a load event for R3.2).
exercise_sessions = Table(
    "exercise_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("exercise_id", ForeignKey("exercises.id"), nullable=False, index=True),
    Column("performed_at", UtcDateTime, nullable=False, index=True),
    Column("local_date", Date, nullable=False, index=True),
    Column("load_kind", String(16), nullable=False, default="bodyweight"),
    Column("band_colour", String(32), nullable=True),
    Column("load_kg", Float, nullable=True),
    Column("effort_kind", String(8), nullable=False, default="rpe"),
    Column("effort_value", Integer, nullable=True),
    Column("pain_during", Integer, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("source", String(16), nullable=False, default="form"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("deleted_at", UtcDateTime, nullable=True),
    CheckConstraint("pain_during IS NULL OR pain_during BETWEEN 0 AND 10", name="ck_sess_pain"),
)

# A set: reps (or holds) and, for timed holds, seconds per hold.
session_sets = Table(
    "session_sets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "session_id",
        ForeignKey("exercise_sessions.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("reps", Integer, nullable=False),
    Column("hold_seconds", Integer, nullable=True),
    Column("rest_seconds", Integer, nullable=True),
    UniqueConstraint("session_id", "position"),
)

# A run as a load session (R2.4, stage 5).
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("performed_at", UtcDateTime, nullable=False, index=True),
    Column("local_date", Date, nullable=False, index=True),
    Column("duration_s", Integer, nullable=False),
    Column("distance_km", Float, nullable=True),
    Column("style", String(16), nullable=False, default="run_walk"),
    Column("hills", Boolean, nullable=False, default=False),
    Column("speed", Boolean, nullable=False, default=False),
    Column("pain_during", Integer, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("deleted_at", UtcDateTime, nullable=True),
    Column("source", String(8), nullable=False, default="manual", server_default="manual"),
    Column("source_name", String(255), nullable=True),
    Column("source_sha256", String(64), nullable=True, unique=True, index=True),
    Column("elapsed_s", Integer, nullable=True),
    Column("elevation_gain_m", Float, nullable=True),
    Column("best_km_s", Float, nullable=True),
    Column("fastest_pace_s_km", Float, nullable=True),
    Column("steepest_grade", Float, nullable=True),
    Column("flag_note", Text, nullable=False, default="", server_default=""),
    Column("file_moving_s", Integer, nullable=True),
    Column("file_distance_km", Float, nullable=True),
    CheckConstraint("pain_during IS NULL OR pain_during BETWEEN 0 AND 10", name="ck_run_pain"),
    CheckConstraint("duration_s > 0", name="ck_run_duration"),
)

# A stretch of sitting: measured at the computer or added by hand (R1.3).
sitting_bouts = Table(
    "sitting_bouts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", UtcDateTime, nullable=False, index=True),
    Column("ended_at", UtcDateTime, nullable=True),
    Column("seconds", Integer, nullable=False, default=0),
    Column("source", String(16), nullable=False, default="computer"),
    Column("end_reason", String(24), nullable=True),
    Column("manual_kind", String(16), nullable=True),
    Column("seat", String(8), nullable=True),
    Column("deleted_at", UtcDateTime, nullable=True),
    CheckConstraint("seconds >= 0", name="ck_bout_seconds"),
)

# Every prompt: when it fired, the bout then, the response (R1.3).
break_prompts = Table(
    "break_prompts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("fired_at", UtcDateTime, nullable=False, index=True),
    Column("bout_seconds", Integer, nullable=False),
    Column("response", String(16), nullable=True),
    Column("responded_at", UtcDateTime, nullable=True),
    Column("seconds_stood", Integer, nullable=False, default=0),
    Column("snoozes", Integer, nullable=False, default=0),
    Column("deferrals", Integer, nullable=False, default=0),
    Column("skip_reason", Text, nullable=False, default=""),
)

# A prompt held back for do-not-disturb or a full-screen window (never silent).
prompt_deferrals = Table(
    "prompt_deferrals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "prompt_id", ForeignKey("break_prompts.id", ondelete="SET NULL"), nullable=True, index=True
    ),
    Column("deferred_at", UtcDateTime, nullable=False),
    Column("reason", String(16), nullable=False),
)

# A standing break: prompted, self-started, or confirmed after idle.
stands = Table(
    "stands",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", UtcDateTime, nullable=False, index=True),
    Column("seconds", Integer, nullable=False),
    Column("source", String(16), nullable=False),
    Column("ended_early", Boolean, nullable=False, default=False),
    Column("prompt_id", ForeignKey("break_prompts.id", ondelete="SET NULL"), nullable=True),
    CheckConstraint("seconds >= 0", name="ck_stand_seconds"),
)

# Idle time the user was asked about ("Were you up?"); 'unknown' if unanswered.
away_periods = Table(
    "away_periods",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", UtcDateTime, nullable=False, index=True),
    Column("seconds", Integer, nullable=False),
    Column("answer", String(16), nullable=False),
    Column("cause", String(16), nullable=False, default="idle"),
)

# An outcome measure taken on a date (issue 15): sitting tolerance, bridge, VISA-H.
#
# ``value`` is minutes (sitting) or the VISA-H total; a bridge keeps reps per side, its
# tempo and the painful side. One live entry per kind and date; a soft-deleted one may
# share it, so undo can bring it back.
measures = Table(
    "measures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(24), nullable=False),
    Column("taken_on", Date, nullable=False, index=True),
    Column("value", Float, nullable=True),
    Column("reached_cap", Boolean, nullable=False, default=False),
    Column("left_reps", Integer, nullable=True),
    Column("right_reps", Integer, nullable=True),
    Column("painful_side", String(8), nullable=True),
    Column("tempo_s", Integer, nullable=True),
    Column("note", Text, nullable=False, default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("deleted_at", UtcDateTime, nullable=True),
    CheckConstraint("kind IN ('sitting_tolerance', 'bridge', 'visa_h')", name="ck_measure_kind"),
    CheckConstraint("value IS NULL OR value BETWEEN 0 AND 100", name="ck_measure_value"),
    Index(
        "ux_measures_live_kind_day",
        "kind",
        "taken_on",
        unique=True,
        sqlite_where=text("deleted_at IS NULL"),
    ),
)
