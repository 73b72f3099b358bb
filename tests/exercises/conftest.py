"""A shown Exercises pane over the test's services."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.services.registry import Services
from pht_desktop.ui.exercises_pane import ExercisesPane
from tests.qt_input import shown


@pytest.fixture
def pane(qtbot: QtBot, services: Services) -> ExercisesPane:
    widget = shown(qtbot, ExercisesPane(services), (1100, 900))
    return widget
