"""Shared by the data tests: a DataService on a fixture database, hypothesis rows."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.interchange import ImportReport
from pht_desktop.services.data import DataService
from pht_desktop.services.registry import Services, build_services
from pht_desktop.store import models as m


def data_service(services: Services) -> DataService:
    return DataService(sessionmaker(services.engine), services.clock, services.database_path)


def add_morning(data: DataService, day: date, pain: int) -> None:
    """One morning written straight through the service's session (no validation)."""
    with data._write() as session:
        session.add(
            m.MorningPain(entry_date=day, pain=pain, test_kind="sitting", recorded_at=data.now())
        )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_counts(path: Path) -> dict[str, int]:
    """Row counts per table, read with a plain connection that is closed again."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EPOCH = datetime(2025, 1, 1, tzinfo=UTC)

# Text as the app stores it: stripped, no control characters but tab/newline inside.
_chars = st.characters(
    codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\x00"
) | st.sampled_from("=+-@'\t\n,\"")
text = st.text(_chars, max_size=20).map(str.strip).filter(lambda t: "\r" not in t)
required_text = text.filter(bool)


def moments() -> st.SearchStrategy[datetime]:
    return st.integers(0, 400 * 24 * 3600).map(lambda s: EPOCH + timedelta(seconds=s))


def days() -> st.SearchStrategy[date]:
    return st.integers(0, 400).map(lambda d: date(2025, 1, 1) + timedelta(days=d))


@st.composite
def database_rows(draw: st.DrawFn) -> list[object]:
    """ORM rows with unique natural keys, valid by the domain rules."""
    rows: list[object] = []
    for day in draw(st.sets(days(), max_size=5)):
        rows.append(
            m.MorningPain(
                entry_date=day,
                pain=draw(st.integers(0, 10)),
                test_kind=draw(st.sampled_from(["sitting", "single_leg_bridge"])),
                test_name=draw(text),
                recorded_at=draw(moments()),
                note=draw(text),
            )
        )
    for day, pain in draw(st.sets(st.tuples(days(), st.integers(0, 10)), max_size=3)):
        rows.append(
            m.BaselineChange(
                effective_date=day, pain=pain, source="manual", created_at=draw(moments())
            )
        )
    for day, stage in draw(st.sets(st.tuples(days(), st.integers(1, 5)), max_size=3)):
        rows.append(m.StageChange(effective_date=day, stage=stage, note=draw(text), created_at=NOW))
    customs = [
        m.Exercise(
            name=draw(required_text),
            stage=2,
            dose_type="reps",
            how_to=draw(text),
            default_sets=3,
            default_reps=10,
            default_rest_s=90,
            builtin=False,
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    rows += customs
    exercise = st.sampled_from(customs) if customs else st.none()
    for moment in draw(st.sets(moments(), max_size=4)):
        chosen = draw(exercise)
        kg = draw(st.none() | st.floats(0, 500, allow_nan=False))
        session = m.ExerciseSession(
            performed_at=moment,
            local_date=moment.date(),
            load_kind="bodyweight" if kg is None else "kg",
            load_kg=kg,
            effort_kind="rpe",
            effort_value=draw(st.none() | st.integers(1, 10)),
            pain_during=draw(st.none() | st.integers(0, 10)),
            note=draw(text),
            source="form",
            created_at=moment,
        )
        if chosen is None:
            session.exercise_id = 1  # the first built-in exercise
        else:
            session.exercise = chosen
        session.sets = [
            m.SessionSet(position=i, reps=draw(st.integers(1, 20)), hold_seconds=None)
            for i in range(draw(st.integers(1, 3)))
        ]
        rows.append(session)
    prompts = []
    for moment in draw(st.sets(moments(), max_size=3)):
        prompt = m.BreakPrompt(
            fired_at=moment,
            bout_seconds=draw(st.integers(0, 7200)),
            response=draw(st.sampled_from([None, "stood", "snoozed", "skipped"])),
            skip_reason=draw(text),
        )
        prompts.append(prompt)
        rows.append(prompt)
    for prompt in prompts[:1]:
        stand = m.Stand(
            started_at=prompt.fired_at + timedelta(seconds=5), seconds=180, source="prompt"
        )
        stand.link = prompt  # type: ignore[attr-defined]  # resolved in fill()
        rows.append(stand)
    for moment in draw(st.sets(moments(), max_size=3)):
        rows.append(
            m.SittingBout(started_at=moment, seconds=draw(st.integers(0, 9000)), source="computer")
        )
    for moment in draw(st.sets(moments(), max_size=2)):
        rows.append(
            m.Run(
                performed_at=moment,
                local_date=moment.date(),
                duration_s=draw(st.integers(1, 3600)),
                distance_km=draw(st.none() | st.floats(0, 200, allow_nan=False)),
                note=draw(text),
                created_at=moment,
            )
        )
    for kind, day in draw(
        st.sets(
            st.tuples(st.sampled_from(["sitting_tolerance", "bridge", "visa_h"]), days()),
            max_size=4,
        )
    ):
        rows.append(measure_row(draw, kind, day))
    if draw(st.booleans()):
        rows.append(m.Setting(key="baseline_mode", value='"pre_load"'))
    return rows


def measure_row(draw: st.DrawFn, kind: str, day: date) -> m.MeasureEntry:
    """A valid outcome measure of ``kind`` (issue 15); the others' columns stay empty."""
    row = m.MeasureEntry(kind=kind, taken_on=day, note=draw(text), created_at=draw(moments()))
    if kind == "sitting_tolerance":
        row.reached_cap = draw(st.booleans())
        row.value = 30.0 if row.reached_cap else draw(st.integers(0, 299)) / 10
    elif kind == "visa_h":
        row.value = float(draw(st.integers(0, 100)))
    else:
        row.left_reps = draw(st.integers(1, 200))
        row.right_reps = draw(st.integers(0, 200))
        row.painful_side = draw(st.sampled_from(["left", "right", "both"]))
        row.tempo_s = draw(st.integers(1, 6))
    return row


def fill(sessions: sessionmaker[Session], rows: list[object]) -> None:
    with sessions.begin() as session:
        session.add_all(rows)
        session.flush()
        for row in rows:
            if isinstance(row, m.Stand) and hasattr(row, "link"):
                row.prompt_id = row.link.id


def fake_clock() -> FakeClock:
    return FakeClock(NOW)


def fresh_services(tmp_path: Path, template_db: Path, clock: FakeClock, name: str) -> Services:
    """A second, empty data folder beside the test's own: where an export is imported."""
    path = tmp_path / name / "pht-desktop.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template_db, path)
    return build_services(path, clock)


def export_document(services: Services) -> Any:
    """Everything in ``services`` as the JSON export's document, for a test to edit."""
    return json.loads(services.data.export_files("json")["data.json"])


def import_document(
    tmp_path: Path, template_db: Path, clock: FakeClock, document: object
) -> tuple[Services, ImportReport]:
    """A JSON export (as edited by the test) imported into a fresh folder; close it after."""
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document))
    fresh = fresh_services(tmp_path, template_db, clock, "other")
    return fresh, fresh.data.import_file(path)
