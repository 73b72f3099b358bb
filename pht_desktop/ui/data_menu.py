"""File-menu actions for the user's data: Export…, Clinician report…, Import…, Restore backup….

Everything is non-blocking: file dialogs are opened with ``open()`` and answer through
signals, results appear in non-modal message boxes, and an import runs on a worker
behind a progress dialog that can be cancelled (:mod:`pht_desktop.ui.data_import`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from pht_desktop.services.data import DataService

if TYPE_CHECKING:
    from pht_desktop.services.registry import Services
    from pht_desktop.ui.data_import import ImportRunner
    from pht_desktop.ui.recovery_dialog import RestorePicker


class DataActions:
    """Owns the actions and the dialogs they open (so nothing is garbage collected).

    "Clinician report…" appears when ``services`` is given: the report reads progress,
    verdicts, history and sitting through them. Not a QObject: its text is translated
    with ``QCoreApplication.translate("DataActions", …)``.
    """

    def __init__(
        self, menu: QMenu, data: DataService, parent: QWidget, services: Services | None = None
    ) -> None:
        self.data = data
        self.parent = parent
        self.services = services
        self.open_dialogs: list[QDialog] = []
        self._file_dialogs: dict[str, QFileDialog] = {}
        self._importer: ImportRunner | None = None
        self.export_action = QAction(QCoreApplication.translate("DataActions", "Export…"), menu)
        self.report_action = QAction(
            QCoreApplication.translate("DataActions", "Clinician report…"), menu
        )
        self.report_action.triggered.connect(self.choose_report)
        self.import_action = QAction(QCoreApplication.translate("DataActions", "Import…"), menu)
        self.restore_action = QAction(
            QCoreApplication.translate("DataActions", "Restore backup…"), menu
        )
        self.export_action.triggered.connect(self.choose_export)
        self.import_action.triggered.connect(self.choose_import)
        self.restore_action.triggered.connect(self.choose_backup)
        actions = [self.export_action, self.import_action, self.restore_action]
        if services is not None:
            actions.insert(1, self.report_action)
        for action in actions:
            menu.addAction(action)

    def _keep(self, widget: QDialog) -> None:
        """Track a message or picker until it closes; it is deleted then (no leak per use)."""
        self.open_dialogs.append(widget)
        widget.finished.connect(lambda _r: self._forget(widget))

    def _forget(self, widget: QDialog) -> None:
        if widget in self.open_dialogs:
            self.open_dialogs.remove(widget)
            # Later, not now: the dialog may still be delivering the signal that closed it.
            QTimer.singleShot(0, widget.deleteLater)

    def _reused(self, key: str, build: Callable[[], QFileDialog]) -> QFileDialog:
        """One file dialog per purpose, built on first use and opened again after."""
        dialog = self._file_dialogs.get(key)
        if dialog is None:
            dialog = self._file_dialogs[key] = build()
        dialog.open()
        return dialog

    def tell(self, text: str, warning: bool = False) -> QMessageBox:
        """A non-modal message."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, "PHT Desktop", text, parent=self.parent)
        self._keep(box)
        box.open()
        return box

    def _told(self, ok: bool, text: str) -> None:
        self.tell(text, warning=not ok)

    def choose_export(self) -> QFileDialog:
        def build() -> QFileDialog:
            dialog = QFileDialog(
                self.parent,
                QCoreApplication.translate("DataActions", "Export your data"),
                "",
                QCoreApplication.translate("DataActions", "Zip archive (*.zip)"),
            )
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("zip")
            dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
            return dialog

        return self._reused("export", build)

    def export_to(self, path: Path, fmt: str = "csv") -> None:
        try:
            self.data.export_zip(path, "json" if fmt == "json" else "csv")
        except OSError as error:
            self.tell(self._could_not_write(path, error), warning=True)
            return
        self.tell(
            QCoreApplication.translate("DataActions", "Your data was exported to {path}.").format(
                path=path
            )
        )

    @staticmethod
    def _could_not_write(path: Path, error: OSError) -> str:
        return QCoreApplication.translate("DataActions", "Could not write {name}: {reason}").format(
            name=path.name, reason=error.strerror or error
        )

    def choose_report(self) -> QFileDialog:
        """Ask where to save the PDF (non-blocking); the last three months are reported."""
        name = f"pht-report-{self.data.today().isoformat()}.pdf"

        def build() -> QFileDialog:
            dialog = QFileDialog(
                self.parent,
                QCoreApplication.translate("DataActions", "Save the clinician report"),
                name,
                QCoreApplication.translate("DataActions", "PDF (*.pdf)"),
            )
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("pdf")
            dialog.fileSelected.connect(lambda chosen: self.report_to(Path(chosen)))
            return dialog

        dialog = self._reused("report", build)
        dialog.selectFile(name)  # today's name, also when the dialog is opened again
        return dialog

    def report_to(self, path: Path, start: date | None = None, end: date | None = None) -> None:
        """Write the report for ``start``..``end`` (default: three months to today)."""
        if self.services is None:
            return
        # matplotlib arrives only now, never at start-up.
        from pht_desktop.services.report import default_range
        from pht_desktop.ui.charts.report import build_report

        default_start, end = default_range(self.services, end)
        start = start or default_start
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = build_report(self.services, path, start, end)
        except OSError as error:
            self.tell(self._could_not_write(path, error), warning=True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.tell(
            QCoreApplication.translate(
                "DataActions",
                "The clinician report ({pages} pages, {start} to {end}) was saved to {path}.",
            ).format(pages=pages, start=start, end=end, path=path)
        )

    def choose_import(self) -> QFileDialog:
        def build() -> QFileDialog:
            dialog = QFileDialog(
                self.parent,
                QCoreApplication.translate("DataActions", "Import data"),
                "",
                QCoreApplication.translate("DataActions", "Exports (*.zip *.json)"),
            )
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.fileSelected.connect(lambda name: self.import_from(Path(name)))
            return dialog

        return self._reused("import", build)

    @property
    def importer(self) -> ImportRunner:
        """The import's worker and progress dialog, built at the first import (or the first
        look at it): a start that imports nothing loads none of it."""
        if self._importer is None:
            from pht_desktop.ui.data_import import ImportRunner

            self._importer = ImportRunner(self.data, self.parent, self.tell, self.services)
        return self._importer

    def import_from(self, path: Path) -> QProgressDialog:
        """Read, check and write ``path`` on a worker, behind a progress dialog that can
        be cancelled; the summary (or every problem) appears when it is done."""
        return self.importer.start(path)

    def choose_backup(self) -> RestorePicker:
        from pht_desktop.ui.recovery_dialog import RestorePicker

        picker = RestorePicker(
            self.data.list_backups,
            self.data.restore_backup,
            self._told,
            self.parent,
        )
        self._keep(picker)
        picker.show()
        return picker


def add_data_actions(
    menu: QMenu, data: DataService, parent: QWidget, services: Services | None = None
) -> DataActions:
    """Add Export…, (Clinician report…,) Import… and Restore backup… to ``menu``.

    Keep the returned object. The report action needs ``services``.
    """
    return DataActions(menu, data, parent, services)
