"""File ▸ Import… off the UI thread, with a progress dialog that can be cancelled (issue 12).

The file is read and validated once, on a one-thread ``QThreadPool`` worker, and written
in one transaction (the service stages the big kinds, then merges all of it at once).
The worker reports back only through the queued calls of a
:class:`~pht_desktop.services.background.BackgroundJobs` living on the GUI
thread: progress as the archive's bytes are read, then the report. Nothing polls and
nothing waits for the worker. Cancel stops the worker at its next step, or before its
commit: a cancelled import writes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from pht_desktop.services.background import BackgroundJobs
from pht_desktop.services.data import DataService, ImportCancelledError, ImportProgress

if TYPE_CHECKING:
    from pht_desktop.domain.interchange import ImportReport
    from pht_desktop.services.registry import Services

log = logging.getLogger(__name__)

STEPS: Final = 1000
"""The progress bar's resolution: a step is sent only when the bar would move."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataImport", text)


class ImportRunner(QObject):
    """Runs one import at a time in the background and tells ``on_report`` how it went."""

    #: The report on the GUI thread (None when the user cancelled).
    finished = Signal(object)

    def __init__(
        self,
        data: DataService,
        parent: QWidget,
        tell: Callable[[str, bool], object],
        services: Services | None = None,
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.window = parent
        self.services = services
        self._tell = tell
        self.jobs = BackgroundJobs(self)  # one thread: imports never overlap
        self.dialog: QProgressDialog | None = None
        self.token: ImportProgress | None = None
        self._shown_step = -1

    @property
    def running(self) -> bool:
        return self.token is not None

    def start(self, path: Path) -> QProgressDialog:
        """Import ``path`` in the background; the dialog shows how far it got."""
        if self.dialog is not None:
            return self.dialog  # one import at a time: the running one is shown
        self.token = ImportProgress(on_step=self._send_step)
        self._shown_step = -1
        dialog = QProgressDialog(
            _tr("Reading and checking {name}…").format(name=path.name),
            _tr("Cancel"),
            0,
            STEPS,
            self.window,
        )
        dialog.setWindowTitle(_tr("Import data"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        dialog.show()
        self.dialog = dialog
        data, token = self.data, self.token
        self.jobs.start(
            lambda: data.import_file(path, progress=token, notify=False),
            self._on_done,
            self._on_failed,
        )
        return dialog

    def cancel(self) -> None:
        """What the dialog's Cancel button does: the worker stops, nothing is written."""
        if self.token is not None:
            self.token.cancel()
        if self.dialog is not None:
            self.dialog.cancel()

    def _send_step(self, done: int, expected: int) -> None:
        """On the worker: tell the dialog only when its bar would move."""
        step = min(STEPS, done * STEPS // expected) if expected > 0 else 0
        if step != self._shown_step:
            self._shown_step = step
            self.jobs.post(self._on_progress, step)

    def _on_progress(self, step: int) -> None:
        if self.dialog is not None and not self.dialog.wasCanceled():
            self.dialog.setValue(step)

    def _close_dialog(self) -> None:
        dialog, self.dialog, self.token = self.dialog, None, None
        if dialog is not None:
            dialog.canceled.disconnect()
            dialog.close()
            dialog.deleteLater()

    def _on_failed(self, error: BaseException) -> None:
        """On the GUI thread: a cancel, or an error the user is told about."""
        self._close_dialog()
        if isinstance(error, ImportCancelledError):
            self._tell(_tr("Import cancelled: nothing was written."), False)
        else:
            log.error("import failed", exc_info=error)
            self._tell(_tr("The file could not be imported: {error}").format(error=error), True)
        self.finished.emit(None)

    def _on_done(self, result: ImportReport) -> None:
        self._close_dialog()
        if result.ok:
            self._refresh_views()
        self._tell("\n".join(result.lines()), not result.ok)
        self.finished.emit(result)

    def _refresh_views(self) -> None:
        """On the GUI thread: every view that shows imported kinds reads them again."""
        self.data.changed.emit()
        if self.services is None:
            return
        for service in (
            self.services.morning,
            self.services.profile,
            self.services.exercises,
            self.services.measures,
            self.services.breaks,
        ):
            service.changed.emit()
        self.services.progress.refresh()
