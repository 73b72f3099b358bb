"""One truth: Today, Progress, the report data and verdicts.csv give the same verdict for
every load day (R3.2, R3.6, R3.7), because all four judge one reader's inputs.

Histories go in through the services (sessions, baselines, test changes, the mode); a
morning on a test the history does not announce (as an import can hold) goes through
the store's own writer. Before issue 17 the export and Progress read only ``test_kind``,
so "Heel drop" and "Hop test" compared equal there and said *tolerated* where Today said
*unknown*.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import SessionDraft, SetEntry
from pht_desktop.domain.morning import BaselineMode, MorningEntry
from pht_desktop.services.registry import Services, build_services
from pht_desktop.services.report import gather_report, load_day_section
from pht_desktop.store import models, morning_repo
from tests.morning.helpers import _sessions

START = date(2026, 3, 2)
DAYS = 12
TESTS = ("sitting", "single_leg_bridge", "other:Heel drop", "other:Hop test")
NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)

Row = tuple[date, str, int | None, int | None, str | None]


def _four_ways(services: Services) -> dict[str, list[Row]]:
    """Each screen's (or file's) verdict per load day: day, outcome, pains, reason; the report
    as its table prints them."""
    today = [
        (v.day, v.outcome.value, v.next_morning_pain, v.reference, v.reason)
        for v in services.morning.verdicts()
    ]
    services.progress.refresh()
    progress = [
        (v.day, v.outcome.value, v.next_morning_pain, v.reference, v.reason)
        for v in services.progress.history().verdicts
    ]
    table = load_day_section(gather_report(services, date(2026, 1, 1), services.morning.today()))
    report = []
    for row in table.rows:  # the PDF's table, as the words it prints
        outcome, _sep, reason = row[5].text.partition(": ")
        report.append(
            (
                date.fromisoformat(row[0].text),
                outcome,
                _pain_cell(row[3].text),
                _pain_cell(row[4].text),
                reason or None,
            )
        )
    text = services.data.export_files("csv")["verdicts.csv"].decode("utf-8")
    export = [
        (
            date.fromisoformat(r["load_day"]),
            r["verdict"],
            int(r["next_morning_pain"]) if r["next_morning_pain"] else None,
            int(r["baseline"]) if r["baseline"] else None,
            r["reason"] or None,
        )
        for r in csv.DictReader(io.StringIO(text))
    ]
    return {"today": today, "progress": progress, "report": report, "export": export}


def _pain_cell(text: str) -> int | None:
    return None if text == "–" else int(text.removesuffix("/10"))


def _log(services: Services, day: date, pain_during: int | None = None) -> None:
    exercise = services.exercises.catalogue()[0]
    when = datetime.combine(day, time(18, 0), UTC)
    draft = SessionDraft(exercise.id, when, (SetEntry(5, 40, 120),), pain_during=pain_during)
    services.exercises.log_session(draft)


def _morning(services: Services, day: date, pain: int, test: str) -> None:
    """A reading on ``test`` whatever the test history says (as an import may hold)."""
    with _sessions(services).begin() as session:
        morning_repo.upsert_entry(session, MorningEntry(day, pain, test), NOW)


@pytest.fixture
def one_db(tmp_path: Path) -> Iterator[Services]:
    built = build_services(tmp_path / "truth.sqlite3", FakeClock(NOW))
    yield built
    built.close()


def test_two_other_tests_with_different_names_are_unknown_everywhere(one_db: Services) -> None:
    """R3.7: "Heel drop" then "Hop test" are two tests, on every screen and in the file."""
    services = one_db
    services.morning.set_test("other", "Heel drop", START)
    services.morning.set_baseline(3, START)
    _log(services, START + timedelta(days=1))
    _morning(services, START + timedelta(days=2), 2, "other:Hop test")
    _log(services, START + timedelta(days=3))
    _morning(services, START + timedelta(days=4), 2, "single_leg_bridge")  # no change row
    _log(services, START + timedelta(days=5))
    _morning(services, START + timedelta(days=6), 2, "other:Heel drop")
    ways = _four_ways(services)
    outcomes = [row[1] for row in ways["today"]]
    assert outcomes == ["unknown", "unknown", "tolerated"]
    assert ways["progress"] == ways["today"]
    assert ways["report"] == ways["today"]
    assert ways["export"] == ways["today"]


@dataclass(frozen=True)
class History:
    loads: dict[int, int | None]
    mornings: dict[int, tuple[int, str]]
    baselines: list[tuple[int, int]]
    tests: list[tuple[int, str]]
    mode: BaselineMode


histories = st.builds(
    History,
    loads=st.dictionaries(st.integers(0, DAYS), st.none() | st.integers(0, 10), max_size=8),
    mornings=st.dictionaries(
        st.integers(0, DAYS + 1), st.tuples(st.integers(0, 10), st.sampled_from(TESTS))
    ),
    baselines=st.lists(st.tuples(st.integers(0, DAYS), st.integers(0, 10)), max_size=3),
    tests=st.lists(st.tuples(st.integers(0, DAYS), st.sampled_from(TESTS)), max_size=3),
    mode=st.sampled_from(BaselineMode),
)


def _clear(services: Services) -> None:
    with _sessions(services).begin() as session:
        for model in (
            models.SessionSet,
            models.ExerciseSession,
            models.MorningPain,
            models.BaselineChange,
            models.TestChange,
            models.Setting,
        ):
            session.execute(delete(model))


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(history=histories)
def test_random_histories_give_one_verdict_on_every_screen(
    one_db: Services, history: History
) -> None:
    services = one_db
    _clear(services)
    for offset, test in history.tests:
        kind, _sep, name = test.partition(":")
        services.morning.set_test(kind, name, START + timedelta(days=offset))
    for offset, pain in history.baselines:
        services.morning.set_baseline(pain, START + timedelta(days=offset))
    for offset, during in history.loads.items():
        _log(services, START + timedelta(days=offset), during)
    for offset, (pain, test) in history.mornings.items():
        _morning(services, START + timedelta(days=offset), pain, test)
    services.morning.set_baseline_mode(history.mode)
    ways = _four_ways(services)
    assert len(ways["today"]) == len(history.loads)
    assert ways["progress"] == ways["today"]
    assert ways["report"] == ways["today"]
    assert ways["export"] == ways["today"]
