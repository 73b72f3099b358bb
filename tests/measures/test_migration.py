"""The measures migration (issue 15) upgrades a database holding data and keeps it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from pht_desktop.domain.measures import Measure, MeasureKind
from pht_desktop.store import db, measures_repo, schema
from tests.migrations import MORNING, database_at

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MEASURES_REVISION = "0003"
"""The revision that creates the ``measures`` table."""


def _previous() -> str:
    script = ScriptDirectory.from_config(schema.alembic_config())
    down = script.get_revision(MEASURES_REVISION).down_revision
    assert isinstance(down, str)
    return down


RUN = (
    "INSERT INTO runs (performed_at, local_date, duration_s, distance_km, style, hills,"
    " speed, pain_during, note, created_at) VALUES ('2026-03-01 18:00:00', '2026-03-01',"
    " 1200, 3.1, 'run_walk', 0, 0, 2, 'easy', '2026-03-01 18:30:00')"
)


def test_upgrade_keeps_data_and_adds_a_working_measures_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    database_at(path, _previous(), [MORNING, RUN])
    assert db.current_revision(path) == _previous()

    sessions = db.open_database(path)
    try:
        assert db.current_revision(path) == schema.SCHEMA_HEAD
        with sessions.begin() as session:
            pain = session.execute(text("SELECT pain, note FROM morning_pain")).one()
            assert tuple(pain) == (3, "stiff")
            runs = measures_repo.run_items(session)
            assert [(r.day, r.seconds, r.pain_during) for r in runs] == [
                (date(2026, 3, 1), 1200, 2)
            ]
            sit = Measure(MeasureKind.SITTING, date(2026, 3, 1), value=12.5)
            measures_repo.add_measure(session, sit, NOW)
        with sessions() as session:
            assert [m.value for m in measures_repo.list_measures(session)] == [12.5]
    finally:
        sessions.kw["bind"].dispose()


def test_one_live_entry_per_kind_and_date_but_a_deleted_one_may_share_it(tmp_path: Path) -> None:
    sessions = db.open_database(tmp_path / "new.sqlite3")
    day = date(2026, 3, 1)
    try:
        with sessions.begin() as session:
            first = measures_repo.add_measure(
                session, Measure(MeasureKind.VISA_H, day, value=50), NOW
            )
            measures_repo.set_deleted(session, first, NOW)
            measures_repo.add_measure(session, Measure(MeasureKind.VISA_H, day, value=55), NOW)
        with pytest.raises(IntegrityError), sessions.begin() as session:
            measures_repo.add_measure(session, Measure(MeasureKind.VISA_H, day, value=60), NOW)
    finally:
        sessions.kw["bind"].dispose()
