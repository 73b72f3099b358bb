"""A database at an older revision holding user data: the migration tests' one setup.

Every migration needs a test that upgrades a database holding data from the previous
head and keeps that data (docs/architecture.md). The data is plain SQL, because the ORM
models describe the newest schema, not the one at ``revision``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text

from pht_desktop.store import db, schema

Statement = str | tuple[str, Mapping[str, object]]
"""SQL, or SQL with its bound parameters."""

MORNING = (
    "INSERT INTO morning_pain (entry_date, pain, test_kind, test_name, recorded_at, note)"
    " VALUES ('2026-03-01', 3, 'bridge', 'Single-leg bridge', '2026-03-01 07:00:00', 'stiff')"
)
"""One morning entry (schema 0001 on)."""


def custom_exercise(
    exercise_id: int, name: str, stage: int, dose_type: str, how_to: str = ""
) -> Statement:
    """A user's own exercise row as schema 0001-0005 stores it (3 × 10, or 5 × 30 s holds)."""
    hold = 30 if dose_type == "hold" else None
    sets, reps = (5, 1) if dose_type == "hold" else (3, 10)
    return (
        "INSERT INTO exercises (id, slug, name, stage, how_to, dose_type, default_sets,"
        " default_reps, default_hold_s, default_rest_s, compressive, avoid_early, hsr,"
        " builtin, archived) VALUES (:id, NULL, :name, :stage, :how_to, :dose, :sets, :reps,"
        " :hold, 60, 0, 0, 0, 0, 0)",
        {
            "id": exercise_id,
            "name": name,
            "stage": stage,
            "how_to": how_to,
            "dose": dose_type,
            "sets": sets,
            "reps": reps,
            "hold": hold,
        },
    )


def logged_session(
    session_id: int, exercise_id: int, reps: int, hold_s: int | None
) -> list[Statement]:
    """One logged session (12.5 kg, RPE 6, pain during 2, "fine") with one set."""
    params = {"id": session_id, "ex": exercise_id, "reps": reps, "hold": hold_s}
    return [
        (
            "INSERT INTO exercise_sessions (id, exercise_id, performed_at, local_date,"
            " load_kind, load_kg, effort_kind, effort_value, pain_during, note, source,"
            " created_at) VALUES (:id, :ex, '2026-03-01 08:00:00', '2026-03-01', 'kg',"
            " 12.5, 'rpe', 6, 2, 'fine', 'form', '2026-03-01 08:05:00')",
            params,
        ),
        (
            "INSERT INTO session_sets (session_id, position, reps, hold_seconds, rest_seconds)"
            " VALUES (:id, 0, :reps, :hold, 60)",
            params,
        ),
    ]


def upgrade(path: Path, revision: str) -> None:
    """Migrate the database at ``path`` (created when missing) up to ``revision``."""
    _alembic(path, command.upgrade, revision)


def downgrade(path: Path, revision: str) -> None:
    _alembic(path, command.downgrade, revision)


def _alembic(path: Path, step: Callable[[Config, str], None], revision: str) -> None:
    engine = db.make_engine(path)
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config, revision)
    engine.dispose()


def execute(path: Path, statements: Sequence[Statement]) -> None:
    """Run ``statements`` in one transaction."""
    engine = db.make_engine(path)
    with engine.begin() as connection:
        for statement in statements:
            sql, params = (statement, {}) if isinstance(statement, str) else statement
            connection.execute(text(sql), dict(params))
    engine.dispose()


def database_at(path: Path, revision: str, statements: Sequence[Statement]) -> None:
    """A database as the app left it at ``revision``, holding ``statements``' data."""
    upgrade(path, revision)
    execute(path, statements)


def query(path: Path, sql: str, **params: object) -> list[tuple[object, ...]]:
    engine = db.make_engine(path)
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(text(sql), params).all()]
    engine.dispose()
    return rows
