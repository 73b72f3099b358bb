"""File ▸ Import… runs off the UI thread, can be cancelled, and shows its summary (issue 12).

The file is read and validated once on a worker; the UI thread goes on handling events
(a timer keeps firing) while a big import runs; Cancel writes nothing; a finished import
says what it added. No test waits on a modal exec(): the dialogs are non-modal or
window-modal and shown with show()/open().
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pht_desktop.services.data import DataService
from pht_desktop.services.registry import Services
from pht_desktop.store.db import open_database
from pht_desktop.ui.data_menu import DataActions, add_data_actions
from tests.data.helpers import data_service, fake_clock, table_counts
from tests.qt_input import click

BIG_ROWS = 40_000


def _export_of(folder: Path, template: Path, bouts: int) -> Path:
    """An export holding ``bouts`` sitting bouts (written straight into a source file)."""
    folder.mkdir()
    database = folder / "source.sqlite3"
    database.write_bytes(template.read_bytes())
    start = datetime(2024, 1, 1)  # the store's naive UTC
    conn = sqlite3.connect(database)
    conn.executemany(
        "INSERT INTO sitting_bouts (started_at, ended_at, seconds, source) "
        "VALUES (?, ?, 200, 'computer')",
        (
            (
                str(start + timedelta(minutes=5 * n)),
                str(start + timedelta(minutes=5 * n, seconds=200)),
            )
            for n in range(bouts)
        ),
    )
    conn.commit()
    conn.close()
    source = DataService(open_database(database), fake_clock(), database)
    try:
        return source.export_zip(folder / "export.zip")
    finally:
        source.engine.dispose()


@pytest.fixture
def big_export(tmp_path: Path, template_db: Path) -> Path:
    return _export_of(tmp_path / "big", template_db, BIG_ROWS)


@pytest.fixture
def actions(qtbot: QtBot, services: Services) -> DataActions:
    parent = QWidget()
    qtbot.addWidget(parent)
    return add_data_actions(QMenu(parent), data_service(services), parent)


def _last_message(actions: DataActions) -> QMessageBox:
    box = actions.open_dialogs[-1]
    assert isinstance(box, QMessageBox)
    return box


def test_the_ui_thread_keeps_handling_events_during_a_big_import(
    qtbot: QtBot, actions: DataActions, big_export: Path, db_path: Path
) -> None:
    values: list[int] = []  # the bar's value, looked at on every tick of a UI timer
    timer = QTimer()
    timer.setInterval(10)
    with qtbot.waitSignal(actions.importer.finished, timeout=300_000) as done:
        dialog = actions.import_from(big_export)
        assert actions.importer.running  # import_from returned at once: the worker reads
        assert dialog.isVisible()
        timer.timeout.connect(lambda: values.append(dialog.value()))
        timer.start()
    timer.stop()
    assert len(values) >= 5  # the event loop ran while the worker read and checked
    assert any(0 < v < 1000 for v in values)  # the bar moved along the way
    report = done.args[0]
    assert report.ok, report.lines()
    assert report.counts["sitting_bouts"].new == BIG_ROWS
    assert table_counts(db_path)["sitting_bouts"] == BIG_ROWS
    assert not dialog.isVisible()


def test_cancel_writes_nothing(
    qtbot: QtBot, actions: DataActions, big_export: Path, db_path: Path
) -> None:
    before = table_counts(db_path)
    with qtbot.waitSignal(actions.importer.finished, timeout=300_000) as done:
        dialog = actions.import_from(big_export)
        qtbot.waitUntil(lambda: dialog.value() > 0, timeout=300_000)  # well under way
        (button,) = dialog.findChildren(QPushButton)
        assert button.text() == "Cancel"
        click(qtbot, button)
    assert done.args == [None]
    assert table_counts(db_path) == before
    assert _last_message(actions).text() == "Import cancelled: nothing was written."
    assert not actions.importer.running


def test_a_finished_import_shows_its_summary(
    qtbot: QtBot, actions: DataActions, tmp_path: Path, template_db: Path, db_path: Path
) -> None:
    small = _export_of(tmp_path / "small", template_db, 3)
    with qtbot.waitSignal(actions.importer.finished, timeout=60_000):
        actions.import_from(small)
    box = _last_message(actions)
    assert box.text().splitlines() == ["Imported:", "  sitting_bouts: 3 new, 0 already there"]
    assert box.icon() is QMessageBox.Icon.Information
    with qtbot.waitSignal(actions.importer.finished, timeout=60_000):
        actions.import_from(small)  # again: nothing new
    assert "3 already there" in _last_message(actions).text()
    assert table_counts(db_path)["sitting_bouts"] == 3


def test_a_refused_file_lists_its_problems_and_writes_nothing(
    qtbot: QtBot, actions: DataActions, tmp_path: Path, db_path: Path
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip at all")
    before = table_counts(db_path)
    with qtbot.waitSignal(actions.importer.finished, timeout=60_000) as done:
        actions.import_from(bad)
    assert not done.args[0].ok
    box = _last_message(actions)
    assert box.text().startswith("Nothing was imported: 1 problem(s) found.")
    assert box.icon() is QMessageBox.Icon.Warning
    assert table_counts(db_path) == before
