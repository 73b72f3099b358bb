"""Shown when the database cannot be opened: say what is wrong, offer a way out.

Nothing is overwritten or "repaired" here: restoring asks first, and the damaged
file itself is kept as a backup by the restore function passed in. The dialog gets
its data through callables (no store imports in ui), so tests pass fakes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.services.data import BackupInfo
from pht_desktop.ui import ask

ListBackups = Callable[[], Sequence[BackupInfo]]
Restore = Callable[[Path], object]


class BackupList(QListWidget):
    """The backups, newest first; the path of each is kept on its item."""

    def __init__(self, list_backups: ListBackups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._list_backups = list_backups
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        for info in self._list_backups():
            item = QListWidgetItem(info.label)
            item.setToolTip(str(info.path))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def selected_path(self) -> Path | None:
        item = self.currentItem()
        return None if item is None else Path(str(item.data(Qt.ItemDataRole.UserRole)))


def confirm_restore(
    parent: QWidget, path: Path, restore: Restore, report: Callable[[bool, str], None]
) -> None:
    """Ask, then restore; ``report(ok, sentence)`` says what happened."""

    def answered(yes: bool) -> None:
        if not yes:
            return
        try:
            restore(path)
        except Exception as error:
            report(
                False,
                QCoreApplication.translate("RecoveryDialog", "Restore failed: {error}").format(
                    error=getattr(error, "message", error)
                ),
            )
            return
        report(
            True,
            QCoreApplication.translate(
                "RecoveryDialog", "Restored {name}; the data before it is kept in the backups."
            ).format(name=path.name),
        )

    ask.ask(
        parent,
        QCoreApplication.translate("RecoveryDialog", "Restore backup"),
        QCoreApplication.translate(
            "RecoveryDialog",
            "Replace the current data with the backup {name}? The current data is kept "
            "as a backup first.",
        ).format(name=path.name),
        answered,
    )


class RestorePicker(QDialog):
    """A non-modal list of backups with Restore and Cancel (File → Restore backup…).

    ``on_done(ok, sentence)`` hears what happened (``ok`` False: the restore failed).
    """

    def __init__(
        self,
        list_backups: ListBackups,
        restore: Restore,
        on_done: Callable[[bool, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self._restore = restore
        self._on_done = on_done
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Choose a backup. The current database is backed up first, so a restore "
                    "can itself be undone."
                )
            )
        )
        self.backups = BackupList(list_backups, self)
        layout.addWidget(self.backups)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setEnabled(self.backups.count() > 0)
        self.restore_button.clicked.connect(self.confirm)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)

    def confirm(self) -> None:
        path = self.backups.selected_path()
        if path is not None:
            confirm_restore(self, path, self._restore, self._finished)

    def _finished(self, ok: bool, sentence: str) -> None:
        self._on_done(ok, sentence)
        if ok:
            self.accept()


class RecoveryDialog(QDialog):
    """Non-modal: the app connects the signals and shows it with ``show()``."""

    restored = Signal(Path)
    other_folder_chosen = Signal(Path)
    quit_requested = Signal()

    def __init__(
        self,
        message: str,
        list_backups: ListBackups,
        restore: Restore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PHT Desktop cannot open your data"))
        self._restore = restore
        self._folder_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Nothing has been changed. You can restore a backup (the current file is "
                    "kept), open another data folder, or quit."
                )
            )
        )
        self.backups = BackupList(list_backups, self)
        layout.addWidget(self.backups)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("Restore from backup…"))
        self.restore_button.setEnabled(self.backups.count() > 0)
        self.restore_button.clicked.connect(self.restore_selected)
        self.other_button = QPushButton(self.tr("Open another data folder…"))
        self.other_button.clicked.connect(self.choose_folder)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.clicked.connect(self.quit_requested.emit)
        for button in (self.restore_button, self.other_button, self.quit_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        if not self.backups.count():
            self.status.setText(self.tr("There are no backups in this data folder."))

    def restore_selected(self) -> None:
        path = self.backups.selected_path()
        if path is not None:
            confirm_restore(
                self, path, self._restore, lambda ok, text: self._finished(path, ok, text)
            )

    def _finished(self, path: Path, ok: bool, sentence: str) -> None:
        self.status.setText(sentence)
        if ok:
            self.restored.emit(path)

    def choose_folder(self) -> None:
        dialog = QFileDialog(self, self.tr("Open another data folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.fileSelected.connect(lambda name: self.other_folder_chosen.emit(Path(name)))
        self._folder_dialog = dialog
        dialog.open()
