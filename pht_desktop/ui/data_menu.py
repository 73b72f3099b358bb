"""File-menu actions for the user's data: Export…, Import…, Restore backup….

Everything is non-blocking: file dialogs are opened with ``open()`` and answer through
signals, results appear in non-modal message boxes, and questions go through
:mod:`pht_desktop.ui.ask` (which tests answer directly).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from pht_desktop.services.data import DataService
from pht_desktop.ui import ask
from pht_desktop.ui.recovery_dialog import RestorePicker


class DataActions:
    """Owns the actions and the dialogs they open (so nothing is garbage collected)."""

    def __init__(self, menu: QMenu, data: DataService, parent: QWidget) -> None:
        self.data = data
        self.parent = parent
        self.open_dialogs: list[QDialog] = []
        self.export_action = QAction("Export…", menu)
        self.import_action = QAction("Import…", menu)
        self.restore_action = QAction("Restore backup…", menu)
        self.export_action.triggered.connect(self.choose_export)
        self.import_action.triggered.connect(self.choose_import)
        self.restore_action.triggered.connect(self.choose_backup)
        for action in (self.export_action, self.import_action, self.restore_action):
            menu.addAction(action)

    def _keep(self, widget: QDialog) -> None:
        self.open_dialogs.append(widget)
        widget.finished.connect(lambda _r: self._forget(widget))

    def _forget(self, widget: QDialog) -> None:
        if widget in self.open_dialogs:
            self.open_dialogs.remove(widget)

    def tell(self, text: str, warning: bool = False) -> QMessageBox:
        """A non-modal message."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, "PHT Desktop", text, parent=self.parent)
        self._keep(box)
        box.open()
        return box

    def _told(self, text: str) -> None:
        self.tell(text, warning=text.startswith("Restore failed"))

    def choose_export(self) -> QFileDialog:
        dialog = QFileDialog(self.parent, "Export your data", "", "Zip archive (*.zip)")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("zip")
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        self._keep(dialog)
        dialog.open()
        return dialog

    def export_to(self, path: Path, fmt: str = "csv") -> None:
        try:
            self.data.export_zip(path, "json" if fmt == "json" else "csv")
        except OSError as error:
            self.tell(f"Could not write {path.name}: {error.strerror or error}", warning=True)
            return
        self.tell(f"Your data was exported to {path}.")

    def choose_import(self) -> QFileDialog:
        dialog = QFileDialog(self.parent, "Import data", "", "Exports (*.zip *.json)")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.import_from(Path(name)))
        self._keep(dialog)
        dialog.open()
        return dialog

    def import_from(self, path: Path) -> None:
        """Dry run first; import only after the user has seen what would change."""
        preview = self.data.import_file(path, dry_run=True)
        if not preview.ok:
            self.tell("\n".join(preview.lines()), warning=True)
            return

        def answered(yes: bool) -> None:
            if yes:
                report = self.data.import_file(path)
                self.tell("\n".join(report.lines()), warning=not report.ok)

        ask.ask(self.parent, "Import data", "\n".join([*preview.lines(), "", "Import?"]), answered)

    def choose_backup(self) -> RestorePicker:
        picker = RestorePicker(
            self.data.list_backups,
            self.data.restore_backup,
            self._told,
            self.parent,
        )
        self._keep(picker)
        picker.show()
        return picker


def add_data_actions(menu: QMenu, data: DataService, parent: QWidget) -> DataActions:
    """Add Export…, Import… and Restore backup… to ``menu``; keep the returned object."""
    return DataActions(menu, data, parent)
