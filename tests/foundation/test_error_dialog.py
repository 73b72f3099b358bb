"""An unhandled error is logged and shown in a non-blocking dialog."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pht_desktop.ui import error_dialog


def test_excepthook_logs_and_shows_dialog(qtbot: QtBot, caplog: pytest.LogCaptureFixture) -> None:
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        kind, value, tb = sys.exc_info()
    assert kind is not None
    assert value is not None
    with caplog.at_level(logging.ERROR, logger="pht_desktop.crash"):
        error_dialog.handle_exception(kind, value, tb)
    assert "boom in a slot" in caplog.text
    dialog = error_dialog._open_dialogs[-1]
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert "RuntimeError: boom in a slot" in dialog.details
    dialog.copy_details()
    assert "boom in a slot" in QApplication.clipboard().text()
    dialog.done(0)
    assert dialog not in error_dialog._open_dialogs


def test_a_burst_of_errors_opens_one_dialog(qtbot: QtBot) -> None:
    """Nothing limits how many errors a broken slot raises; one window says so."""
    for number in range(5):
        try:
            raise ValueError(f"error {number}")
        except ValueError:
            kind, value, tb = sys.exc_info()
        assert kind is not None
        assert value is not None
        error_dialog.handle_exception(kind, value, tb)
    assert len(error_dialog._open_dialogs) == 1
    dialog = error_dialog._open_dialogs[0]
    qtbot.addWidget(dialog)
    assert dialog.more == 4
    assert "error 4" in dialog.details
    assert "4 more error" in dialog.informativeText()
    dialog.done(0)
    assert error_dialog._open_dialogs == []


def test_a_full_disk_met_outside_a_form_says_so(qtbot: QtBot) -> None:
    """Issue 12: a write that no form catches (a break logged by the controller) still
    tells the user the disk is full, not only "something went wrong"."""
    from pht_desktop.services.base import DISK_FULL_MESSAGE, DiskFullError

    error_dialog.handle_exception(DiskFullError, DiskFullError(), None)
    dialog = error_dialog._open_dialogs[-1]
    qtbot.addWidget(dialog)
    assert dialog.text() == DISK_FULL_MESSAGE
    dialog.done(0)
