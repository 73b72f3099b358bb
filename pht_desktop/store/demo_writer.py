"""Write a demo story into an empty database: Core ``insert()`` executemany, one transaction.

Row ids are given explicitly (the tables are empty), so sets and stands can point at
their session or prompt without a round trip per row. A database that already holds
anything the user recorded is refused: demo data must never mix with real data.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, exists, insert, select

from pht_desktop.domain.demo_story import DemoStory
from pht_desktop.store.models import (
    AwayPeriod,
    Base,
    BaselineChange,
    BreakPrompt,
    Exercise,
    ExerciseSession,
    MeasureEntry,
    MorningPain,
    PathologyStageChange,
    Run,
    SessionSet,
    SittingBout,
    StageChange,
    Stand,
    TestChange,
)
from pht_desktop.store.progress_repo import MANUAL_SOURCE

USER_DATA_TABLES: tuple[type[Base], ...] = (
    MorningPain,
    BaselineChange,
    TestChange,
    StageChange,
    PathologyStageChange,
    ExerciseSession,
    Run,
    SittingBout,
    BreakPrompt,
    Stand,
    AwayPeriod,
    MeasureEntry,
)
DEMO_SOURCE = "demo"


class DemoRefusedError(Exception):
    """The database already holds user data; ``message`` says so in plain words."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def holds_user_data(connection: Connection) -> bool:
    """Anything recorded by a user: a row in a history table, or an exercise of their own."""
    for model in USER_DATA_TABLES:
        table = model.__table__
        if connection.scalar(select(exists().select_from(table))):
            return True
    own = select(exists().where(Exercise.builtin.is_(False)))
    return bool(connection.scalar(own))


def write_story(engine: Engine, story: DemoStory, now: datetime) -> dict[str, int]:
    """Insert every record of ``story``; returns the story's counts.

    Raises :class:`DemoRefusedError` when the database is not empty, or when the
    exercise catalogue lacks a slug the story uses.
    """
    created = now.astimezone(UTC)
    with engine.begin() as connection:
        if holds_user_data(connection):
            raise DemoRefusedError(
                "This data folder already holds your own records; demo data is only "
                "written into a new, empty data folder."
            )
        slugs = dict(
            connection.execute(
                select(Exercise.slug, Exercise.id).where(Exercise.slug.is_not(None))
            ).all()
        )
        missing = {s.exercise_slug for s in story.sessions} - set(slugs)
        if missing:
            raise DemoRefusedError(f"The exercise catalogue lacks {', '.join(sorted(missing))}.")
        _insert(connection, StageChange, _stage_rows(story, created))
        _insert(connection, TestChange, _test_rows(story, created))
        _insert(connection, BaselineChange, _baseline_rows(story, created))
        _insert(connection, MorningPain, _morning_rows(story, created))
        sessions, sets = _session_rows(story, slugs, created)
        _insert(connection, ExerciseSession, sessions)
        _insert(connection, SessionSet, sets)
        _insert(connection, Run, _run_rows(story, created))
        _insert(connection, SittingBout, _bout_rows(story))
        _insert(connection, BreakPrompt, _prompt_rows(story))
        _insert(connection, Stand, _stand_rows(story))
        _insert(connection, MeasureEntry, _measure_rows(story, created))
    return story.counts()


def _insert(connection: Connection, model: type[Base], rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(model), rows)


def _measure_rows(story: DemoStory, created: datetime) -> list[dict[str, Any]]:
    return [
        {
            "kind": m.kind.value,
            "taken_on": m.day,
            "value": m.value,
            "reached_cap": m.reached_cap,
            "left_reps": m.left_reps,
            "right_reps": m.right_reps,
            "painful_side": None if m.painful_side is None else m.painful_side.value,
            "tempo_s": m.tempo_s,
            "note": "",
            "created_at": created,
            "deleted_at": None,
        }
        for m in story.measures
    ]


