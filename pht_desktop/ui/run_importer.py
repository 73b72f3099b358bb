"""The run import's working half (issue 14): imports off the GUI thread with their report,
and the watched folder. Built on first use by :mod:`pht_desktop.ui.run_import`, so the
run-file readers load with the first import, not at start-up.

Reading and parsing run files is slow (a long FIT file takes a fraction of a second), so
every import runs on a one-thread ``QThreadPool`` (imports never overlap) and its report
comes back by a queued signal to the GUI thread, which then emits the service's
``changed`` so the history, charts and verdicts refresh. Each file gets one line in the
report; a run that matches one typed by hand is offered for merging through
:mod:`pht_desktop.ui.ask` (never doubled, never merged without a yes).

The watched folder (Settings ▸ Runs) — and its ``activities`` sub-folder, where a
Strava bulk export keeps the files — is read when the app starts, when the setting
changes, and — debounced, because a sync tool writes many files at once — whenever its
content changes (``QFileSystemWatcher``). A file is read again only when its size or
modification time changed, so a refused file is reported once, not on every change; a
refused file is itself watched, so one still being written is read again when it grows.
The watched folder shows only the files that need the user, and a merge the user
declined is not asked again.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from pht_desktop.domain.run_file_names import SUFFIXES
from pht_desktop.services.background import BackgroundJobs
from pht_desktop.services.run_import import RunImportService, run_files_in, run_folders
from pht_desktop.services.run_import_report import PendingMerge, RunImportReport
from pht_desktop.services.run_settings import RunSettingsService
from pht_desktop.ui import ask

log = logging.getLogger(__name__)

WATCH_DEBOUNCE_MS: Final = 2000
"""A sync tool writes a batch of files over a second or two: scan once it is quiet."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("RunImport", text)


class RunImporter(QObject):
    """Starts imports off the GUI thread and tells the user what became of each file."""

    #: (report, watched) on the GUI thread, after the service's ``changed``.
    finished = Signal(object, bool)

    def __init__(self, service: RunImportService, parent: QWidget) -> None:
        super().__init__(parent)
        self.service = service
        self.window = parent
        self.jobs = BackgroundJobs(self)  # one thread: imports never overlap
        self.running = 0
        self.last_report: RunImportReport | None = None
        self.open_boxes: list[QMessageBox] = []

    def import_paths(self, paths: Sequence[Path], watched: bool = False) -> None:
        """Import ``paths`` in the background (the report arrives as :attr:`finished`)."""
        chosen = [Path(p) for p in paths]
        if not chosen:
            return
        self.running += 1

        def work() -> RunImportReport:
            return self.service.import_paths(chosen, watched=watched, notify=False)

        self.jobs.start(work, lambda report: self._on_done(report, watched), self._on_failed)

    def _on_failed(self, error: BaseException) -> None:
        """On the GUI thread: the import broke; said, never lost in a worker."""
        self.running -= 1
        log.error("run import failed", exc_info=error)
        self._show(_tr("The runs could not be imported: {error}").format(error=error), True)

    def _on_done(self, result: RunImportReport, watched: bool) -> None:
        self.running -= 1
        self.last_report = result
        if result.written:
            self.service.changed.emit()  # on the GUI thread: every view refreshes
        self._tell(result, watched)
        self.finished.emit(result, watched)
        for pending in result.pending:
            self._offer_merge(pending)

    def _tell(self, report: RunImportReport, watched: bool) -> None:
        summary = _tr("Runs: {summary}").format(summary=report.summary())
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(summary, 15000)
        if watched and report.ok and not report.pending:
            return  # the watched folder speaks up only when something needs the user
        lines = report.attention_lines() if watched else report.lines()
        self._show("\n".join(lines), not report.ok)

    def _show(self, text: str, warning: bool) -> None:
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, _tr("Import runs"), text, parent=self.window)
        self.open_boxes.append(box)
        box.finished.connect(lambda _r: self.open_boxes.remove(box))
        box.open()

    def _offer_merge(self, pending: PendingMerge) -> None:
        def answered(yes: bool) -> None:
            if not yes:
                self.service.settings.decline(pending.run.sha256)  # the folder won't ask again
                self._status(
                    _tr("{name}: not imported (kept your typed run).").format(
                        name=pending.run.file_name
                    )
                )
                return
            outcome = self.service.merge(pending)
            self._status(outcome.line)

        ask.ask(self.window, _tr("Merge runs?"), pending.question, answered)

    def _status(self, text: str) -> None:
        if isinstance(self.window, QMainWindow):
            self.window.statusBar().showMessage(text, 15000)

    # --- File ▸ Import runs… ------------------------------------------------------------
    def choose_files(self) -> QFileDialog:
        patterns = " ".join(f"*{s}" for s in SUFFIXES)
        dialog = QFileDialog(
            self.window,
            _tr("Import runs"),
            "",
            _tr("Run files ({patterns})").format(patterns=patterns),
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda names: self.import_paths([Path(n) for n in names]))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog


class RunFolderWatcher(QObject):
    """Imports new run files from the folder set in Settings ▸ Runs (issue 14)."""

    def __init__(
        self,
        importer: RunImporter,
        settings: RunSettingsService,
        debounce_ms: int = WATCH_DEBOUNCE_MS,
    ) -> None:
        super().__init__(importer)
        self.importer = importer
        self.settings = settings
        self.folder: Path | None = None
        self._seen: dict[str, tuple[int, int]] = {}
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        # A file still being written when it was read is refused as cut short; a file
        # that grows in place fires no directoryChanged, so refused files are watched
        # themselves and read again once they change (F6).
        self.watcher.fileChanged.connect(self._changed)
        importer.finished.connect(self._watch_refused)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms)
        self.debounce.timeout.connect(self.scan)

    def reload(self) -> None:
        """Follow the setting: a new folder is watched and read at once."""
        folder = self.settings.watch_folder()
        if folder == self.folder:
            return
        watched_now = self.watcher.directories() + self.watcher.files()
        if watched_now:
            self.watcher.removePaths(watched_now)
        self.folder = folder
        self._seen.clear()
        if folder is None:
            return
        if not folder.is_dir():
            log.warning("watched run folder %s is not there", folder)
            return
        self.watcher.addPaths([str(p) for p in run_folders(folder)])
        self.scan()

    def _changed(self, _path: str) -> None:
        self.debounce.start()

    def _watch_refused(self, report: object, watched: bool) -> None:
        if not watched or not isinstance(report, RunImportReport) or self.folder is None:
            return
        refused = {o.name for o in report.outcomes if o.status == "refused"}
        paths = [str(p) for p in run_files_in(self.folder) if p.name in refused]
        if paths:
            self.watcher.addPaths(paths)

    def scan(self) -> list[Path]:
        """Import the folder's run files that are new or changed since last seen."""
        if self.folder is None:
            return []
        fresh: list[Path] = []
        for path in run_files_in(self.folder):
            try:
                info = os.lstat(path)
            except OSError:
                continue
            stamp = (info.st_size, info.st_mtime_ns)
            if self._seen.get(str(path)) != stamp:
                self._seen[str(path)] = stamp
                fresh.append(path)
        self.importer.import_paths(fresh, watched=True)
        return fresh
