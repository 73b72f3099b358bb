"""The table of kinds: every file of an export, its columns, key and checks.

Data more than code: one entry per table, in the order an import writes them (a
session's exercise before the session, a prompt before its stands).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from pht_desktop.domain.catalogue import DOSE_TYPES
from pht_desktop.domain.dose_ladder import (
    CUSTOM_HOLD_STEP_RANGE,
    CUSTOM_LOAD_STEP_MAX_KG,
    CUSTOM_RUNGS_RANGE,
)
from pht_desktop.domain.exercise import EffortKind, LoadKind, RunStyle
from pht_desktop.domain.interchange import checks as ck
from pht_desktop.domain.interchange.schema import Check, Column, ColumnType, Kind
from pht_desktop.domain.measures import BRIDGE_MAX_REPS, NOTE_MAX, STORED_KINDS, TEMPO_RANGE, Side
from pht_desktop.domain.profile import PATHOLOGY_STAGES

DAY_S: Final = 24 * 3600
MAX_AWAY_DAYS: Final = 100 * 366
"""An away period is as long as the machine was off or asleep: years are possible."""


def _c(name: str, kind: ColumnType, check: Check | None = None, nullable: bool = False) -> Column:
    return Column(name, kind, nullable, check)


def _opt(
    name: str, kind: ColumnType, check: Check, nullable: bool = False, absent: Any = None
) -> Column:
    """A column added after format 1 was first written: a file may leave it out."""
    return Column(name, kind, nullable, check, absent)


T, INT, FLOAT, BOOL = ColumnType.TEXT, ColumnType.INT, ColumnType.FLOAT, ColumnType.BOOL
DATE, DT, JSON = ColumnType.DATE, ColumnType.DATETIME, ColumnType.JSON

_NOTE = ck.text(2000)

# A change history (stage, stage of pathology, baseline, morning test) may go A → B → A
# on one day, so its key holds the moment of each change, and the moment comes before the
# value so an export lists a day's changes in the order they were made (the last one is
# the day's: R2.7). A file without the moments matches on the day and value alone.
KINDS: Final[tuple[Kind, ...]] = (
    Kind(
        "settings",
        (_c("key", T, ck.text(64, required=True)), _c("value", JSON, ck.json_value, nullable=True)),
        key=("key",),
        row_check=ck.setting_row,
    ),
    Kind(
        "stage_changes",
        (
            _c("effective_date", DATE, ck.day),
            _c("stage", INT, ck.in_range(1, 5)),
            _c("note", T, _NOTE),
            _c("created_at", DT, ck.moment, nullable=True),
        ),
        key=("effective_date", "created_at", "stage"),
    ),
    Kind(
        "pathology_stage_changes",
        (
            _c("effective_date", DATE, ck.day),
            _c("pathology_stage", T, ck.choice(PATHOLOGY_STAGES)),
            _c("created_at", DT, ck.moment, nullable=True),
        ),
        key=("effective_date", "created_at", "pathology_stage"),
    ),
    Kind(
        "baseline_changes",
        (
            _c("effective_date", DATE, ck.day),
            _c("pain", INT, ck.pain),
            _c("source", T, ck.text(16, required=True)),
            _c("created_at", DT, ck.moment, nullable=True),
        ),
        key=("effective_date", "created_at", "pain"),
    ),
    Kind(
        "test_changes",
        (
            _c("effective_date", DATE, ck.day),
            _c("test_kind", T, ck.text(32, required=True)),
            _c("test_name", T, ck.text(120)),
            _c("created_at", DT, ck.moment, nullable=True),
        ),
        key=("effective_date", "created_at", "test_kind"),
    ),
    Kind(
        "morning_pain",
        (
            _c("entry_date", DATE, ck.day),
            _c("pain", INT, ck.pain),
            _c("test_kind", T, ck.text(32, required=True)),
            _c("test_name", T, ck.text(120)),
            _c("recorded_at", DT, ck.moment, nullable=True),
            _c("note", T, _NOTE),
        ),
        key=("entry_date",),
    ),
    Kind(
        "exercises",
        (
            _c("ref", T, ck.text(140, required=True)),
            _c("slug", T, ck.slug, nullable=True),
            _c("name", T, ck.text(120, required=True)),
            _c("stage", INT, ck.in_range(1, 5)),
            _c("how_to", T, _NOTE),
            _c("dose_type", T, ck.choice(DOSE_TYPES)),
            _c("default_sets", INT, ck.in_range(1, 30)),
            _c("default_reps", INT, ck.in_range(1, 200)),
            _c("default_hold_s", INT, ck.in_range(1, 600), nullable=True),
            _c("default_rest_s", INT, ck.in_range(0, 1800)),
            _c("compressive", BOOL),
            _c("avoid_early", BOOL),
            _c("hsr", BOOL),
            _c("archived", BOOL),
            # A user's own ladder (issue 11); optional: older exports lack it (default steps).
            _opt("ladder_rungs", INT, ck.in_range(*CUSTOM_RUNGS_RANGE), nullable=True),
            _opt("ladder_step", INT, ck.in_range(0, CUSTOM_HOLD_STEP_RANGE[1]), nullable=True),
            _opt("ladder_load_step_kg", FLOAT, ck.number(CUSTOM_LOAD_STEP_MAX_KG), nullable=True),
        ),
        key=("ref",),
        row_check=ck.exercise_row,
    ),
    Kind(
        "sessions",
        (
            _c("performed_at", DT, ck.moment),
            _c("local_date", DATE, ck.day),
            _c("exercise", T, ck.text(140, required=True)),
            _c("load_kind", T, ck.choice(LoadKind)),
            _c("band_colour", T, ck.text(32, required=True), nullable=True),
            _c("load_kg", FLOAT, ck.number(500.0), nullable=True),
            _c("effort_kind", T, ck.choice(EffortKind)),
            _c("effort_value", INT, nullable=True),
            _c("pain_during", INT, ck.pain, nullable=True),
            _c("note", T, _NOTE),
            _c("source", T, ck.text(16, required=True)),
            _c("created_at", DT, ck.moment, nullable=True),
            _c("deleted_at", DT, ck.moment, nullable=True),
        ),
        key=("performed_at", "exercise"),
        row_check=ck.session_row,
    ),
    Kind(
        "session_sets",
        (
            _c("session_performed_at", DT, ck.moment),
            _c("session_exercise", T, ck.text(140, required=True)),
            _c("position", INT, ck.in_range(0, 1000)),
            _c("reps", INT, ck.in_range(1, 200)),
            _c("hold_seconds", INT, ck.in_range(1, 600), nullable=True),
            _c("rest_seconds", INT, ck.in_range(0, 1800), nullable=True),
        ),
        key=("session_performed_at", "session_exercise", "position"),
    ),
    Kind(
        "runs",
        (
            _c("performed_at", DT, ck.moment),
            _c("local_date", DATE, ck.day),
            _c("duration_s", INT, ck.in_range(1, 8 * 3600)),
            _c("distance_km", FLOAT, ck.number(200.0), nullable=True),
            _c("style", T, ck.choice(RunStyle)),
            _c("hills", BOOL),
            _c("speed", BOOL),
            _c("pain_during", INT, ck.pain, nullable=True),
            _c("note", T, _NOTE),
            _c("created_at", DT, ck.moment, nullable=True),
            _c("deleted_at", DT, ck.moment, nullable=True),
            # Imported from a watch's file (issue 14); optional: older exports lack them.
            _opt("source", T, ck.run_source, absent="manual"),
            _opt("source_name", T, ck.text(255), nullable=True),
            _opt("source_sha256", T, ck.sha256, nullable=True),
            _opt("elapsed_s", INT, ck.in_range(1, 8 * 3600), nullable=True),
            _opt("elevation_gain_m", FLOAT, ck.number(10_000.0), nullable=True),
            _opt("best_km_s", FLOAT, ck.number_between(60.0, 8 * 3600.0), nullable=True),
            _opt("fastest_pace_s_km", FLOAT, ck.number_between(60.0, 8 * 3600.0), nullable=True),
            _opt("steepest_grade", FLOAT, ck.number_between(-1.0, 1.0), nullable=True),
            _opt("flag_note", T, ck.text(500), absent=""),
            # What the file measured, kept when the user edits the run (schema 0008).
            _opt("file_moving_s", INT, ck.in_range(1, 8 * 3600), nullable=True),
            _opt("file_distance_km", FLOAT, ck.number(200.0), nullable=True),
        ),
        key=("performed_at",),
        row_check=ck.run_row,
    ),
    Kind(
        "sitting_bouts",
        (
            _c("started_at", DT, ck.moment),
            _c("ended_at", DT, ck.moment, nullable=True),
            _c("seconds", INT, ck.in_range(0, 7 * DAY_S)),
            _c("source", T, ck.text(16, required=True)),
            _c("end_reason", T, ck.text(24), nullable=True),
            _c("manual_kind", T, ck.text(16), nullable=True),
            _c("seat", T, ck.text(8), nullable=True),
            _c("deleted_at", DT, ck.moment, nullable=True),
        ),
        key=("started_at",),
        row_check=ck.bout_row,
    ),
    Kind(
        "break_prompts",
        (
            _c("fired_at", DT, ck.moment),
            _c("bout_seconds", INT, ck.in_range(0, 7 * DAY_S)),
            _c("response", T, ck.text(16), nullable=True),
            _c("responded_at", DT, ck.moment, nullable=True),
            _c("seconds_stood", INT, ck.in_range(0, DAY_S)),
            _c("snoozes", INT, ck.in_range(0, 1000)),
            _c("deferrals", INT, ck.in_range(0, 1000)),
            _c("skip_reason", T, _NOTE),
        ),
        key=("fired_at",),
    ),
    Kind(
        "prompt_deferrals",
        (
            _c("deferred_at", DT, ck.moment),
            _c("reason", T, ck.text(16, required=True)),
            _c("prompt_fired_at", DT, ck.moment, nullable=True),
        ),
        key=("deferred_at", "reason"),
    ),
    Kind(
        "stands",
        (
            _c("started_at", DT, ck.moment),
            _c("seconds", INT, ck.in_range(0, DAY_S)),
            _c("source", T, ck.text(16, required=True)),
            _c("ended_early", BOOL),
            _c("prompt_fired_at", DT, ck.moment, nullable=True),
        ),
        key=("started_at",),
    ),
    Kind(
        "away_periods",
        (
            _c("started_at", DT, ck.moment),
            # The app records any absence, however long (a 45-day suspend is one row).
            _c("seconds", INT, ck.in_range(0, MAX_AWAY_DAYS * DAY_S)),
            _c("answer", T, ck.text(16, required=True)),
            _c("cause", T, ck.text(16, required=True)),
        ),
        key=("started_at",),
    ),
    Kind(
        "measures",
        (
            _c("kind", T, ck.choice(k.value for k in STORED_KINDS)),
            _c("taken_on", DATE, ck.day),
            _c("value", FLOAT, ck.number(100.0), nullable=True),
            _c("reached_cap", BOOL),
            _c("left_reps", INT, ck.in_range(0, BRIDGE_MAX_REPS), nullable=True),
            _c("right_reps", INT, ck.in_range(0, BRIDGE_MAX_REPS), nullable=True),
            _c("painful_side", T, ck.choice(Side), nullable=True),
            _c("tempo_s", INT, ck.in_range(*TEMPO_RANGE), nullable=True),
            _c("note", T, ck.text(NOTE_MAX)),
            _c("created_at", DT, ck.moment, nullable=True),
        ),
        key=("kind", "taken_on"),
        row_check=ck.measure_row,
    ),
    Kind(
        "verdicts",
        (
            _c("load_day", DATE),
            _c("next_morning", DATE),
            _c("next_morning_pain", INT, nullable=True),
            _c("baseline", INT, nullable=True),
            _c("verdict", T),
            _c("mode", T),
            _c("reason", T, nullable=True),
            _c("pain_during_over_ceiling", BOOL),
            _c("week_rose", BOOL),
        ),
        key=("load_day",),
        export_only=True,
    ),
)

KINDS_BY_NAME: Final[Mapping[str, Kind]] = {k.name: k for k in KINDS}
IMPORT_KINDS: Final[tuple[Kind, ...]] = tuple(k for k in KINDS if not k.export_only)
