"""Dropping run files on the window, File ▸ Import runs…, and the watched folder (issue 14)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pht_desktop.domain.exercise import RunDraft
from pht_desktop.services.registry import Services
from pht_desktop.ui.history_model import LOAD_COLUMN
from pht_desktop.ui.main_window import MainWindow
from pht_desktop.ui.run_import import RunImportUi, install_run_import
from tests.conftest import Answers
from tests.qt_input import shown
from tests.runs import runfiles as rf

DAY1 = datetime(2026, 2, 24, 7, 0, tzinfo=UTC)  # the conftest clock is 2026-03-02


def _window(qtbot: QtBot, services: Services, qsettings: object) -> tuple[MainWindow, RunImportUi]:
    window = shown(qtbot, MainWindow(services, qsettings))  # type: ignore[arg-type]
    return window, install_run_import(window, services)


def _drop(qtbot: QtBot, ui: RunImportUi, window: MainWindow, paths: list[Path]) -> object:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    where = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        where.toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        where,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(ui.importer.finished, timeout=20000) as blocker:
        QApplication.sendEvent(window, drop)
    assert drop.isAccepted()
    return blocker.args[0]


def _run_rows(window: MainWindow) -> list[list[str]]:
    model = window.exercises_pane.history.model
    rows = []
    for row in range(model.rowCount()):
        cells = [model.index(row, c).data() for c in range(model.columnCount())]
        if cells[1] == "Run":
            rows.append(cells)
    return rows


def test_dropping_two_files_imports_them_with_their_flags(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    window, ui = _window(qtbot, services, qsettings)
    window.show_pane("Exercises")
    assert _run_rows(window) == []
    hills = tmp_path / "hills.gpx"
    hills.write_bytes(rf.gpx_bytes(rf.hilly(DAY1)))
    reps = tmp_path / "intervals.fit"
    reps.write_bytes(rf.fit_bytes(rf.intervals(DAY1 + timedelta(days=2))))

    report = _drop(qtbot, ui, window, [hills, reps])

    assert [o.status for o in report.outcomes] == ["imported", "imported"]  # type: ignore[attr-defined]
    rows = _run_rows(window)  # newest first
    assert [row[LOAD_COLUMN] for row in rows] == [
        "continuous, fast, FIT file",
        "continuous, hilly, GPX file",
    ]
    model = window.exercises_pane.history.model
    tip = model.index(1, LOAD_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert "climbed" in tip
    assert "best km" in tip
    assert "From hills.gpx" in tip
    assert "imported" in window.statusBar().currentMessage()
    # Stage 1: the R2.4 note comes with the report
    box = ui.importer.open_boxes[-1]
    assert "comes last" in box.text()


def test_a_duplicate_drop_adds_nothing_and_says_so(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    window, ui = _window(qtbot, services, qsettings)
    run = tmp_path / "easy.fit"
    run.write_bytes(rf.fit_bytes(rf.flat_easy(DAY1)))
    copy = tmp_path / "easy-export.gpx"
    copy.write_bytes(rf.gpx_bytes(rf.flat_easy(DAY1)))  # the same run, another format
    _drop(qtbot, ui, window, [run])
    assert len(services.exercises.runs()) == 1

    report = _drop(qtbot, ui, window, [run, copy])

    assert [o.status for o in report.outcomes] == ["duplicate", "duplicate"]  # type: ignore[attr-defined]
    assert len(services.exercises.runs()) == 1
    text = ui.importer.open_boxes[-1].text()
    assert "easy.fit: already imported" in text
    assert "easy-export.gpx: the same run as one already imported (easy.fit)" in text
    assert "0 imported, 2 already there." in window.statusBar().currentMessage()


def test_a_typed_run_is_merged_only_after_a_yes(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path, answers: Answers
) -> None:
    services.exercises.log_run(RunDraft(DAY1 + timedelta(hours=2), 1800, 5.0, pain_during=1))
    window, ui = _window(qtbot, services, qsettings)
    watch = tmp_path / "watch.tcx"
    watch.write_bytes(rf.tcx_bytes(rf.flat_easy(DAY1)))

    answers.reply = False
    _drop(qtbot, ui, window, [watch])
    assert "looks like the run you typed" in answers.asked[-1]
    assert [r.source for r in services.exercises.runs()] == ["manual"]

    answers.reply = True
    _drop(qtbot, ui, window, [watch])
    runs = services.exercises.runs()
    assert [(r.source, r.pain_during) for r in runs] == [("tcx", 1)]
    assert "merged" in window.statusBar().currentMessage()


def test_drops_that_are_not_run_files_are_ignored(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    window, _ui = _window(qtbot, services, qsettings)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_file_menu_offers_import_runs(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    window, ui = _window(qtbot, services, qsettings)
    assert ui.action in window.file_menu.actions()
    run = tmp_path / "a.fit"
    run.write_bytes(rf.fit_bytes(rf.flat_easy(DAY1)))
    dialog = ui.importer.choose_files()
    with qtbot.waitSignal(ui.importer.finished, timeout=20000):
        dialog.filesSelected.emit([str(run)])
    assert len(services.exercises.runs()) == 1
    dialog.reject()


def test_the_watched_folder_is_read_at_start_and_on_change(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "first.fit").write_bytes(rf.fit_bytes(rf.flat_easy(DAY1)))
    (folder / "ride.fit").write_bytes(rf.fit_bytes(rf.ride(DAY1 + timedelta(hours=5)), "cycling"))
    (folder / "notes.txt").write_text("not a run")
    _shown, ui = _window(qtbot, services, qsettings)
    ui.watcher.debounce.setInterval(10)

    with qtbot.waitSignal(ui.importer.finished, timeout=20000) as blocker:
        services.run_settings.set_watch_folder(folder)  # the setting changes: read at once
    assert blocker.args[1] is True  # watched
    assert [r.source_name for r in services.exercises.runs()] == ["first.fit"]
    assert not ui.importer.open_boxes  # a skipped ride needs nobody's attention

    with qtbot.waitSignal(ui.importer.finished, timeout=20000) as blocker:
        (folder / "second.gpx").write_bytes(rf.gpx_bytes(rf.hilly(DAY1 + timedelta(days=1))))
    report = blocker.args[0]
    assert [o.name for o in report.outcomes] == ["second.gpx"]  # only what is new
    assert len(services.exercises.runs()) == 2

    with qtbot.waitSignal(ui.importer.finished, timeout=20000):
        (folder / "cut.fit").write_bytes(b"\x0e\x20")
    box = ui.importer.open_boxes[-1]
    assert isinstance(box, QMessageBox)
    assert "cut.fit" in box.text()  # a refused file is said, once


def test_runs_settings_show_thresholds_and_keep_margin_and_folder(
    qtbot: QtBot, services: Services, tmp_path: Path
) -> None:
    from pht_desktop.ui.run_settings_form import RunSettingsForm

    form = shown(qtbot, RunSettingsForm(services.run_settings))
    assert "10 m climbed per km" in form.thresholds.text()
    assert form.margin.value() == 15
    form.margin.setValue(20)
    assert services.run_settings.fast_margin() == 20
    form.set_folder(tmp_path)
    assert services.run_settings.watch_folder() == tmp_path
    assert form.folder.text() == str(tmp_path)
    form.set_folder(tmp_path / "missing")
    assert "not a folder" in form.error.text()
    form.stop.click()
    assert services.run_settings.watch_folder() is None


def test_the_watched_folder_shows_only_what_needs_the_user_and_counts_the_rest(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    """F6: a folder of many runs and one damaged file says one line, not one per file."""
    folder = tmp_path / "export"
    inner = folder / "activities"  # a Strava bulk export keeps its files one level down
    inner.mkdir(parents=True)
    for n in range(5):
        (inner / f"run{n}.fit").write_bytes(rf.fit_bytes(rf.flat_easy(DAY1 - timedelta(days=n))))
    (inner / "damaged.fit").write_bytes(b"\x0e\x20")
    _shown, ui = _window(qtbot, services, qsettings)
    with qtbot.waitSignal(ui.importer.finished, timeout=30000):
        services.run_settings.set_watch_folder(folder)
    assert len(services.exercises.runs()) == 5
    text = ui.importer.open_boxes[-1].text()
    assert "damaged.fit" in text
    assert "run0.fit" not in text  # the imported ones are a count
    assert "5 other files needed nothing from you" in text

    ui.watcher.folder = None  # as at the next start: the folder is read again
    with qtbot.waitSignal(ui.importer.finished, timeout=30000) as blocker:
        ui.watcher.reload()
    assert blocker.args[0].count("duplicate") == 5
    text = ui.importer.open_boxes[-1].text()
    assert "already imported" not in text
    assert "damaged.fit" in text


def test_a_declined_merge_is_not_asked_again_by_the_watched_folder(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path, answers: Answers
) -> None:
    services.exercises.log_run(RunDraft(DAY1 + timedelta(hours=12), 1800, 5.0))
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "watch.fit").write_bytes(rf.fit_bytes(rf.flat_easy(DAY1)))
    _shown, ui = _window(qtbot, services, qsettings)
    answers.reply = False
    with qtbot.waitSignal(ui.importer.finished, timeout=20000):
        services.run_settings.set_watch_folder(folder)
    assert len(answers.asked) == 1
    assert len(services.run_settings.declined()) == 1

    ui.watcher.folder = None  # as at the next start
    with qtbot.waitSignal(ui.importer.finished, timeout=20000) as blocker:
        ui.watcher.reload()
    assert len(answers.asked) == 1  # not asked again
    assert "not asked again" in blocker.args[0].outcomes[0].message
    assert [r.source for r in services.exercises.runs()] == ["manual"]
    # an explicit import (File ▸ Import runs…, a drop) still asks
    report = services.run_import.import_paths([folder / "watch.fit"])
    assert [o.status for o in report.outcomes] == ["matches"]


def test_a_refused_file_still_being_written_is_read_again_when_it_grows(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    """F6 addendum: a file that grows in place fires no directoryChanged; the refused
    file itself is watched, so once the sync tool finishes it is imported."""
    folder = tmp_path / "watch"
    folder.mkdir()
    whole = rf.fit_bytes(rf.flat_easy(DAY1))
    growing = folder / "syncing.fit"
    growing.write_bytes(whole[:400])
    _shown, ui = _window(qtbot, services, qsettings)
    ui.watcher.debounce.setInterval(10)
    with qtbot.waitSignal(ui.importer.finished, timeout=20000) as blocker:
        services.run_settings.set_watch_folder(folder)
    assert [o.status for o in blocker.args[0].outcomes] == ["refused"]
    assert str(growing) in ui.watcher.watcher.files()

    with (
        qtbot.waitSignal(ui.importer.finished, timeout=20000) as blocker,
        growing.open("ab") as handle,  # the rest arrives, in the same file
    ):
        handle.write(whole[400:])
    assert [o.status for o in blocker.args[0].outcomes] == ["imported"]
    assert [r.source_name for r in services.exercises.runs()] == ["syncing.fit"]


def test_a_folder_set_before_the_start_is_read_at_start(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    """Issue 16: the importer is built on first need; a watched folder at start is one."""
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "first.fit").write_bytes(rf.fit_bytes(rf.flat_easy(DAY1)))
    services.run_settings.set_watch_folder(folder)

    _shown, ui = _window(qtbot, services, qsettings)

    assert ui.watcher.folder == folder
    qtbot.waitUntil(lambda: len(services.exercises.runs()) == 1, timeout=20000)
    assert [r.source_name for r in services.exercises.runs()] == ["first.fit"]


def test_without_a_watched_folder_the_start_builds_no_importer(
    qtbot: QtBot, services: Services, qsettings: object, tmp_path: Path
) -> None:
    """Issue 16: no folder, no drop, no menu: nothing of the run import is built."""
    _shown, ui = _window(qtbot, services, qsettings)
    assert "importer" not in vars(ui)
    assert "watcher" not in vars(ui)
    assert "run_import" not in vars(services)
    ui.action.trigger()  # File ▸ Import runs… builds it
    assert "importer" in vars(ui)
    assert "run_import" in vars(services)
    for dialog in ui.window.findChildren(QFileDialog):
        dialog.reject()
