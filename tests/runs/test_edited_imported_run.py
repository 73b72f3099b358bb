"""Editing an imported run's minutes or distance (issue 14): the average pace follows the
typed numbers, the file's best km is no longer shown as the run's, the flags stay as the
user left them, and the history, the export and the report all say the same."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.run_figures import FileMeasures, run_figures
from pht_desktop.services import report
from pht_desktop.services.registry import Services
from pht_desktop.ui.exercises_pane import ExercisesPane
from pht_desktop.ui.history_model import COLUMNS, LOAD_COLUMN
from pht_desktop.ui.run_form import RunForm
from tests.data.helpers import export_document, fresh_services, import_document
from tests.qt_input import click, shown, type_text
from tests.runs import runfiles as rf

TIP = Qt.ItemDataRole.ToolTipRole
DOSE_COLUMN = COLUMNS.index("Dose")
DAY = datetime(2026, 2, 24, 7, 0, tzinfo=UTC)  # the conftest clock is 2026-03-02
ROUTE = [*rf.INTERVAL_LEGS, rf.Leg(23, rf.pace(6))]
"""The interval session (fast) and 23 s more: 44:23 moving, not a whole number of minutes."""


def _import(services: Services) -> int:
    outcome = services.run_import.import_files([("reps.fit", rf.fit_bytes(rf.points(DAY, ROUTE)))])
    [run] = services.exercises.runs()
    assert [o.status for o in outcome.outcomes] == ["imported"]
    assert (run.duration_s, run.speed, run.best_km_s is not None) == (2663, True, True)
    return run.id


def _history(
    pane: ExercisesPane, column: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole
) -> object:
    return pane.history.model.index(0, column).data(role)


def _edit(qtbot: QtBot, pane: ExercisesPane) -> RunForm:
    pane.history.select_row(0)
    click(qtbot, pane.history.edit_button)
    assert pane.right.currentWidget() is pane.runs
    return pane.runs


def _type_into(qtbot: QtBot, spin: object, text: str) -> None:
    spin.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, spin, text)  # type: ignore[arg-type]


def test_editing_an_imported_runs_distance_in_the_form(qtbot: QtBot, services: Services) -> None:
    run_id = _import(services)
    before = services.exercises.run(run_id)
    pane = shown(qtbot, ExercisesPane(services), (1100, 900))
    tip = str(_history(pane, LOAD_COLUMN, TIP))
    assert tip.startswith("Pace 5:28 /km, best km 4:51 /km\nfast: ")
    assert tip.endswith("\nFrom reps.fit")

    form = _edit(qtbot, pane)
    assert (form.duration.value(), round(form.distance.value(), 2)) == (
        44,
        round(before.distance_km or 0, 2),
    )
    click(qtbot, form.save_button)  # saved untouched: the file's exact numbers stay
    same = services.exercises.run(run_id)
    assert (same.duration_s, same.distance_km) == (2663, before.distance_km)
    assert str(_history(pane, LOAD_COLUMN, TIP)) == tip

    form = _edit(qtbot, pane)
    _type_into(qtbot, form.distance, "9")
    click(qtbot, form.save_button)

    edited = services.exercises.run(run_id)
    assert (edited.duration_s, edited.distance_km, edited.speed) == (2663, 9.0, True)
    assert (edited.file_moving_s, edited.file_distance_km) == (2663, before.distance_km)
    assert edited.best_km_s == before.best_km_s  # kept, as the file's
    assert _history(pane, DOSE_COLUMN) == "44 min 23 s, 9 km, 0 m up"
    assert _history(pane, LOAD_COLUMN) == "continuous, fast, FIT file"  # the flag kept
    tip = str(_history(pane, LOAD_COLUMN, TIP))
    first, *rest = tip.splitlines()
    assert first == "Pace 4:56 /km (your minutes and distance)"  # 2663 s / 9 km
    assert rest[0].startswith("The file said: fast: ")
    assert rest[1].startswith("Edited by you; reps.fit measured 44 min, ")
    assert "best km" in rest[1]

    form = _edit(qtbot, pane)  # the file's distance typed back: its best km comes back
    _type_into(qtbot, form.distance, f"{before.distance_km:.2f}")
    click(qtbot, form.save_button)
    back = services.exercises.run(run_id)
    assert back.distance_km == before.distance_km
    assert not back.figures.edited
    assert "best km" in str(_history(pane, LOAD_COLUMN, TIP)).splitlines()[0]


def test_history_export_and_report_agree_on_an_edited_run(
    services: Services, tmp_path: Path, template_db: Path, clock: FakeClock
) -> None:
    run_id = _import(services)
    draft = services.exercises.run(run_id).as_draft()
    services.exercises.update_run(run_id, dataclasses.replace(draft, duration_s=50 * 60))
    run = services.exercises.run(run_id)
    assert run.figures.edited
    assert run.figures.best_km_s is None

    document = export_document(services)
    [row] = document["tables"]["runs"]
    file = FileMeasures(row["file_moving_s"], row["file_distance_km"], row["best_km_s"])
    assert run_figures(row["duration_s"], row["distance_km"], file) == run.figures

    fresh = fresh_services(tmp_path, template_db, clock, "fresh")
    try:
        archive = services.data.export_zip(tmp_path / "export.zip", "json")
        assert fresh.data.import_file(archive).ok
        [again] = fresh.exercises.history()
        [mine] = services.exercises.history()
        assert (again.dose, again.load, again.detail) == (mine.dose, mine.load, mine.detail)
    finally:
        fresh.close()

    start, end = report.default_range(services)
    section = report.load_day_section(report.gather_report(services, start, end))
    [dose] = [row[1].text for row in section.rows]
    assert dose.startswith("Run 50 min, ")  # the typed minutes, as the history's
    assert mine.dose.startswith("50 min, ")


def test_an_imported_run_from_an_export_before_file_measures_is_not_edited(
    services: Services, tmp_path: Path, template_db: Path, clock: FakeClock
) -> None:
    """An export written before schema 0008 has no file measures: the run's numbers are
    taken for the file's (as the migration does), so its best km still shows."""
    _import(services)
    document = export_document(services)
    [row] = document["tables"]["runs"]
    del row["file_moving_s"], row["file_distance_km"]
    fresh, outcome = import_document(tmp_path, template_db, clock, document)
    try:
        assert outcome.ok
        [run] = fresh.exercises.runs()
        assert not run.figures.edited
        assert run.figures.best_km_s == row["best_km_s"]
    finally:
        fresh.close()


def test_the_same_activity_from_another_file_is_known_after_an_edit(services: Services) -> None:
    """The user corrected the distance by a fifth; the same run exported as GPX is still
    the same activity (compared with what the first file measured), not a second run."""
    run_id = _import(services)
    draft = services.exercises.run(run_id).as_draft()
    longer = (draft.distance_km or 0.0) * 1.2
    services.exercises.update_run(run_id, dataclasses.replace(draft, distance_km=longer))
    again = services.run_import.import_files([("strava.gpx", rf.gpx_bytes(rf.points(DAY, ROUTE)))])
    assert [o.status for o in again.outcomes] == ["duplicate"]
    assert len(services.exercises.runs()) == 1
