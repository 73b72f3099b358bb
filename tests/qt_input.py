"""Real mouse and keyboard input for widget tests (pytest-qt's helpers are untyped,
so they are wrapped once here for every test package)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

W = TypeVar("W", bound=QWidget)


def shown(qtbot: QtBot, widget: W, size: tuple[int, int] | None = None) -> W:
    """Hand ``widget`` to qtbot (closed after the test), show it and wait until it is
    on screen, as a user would see it."""
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot: QtBot, widget: QWidget) -> None:
    """A real left click."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    """One real key press."""
    qtbot.keyClick(widget, key)  # type: ignore[no-untyped-call]


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Real key presses into a widget."""
    qtbot.keyClicks(widget, text)  # type: ignore[no-untyped-call]
