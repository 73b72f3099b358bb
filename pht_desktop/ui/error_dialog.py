"""A calm dialog for unexpected errors, with "Copy details" (never just vanish)."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pht_desktop.logs import redact
from pht_desktop.services.base import DiskFullError, ReadOnlyError

log = logging.getLogger("pht_desktop.crash")


class ErrorDialog(QMessageBox):
    def __init__(
        self, details: str, parent: QWidget | None = None, summary: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("PHT Desktop hit a problem"))
        self.setText(
            summary
            or self.tr(
                "Something went wrong. Your saved entries are safe; what you were typing may "
                "need to be entered again."
            )
        )
        self.setInformativeText(self.tr("The details are in the log file. You can keep working."))
        self.setDetailedText(details)
        self.details = details
        self.more = 0
        copy = self.addButton(self.tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(self.copy_details)
        self.addButton(QMessageBox.StandardButton.Close)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)

    def add_error(self, details: str) -> None:
        """Another error while this one is open: counted here, never a second window."""
        self.more += 1
        self.details += "\n" + details
        self.setDetailedText(self.details[-MAX_DETAILS:])
        self.setInformativeText(
            self.tr("%n more error(s) since. The details are in the log file.", "", self.more)
        )


MAX_DETAILS = 20_000
"""Characters of tracebacks the dialog keeps (the log has them all)."""
_open_dialogs: list[ErrorDialog] = []


def handle_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> None:
    """sys.excepthook: log the traceback, then show the dialog without blocking."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    # SQL parameters may hold notes and pain scores: never in the log or the dialog.
    details = redact("".join(traceback.format_exception(kind, value, tb)))
    log.error("unhandled exception\n%s", details)
    if QApplication.instance() is None:
        sys.__excepthook__(kind, value, tb)
        return
    if _open_dialogs:  # one crash dialog at a time: a burst of errors is one window
        _open_dialogs[0].add_error(details)
        return
    # A write refused for a reason the user can act on (a full disk) says that reason.
    summary = value.message if isinstance(value, (DiskFullError, ReadOnlyError)) else None
    dialog = ErrorDialog(details, summary=summary)
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _r: _open_dialogs.remove(dialog))
    dialog.open()


def install_excepthook() -> None:
    sys.excepthook = handle_exception
