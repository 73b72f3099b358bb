"""Keyboard helpers for the desktop tests: keys go where the focus really is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.qt_input import press


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Show ``window`` and make it the active one, as a user's click would."""
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()


def focused() -> QWidget:
    """The widget that has the keyboard now."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press_focused(qtbot: QtBot, key: Qt.Key) -> QWidget:
    """One key press delivered to whatever has the focus; returns that widget."""
    widget = focused()
    press(qtbot, widget, key)
    return widget


def chord(qtbot: QtBot, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A key with modifiers (Ctrl+M), as the user types it."""
    qtbot.keyClick(widget, key, modifiers)  # type: ignore[no-untyped-call]
