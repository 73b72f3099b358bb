"""A shown Exercises pane over the test's services."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services
from pht_desktop.ui.exercises_pane import ExercisesPane


@pytest.fixture
def pane(qtbot: QtBot, services: Services) -> ExercisesPane:
    widget = ExercisesPane(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
