"""A stored row that today's limits would refuse is read as stored, never a bricked start.

The limits (0–500 kg, ...) guard what is entered now; a row written under other limits (an
older version, the ten-year demo before it levelled off, a repaired file) must not stop
every screen that reads the log, the Today pane at start-up first of all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pht_desktop.app import PhtApp
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import Load, LoadKind, SessionDraft, SetEntry
from pht_desktop.domain.measures import Measure, MeasureKind
from pht_desktop.domain.stored_values import as_stored
from pht_desktop.paths import AppPaths, ensure_private_dir
from pht_desktop.services.registry import Services, build_services
from tests.foundation.test_app import fake_desktop


@pytest.mark.parametrize(
    ("kind", "colour", "kg"),
    [
        (LoadKind.KG, None, 20.0),
        (LoadKind.KG, None, 0.0),
        (LoadKind.BAND, "green", None),
        (LoadKind.BODYWEIGHT, None, None),
    ],
)
def test_a_stored_load_within_the_limits_is_the_same_as_one_entered(
    kind: LoadKind, colour: str | None, kg: float | None
) -> None:
    assert as_stored(Load, kind=kind, band_colour=colour, kg=kg) == Load(kind, colour, kg)


def test_a_stored_load_past_the_limits_keeps_its_value_and_a_new_one_is_refused() -> None:
    stored = as_stored(Load, kind=LoadKind.KG, kg=927.5)
    assert (stored.kind, stored.kg, stored.label) == (LoadKind.KG, 927.5, "927.5 kg")
    with pytest.raises(ValidationError, match="500"):
        Load.weight(927.5)


def test_a_session_stored_past_the_limits_still_lets_the_app_start(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, clock: FakeClock
) -> None:
    paths = AppPaths(tmp_path / "data", tmp_path / "logs")
    ensure_private_dir(paths.data_dir)
    services = build_services(paths.database, clock)
    exercise = next(e for e in services.exercises.catalogue() if e.stage == 2)
    draft = SessionDraft(exercise.id, clock.now(), (SetEntry(10, None, 120),), Load.weight(100))
    services.exercises.log_session(draft)
    services.close()
    with sqlite3.connect(paths.database) as other:  # past the domain, as an old version did
        other.execute("UPDATE exercise_sessions SET load_kg = 600")
        other.execute("UPDATE session_sets SET reps = 999")  # past REPS_RANGE too
    # The start builds Today (the plan reads the whole log); it raised ValidationError.
    started = PhtApp(qapp, paths, clock, desktop=fake_desktop())
    qtbot.addWidget(started.window)
    qtbot.waitUntil(lambda: started.is_started, timeout=5000)
    logged = started.services.exercises.sessions()
    assert [(s.load.label, s.sets[0].reps) for s in logged] == [("600 kg", 999)]
    assert [row.load for row in started.services.exercises.history()] == ["600 kg"]
    assert started.window.today.plan.plan is not None  # the plan was built from that log
    started.tick_timer.stop()
    started.services.close()


def test_a_measure_stored_past_the_limits_is_read_as_stored(services: Services) -> None:
    """The measures due line on Today reads every measure: a note longer than today's
    500 characters (an older version) must not stop it."""
    services.measures.record(Measure(MeasureKind.SITTING, services.morning.today(), value=30))
    with sqlite3.connect(services.database_path) as other:
        other.execute("UPDATE measures SET note = ?", ("x" * 800,))
    [stored] = services.measures.measures()
    assert (stored.value, len(stored.note)) == (30, 800)
    services.measures.due_line()  # Today's line is built from it (this raised before)
