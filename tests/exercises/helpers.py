"""Small shared helpers for the exercise tests."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services


def exercise_id(services: Services, slug: str) -> int:
    """The database id of a built-in exercise."""
    for info in services.exercises.catalogue(include_archived=True):
        if info.slug == slug:
            return info.id
    raise KeyError(slug)


def click(qtbot: QtBot, widget: QWidget) -> None:
    """A real left click (pytest-qt's mouseClick is untyped, so wrap it once)."""
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[no-untyped-call]


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Real key presses into a widget."""
    qtbot.keyClicks(widget, text)  # type: ignore[no-untyped-call]


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """pytest-qt's model checks (typed wrapper)."""
    tester.check(model)  # type: ignore[no-untyped-call]