def _stage_rows(story: DemoStory, created: datetime) -> list[dict[str, Any]]:
    return [
        {
            "effective_date": s.effective_date,
            "stage": s.stage,
            "note": s.note,
            "created_at": created,
        }
        for s in story.stages
    ]


def _test_rows(story: DemoStory, created: datetime) -> list[dict[str, Any]]:
    return [
        {
            "effective_date": t.effective_date,
            "test_kind": t.test,
            "test_name": "",
            "created_at": created,
        }
        for t in story.tests
    ]


def _baseline_rows(story: DemoStory, created: datetime) -> list[dict[str, Any]]:
    return [
        {"effective_date": b.effective_date, "pain": b.pain, "source": src, "created_at": created}
        for b, src in story.baselines
    ]


def _morning_rows(story: DemoStory, created: datetime) -> list[dict[str, Any]]:
    return [
        {
            "entry_date": m.day,
            "pain": m.pain,
            "test_kind": m.test,
            "test_name": "",
            "recorded_at": created,
            "note": "",
        }
        for m in story.mornings
    ]


def _session_rows(
    story: DemoStory, slugs: dict[str | None, int], created: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sessions: list[dict[str, Any]] = []
    sets: list[dict[str, Any]] = []
    for session_id, s in enumerate(story.sessions, start=1):
        sessions.append(
            {
                "id": session_id,
                "exercise_id": slugs[s.exercise_slug],
                "performed_at": s.performed_at,
                "local_date": s.day,
                "load_kind": s.load_kind,
                "band_colour": s.band_colour,
                "load_kg": s.load_kg,
                "effort_kind": "rpe",
                "effort_value": s.effort,
                "pain_during": s.pain_during,
                "note": "",
                "source": DEMO_SOURCE,
                "created_at": created,
                "deleted_at": None,
            }
        )
        sets += [
            {
                "session_id": session_id,
                "position": position,
                "reps": one.reps,
                "hold_seconds": one.hold_seconds,
                "rest_seconds": one.rest_seconds,
            }
            for position, one in enumerate(s.sets, start=1)
        ]
    return sessions, sets


def _run_rows(story: DemoStory, created: datetime) -> list[dict[str, Any]]:
    return [
        {
            "performed_at": r.performed_at,
            "local_date": r.day,
            "duration_s": r.duration_s,
            "distance_km": r.distance_km,
            "style": r.style,
            "hills": False,
            "speed": False,
            "pain_during": r.pain_during,
            "note": "",
            "created_at": created,
            "deleted_at": None,
        }
        for r in story.runs
    ]


def _bout_rows(story: DemoStory) -> list[dict[str, Any]]:
    return [
        {
            "started_at": b.started_at,
            "ended_at": b.started_at + timedelta(seconds=b.seconds),
            "seconds": b.seconds,
            "source": MANUAL_SOURCE if b.manual_kind else "computer",
            "end_reason": b.end_reason,
            "manual_kind": b.manual_kind,
            "seat": b.seat,
            "deleted_at": None,
        }
        for b in story.bouts
    ]


def _prompt_rows(story: DemoStory) -> list[dict[str, Any]]:
    return [
        {
            "id": prompt_id,
            "fired_at": p.fired_at,
            "bout_seconds": p.bout_seconds,
            "response": p.response,
            "responded_at": p.responded_at,
            "seconds_stood": p.seconds_stood,
            "snoozes": p.snoozes,
            "deferrals": 0,
            "skip_reason": "",
        }
        for prompt_id, p in enumerate(story.prompts, start=1)
    ]


def _stand_rows(story: DemoStory) -> list[dict[str, Any]]:
    return [
        {
            "started_at": s.started_at,
            "seconds": s.seconds,
            "source": s.source,
            "ended_early": False,
            "prompt_id": None if s.prompt_index is None else s.prompt_index + 1,
        }
        for s in story.stands
    ]
